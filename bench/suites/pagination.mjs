// 3: auto-pagination overhead, 100,000 users in pages of 500 from an in-memory fetch.
import { fileURLToPath } from "node:url";
import { runWorker } from "../lib/processes.mjs";
import { interleaved } from "../lib/rounds.mjs";
import { pairedRatio, summarize } from "../lib/stats.mjs";

const WORKER = fileURLToPath(new URL("../lib/pagination-worker.mjs", import.meta.url));
/** listAllUsers may take at most this much longer than the hand-written loop. */
export const PAGINATION_MAX_OVERHEAD = 0.05;

/** Milliseconds per full pass of each variant (median of `iterations` passes after a warm-up pass, per process). */
export async function measurePagination({ rounds, iterations, log }) {
  const values = await interleaved(
    ["bare", "keyway", "keywayPages"],
    rounds,
    async (variant) => (await runWorker(WORKER, { variant, iterations })).ms,
    {
      onProgress: (step) => log(`pagination ${step}`),
    },
  );
  return {
    bare: summarize(values.get("bare")),
    keyway: summarize(values.get("keyway")),
    overhead: pairedRatio(values.get("keyway"), values.get("bare")),
    keywayPages: summarize(values.get("keywayPages")),
    pagesOverhead: pairedRatio(values.get("keywayPages"), values.get("bare")),
  };
}
