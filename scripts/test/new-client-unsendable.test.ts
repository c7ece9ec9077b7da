// `pnpm new-client` in a scratch copy of the workspace, on a spec some of whose operations keyway cannot authenticate
// (fixtures/partly-keyed.yaml: GET /search takes its key only in the query string, POST /reports only a cookie or
// HTTP digest): the package is created, its README names those operations, and it builds, type-checks, lints and
// passes its generated tests and fixtures/partly-keyed-client.ts (the refusal through the client and its fake).
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type capture, cleanEnv, pnpm, withinTimeLimit } from "../lib/run.mjs";
import { fixturesDir } from "./fixtures/git-repo.js";
import { checkPackages, newClientWorkspace } from "./fixtures/new-client-workspace.js";

/** new-client, an install and turbo over the package; each command is stopped before this ends. */
const PREPARE_MS = 900_000;
let work: string;
let created: Awaited<ReturnType<typeof capture>>;
let checks: Awaited<ReturnType<typeof capture>>;
const failed = (error: Error) => ({ status: 1, stdout: "", stderr: error.message, ms: 0 });

beforeAll(() => withinTimeLimit(PREPARE_MS, prepare), PREPARE_MS);

/** Everything the tests below read, made once. */
async function prepare() {
  work = await newClientWorkspace("keyway-new-client-unsendable-");
  cpSync(join(fixturesDir, "partly-keyed.yaml"), join(work, "specs", "partly-keyed.yaml"));
  created = await pnpm(["new-client", "partly-keyed"], { cwd: work, env: cleanEnv() }).catch(failed);
  if (created.status !== 0) return;
  cpSync(
    join(fixturesDir, "partly-keyed-client.ts"),
    join(work, "packages", "partly-keyed", "test", "partly-keyed.test.ts"),
  );
  checks = await checkPackages(work, ["partly-keyed"]);
}
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("pnpm new-client on a spec with operations keyway cannot authenticate", () => {
  it("creates the package, warning of each such operation", () => {
    expect(created.status, created.stderr).toBe(0);
    expect(created.stderr).toContain(
      'generate: warning: 1 operation in specs/partly-keyed.yaml can only be authenticated with "QueryKey"',
    );
    expect(created.stderr).toContain("\n    GET /search (search)\n");
    expect(created.stderr).toContain("\n    POST /reports\n");
  });

  it("has its generated test call an operation it can authenticate", () => {
    const test = readFileSync(join(work, "packages", "partly-keyed", "test", "client.test.ts"), "utf8");
    expect(test).toContain('partlyKeyed.GET("/items")');
    expect(test).not.toContain("/search");
  });

  it("names them in its README, with their schemes and what a call of one does", () => {
    const readme = readFileSync(join(work, "packages", "partly-keyed", "README.md"), "utf8");
    expect(readme).toContain(
      "2 operations of the spec can only be authenticated with `QueryKey` (an API key in the query string), " +
        '`CookieKey` (an API key in a cookie), `Digest` (HTTP "digest" authentication), which keyway does not send: ' +
        "they are typed, but a call of one throws a `ConfigurationError` naming it and its scheme, before anything is " +
        "sent (`GET /search`, `POST /reports`).",
    );
  });

  it("builds, type-checks, lints and passes its generated tests and the refusal's", () => {
    expect(checks?.status, `${checks?.stdout}\n${checks?.stderr}`).toBe(0);
    // The package's vitest report: the refusal's tests ran and passed, beside the generated ones.
    const report = JSON.parse(
      readFileSync(join(work, "packages", "partly-keyed", ".vitest", "results.json"), "utf8"),
    ) as { testResults: { name: string; assertionResults: { title: string; status: string }[] }[] };
    const refusal = report.testResults.find(({ name }) => name.endsWith("partly-keyed.test.ts"));
    expect(refusal?.assertionResults.map(({ status }) => status)).toEqual(["passed", "passed"]);
    expect(report.testResults.length).toBeGreaterThan(1);
  });
});
