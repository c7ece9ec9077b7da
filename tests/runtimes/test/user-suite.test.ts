// A team's own test suites of an app that uses @keyway/stacker and @keyway/stack-auth with their test kits (the
// built packages, by name): one under node:test and one under vitest, each with tests that fail on purpose. This
// test runs them as a user does and asserts what the user reads: which call broke the spec, where and how, and
// never a key.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SUITE = fileURLToPath(new URL("./user-suite/", import.meta.url));
const VITEST = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const KEYS = ["ssk_live_9Qm2xTfR7cVb", "sk_stacker_4Hd8qLw2ZpNe"];

/**
 * How long a user's suite may run before it counts as hung: not a speed limit. A busy CI machine has taken over 60 s
 * to start the inner vitest; this stays under the tests' own timeout (TEST_TIMEOUT_MS) so a hang shows as one.
 */
const HUNG_AFTER_MS = 200_000;
const TEST_TIMEOUT_MS = 240_000;

/** Runs `args` with this Node in the suite's directory; its output (both streams) whatever its exit code. */
function run(args: readonly string[]): Promise<{ code: number | "hung"; output: string }> {
  // The outer vitest's variables would make the inner one think it runs inside a worker.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...args],
      { cwd: SUITE, timeout: HUNG_AFTER_MS, env: { ...env, NO_COLOR: "1", FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        const code = error?.killed ? "hung" : error ? Number(error.code ?? 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe("a user's node:test suite", () => {
  it(
    "fails the tests that break the spec, each with one line per violation, and prints no key",
    async () => {
      const { code, output } = await run(["--test", "--test-reporter=tap", "sync.node-test.mjs"]);
      expect(code, output.slice(-3_000)).toBe(1);
      expect(output).toContain("# pass 1");
      expect(output).toContain("# fail 7");
      for (const line of [
        // A handler's answer that breaks the response's schema deep inside, every place of it.
        `GET /users: response 200 from the test's handler: body at /items/1/primary_email: expected type ["string","null"], found number 7`,
        `GET /users: response 200 from the test's handler: body at /items/1: required property "signed_up_at_millis" is missing`,
        `GET /users: response 200 from the test's handler: body at /items/1/is_anonymous: expected type "boolean", found string "no"`,
        // The app's request: a body field of the wrong type, an enum value out of range.
        `POST /api/external/objects/{object_sid}/search/: request body at /count: expected type "integer", found string "ten"`,
        `POST /api/external/objects/{object_sid}/search/: request body at /filters/0/operation: expected enum ["eq",`,
        `, found string "equals"`,
        "GET /api/external/hello/: request credentials: header Authorization is not one this operation takes (it takes X-Integration-Key)",
        "GET /users: the test's handler threw Error: fixture file users.json is missing",
        "GET /api/external/stacks/: no handler of the test answers this call (requireHandlers() is on): install one with on, fail, items or disconnect",
        "GET /api/external/hello/: response 418 from the test's handler: a status the spec does not declare for this operation (it declares 200, 401, 429, 5XX)",
        // console.log of a recorded call, and the diff of a failed assertion on it.
        "'x-integration-key': '[REDACTED]'",
        "'x-account-id': 'acc_1'",
        "+   status: 200,",
        "-   status: 201,",
      ])
        expect(output).toContain(line);
      expect(output).toContain("4 violations of the spec:");
      for (const key of KEYS) expect(output).not.toContain(key);
    },
    TEST_TIMEOUT_MS,
  );
});

describe("a user's vitest suite", () => {
  it(
    "shows a recorded call's headers in a failed assertion's diff, a credential's as [REDACTED]",
    async () => {
      const { code, output } = await run([VITEST, "run", "--config", "vitest.fixture.config.mjs"]);
      expect(code, output.slice(-3_000)).toBe(1);
      expect(output).toMatch(/Tests\s+3 failed \(3\)/);
      for (const line of [
        '+       "x-integration-key": "[REDACTED]",',
        '+       "x-stack-id": "app_1",',
        '+     "url": "https://api.go.stackerhq.com/api/external/objects/object.custom.customers/records/",',
        "POST /api/external/objects/{object_sid}/search/: request body at /count: expected minimum 0, found number -1",
        'POST /api/external/objects/{object_sid}/search/: request body at /order_by: expected type "string", found number 3',
        "GET /users: response 200 from the test's handler: body: is missing (the handler returned undefined, but this response has a body (application/json): return it, or reply with a status declared without one)",
      ])
        expect(output).toContain(line);
      for (const key of KEYS) expect(output).not.toContain(key);
    },
    TEST_TIMEOUT_MS,
  );
});
