// The frame of the test command (scripts/test.mjs): which workspaces have tests, and a run whose
// processes and temporary files are all found and removed at the end, however it ends.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packagesDir, repoRoot } from "./paths.mjs";
import { markedProcesses } from "./run.mjs";

/** The workspaces with a `test` script: packages/*, tests/*, scripts and bench, as absolute folders. */
export function testWorkspaces() {
  return [packagesDir, join(repoRoot, "tests")]
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
    .concat([join(repoRoot, "scripts"), join(repoRoot, "bench")])
    .filter(
      (dir) =>
        existsSync(join(dir, "package.json")) &&
        JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts?.test,
    );
}

const RUN_MARKER = "KEYWAY_TEST_RUN";

/**
 * A run of the test command: `env` gives everything it starts this run's own TMPDIR and a marker;
 * `leftovers()` lists the marked processes still running, giving them `graceMs` to stop; `cleanUp()`
 * kills them and removes the temporary folder, returning what it killed. On Ctrl-C, SIGTERM or SIGHUP
 * it stops the running step, cleans up and exits.
 */
export function startTestRun() {
  const runId = `${process.pid}-${Date.now()}`;
  const runTmp = mkdtempSync(join(tmpdir(), "keyway-test-run-"));
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let current;
  const testRun = {
    /** Records the step running now, which a signal stops first. */
    running(/** @type {import("node:child_process").ChildProcess | undefined} */ child) {
      current = child;
    },
    env: { ...process.env, [RUN_MARKER]: runId, TMPDIR: runTmp },
    /** Servers stop asynchronously after their suite: they get a moment before they count as left running. */
    async leftovers(graceMs = 5_000) {
      let left = markedProcesses(RUN_MARKER, runId);
      for (let waited = 0; left.length && waited < graceMs; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        left = markedProcesses(RUN_MARKER, runId);
      }
      return left;
    },
    cleanUp() {
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
    },
  };
  for (const [signal, number] of /** @type {const} */ ([
    ["SIGINT", 2],
    ["SIGTERM", 15],
    ["SIGHUP", 1],
  ])) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the tests and everything they started`);
      current?.kill(signal);
      testRun.cleanUp();
      process.exit(128 + number);
    });
  }
  return testRun;
}

/**
 * The turbo tasks that failed in the run started at `since` with `--summarize` (`@keyway/stacker#test`,
 * `@keyway/otel#typecheck`), read from its summary in `.turbo/runs/` (then removed). The test command
 * counts each task other than `test` as one failure, as it counts a failed test, and names them all.
 * @param {number} since when the run started (ms since the epoch)
 * @returns {string[] | undefined} their task ids, or undefined when the run left no summary
 */
export function failedTurboTasks(since) {
  const dir = join(repoRoot, ".turbo", "runs");
  const summaries = existsSync(dir)
    ? readdirSync(dir)
        .map((name) => join(dir, name))
        .filter((file) => file.endsWith(".json") && statSync(file).mtimeMs >= since)
    : [];
  const newest = summaries.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).at(-1);
  if (!newest) return undefined;
  const summary = JSON.parse(readFileSync(newest, "utf8"));
  rmSync(newest, { force: true });
  return (summary.tasks ?? [])
    .filter((/** @type {any} */ task) => task.execution?.exitCode)
    .map((/** @type {any} */ task) => String(task.taskId));
}
