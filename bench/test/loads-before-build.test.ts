// `pnpm bench` builds the packages itself (bench/lib/suites.mjs) before it measures them. On a fresh clone their
// dist/ does not exist until then, so nothing the bench loads before that build may import a keyway package:
// a static import of one fails before the first line of the bench runs.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BENCH = fileURLToPath(new URL("../", import.meta.url));

/** The specifiers of a module's static `import … from "…"` and `import "…"` statements (not `import()`). */
function staticImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?["']([^"']+)["']/gm)].map((match) => match[1]!);
}

/** Every bare specifier `entry` loads through static imports, following its relative ones. */
function bareSpecifiersLoadedBy(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, "utf8"))) {
      if (specifier.startsWith(".")) visit(join(dirname(file), specifier));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return bare;
}

describe("what pnpm bench loads before it builds the packages", () => {
  it("imports no keyway package", () => {
    const loaded = [...bareSpecifiersLoadedBy(join(BENCH, "run.mjs"))];
    expect(loaded.filter((specifier) => specifier.startsWith("@keyway/"))).toEqual([]);
    expect(loaded).toContain("node:fs"); // the walk does reach the modules run.mjs loads
  });

  it("would see a keyway package imported by a module the bench loads", () => {
    const calls = join(BENCH, "suites", "calls.mjs");
    expect(relative(BENCH, calls)).toBe("suites/calls.mjs");
    expect([...bareSpecifiersLoadedBy(calls)].filter((specifier) => specifier.startsWith("@keyway/"))).toContain(
      "@keyway/stacker",
    );
  });
});
