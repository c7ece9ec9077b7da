import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reportOf, testTotals, totalsLines } from "../lib/test-totals.mjs";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

type Test = { status: "passed" | "failed" | "skipped" | "pending" | "todo"; meta?: Record<string, unknown> };
type File = { name: string; status: "passed" | "failed"; message?: string; tests: Test[] };

/** Workspaces under a fresh root, each with the vitest JSON report given (or none). */
function workspaces(reports: Record<string, File[] | undefined>) {
  const root = mkdtempSync(join(tmpdir(), "keyway-totals-"));
  roots.push(root);
  const dirs = Object.entries(reports).map(([name, files]) => {
    const dir = join(root, name);
    mkdirSync(join(dir, ".vitest"), { recursive: true });
    if (files) {
      const testResults = files.map((file) => ({
        name: join(dir, file.name),
        status: file.status,
        message: file.message ?? "",
        assertionResults: file.tests,
      }));
      writeFileSync(reportOf(dir), JSON.stringify({ testResults }));
    }
    return dir;
  });
  return { root, dirs };
}

const passed: Test = { status: "passed" };

describe("testTotals", () => {
  it("sums passed and failed tests across workspaces", () => {
    const { root, dirs } = workspaces({
      a: [{ name: "a.test.ts", status: "failed", tests: [passed, passed, { status: "failed" }] }],
      b: [{ name: "b.test.ts", status: "passed", tests: [passed] }],
    });
    expect(testTotals(dirs, root)).toMatchObject({ passed: 3, failed: 1, notRun: 0, onPurpose: 0 });
  });

  it("counts the tests a failed beforeAll skipped as not run, naming the file and the error", () => {
    const { root, dirs } = workspaces({
      contract: [
        {
          name: "contract.test.ts",
          status: "failed",
          message: "Prism did not start within 90s",
          tests: Array(166).fill({ status: "skipped" }),
        },
      ],
    });
    expect(testTotals(dirs, root)).toMatchObject({
      passed: 0,
      failed: 0,
      notRun: 166,
      notRunDetails: ["contract/contract.test.ts: 166 test(s) did not run (Prism did not start within 90s)"],
    });
  });

  it("counts a workspace without a report, and a file that failed on import, as not run", () => {
    const { root, dirs } = workspaces({
      crashed: undefined,
      broken: [{ name: "broken.test.ts", status: "failed", message: "Cannot find module", tests: [] }],
    });
    const totals = testTotals(dirs, root);
    expect(totals.notRun).toBe(2);
    expect(totals.notRunDetails).toEqual([
      "crashed: no test report (the suite did not run)",
      "broken/broken.test.ts: 1 test(s) did not run (Cannot find module)",
    ]);
  });

  it("does not count tests skipped on purpose, and does count other skips and todos", () => {
    const { root, dirs } = workspaces({
      runtimes: [
        {
          name: "runtimes.test.ts",
          status: "passed",
          tests: [
            passed,
            { status: "skipped", meta: { skippedOnPurpose: "no Node 24 for darwin-arm64" } },
            { status: "skipped" },
            { status: "todo" },
          ],
        },
      ],
    });
    expect(testTotals(dirs, root)).toMatchObject({ passed: 1, failed: 0, onPurpose: 1, notRun: 2 });
  });
});

describe("totalsLines", () => {
  it("ends with the totals alone on a line, counting tests that did not run and failed checks as failed", () => {
    expect(totalsLines({ passed: 3552, failed: 1, notRun: 2, onPurpose: 3 }, 4)).toEqual([
      "3 skipped on purpose, 2 did not run, 4 failed checks",
      "3552 passed, 7 failed",
    ]);
  });
});
