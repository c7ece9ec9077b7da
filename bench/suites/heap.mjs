// 7: heap. Bytes each call allocates and retains, a client's own size, and the live heap while paging, each
// process of lib/heap-worker.mjs started with the flags that keep its readings free of collections (lib/heap.mjs).
import { HEAP_BASELINE, HEAP_CLIENTS, HEAP_PAGING, measureCallHeap, measurePagingHeap } from "../lib/heap.mjs";
import { summarize } from "../lib/stats.mjs";

/** Per call, in each process: 20,000 calls of warm-up, 15 batches of 1,000 calls, 3 leak windows of 20,000. */
export const HEAP_CALL_SETTINGS = {
  warmup: 20_000,
  batches: 15,
  batchCalls: 1000,
  retainCalls: 20_000,
  retainWindows: 3,
  clients: 1000,
};
/** Paging: 100,000 items, the live heap sampled every 997 items (about 100 samples, never at a page's edge). */
export const HEAP_PAGING_SETTINGS = { items: 100_000, sampleEvery: 997 };
/** Fresh processes per client and per paging variant: the figures hardly differ from one process to another. */
export const HEAP_PROCESSES = 3;
const TIMEOUT_MS = 300_000;

/**
 * Each client (and bare openapi-fetch) and each paging variant in HEAP_PROCESSES fresh processes, taken in turn;
 * every figure summarized over processes, allocation also as a ratio to bare openapi-fetch's median.
 * @param {{ log: (message: string) => void }} options
 */
export async function measureHeap({ log }) {
  const tasks = [HEAP_BASELINE, ...HEAP_CLIENTS];
  /** @type {Map<string, import("../lib/heap.mjs").CallHeap[]>} */
  const calls = new Map(tasks.map((task) => [task, []]));
  const variants = HEAP_PAGING.flatMap(({ iterator, loop }) => [loop, iterator]);
  /** @type {Map<string, import("../lib/heap.mjs").PagingHeap[]>} */
  const paging = new Map(variants.map((variant) => [variant, []]));
  for (let process = 0; process < HEAP_PROCESSES; process++) {
    for (const task of tasks) calls.get(task)?.push(await measureCallHeap(task, HEAP_CALL_SETTINGS, TIMEOUT_MS));
    log(`heap: calls, process ${process + 1}/${HEAP_PROCESSES}`);
    for (const variant of variants)
      paging.get(variant)?.push(await measurePagingHeap(variant, HEAP_PAGING_SETTINGS, TIMEOUT_MS));
    log(`heap: paging, process ${process + 1}/${HEAP_PROCESSES}`);
  }
  const of = (
    /** @type {import("../lib/heap.mjs").CallHeap[]} */ runs,
    /** @type {"allocatedPerCall" | "retainedPerCall" | "clientBytes"} */ key,
  ) => summarize(runs.map((run) => run[key]));
  const bare = of(calls.get(HEAP_BASELINE) ?? [], "allocatedPerCall").median;
  return {
    settings: { calls: HEAP_CALL_SETTINGS, paging: HEAP_PAGING_SETTINGS, processes: HEAP_PROCESSES },
    calls: tasks.map((task) => {
      const runs = calls.get(task) ?? [];
      const allocated = of(runs, "allocatedPerCall");
      return {
        name: task,
        ...(task === HEAP_BASELINE && { baseline: true }),
        allocatedPerCall: allocated,
        vsBare: allocated.median / bare,
        retainedPerCall: of(runs, "retainedPerCall"),
        clientBytes: of(runs, "clientBytes"),
        batchesRedone: runs.reduce((sum, run) => sum + run.batchesRedone, 0),
      };
    }),
    paging: HEAP_PAGING.map(({ iterator, loop, what }) => {
      const summary = (/** @type {string} */ variant) => {
        const runs = paging.get(variant) ?? [];
        return { peak: summarize(runs.map((run) => run.peak)), retained: summarize(runs.map((run) => run.retained)) };
      };
      return { what, iterator: { name: iterator, ...summary(iterator) }, loop: { name: loop, ...summary(loop) } };
    }),
  };
}
