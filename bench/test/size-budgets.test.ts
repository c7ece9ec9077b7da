import { describe, expect, it } from "vitest";
import { BUDGETS_CONFIG, measureSizes } from "../lib/size.mjs";

// The smallest real use of each package (bench/size/*.js: create a client, make one call),
// bundled as size-limit does with bench/.size-limit.js: esbuild, minified, browser ESM, gzip.
const measured = await measureSizes(BUDGETS_CONFIG);
const budgeted = [
  "@keyway/stacker",
  "@keyway/stack-auth (server client)",
  "@keyway/stacker + @keyway/otel",
  "@keyway/header-auth",
];

describe("bundle-size ceilings of the smallest real use of each package (minified browser ESM, gzip)", () => {
  it("measures every budgeted package, each with a size and a ceiling", () => {
    expect(measured.map((entry) => entry.name)).toEqual(budgeted);
    for (const entry of measured) {
      expect(entry.error, `${entry.name} could not be bundled`).toBeUndefined();
      expect(entry.size).toBeGreaterThan(0);
      expect(entry.sizeLimit).toBeGreaterThan(0);
    }
  });

  for (const entry of measured) {
    const ceiling = `${(entry.sizeLimit ?? 0) / 1000} kB`;
    it(`${entry.name} is at most ${ceiling} gzipped`, () => {
      expect(entry.size, `${entry.name}: ${entry.size} bytes gzipped, ceiling ${entry.sizeLimit}`).toBeLessThanOrEqual(
        entry.sizeLimit ?? 0,
      );
    });
  }
});
