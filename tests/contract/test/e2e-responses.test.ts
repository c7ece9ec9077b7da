// Real responses: every response Stack Auth's own end-to-end tests recorded (inline snapshots at
// the mirrored commit, extracted by scripts/extract-e2e-responses.mjs into e2e-responses.json)
// that answers an operation of our specs must fit that operation: its status declared, its body
// valid against the status's schema, a known error's details fitting its code and the code
// listed for the operation. A real response the spec rejects is a typed client that lies.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { e2eFixture } from "./e2e-fixture.js";
import { misfitsOf } from "./e2e-verdict.js";
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

describe(`Stack Auth's recorded responses (stack-auth/stack-auth@${fixture.commit.slice(0, 8)} ${fixture.directory})`, () => {
  it("holds enough responses of both access types to mean something", () => {
    const byAccess = (access: string) => fixture.responses.filter((r) => r.access === access).length;
    expect(byAccess("client")).toBeGreaterThan(100);
    expect(byAccess("server")).toBeGreaterThan(50);
  });

  it.each(fixture.responses.map((r) => [`${r.source} ${r.access} ${r.operation} ${r.status}`, r] as const))(
    "%s fits the spec",
    (_title, recorded) => {
      expect(misfitsOf(specs.get(recorded.access)!, recorded)).toEqual([]);
    },
  );
});
