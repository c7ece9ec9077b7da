import { describe, expect, it } from "vitest";
import budgets, { HEAP_BUDGET_CALLS, HEAP_BUDGET_PAGING } from "../.heap-budgets.js";
import { HEAP_CLIENTS, HEAP_PAGING, measureCallHeap, measurePagingHeap } from "../lib/heap.mjs";

// What each client's calls allocate and retain and what its item iterator holds while paging, measured as the heap
// suite measures them (lib/heap-worker.mjs in a fresh process with lib/heap.mjs's HEAP_FLAGS: no collection inside a
// measured batch, forced full collections around the leak checks) with fewer calls, against the ceilings of
// bench/.heap-budgets.js. Bytes only: no figure here depends on the machine's speed.
// A worker takes 35-55 s on a busy CI machine, and took over 100 s once when other suites kept both cores busy: its limit
// stays under each test's own timeout (TEST_TIMEOUT_MS), so a slower machine still shows which worker did not finish.
const PROCESS_TIMEOUT_MS = 280_000;
const TEST_TIMEOUT_MS = 300_000;

describe("heap ceilings of each client's calls and item iterators (bench/.heap-budgets.js)", () => {
  it("has a ceiling, with its reason, for every client and item iterator the heap suite measures", () => {
    expect(Object.keys(budgets.calls).sort()).toEqual([...HEAP_CLIENTS].sort());
    expect(Object.keys(budgets.paging).sort()).toEqual(HEAP_PAGING.map((variant) => variant.iterator).sort());
    for (const budget of [...Object.values(budgets.calls), ...Object.values(budgets.paging)])
      expect(budget.reason.length).toBeGreaterThan(20);
  });

  for (const client of HEAP_CLIENTS) {
    it(
      `${client}: allocated and retained bytes per call within their ceilings`,
      async () => {
        const ceilings = budgets.calls[client];
        if (!ceilings) throw new Error(`no ceiling for ${client} in bench/.heap-budgets.js`);
        const measured = await measureCallHeap(client, HEAP_BUDGET_CALLS, PROCESS_TIMEOUT_MS);
        const allocated = Math.round(measured.allocatedPerCall);
        expect(
          allocated,
          `${client}: allocates ${allocated} bytes per call (median of ${HEAP_BUDGET_CALLS.batches} batches of ${HEAP_BUDGET_CALLS.batchCalls}), ceiling ${ceilings.allocatedPerCall}`,
        ).toBeLessThanOrEqual(ceilings.allocatedPerCall);
        const retained = Number(measured.retainedPerCall.toFixed(1));
        expect(
          retained,
          `${client}: retains ${retained} bytes per call (the least of ${HEAP_BUDGET_CALLS.retainWindows} windows of ${HEAP_BUDGET_CALLS.retainCalls} calls after forced full collections), ceiling ${ceilings.retainedPerCall}: a leak`,
        ).toBeLessThanOrEqual(ceilings.retainedPerCall);
      },
      TEST_TIMEOUT_MS,
    );
  }

  for (const { iterator, what } of HEAP_PAGING) {
    it(
      `${iterator} (${what}): peak and retained live heap within their ceilings`,
      async () => {
        const ceilings = budgets.paging[iterator];
        if (!ceilings) throw new Error(`no ceiling for ${iterator} in bench/.heap-budgets.js`);
        const measured = await measurePagingHeap(iterator, HEAP_BUDGET_PAGING, PROCESS_TIMEOUT_MS);
        expect(
          measured.peak,
          `${iterator}: a peak live heap of ${measured.peak} bytes over ${HEAP_BUDGET_PAGING.items} items, ceiling ${ceilings.peak}: it holds pages it has handed out`,
        ).toBeLessThanOrEqual(ceilings.peak);
        expect(
          measured.retained,
          `${iterator}: ${measured.retained} bytes still live after the loop with the iterator held, ceiling ${ceilings.retained}`,
        ).toBeLessThanOrEqual(ceilings.retained);
      },
      TEST_TIMEOUT_MS,
    );
  }
});
