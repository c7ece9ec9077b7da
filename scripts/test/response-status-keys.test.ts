// The keys of an operation's responses as vendor specs write them: ranges in lower case (`2xx`), statuses with spaces
// around them, ranges beside exact codes. What the generated metadata says must come with a body, as the runtime reads
// it, is what OpenAPI says for every 2xx; lint names each key written otherwise than OpenAPI writes a status.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyExpectedOf } from "../../packages/runtime/src/internal/empty-body.js";
import { successesWithBody } from "../lib/spec/media-types.mjs";
import { withStatusKeysNormalized } from "../lib/spec/status-keys.mjs";
import { lintDocument } from "./fixtures/lint-document.js";
import { TOOL_STEPS_TIMEOUT_MS } from "./fixtures/node-tools.js";

const BODY = { description: "a record", content: { "application/json": { schema: { type: "object" } } } };
const NONE = { description: "no content" };

/** Keys as specs write them, each with the status it stands for. */
const KEYS: Record<string, string> = {
  "200": "200",
  " 200": "200",
  "201": "201",
  "202": "202",
  "202 ": "202",
  "203": "203",
  "204": "204",
  "205": "205",
  "206": "206",
  "207": "207",
  "208": "208",
  "226": "226",
  "2XX": "2XX",
  "2xx": "2XX",
  " 2XX ": "2XX",
  default: "default",
  "1XX": "1XX",
  "3XX": "3XX",
  "302": "302",
  "4xx": "4XX",
  "404": "404",
};
/** The 2xx statuses that may carry content: what the runtime is asked about. */
const STATUSES = [200, 201, 202, 203, 206, 207, 208, 226];

/** Whether OpenAPI says a success of `status` comes with a body, from responses keyed by the statuses they stand for. */
function declaresBody(responses: Map<string, boolean>, status: number): boolean {
  const exact = responses.get(String(status));
  if (exact !== undefined) return exact;
  const range = responses.get("2XX");
  if (range !== undefined) return range;
  const listsSuccesses = [...responses.keys()].some((key) => key.startsWith("2"));
  return !listsSuccesses && responses.get("default") === true;
}

const responsesArbitrary = fc.uniqueArray(fc.tuple(fc.constantFrom(...Object.keys(KEYS)), fc.boolean()), {
  selector: ([key]) => key,
  maxLength: 8,
});

describe("successesWithBody, as the runtime reads it, for every combination of range, codes and default", () => {
  it("expects a body for exactly the 2xx statuses whose response (exact, else the range, else default) declares one", () => {
    fc.assert(
      fc.property(responsesArbitrary, (drawn) => {
        const responses = Object.fromEntries(drawn.map(([key, withBody]) => [key, withBody ? BODY : NONE]));
        // The statuses the keys stand for; a key written right wins over one that is not, else the first written.
        const meant = new Map<string, boolean>();
        for (const [key, withBody] of [...drawn].sort(([a], [b]) => Number(KEYS[a] !== a) - Number(KEYS[b] !== b)))
          if (!meant.has(KEYS[key]!)) meant.set(KEYS[key]!, withBody);
        const document = { paths: { "/a": { get: { responses } } } };
        const operation = withStatusKeysNormalized(document).paths["/a"].get;
        const expected = bodyExpectedOf(successesWithBody(operation));
        for (const status of STATUSES)
          expect(expected?.(status) ?? false, `${status} of ${JSON.stringify(Object.keys(responses))}`).toBe(
            declaresBody(meant, status),
          );
      }),
      { numRuns: 500 },
    );
  });
});

/** Lints `responses` as one operation's. */
function lint(responses: Record<string, unknown>, profile = "default") {
  return lintDocument({
    openapi: "3.0.3",
    info: { title: "T", version: "1", "x-keyway-lint": profile },
    servers: [{ url: "https://api.example.test" }],
    paths: { "/a": { get: { operationId: "a", responses } } },
  });
}

describe("lint names each response key written otherwise than OpenAPI writes a status", () => {
  it(
    "a lower-case range, a status with spaces, a shadowed key and a key that is no status, each once",
    async () => {
      const problems = await lint({ "2xx": BODY, "4xx": NONE, "201 ": BODY, " 200": NONE, "200": BODY, "20X": NONE });
      const statusKeys = problems.filter((problem) => problem.rule === "keyway/response-status");
      expect(statusKeys.map(({ severity, where, message }) => ({ severity, where, message }))).toEqual([
        {
          severity: "warn",
          where: "specs/api.json #/paths/~1a/get/responses/2xx",
          message:
            'the response key "2xx" is read as 2XX: openapi-fetch types a call\'s data and error by 2XX as OpenAPI writes it, and as written it typed them never. Fix: write 2XX',
        },
        {
          severity: "warn",
          where: "specs/api.json #/paths/~1a/get/responses/4xx",
          message:
            'the response key "4xx" is read as 4XX: openapi-fetch types a call\'s data and error by 4XX as OpenAPI writes it, and as written it typed them never. Fix: write 4XX',
        },
        {
          severity: "warn",
          where: "specs/api.json #/paths/~1a/get/responses/201 ",
          message:
            'the response key "201 " is read as 201: openapi-fetch types a call\'s data and error by 201 as OpenAPI writes it, and as written it typed them never. Fix: write 201',
        },
        {
          severity: "warn",
          where: "specs/api.json #/paths/~1a/get/responses/ 200",
          message:
            'the response key " 200" stands for 200, which these responses declare as well: generation reads 200 and ignores this one. Fix: remove it, or merge it into 200',
        },
        {
          severity: "warn",
          where: "specs/api.json #/paths/~1a/get/responses/20X",
          message:
            'the response key "20X" is no status OpenAPI allows (a code from 100 to 599, a range from 1XX to 5XX, or default), so no call\'s data or error is typed by it. Fix: write the status it stands for',
        },
      ]);
      // Redocly's "Property `201 ` is not expected here" said less about the same keys.
      expect(problems.filter((problem) => problem.severity === "error")).toEqual([]);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "errors in the strict profile",
    async () => {
      const problems = await lint({ "2xx": BODY }, "strict");
      expect(problems.filter((problem) => problem.rule === "keyway/response-status").map((p) => p.severity)).toEqual([
        "error",
      ]);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "says nothing of keys written as OpenAPI writes them, an unquoted code or an extension",
    async () => {
      const problems = await lint({ 200: BODY, "2XX": BODY, "4XX": NONE, default: NONE, "x-note": "kept" });
      expect(problems.filter((problem) => problem.rule === "keyway/response-status")).toEqual([]);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("withStatusKeysNormalized", () => {
  it("keys each response by the status it stands for, in place, keeping the one written right, the document untouched", () => {
    const responses = { "2xx": BODY, 404: NONE, "4xx": NONE, "4XX": BODY, " 201": BODY, "x-note": "kept" };
    const document = {
      paths: { "/a": { post: { responses, callbacks: { done: { "{$url}": { post: { responses } } } } } } },
    };
    const normalized = withStatusKeysNormalized(document);
    const expected = { "2XX": BODY, 404: NONE, "4XX": BODY, 201: BODY, "x-note": "kept" };
    expect(normalized.paths["/a"].post.responses).toEqual(expected);
    expect(Object.keys(normalized.paths["/a"].post.responses)).toEqual(["201", "404", "2XX", "4XX", "x-note"]);
    expect(normalized.paths["/a"].post.callbacks.done["{$url}"].post.responses).toEqual(expected);
    expect(Object.keys(document.paths["/a"].post.responses)).toContain("2xx");
  });
});
