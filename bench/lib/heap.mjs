// The heap measurements shared by the heap suite (suites/heap.mjs, figures for BENCHMARKS.md) and the budget test
// (test/heap-budgets.test.ts, ceilings in .heap-budgets.js): each one a fresh process of heap-worker.mjs.
// Loads no keyway package itself (test/loads-before-build.test.ts): the worker does.
import { fileURLToPath } from "node:url";
import { mustRun } from "../../scripts/lib/run.mjs";

const WORKER = fileURLToPath(new URL("./heap-worker.mjs", import.meta.url));

/**
 * The worker's V8 flags: `gc()` for forced full collections; a young generation fixed at 64 MB per semi-space, so
 * that a batch of calls (about 25 MB of garbage) fits without a scavenge; collections on the main thread only, so
 * that no concurrent sweeping or marking changes the heap's size between two readings; optimizing compilation on
 * the main thread too, so that how far the warm-up has optimized a call (which changes what it allocates) does not
 * depend on how busy the machine's other cores are.
 */
export const HEAP_FLAGS = [
  "--expose-gc",
  "--single-threaded-gc",
  "--no-concurrent-recompilation",
  "--min-semi-space-size=64",
  "--max-semi-space-size=64",
];

/** The clients measured per call, named as in call-tasks.mjs (the calls suite's tasks), baseline first. */
export const HEAP_BASELINE = "openapi-fetch (bare)";
export const HEAP_CLIENTS = [
  "@keyway/stacker",
  "@keyway/stacker + @keyway/otel, no SDK (no-op tracer)",
  "@keyway/stack-auth server, static keys",
  "@keyway/stack-auth client access, async session store",
];

/** The paging variants: each item iterator beside the hand-written loop on bare openapi-fetch it is compared with. */
export const HEAP_PAGING = [
  { iterator: "listAllUsers", loop: "usersLoop", what: "Stack Auth users, pages of 500 by cursor" },
  { iterator: "searchAll", loop: "recordsLoop", what: "Stacker records, pages of 1,000 by offset" },
];

/**
 * @typedef {{ allocatedPerCall: number, batchesAllocatedPerCall: number[], batchesRedone: number,
 *   retainedPerCall: number, windowsRetainedPerCall: number[], clientBytes: number }} CallHeap
 * @typedef {{ peak: number, retained: number, samples: number }} PagingHeap
 */

/**
 * One fresh worker process with HEAP_FLAGS; resolves with the JSON it prints last.
 * @param {Record<string, unknown>} input
 * @param {number} timeoutMs
 */
export async function runHeapWorker(input, timeoutMs) {
  const { stdout } = await mustRun(process.execPath, [...HEAP_FLAGS, WORKER, JSON.stringify(input)], { timeoutMs });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

/**
 * What one client's calls allocate and retain, and one client's size.
 * @param {string} task
 * @param {{ warmup: number, batches: number, batchCalls: number, retainCalls: number, retainWindows: number, clients: number }} settings
 * @param {number} timeoutMs
 * @returns {Promise<CallHeap>}
 */
export function measureCallHeap(task, settings, timeoutMs) {
  return runHeapWorker({ mode: "calls", task, ...settings }, timeoutMs);
}

/**
 * The live heap while a paging variant hands out `items` items, and after.
 * @param {string} variant
 * @param {{ items: number, sampleEvery: number }} settings
 * @param {number} timeoutMs
 * @returns {Promise<PagingHeap>}
 */
export function measurePagingHeap(variant, settings, timeoutMs) {
  return runHeapWorker({ mode: "paging", variant, ...settings }, timeoutMs);
}
