#!/usr/bin/env node
// pnpm test: every check and every test suite of the repository, then the totals.
//
//   1. generate --check   specs lint clean and generated code is up to date
//   2. changeset:check    specs changed since the last commit carry a big enough changeset
//   3. turbo build, typecheck, lint (publint + attw) and test for every package
//   4. the totals of all vitest suites, on a line of their own: "N passed, N failed"
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { packagesDir, repoRoot } from "./lib/paths.mjs";
import { run } from "./lib/run.mjs";

const workspaces = [packagesDir, join(repoRoot, "tests")]
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
  .concat([join(repoRoot, "scripts"), join(repoRoot, "bench")]);
const reports = workspaces.map((dir) => join(dir, ".vitest", "results.json"));
for (const report of reports) rmSync(report, { force: true });

const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
const steps = [
  ["generate --check", process.execPath, [join(repoRoot, "scripts", "generate.mjs"), "--check"]],
  ["changeset:check", process.execPath, [join(repoRoot, "scripts", "changeset-check.mjs")]],
  ["build, typecheck, lint, test", turbo, ["run", "build", "typecheck", "lint", "test", "--continue", "--output-logs=errors-only"]],
];

const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  if ((await run(command, args, { cwd: repoRoot })) !== 0) failedSteps.push(name);
}

let passed = 0;
let failed = 0;
for (const report of reports.filter((file) => existsSync(file))) {
  const results = JSON.parse(readFileSync(report, "utf8"));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A file that fails outside its tests (in beforeAll, or on import) skips them all: count it once.
  failed += results.testResults.filter((file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed")).length;
}
if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
