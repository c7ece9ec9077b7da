// The totals of a test run from the vitest JSON reports of its workspaces (scripts/test.mjs).
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Where a workspace's vitest writes its JSON report (vitest.shared.ts). */
export const reportOf = (dir) => join(dir, ".vitest", "results.json");

/**
 * Sums the reports of `workspaces`. A test that did not run counts as failed: a workspace with no
 * report (crashed, or never started because its build failed), a file that failed outside its
 * tests (in a hook, or on import), and a skipped test without a reason (a failed beforeAll skips
 * them all). Tests skipped with skipOnPurpose (vitest.shared.ts) carry their reason and are not.
 * @param {string[]} workspaces absolute directories
 * @param {string} root what names are relative to
 * @returns {{ passed: number, failed: number, notRun: number, onPurpose: number, notRunDetails: string[] }}
 */
export function testTotals(workspaces, root) {
  /** @type {{ passed: number, failed: number, notRun: number, onPurpose: number, notRunDetails: string[] }} */
  const totals = { passed: 0, failed: 0, notRun: 0, onPurpose: 0, notRunDetails: [] };
  for (const dir of workspaces) {
    if (!existsSync(reportOf(dir))) {
      totals.notRun++;
      totals.notRunDetails.push(`${relative(root, dir)}: no test report (the suite did not run)`);
      continue;
    }
    const results = JSON.parse(readFileSync(reportOf(dir), "utf8"));
    for (const file of results.testResults) {
      const tests = file.assertionResults;
      totals.passed += tests.filter((test) => test.status === "passed").length;
      totals.failed += tests.filter((test) => test.status === "failed").length;
      const skipped = tests.filter((test) => test.status !== "passed" && test.status !== "failed");
      const onPurpose = skipped.filter((test) => test.meta?.skippedOnPurpose).length;
      totals.onPurpose += onPurpose;
      const unexplained = skipped.length - onPurpose;
      const failedOutside = file.status === "failed" && !tests.some((test) => test.status === "failed");
      if (!unexplained && !failedOutside) continue;
      const count = Math.max(unexplained, failedOutside ? 1 : 0);
      totals.notRun += count;
      const why = file.message ? ` (${file.message.split("\n")[0]})` : "";
      totals.notRunDetails.push(`${relative(root, file.name)}: ${count} test(s) did not run${why}`);
    }
  }
  return totals;
}

/**
 * The run's last two lines: what the failures are made of, then the totals alone, `N passed, N failed`, for CI to
 * read. Tests that did not run and failed checks count as failed.
 * @param {{ passed: number, failed: number, notRun: number, onPurpose: number }} totals
 * @param {number} checkFailures failed checks and steps
 * @returns {[string, string]}
 * @example
 * console.log(totalsLines(testTotals(workspaces, repoRoot), 0).join("\n"));
 * // 2 skipped on purpose, 0 did not run, 0 failed checks
 * // 3552 passed, 0 failed
 */
export function totalsLines({ passed, failed, notRun, onPurpose }, checkFailures) {
  return [
    `${onPurpose} skipped on purpose, ${notRun} did not run, ${checkFailures} failed checks`,
    `${passed} passed, ${failed + notRun + checkFailures} failed`,
  ];
}
