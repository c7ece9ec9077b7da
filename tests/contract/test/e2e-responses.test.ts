// Real responses: every response Stack Auth's own end-to-end tests recorded (inline snapshots at
// the mirrored commit, extracted by scripts/extract-e2e-responses.mjs into e2e-responses.json)
// that answers an operation of our specs must fit that operation: its status declared, its body
// valid against the status's schema, a known error's details fitting its code and the code
// listed for the operation, every field declared. A real response the spec rejects is a typed
// client that lies. The tally is written to .vitest/e2e-responses.txt.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eFixture, type E2eResponse } from "./e2e-fixture.js";
import { misfitsOf, webhookMisfitsOf, type Misfit } from "./e2e-verdict.js";
import { loadSpecResponses, type SpecResponses } from "./response-schemas.js";

const fixture = e2eFixture;
const specPath = (access: string) =>
  fileURLToPath(new URL(`../../../specs/stack-auth-${access}.yaml`, import.meta.url));

/** Bundling a spec and compiling its validators takes seconds; on a loaded machine, many more. */
const LOAD_TIMEOUT_MS = 180_000;

const specs = new Map<string, SpecResponses>();
beforeAll(async () => {
  for (const access of ["client", "server"]) specs.set(access, await loadSpecResponses(specPath(access)));
}, LOAD_TIMEOUT_MS);

/** How many recorded responses each misfit was found in, and how many were checked. */
const tally = { checked: 0, misfits: new Map<Misfit, number>() };
afterAll(() => {
  const { files, snapshots, webhooks } = fixture.counts;
  const misfits = [...tally.misfits].map(([misfit, count]) => `${misfit} ${count}`).join(", ") || "none";
  const line = `e2e responses: ${tally.checked} of ${fixture.responses.length} recorded and ${webhooks} webhooks (${snapshots} snapshots in ${files} files of stack-auth@${fixture.commit.slice(0, 8)}) checked; misfits of the responses: ${misfits}`;
  console.log(line);
  const reportDir = fileURLToPath(new URL("../.vitest/", import.meta.url));
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(`${reportDir}e2e-responses.txt`, `${line}\n`);
});

describe(`Stack Auth's recorded responses (stack-auth/stack-auth@${fixture.commit.slice(0, 8)} ${fixture.directory})`, () => {
  it("holds enough responses of both access types to mean something", () => {
    const byAccess = (access: string) => fixture.responses.filter((r) => r.access === access).length;
    expect(byAccess("client")).toBeGreaterThan(100);
    expect(byAccess("server")).toBeGreaterThan(50);
  });

  it.each(fixture.responses.map((r) => [`${r.source} ${r.access} ${r.operation} ${r.status}`, r] as const))(
    "%s fits the spec",
    (_title, recorded) => {
      const misfits = misfitsOf(specs.get(recorded.access)!, recorded);
      tally.checked++;
      for (const misfit of new Set(misfits.map((found) => found.misfit)))
        tally.misfits.set(misfit, (tally.misfits.get(misfit) ?? 0) + 1);
      expect(misfits).toEqual([]);
    },
  );
});

describe(`Stack Auth's recorded webhooks (stack-auth/stack-auth@${fixture.commit.slice(0, 8)})`, () => {
  it("hold every event the server spec declares", () => {
    const recorded = new Set(fixture.webhooks.map((w) => w.event));
    expect(specs.get("server")!.webhooks.filter((event) => !recorded.has(event))).toEqual([]);
  });

  it.each(fixture.webhooks.map((w) => [`${w.source} ${w.event}`, w] as const))(
    "%s fits the server spec's webhook",
    (_title, recorded) => {
      expect(webhookMisfitsOf(specs.get("server")!, recorded)).toEqual([]);
    },
  );

  it("finds a webhook body with a field its schema does not declare, or without one it requires", () => {
    const recorded = structuredClone(fixture.webhooks.find((w) => w.event === "team.created")!);
    const data = (recorded.body as { data: Record<string, unknown> }).data;
    data.member_count = 1;
    expect(webhookMisfitsOf(specs.get("server")!, recorded)).toEqual([
      { misfit: "undeclared field", detail: "/data/member_count" },
    ]);
    delete data.display_name;
    expect(webhookMisfitsOf(specs.get("server")!, recorded).map((m) => m.misfit)).toEqual(["schema"]);
    expect(webhookMisfitsOf(specs.get("server")!, { ...recorded, event: "team.renamed" })).toEqual([
      { misfit: "undeclared webhook", detail: "team.renamed is not a webhook of the spec" },
    ]);
  });
});

/** A message with its UUIDs made alike, as the snapshots strip them. */
const withoutIds = (text: string) =>
  text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>");
/** A recorded response of the fixture, by its source, copied so a test may change it. */
function recordedAt(source: string): E2eResponse {
  const found = fixture.responses.find((r) => r.source === source);
  if (!found) throw new Error(`no recorded response at ${source}`);
  return structuredClone(found) as E2eResponse;
}

/** The plain-text examples of the shared components, and the recording of the message each shows. */
const PINNED_TEXT_EXAMPLES = {
  TextClientTeamsForOwnUser: "endpoints/api/v1/teams.test.ts:8",
  TextOAuthProviderNotFound: "endpoints/api/v1/oauth-providers.test.ts:287",
  TextTeamIdRequired: "endpoints/api/v1/team-member-profiles.test.ts:115",
  TextConnectedAccountsOwnUser: "endpoints/api/v1/connected-accounts.test.ts:708",
  TextContactChannelNotFound400: "endpoints/api/v1/contact-channels/contact-channels.test.ts:228",
};

describe("the specs' plain-text examples", () => {
  it.each(Object.entries(PINNED_TEXT_EXAMPLES))("%s is the message recorded at %s", (name, source) => {
    const example = specs.get("client")!.resolve({ $ref: `#/components/examples/${name}` }) as { value: string };
    expect(withoutIds(example.value)).toBe(withoutIds(recordedAt(source).body as string));
  });
});

describe("the verdict on a recorded response is not vacuous", () => {
  const misfits = (recorded: E2eResponse) =>
    misfitsOf(specs.get(recorded.access)!, recorded).map(({ misfit }) => misfit);
  const USER = "endpoints/api/v1/auth/anonymous/anonymous-upgrade.test.ts:21";
  const EMAIL_TAKEN = "endpoints/api/v1/auth/email-normalization.test.ts:320";

  it("finds a status the operation does not declare", () => {
    expect(misfits({ ...recordedAt(USER), status: 418 })).toEqual(["undeclared status"]);
  });

  it("finds a body in a media type its status does not declare", () => {
    expect(misfits({ ...recordedAt(USER), mediaType: "text/plain", body: "OK" })).toEqual(["undeclared media type"]);
  });

  it.each([
    ["without a field the schema requires", (user: Record<string, unknown>) => delete user.primary_email],
    ["with a timestamp that is not a number", (user: Record<string, unknown>) => (user.signed_up_at_millis = "today")],
    ["with null where the API never sends it", (user: Record<string, unknown>) => (user.has_password = null)],
  ])("finds a user body %s", (_how, change) => {
    const recorded = recordedAt(USER);
    change(recorded.body as Record<string, unknown>);
    expect(misfits(recorded)).toEqual(["schema"]);
  });

  it("finds a field the user's schema does not declare, at any depth, and not in metadata, which takes any key", () => {
    const recorded = recordedAt(USER);
    const user = recorded.body as Record<string, Record<string, unknown>[]>;
    Object.assign(user, { shoe_size: 44, client_metadata: { shoe_size: 44 } });
    user.oauth_providers!.push({ id: "google", account_id: "1", email: null, scopes: [] });
    expect(misfitsOf(specs.get(recorded.access)!, recorded)).toEqual([
      { misfit: "undeclared field", detail: "/oauth_providers/0/scopes, /shoe_size" },
    ]);
  });

  it("finds a known error whose details miss what its code always carries", () => {
    const recorded = recordedAt(EMAIL_TAKEN);
    delete (recorded.body as { details?: unknown }).details;
    expect(misfits(recorded)).toEqual(["known-error details"]);
  });

  it("finds a known error sent with another status than its code's", () => {
    expect(misfits({ ...recordedAt(EMAIL_TAKEN), status: 400 })).toEqual(["known-error status"]);
  });

  it("finds a known error whose code the spec does not know", () => {
    const recorded = recordedAt(EMAIL_TAKEN);
    (recorded.body as { code: string }).code = "USER_EMAIL_TAKEN";
    expect(misfits({ ...recorded, knownError: "USER_EMAIL_TAKEN" })).toEqual([
      "known-error details",
      "known error not listed",
    ]);
  });

  it("finds a known error the operation does not list", () => {
    const recorded = recordedAt(EMAIL_TAKEN);
    expect(misfits({ ...recorded, operation: "POST /contact-channels/verify" })).toEqual(["known error not listed"]);
  });
});
