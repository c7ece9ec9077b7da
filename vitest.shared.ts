import { defineConfig } from "vitest/config";

/**
 * The vitest settings every workspace shares: a JSON report per package (summed by
 * scripts/test.mjs into the "N passed, N failed" line), and timeouts that leave room
 * for a loaded CI machine. Speed is measured by benchmarks, never by test timeouts.
 */
export const sharedConfig = defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: ".vitest/results.json" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
