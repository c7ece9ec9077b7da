import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { lintSummary } from "../lib/generate/steps.mjs";
import { formatLintReport } from "../lib/spec/lint.mjs";

type Problem = { rule: string; severity: "error" | "warn"; message: string; where: string };

/** `count` problems of one rule, each at its own line of the spec. */
function problems(rule: string, count: number, severity: "error" | "warn" = "warn"): Problem[] {
  return Array.from({ length: count }, (_, index) => ({
    rule,
    severity,
    message: `${rule} problem ${index + 1}`,
    where: `specs/big.json:${index + 1}:1 #/paths/~1p${index + 1}`,
  }));
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
function scratchRoot() {
  const root = mkdtempSync(join(tmpdir(), "keyway-lint-"));
  roots.push(root);
  return root;
}

describe("the lint report generate and new-client print", () => {
  it("shows each rule's count and first five locations, then how many more, and writes every location to a file it names", () => {
    const root = scratchRoot();
    const results = [
      { spec: "specs/big.json", profile: "default", problems: [...problems("a-rule", 7), ...problems("b-rule", 2)] },
    ];
    const summary = lintSummary(root, results);
    const file = join(root, ".tmp", "lint", "big.txt");
    expect(summary.split("\n")).toEqual([
      "specs/big.json (default lint profile): 0 errors, 9 warnings",
      "  warning a-rule (7)",
      ...[1, 2, 3, 4, 5].map((n) => `    specs/big.json:${n}:1 #/paths/~1p${n}: a-rule problem ${n}`),
      "    … 2 more",
      "  warning b-rule (2)",
      "    specs/big.json:1:1 #/paths/~1p1: b-rule problem 1",
      "    specs/big.json:2:1 #/paths/~1p2: b-rule problem 2",
      `Every location: ${file}`,
    ]);
    const written = readFileSync(file, "utf8");
    for (const problem of results[0]!.problems) expect(written).toContain(`${problem.where}: ${problem.message}`);
  });

  it("prints everything and writes no file when no rule has more than five locations", () => {
    const root = scratchRoot();
    const results = [{ spec: "specs/small.json", profile: "strict", problems: problems("a-rule", 5, "error") }];
    expect(lintSummary(root, results)).toBe(formatLintReport(results));
    expect(existsSync(join(root, ".tmp"))).toBe(false);
  });

  it("loses no problem: the file holds every line of the full report, the terminal at most five per rule (property-based)", () => {
    const root = scratchRoot();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("r1", "r2", "r3"), fc.integer({ min: 1, max: 30 }), fc.boolean()), {
          minLength: 1,
          maxLength: 3,
        }),
        (rules) => {
          const all = rules.flatMap(([rule, count, error]) => problems(rule, count, error ? "error" : "warn"));
          const results = [{ spec: "specs/big.json", profile: "default", problems: all }];
          const summary = lintSummary(root, results);
          const lines = summary.split("\n");
          lines.forEach((line, index) => {
            const count = Number(/^ {2}(?:warning|error) \S+ \((\d+)\)$/.exec(line)?.[1] ?? Number.NaN);
            if (Number.isNaN(count)) return;
            const listed = lines.slice(index + 1, index + 1 + Math.min(count, 5));
            expect(listed.every((entry) => entry.startsWith("    specs/"))).toBe(true);
            const next = lines[index + 1 + listed.length] ?? "";
            if (count > 5) expect(next).toBe(`    … ${count - 5} more`);
            else expect(next.startsWith("    specs/")).toBe(false);
          });
          if (summary.includes("Every location: ")) {
            expect(readFileSync(join(root, ".tmp", "lint", "big.txt"), "utf8")).toBe(`${formatLintReport(results)}\n`);
          } else expect(summary).toBe(formatLintReport(results));
        },
      ),
      { numRuns: 50 },
    );
  });
});
