// 3: auto-pagination overhead, 100,000 users in pages of 500 from an in-memory fetch.
import { fileURLToPath } from "node:url";
import { runWorker } from "../lib/processes.mjs";
import { rotation } from "../lib/rounds.mjs";
import { summarize } from "../lib/stats.mjs";

const WORKER = fileURLToPath(new URL("../lib/pagination-worker.mjs", import.meta.url));
/** listAllUsers may take at most this much longer than the hand-written loop. */
export const PAGINATION_MAX_OVERHEAD = 0.05;
/** The paging worker's variants; every other one is timed against the hand-written loop, "bare". */
export const PAGING_VARIANTS = ["bare", "keyway", "keywayPages", "leastItemIterator"];

/**
 * Per round, one fresh process pages with every variant in turn (see pagination-worker.mjs): each variant's
 * milliseconds per pass, and its time against the hand-written loop's in that process, summarized over rounds.
 */
export async function measurePagination({ rounds, passes, log }) {
  /** @type {Record<string, { ms: number, minorFaults: number, vsBare?: number }>[]} */
  const perRound = [];
  for (let round = 0; round < rounds; round++) {
    // The first variant of each round's rotation changes with the round, as in every other suite.
    perRound.push(await runWorker(WORKER, { variants: rotation(PAGING_VARIANTS, round), passes }));
    log(`pagination round ${round + 1}/${rounds}`);
  }
  const of = (/** @type {string} */ variant, /** @type {"ms" | "minorFaults" | "vsBare"} */ key) =>
    summarize(perRound.map((round) => /** @type {number} */ (round[variant]?.[key])));
  return Object.fromEntries(
    PAGING_VARIANTS.map((variant) => [
      variant,
      {
        ms: of(variant, "ms"),
        minorFaults: of(variant, "minorFaults"),
        ...(variant !== "bare" && { vsBare: of(variant, "vsBare") }),
      },
    ]),
  );
}
