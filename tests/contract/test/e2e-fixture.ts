import { readFileSync } from "node:fs";

/** One response Stack Auth's end-to-end tests recorded (tests/contract/test/e2e-responses.json). */
export interface E2eResponse {
  /** The test file (under the fixture's `directory`) and line of the snapshot. */
  readonly source: string;
  /** `GET /teams/{team_id}`, an operation of the spec of its access type. */
  readonly operation: string;
  readonly access: "client" | "server";
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The `x-stack-known-error` header it came with. */
  readonly knownError?: string;
  /** Only the body was recorded: `knownError` is the code of a `{ code, error }` 4xx body. */
  readonly knownErrorFromBody?: true;
  readonly mediaType: "application/json" | "text/plain";
  readonly body: unknown;
  /** Values the snapshot had stripped, restored to stand-ins of their type. */
  readonly placeholders?: readonly { pointer: string; was: string }[];
}

/** A webhook Stack Auth's end-to-end tests recorded it sending, as Svix stored it. */
export interface E2eWebhook {
  /** The test file (under the fixture's `directory`) and line of the snapshot. */
  readonly source: string;
  /** `user.created`, …: a webhook of the server spec. */
  readonly event: string;
  /** The JSON body POSTed to the endpoint: `{ type, data }`. */
  readonly body: unknown;
  /** Values the snapshot had stripped, restored to stand-ins of their type. */
  readonly placeholders?: readonly { pointer: string; was: string }[];
}

/** The responses of tests/contract/test/e2e-responses.json, and where they come from. */
export interface E2eFixture {
  /** The upstream repository, commit and directory the snapshots were read from. */
  readonly repository: string;
  readonly commit: string;
  readonly directory: string;
  /** What the extraction read: files, snapshots, those matched, and why the others were skipped. */
  readonly counts: {
    readonly files: number;
    readonly snapshots: number;
    readonly matched: number;
    readonly webhooks: number;
    readonly skipped: Readonly<Record<string, number>>;
  };
  readonly responses: readonly E2eResponse[];
  readonly webhooks: readonly E2eWebhook[];
}

/** The recorded responses, as scripts/extract-e2e-responses.mjs wrote them. */
export const e2eFixture = JSON.parse(
  readFileSync(new URL("./e2e-responses.json", import.meta.url), "utf8"),
) as E2eFixture;
