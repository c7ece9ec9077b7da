#!/usr/bin/env node
// pnpm test: every check and every test suite of the repository, then the totals.
//
//   1. generate --check   specs lint clean and generated code is up to date
//   2. changeset:check    specs changed since the last commit carry a big enough changeset
//   3. turbo build, typecheck, lint:biome (Biome's format check and lint over the repository), lint
//      (publint + attw) and test for every package
//   4. the totals of all vitest suites, on a line of their own ending "N passed, N failed"
//
// A test that did not run counts: a workspace whose report is missing, a file that failed before
// its tests, and tests skipped without a reason (a failed beforeAll skips them all) are failures;
// only tests skipped with skipOnPurpose (vitest.shared.ts) are not.
//
// Nothing outlives the run: everything it starts gets this run's own TMPDIR, removed at the end,
// and a marker in its environment; on every way out (including Ctrl-C and SIGTERM) any process
// still carrying the marker is killed, and one found after a normal end fails the run.
import { mkdtempSync, existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packagesDir, repoRoot } from "./lib/paths.mjs";
import { markedProcesses, run } from "./lib/run.mjs";
import { reportOf, testTotals } from "./lib/test-totals.mjs";

const workspaces = [packagesDir, join(repoRoot, "tests")]
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
  .concat([join(repoRoot, "scripts"), join(repoRoot, "bench")])
  .filter(
    (dir) =>
      existsSync(join(dir, "package.json")) &&
      JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts?.test,
  );
for (const dir of workspaces) rmSync(reportOf(dir), { force: true });

const RUN_MARKER = "KEYWAY_TEST_RUN";
const runId = `${process.pid}-${Date.now()}`;
const runTmp = mkdtempSync(join(tmpdir(), "keyway-test-run-"));
const env = { ...process.env, [RUN_MARKER]: runId, TMPDIR: runTmp };

/** Kills what this run started and is still running, and deletes its temp dir; returns what it killed. */
function cleanUp() {
  const left = markedProcesses(RUN_MARKER, runId);
  for (const { pid } of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  rmSync(runTmp, { recursive: true, force: true });
  return left;
}

let current;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the tests and everything they started`);
    current?.kill(signal);
    cleanUp();
    process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal]);
  });
}

const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
const steps = [
  ["generate --check", process.execPath, [join(repoRoot, "scripts", "generate.mjs"), "--check"]],
  ["changeset:check", process.execPath, [join(repoRoot, "scripts", "changeset-check.mjs")]],
  [
    "build, typecheck, lint, test",
    turbo,
    ["run", "build", "typecheck", "lint:biome", "lint", "test", "--continue", "--output-logs=errors-only"],
  ],
];

const started = Date.now();
const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const code = await run(command, args, { cwd: repoRoot, env, onSpawn: (child) => (current = child) });
  if (code !== 0) failedSteps.push(name);
}
current = undefined;

// Servers stop asynchronously after their suite: give them a moment before calling them leftovers.
let left = markedProcesses(RUN_MARKER, runId);
for (let waited = 0; left.length && waited < 5_000; waited += 250) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  left = markedProcesses(RUN_MARKER, runId);
}
if (left.length) {
  console.log(
    `\nleft running by the tests (now killed):\n${left.map(({ pid, command }) => `  ${pid} ${command}`).join("\n")}`,
  );
  failedSteps.push("no process left running");
}
cleanUp();

const totals = testTotals(workspaces, repoRoot);

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (totals.notRun) console.log(`\nnot run:\n${totals.notRunDetails.map((line) => `  ${line}`).join("\n")}`);
if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(", ")}`);
console.log(`\ntook ${minutes} min`);
// Tests that did not run are failures too; the line ends "N passed, N failed" for CI to read.
console.log(
  `${totals.onPurpose} skipped on purpose, ${totals.notRun} did not run, ${totals.passed} passed, ${totals.failed + totals.notRun} failed`,
);
process.exit(failedSteps.length || totals.failed || totals.notRun ? 1 : 0);
