#!/usr/bin/env node
// pnpm test: every check and every test suite of the repository, then the totals.
//
//   1. generate --check   specs lint clean and generated code is up to date
//   2. changeset:check    specs changed since the last commit carry a big enough changeset
//   3. turbo build, typecheck, lint:biome (Biome's format check and lint over the repository), lint
//      (publint + attw) and test for every package
//   4. the totals of all vitest suites, alone on the last line as "N passed, N failed", where a failed
//      check (a turbo task other than test, or a step above) counts as one failure
//
// A test that did not run counts: a workspace whose report is missing, a file that failed before
// its tests, and tests skipped without a reason (a failed beforeAll skips them all) are failures;
// only tests skipped with skipOnPurpose (vitest.shared.ts) are not.
//
// Nothing outlives the run: everything it starts gets this run's own TMPDIR, removed at the end,
// and a marker in its environment; on every way out (including Ctrl-C and SIGTERM) any process
// still carrying the marker is killed, and one found after a normal end fails the run.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./lib/paths.mjs";
import { run } from "./lib/run.mjs";
import { failedTurboTasks, startTestRun, testWorkspaces } from "./lib/test-run.mjs";
import { reportOf, testTotals, totalsLines } from "./lib/test-totals.mjs";

const workspaces = testWorkspaces();
for (const dir of workspaces) rmSync(reportOf(dir), { force: true });
const testRun = startTestRun();

const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
const TURBO_STEP = "build, typecheck, lint, test";
const TURBO_TASKS = ["build", "typecheck", "lint:biome", "lint", "test"];
const steps = /** @type {const} */ ([
  ["generate --check", process.execPath, [join(repoRoot, "scripts", "generate.mjs"), "--check"]],
  ["changeset:check", process.execPath, [join(repoRoot, "scripts", "changeset-check.mjs")]],
  [TURBO_STEP, turbo, ["run", ...TURBO_TASKS, "--continue", "--output-logs=errors-only", "--summarize"]],
]);

const started = Date.now();
const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const code = await run(command, [...args], {
    cwd: repoRoot,
    env: testRun.env,
    onSpawn: (child) => testRun.running(child),
  });
  if (code !== 0) failedSteps.push(name);
}
testRun.running(undefined);

const left = await testRun.leftovers();
if (left.length) {
  console.log(
    `\nleft running by the tests (now killed):\n${left.map(({ pid, command }) => `  ${pid} ${command}`).join("\n")}`,
  );
  failedSteps.push("no process left running");
}
testRun.cleanUp();

const totals = testTotals(workspaces, repoRoot);
// A failed check counts as a failure in the totals, as a failed test does: each failed turbo task other
// than test (a type check, Biome, publint…), and each other failed step.
const failedTasks = failedTurboTasks(started) ?? [];
const failedChecks = failedTasks.filter((task) => !task.endsWith("#test"));
const turboUnexplained =
  failedSteps.includes(TURBO_STEP) && !failedChecks.length && !totals.failed && !totals.notRun ? 1 : 0;
const checkFailures = failedChecks.length + failedSteps.filter((step) => step !== TURBO_STEP).length + turboUnexplained;
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (totals.notRun) console.log(`\nnot run:\n${totals.notRunDetails.map((line) => `  ${line}`).join("\n")}`);
if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.map((step) => `"${step}"`).join(", ")}`);
if (failedTasks.length) console.log(`failed tasks: ${failedTasks.join(", ")}`);
console.log(`\ntook ${minutes} min`);
console.log(totalsLines(totals, checkFailures).join("\n"));
process.exit(failedSteps.length || totals.failed || totals.notRun ? 1 : 0);
