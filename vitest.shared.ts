import { defineConfig, mergeConfig } from "vitest/config";
import { SERVER_START_TIMEOUT_MS } from "./scripts/lib/servers/start-timeout.mjs";

/**
 * The vitest settings every workspace shares: a JSON report per package (summed by
 * scripts/test.mjs into the "N passed, N failed" line), and timeouts that leave room
 * for a loaded CI machine. Speed is measured by benchmarks, never by test timeouts.
 *
 * Hooks start servers and browsers: their timeout is longer than any start-up limit
 * (SERVER_START_TIMEOUT_MS), so a slow start fails with the server's own error.
 */
export const sharedConfig = defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: ".vitest/results.json" },
    // Generous: on a machine shared by parallel builds, CPU-bound tests (property runs, compilers)
    // take many times longer than alone. A test that waits waits less than this itself.
    testTimeout: 120_000,
    hookTimeout: SERVER_START_TIMEOUT_MS + 30_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});

/**
 * {@link sharedConfig} for a suite whose test files share their modules (`isolate: false`): a worker loads the
 * suite's modules once rather than once per file, which takes half or more of the CPU time off a suite of many
 * files (stack-auth's suite: 56 s of CPU isolated, 17 s sharing, alone on this 2-core machine). Stubbed globals,
 * environment variables and mocks are restored after every test, as each file would otherwise leave them to the
 * next. A module's own top-level hooks would now register for the first file that imports it only: hooks every
 * file needs go in `setupFiles`, which run before each file.
 *
 * @example
 * ```ts
 * export default sharedConfigSharingModules(["./test/hooks.ts"]);
 * ```
 */
export function sharedConfigSharingModules(setupFiles: string[] = []) {
  return mergeConfig(
    sharedConfig,
    defineConfig({
      test: { isolate: false, setupFiles, unstubGlobals: true, unstubEnvs: true, restoreMocks: true },
    }),
  );
}

/**
 * Skips the running test on purpose, saying why: scripts/test.mjs counts it apart from tests
 * that never ran, which fail the run.
 *
 * @example
 * ```ts
 * it("runs on Bun", (context) => {
 *   if (!bun) skipOnPurpose(context, "Bun ships no binary for this platform");
 * });
 * ```
 */
export function skipOnPurpose(context: { task: { meta: object }; skip(note?: string): never }, reason: string): never {
  // Set through a cast rather than a TaskMeta augmentation: a workspace whose vitest is another pnpm
  // instance (other peers) would not see the augmentation. scripts/test.mjs reads it from the JSON report.
  (context.task.meta as { skippedOnPurpose?: string }).skippedOnPurpose = reason;
  return context.skip(reason);
}
