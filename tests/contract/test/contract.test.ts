// Calls every operation of every spec through the typed clients against a Prism mock of that
// spec. Prism validates each request (parameters, body, the credentials its security requirement
// names) and answers with the spec's example: a call passes when Prism accepts it and the typed
// result carries the body the spec defines.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { StackerClient } from "@keyway/stacker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_START_TIMEOUT_MS, startAll, startPrism } from "../../../scripts/lib/servers/prism.mjs";
import { CONTRACT_APIS, needsSession, type ContractApi } from "./apis.js";
import { rejection } from "./prism-verdict.js";
import { reaches, recordingFetch } from "./recording-fetch.js";
import { responseBodies, type HasBody } from "./spec-responses.js";

const SPECS_DIR = fileURLToPath(new URL("../../../specs/", import.meta.url));
const REPORT_DIR = fileURLToPath(new URL("../.vitest/", import.meta.url));

/** Operations Prism accepted, per API label. */
const accepted = new Map<string, Set<string>>(CONTRACT_APIS.map((api) => [api.label, new Set()]));

/** How long reading (bundling) the specs may take on a loaded machine, before the mocks start. */
const SPEC_READING_MS = 120_000;

/** A Prism mock of each spec, started together and shared by that spec's calls. */
const mocks = new Map<string, { url: string; hasBody: HasBody; stop: () => Promise<void> }>();

beforeAll(
  async () => {
    const specPaths = CONTRACT_APIS.map((api) => join(SPECS_DIR, api.spec));
    // The specs are read first: startAll stops every mock if one fails to start, so none is left behind.
    const bodies = await Promise.all(specPaths.map(responseBodies));
    const prisms = await startAll(specPaths.map((specPath) => startPrism(specPath)));
    CONTRACT_APIS.forEach((api, i) => {
      mocks.set(api.label, { url: prisms[i]!.url, hasBody: bodies[i]!, stop: prisms[i]!.stop });
    });
    // Room for reading the specs before the mocks' own start-up limit, so that limit is what fails first.
  },
  SPEC_READING_MS + SERVER_START_TIMEOUT_MS + 30_000,
);

afterAll(async () => {
  await Promise.all([...mocks.values()].map((mock) => mock.stop()));
  const line = coverageLine();
  console.log(line);
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(join(REPORT_DIR, "contract-coverage.txt"), `${line}\n`);
});

/** `contract: stacker 12/12, stack-auth client 63/63, … operations (100%)`, counting the operations Prism accepted. */
function coverageLine(): string {
  const parts = CONTRACT_APIS.map(
    (api) => `${api.label} ${accepted.get(api.label)!.size}/${Object.keys(api.operations).length}`,
  );
  const done = [...accepted.values()].reduce((sum, set) => sum + set.size, 0);
  const total = CONTRACT_APIS.reduce((sum, api) => sum + Object.keys(api.operations).length, 0);
  return `contract: ${parts.join(", ")} operations (${Math.floor((done / total) * 100)}%)`;
}

describe.each(CONTRACT_APIS.map((api) => [api.label, api.spec, api] as const))(
  "%s (specs/%s)",
  (label, _spec, api: ContractApi<unknown>) => {
    it("has a call for every operation in the generated metadata, and none for an operation that does not exist", () => {
      const operations = Object.keys(api.operations).sort();
      const called = Object.keys(api.cases).sort();
      expect(
        called,
        `operations without a call: ${operations.filter((op) => !called.includes(op)).join(", ") || "none"}`,
      ).toEqual(operations);
    });

    it.each(Object.keys(api.operations))(
      "%s is accepted by Prism and answers the typed body the spec defines",
      async (operation) => {
        const meta = api.operations[operation]!;
        const call = api.cases[operation];
        expect(call, `no call for ${operation}`).toBeDefined();
        const mock = mocks.get(label)!;
        const recorder = recordingFetch();
        const client = api.createClient({ baseUrl: mock.url, fetch: recorder.fetch, signedIn: needsSession(meta) });

        const result = await call!(client);

        const sent = recorder.take();
        expect(
          sent.map((request) => `${request.method} ${request.url.pathname}`),
          `${operation} should send exactly one request, to itself`,
        ).toHaveLength(1);
        expect(reaches(sent[0]!, operation), `${operation} sent ${sent[0]!.method} ${sent[0]!.url.pathname}`).toBe(
          true,
        );
        const problem = rejection(`${operation} (${meta.id})`, result);
        if (problem) expect.fail(problem);
        if (mock.hasBody(operation, result.response.status)) {
          expect(result.data, `${operation}: the spec defines a body for HTTP ${result.response.status}`).toBeDefined();
        }
        accepted.get(label)!.add(operation);
      },
    );
  },
);

describe("the verdict on a call Prism rejects", () => {
  const SEARCH = "/api/external/objects/{object_sid}/search/";
  const stackerMock = () => mocks.get("stacker")!;
  const stackerApi = CONTRACT_APIS.find((api) => api.label === "stacker")!;

  /** What a call answers when made with plain fetch, to send what the typed clients never would. */
  async function rawCall(path: string, headers: Record<string, string>) {
    const response = await fetch(`${stackerMock().url}${path}`, { headers });
    const error: unknown = await response.json();
    return { error, response };
  }

  it("quotes Prism's validation message for an invalid body", async () => {
    const stacker = stackerApi.createClient({ baseUrl: stackerMock().url, fetch, signedIn: false }) as StackerClient;
    const result = await stacker.POST(SEARCH, {
      params: { path: { object_sid: "object.custom.orders" } },
      body: { start: "first" } as never,
    });
    expect(rejection(`POST ${SEARCH}`, result)).toBe(
      `Prism rejected POST ${SEARCH} (HTTP 400 Bad Request): request.body.start: Request body property start must be integer`,
    );
  });

  it("quotes Prism's reason for a request without the credentials the operation's security requires", async () => {
    const result = await rawCall("/api/external/objects/", {
      "X-Integration-Key": "ik_live_4c1d9e7a2b8f03d6",
      "X-Account-Id": "acc_8f2d41",
    });
    expect(rejection("GET /api/external/objects/", result)).toBe(
      "Prism rejected GET /api/external/objects/ (HTTP 401 Unauthorized): request: Invalid security scheme used",
    );
  });

  it("quotes the detail of the problem+json Prism generates for a path the spec does not have", async () => {
    const result = await rawCall("/api/external/widgets/", { "X-Integration-Key": "ik_live_4c1d9e7a2b8f03d6" });
    expect(rejection("GET /api/external/widgets/", result)).toMatch(
      /^Prism rejected GET \/api\/external\/widgets\/ \(HTTP 404 Not Found\): Route not resolved, no path matched; .+/,
    );
  });
});
