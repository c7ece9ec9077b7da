// Heap ceilings of each client's calls and item iterators, in bytes. Enforced in CI by test/heap-budgets.test.ts,
// which measures them as the heap suite does (lib/heap-worker.mjs, lib/heap.mjs's flags) with the fewer calls and
// items below; BENCHMARKS.md ("Heap") reports the suite's figures beside them.
//
// Figures are bytes counted by V8, not times: a busy machine does not change them, and the optimizing compiler runs
// on the main thread (--no-concurrent-recompilation), so a loaded CI machine does not leave a call less optimized
// after the warm-up. Measured in December 2026 on the bench machine (Node 20.20): the suite's 3 processes per client
// agree within 0.1 %, and so do repeated runs of the budget test, whose shorter warm-up leaves each call about
// 4 % more to allocate than the suite's figure.

/** The budget test's calls per client: 5,000 of warm-up, 5 batches of 1,000, 3 leak windows of 5,000, 200 clients. */
export const HEAP_BUDGET_CALLS = {
  warmup: 5000,
  batches: 5,
  batchCalls: 1000,
  retainCalls: 5000,
  retainWindows: 3,
  clients: 200,
};
/** The budget test's paging: 20,000 items (40 pages of users, 20 of records), the live heap every 997 items. */
export const HEAP_BUDGET_PAGING = { items: 20_000, sampleEvery: 997 };

// Retained per call: about 0 when nothing leaks (the least of three windows: −2.7 to +0.2 B in the budget test's
// runs, −1.0 to +0.5 B in the suite's; a first window alone reads up to +25 B while the JIT settles). The smallest
// thing a call could leak (a promise, a closure, a Headers entry) is 30–100 bytes, a response kept with its parsed
// body over 1 kB: 64 B keeps the noise out and any per-call leak in.
const RETAINED_PER_CALL = 64;

/**
 * Allocated per call: the budget test's figure plus about 5 %, so a client that allocates more per call than that
 * fails CI and has to say why in the commit that raises its ceiling. The suite's figure (BENCHMARKS.md, section 7)
 * is quoted beside it, with its ratio to bare openapi-fetch's 22,671 B.
 * @type {Record<string, { allocatedPerCall: number, retainedPerCall: number, reason: string }>}
 */
const calls = {
  "@keyway/stacker": {
    allocatedPerCall: 24_500,
    retainedPerCall: RETAINED_PER_CALL,
    reason:
      "budget test 23,357 B per call (stop 54), plus 4.9 %; the suite's figure 22,606 B (1.00× bare openapi-fetch). " +
      "Raised from 23,600 (set at 22,497 B): the attempt's signal followed by every counted body read, so that a read " +
      "a timeout cut short fails instead of ending as if whole (about 230 B), and the growth of stops 50-53",
  },
  "@keyway/stacker + @keyway/otel, no SDK (no-op tracer)": {
    allocatedPerCall: 24_800,
    retainedPerCall: RETAINED_PER_CALL,
    reason:
      "budget test 23,652 B per call (stop 54), plus 4.9 %; the suite's figure 22,699 B (1.00×): the no-op tracer " +
      "adds ~100 B; raised from 23,700 for the reasons Stacker's was",
  },
  "@keyway/stack-auth server, static keys": {
    allocatedPerCall: 25_200,
    retainedPerCall: RETAINED_PER_CALL,
    reason:
      "budget test 24,042 B per call (stop 54), plus 4.8 %; the suite's figure 23,068 B (1.02×); raised from 24,600 " +
      "for the reasons Stacker's was",
  },
  "@keyway/stack-auth client access, async session store": {
    allocatedPerCall: 28_100,
    retainedPerCall: RETAINED_PER_CALL,
    reason:
      "budget test 25,547–25,718 B per call, plus 5.0 % over the higher; the suite's figure 24,556 B (1.08×: the async " +
      "store's promises, and since December 2026 the timer that bounds the wait for its credentials, +1.2 KB); " +
      "26,790 B at stop 54 (the suite's 25,739 B, 1.14×), raised from 27,000 by 4.9 % over it, as Stacker's was",
  },
};

/**
 * Paging: the live heap (after a forced full collection) while the iterator hands out items, above what it was
 * before, and once the loop is over (and pending clean-ups have run) with the iterator still held. The hand-written
 * loop peaks at 1.31 MB for pages of 500 users, 0.41 MB for pages of 1,000 records; an iterator that kept the pages it
 * handed out would hold 40 pages of users (16.9 MB with every response kept, measured) or 20 of records (3.1 MB) by the end of
 * the budget test's run. Each peak ceiling is about twice the iterator's highest measured peak, and the retained
 * ceiling 256 kB, under half a page: after the loop, no page at all.
 * @type {Record<string, { peak: number, retained: number, reason: string }>}
 */
const paging = {
  listAllUsers: {
    peak: 1_600_000,
    retained: 256_000,
    reason:
      "budget test: a peak of 0.72–0.74 MB, 0.01–0.03 MB after the loop; the suite: 0.50–0.52 MB and −0.21 MB (the loop's 1.31 MB and 0.61 MB)",
  },
  searchAll: {
    peak: 1_100_000,
    retained: 256_000,
    reason:
      "budget test: a peak of 0.46 MB, 0.05 MB after the loop; the suite: 0.24 MB and −0.22 MB (the loop's 0.41 MB and 0.28 MB)",
  },
};

export default { calls, paging };
