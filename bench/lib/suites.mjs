// The benchmark's suites, run one after the other into one results object (bench/run.mjs).
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/paths.mjs";
import { mustRun } from "../../scripts/lib/run.mjs";
import { measureBundles } from "../suites/bundle.mjs";
import { measureGeneration } from "../suites/generation.mjs";
import { measureHeap } from "../suites/heap.mjs";
import { measurePagination, PAGINATION_MAX_OVERHEAD } from "../suites/pagination.mjs";
import { measureTypecheck, TYPECHECK_MAX_RATIO } from "../suites/typecheck.mjs";

export const SUITES = ["memory", "loopback", "pagination", "bundle", "typecheck", "generation", "heap"];
const CALL_TIME_MS = 1000;
const PAGINATION_PASSES = 7;

/**
 * Builds the packages, then runs the `selected` suites for `rounds` rounds; resolves with their
 * results beside the settings they ran with.
 * @param {{ selected: string[], rounds: number, log: (message: string) => void }} options
 * @returns {Promise<Record<string, any>>}
 */
export async function measureSuites({ selected, rounds, log }) {
  log("building the packages (turbo run build)");
  // turbo keeps the parent pnpm's environment: it finds the package manager through it.
  await mustRun(join(repoRoot, "node_modules", ".bin", "turbo"), ["run", "build", "--output-logs=errors-only"], {
    cwd: repoRoot,
    env: process.env,
  });
  // Loaded only now: its tasks import the built packages, whose dist/ a fresh clone does not have before the build.
  const { measureCalls } = await import("../suites/calls.mjs");
  /** @type {Record<string, () => Promise<unknown>>} */
  const suites = {
    memory: () =>
      measureCalls({ mode: "memory", rounds, timeMs: CALL_TIME_MS, log: (step) => log(`in-memory ${step}`) }),
    loopback: () =>
      measureCalls({ mode: "loopback", rounds, timeMs: CALL_TIME_MS, log: (step) => log(`loopback ${step}`) }),
    pagination: () => measurePagination({ rounds, passes: PAGINATION_PASSES, log }),
    bundle: () => measureBundles(),
    typecheck: () => measureTypecheck({ rounds, log }),
    generation: () => measureGeneration({ rounds, log }),
    // Its own processes per client (not `rounds`): allocation is counted in bytes, which a busy machine does not change.
    heap: () => measureHeap({ log }),
  };
  /** @type {Record<string, any>} */
  const results = {
    callTimeMs: CALL_TIME_MS,
    paginationPasses: PAGINATION_PASSES,
    paginationMaxOverhead: PAGINATION_MAX_OVERHEAD,
    typecheckMaxRatio: TYPECHECK_MAX_RATIO,
  };
  for (const name of selected) {
    log(`suite ${name}`);
    results[{ bundle: "bundles" }[name] ?? name] = await /** @type {() => Promise<unknown>} */ (suites[name])();
  }
  return results;
}
