// Response conformance: every response example in the specs, and the recorded-shape responses
// written from the API facts, validate against their operation's response schema with a JSON
// Schema 2020-12 validator (ajv). A shape the server sends that the spec rejects fails here.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  knownErrorBodies,
  rejectedKnownErrorBodies,
  rejectedResponses,
  stackAuthClientResponses,
  stackAuthServerResponses,
  stackerResponses,
  type RecordedResponse,
} from "./recorded-responses.js";
import { knownErrorMismatch, problems } from "./known-error-fit.js";
import { loadSpecResponses, type SpecResponses } from "./response-schemas.js";

const specPath = (spec: string) => fileURLToPath(new URL(`../../../specs/${spec}`, import.meta.url));

const SPECS: { spec: string; recorded: readonly RecordedResponse[] }[] = [
  { spec: "stacker.yaml", recorded: stackerResponses },
  { spec: "stack-auth-client.yaml", recorded: stackAuthClientResponses },
  { spec: "stack-auth-server.yaml", recorded: stackAuthServerResponses },
];

/** Bundling a spec and compiling its validators takes seconds; on a loaded machine, many more. */
const LOAD_TIMEOUT_MS = 180_000;

const loaded = new Map<string, SpecResponses>();
beforeAll(async () => {
  await Promise.all(SPECS.map(async ({ spec }) => loaded.set(spec, await loadSpecResponses(specPath(spec)))));
}, LOAD_TIMEOUT_MS);

describe.each(SPECS)("specs/$spec", ({ spec, recorded }) => {
  it("every response example validates against its response schema", () => {
    const responses = loaded.get(spec)!;
    const failures: string[] = [];
    let checked = 0;
    for (const entry of responses.entries) {
      for (const [name, example] of Object.entries(entry.examples)) {
        checked++;
        if (!entry.validate(example))
          failures.push(
            `${entry.operation} ${entry.status} ${entry.mediaType} example "${name}": ${problems(entry.validate.errors)}`,
          );
      }
    }
    expect(checked, "examples checked").toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });

  it.each(recorded.map((r) => [`${r.operation} ${r.status}: ${r.why}`, r] as const))(
    "accepts %s",
    (_title, response) => {
      const validate = loaded.get(spec)!.validatorFor(response.operation, response.status, response.mediaType);
      expect(validate(response.body), problems(validate.errors)).toBe(true);
    },
  );
});

describe("known-error details", () => {
  it.each(knownErrorBodies.map((k) => [k.why, k] as const))(
    "%s: the body is a KnownError and its details fit the code's declared shape",
    (_why, { body }) => {
      for (const { spec } of SPECS.slice(1)) expect(knownErrorMismatch(loaded.get(spec)!, body), spec).toBe("");
    },
  );
});

describe("the validator is not vacuous", () => {
  it.each(rejectedKnownErrorBodies.map((k) => [k.why, k] as const))("rejects %s", (_why, { body }) => {
    for (const { spec } of SPECS.slice(1)) expect(knownErrorMismatch(loaded.get(spec)!, body), spec).not.toBe("");
  });

  it.each(rejectedResponses.map((r) => [`${r.spec}: ${r.response.why}`, r] as const))(
    "rejects %s",
    (_title, { spec, response }) => {
      const validate = loaded.get(spec)!.validatorFor(response.operation, response.status, response.mediaType);
      expect(validate(JSON.parse(JSON.stringify(response.body)))).toBe(false);
    },
  );
});
