// What each call, client and paging pass leaves on the V8 heap, in one process started with HEAP_FLAGS.
//   node <HEAP_FLAGS> heap-worker.mjs '{"mode":"calls","task":"@keyway/stacker","warmup":20000,"batches":15,"batchCalls":1000,"retainCalls":20000,"retainWindows":3,"clients":1000}'
//   node <HEAP_FLAGS> heap-worker.mjs '{"mode":"paging","variant":"listAllUsers","items":100000,"sampleEvery":997}'
//
// Bytes allocated per call: the heap used after a batch of calls minus before it, with no garbage collection in
// between (a young generation of 64 MB each way holds a batch's garbage; v8.GCProfiler, which reports synchronously,
// says whether a collection ran anyway, and such a batch is discarded and taken again). Retained bytes: the heap
// after forced full collections, before and after many more calls or clients kept in an array. Paging: the live heap
// (after a forced full collection) sampled while iterating, and once the loop is over with its iterator still held
// and pending clean-ups run.
import v8 from "node:v8";
import { createStackAuthServerClient, listAllUsers, STACK_AUTH_BASE_URL } from "@keyway/stack-auth";
import { createStackerClient, STACKER_BASE_URL, searchAll } from "@keyway/stacker";
import { createBareClient } from "./bare-openapi-fetch.mjs";
import { CALL_TASKS } from "./call-tasks.mjs";
import { CREDENTIALS, inMemoryFetch, serverUser, STACK_AUTH_SERVER_HEADERS } from "./fixtures.mjs";
import { median } from "./stats.mjs";

const input = JSON.parse(process.argv[2] ?? "");
const forceGc = /** @type {() => void} */ (globalThis.gc);
if (typeof forceGc !== "function") throw new Error("run heap-worker.mjs with --expose-gc (see HEAP_FLAGS)");

/** The heap in use after three forced full collections: what is still reachable. */
function liveHeap() {
  for (let i = 0; i < 3; i++) forceGc();
  return v8.getHeapStatistics().used_heap_size;
}

/**
 * The live heap once pending clean-ups have run: what a finalization registry or a timer lets go (undici's Request
 * registers one) is only released on a later turn of the event loop, so a few turns come before the collections.
 */
async function settledLiveHeap() {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
  return liveHeap();
}

/** A batch may be taken again this many times when a collection ran inside it. */
const MAX_REDOS = 5;

/**
 * Bytes allocated by `calls` calls of `call`, measured with no collection inside the batch: a collection frees
 * garbage the delta would otherwise count, so the batch is taken again.
 * @param {() => Promise<unknown>} call
 * @param {number} calls
 * @returns {Promise<{ bytes: number, redone: number }>}
 */
async function allocatedBy(call, calls) {
  for (let redone = 0; redone <= MAX_REDOS; redone++) {
    forceGc(); // an empty young generation: a batch's garbage fits in it
    const profiler = new v8.GCProfiler();
    profiler.start();
    const before = v8.getHeapStatistics().used_heap_size;
    for (let i = 0; i < calls; i++) await call();
    const after = v8.getHeapStatistics().used_heap_size;
    const collections = profiler.stop().statistics.length;
    if (collections === 0) return { bytes: after - before, redone };
  }
  throw new Error(`every batch of ${calls} calls had a garbage collection in it: make the batch smaller`);
}

async function measureCalls({ task: name, warmup, batches, batchCalls, retainCalls, retainWindows, clients }) {
  const task = CALL_TASKS.find((candidate) => candidate.name === name);
  if (!task) throw new Error(`no call task named ${name}`);
  const fetch = /** @type {typeof globalThis.fetch} */ (inMemoryFetch());
  const call = task.build({ fetch });
  // Warm-up: the optimizing compiler's escape analysis changes what a call allocates, so it settles first.
  for (let i = 0; i < warmup; i++) await call();
  const perCall = [];
  let redone = 0;
  for (let batch = 0; batch < batches; batch++) {
    const measured = await allocatedBy(call, batchCalls);
    perCall.push(measured.bytes / batchCalls);
    redone += measured.redone;
  }
  // Retained per call: what stays reachable once many more calls are over (a leak check: about 0). The least of
  // a few windows in a row: a leak grows the heap in each, code compiled or dropped by the JIT in one at most.
  const windows = [];
  for (let window = 0; window < retainWindows; window++) {
    const beforeCalls = liveHeap();
    for (let i = 0; i < retainCalls; i++) await call();
    windows.push((liveHeap() - beforeCalls) / retainCalls);
  }
  const retainedPerCall = Math.min(...windows);
  // One client's own size: `clients` of them kept in an array.
  const beforeClients = liveHeap();
  const kept = Array.from({ length: clients }, () => task.build({ fetch }));
  const clientBytes = (liveHeap() - beforeClients) / clients;
  if (kept.length !== clients) throw new Error("clients were not kept");
  return {
    allocatedPerCall: median(perCall),
    batchesAllocatedPerCall: perCall,
    batchesRedone: redone,
    retainedPerCall,
    windowsRetainedPerCall: windows,
    clientBytes,
  };
}

// Paging: users (Stack Auth, pages of 500 by cursor) and records (Stacker search, pages of 1,000 by offset),
// each page's text made when it is asked for, so that the heap holds no page a variant does not hold itself.
const USERS_PAGE = 500;
const RECORDS_PAGE = 1000;
const record = (n) => ({
  _sid: `rec${n}`,
  orders__order_number: `SO-${n}`,
  orders__order_date: "2025-11-03",
  orders__status: "shipped",
  orders__total: 1249.5,
});

function pagingFetch(total) {
  const users = inMemoryFetch((request) => {
    const url = new URL(typeof request === "string" ? request : request.url);
    const cursor = url.searchParams.get("cursor");
    const first = cursor ? Number(cursor.slice("page-".length)) : 0;
    const last = Math.min(first + USERS_PAGE, total);
    return JSON.stringify({
      items: Array.from({ length: last - first }, (_, i) => serverUser(`user-${first + i}`)),
      pagination: { next_cursor: last < total ? `page-${last}` : null },
    });
  });
  return async (/** @type {string | Request} */ request, /** @type {RequestInit | undefined} */ init) => {
    const url = typeof request === "string" ? request : request.url;
    if (!url.includes("/search/")) return users(request);
    const body = JSON.parse(typeof request === "string" ? String(init?.body) : await request.text());
    const first = body.start ?? 0;
    const last = Math.min(first + (body.count ?? RECORDS_PAGE), total);
    const text = JSON.stringify({
      records: Array.from({ length: Math.max(0, last - first) }, (_, i) => record(first + i)),
    });
    return new Response(text, { status: 200, headers: { "content-type": "application/json" } });
  };
}

/** Each variant as an async iterable of items, and what to hold once it is over (the iterator, for the item iterators). */
function pagingVariants(fetch) {
  const { projectId, secretServerKey, integrationKey, accountId, stackId } = CREDENTIALS;
  const f = /** @type {typeof globalThis.fetch} */ (/** @type {unknown} */ (fetch));
  return {
    listAllUsers: () =>
      listAllUsers(createStackAuthServerClient({ projectId, secretServerKey, fetch: f }), { limit: USERS_PAGE }),
    usersLoop: async function* () {
      /** @type {import("openapi-fetch").Client<import("@keyway/stack-auth").ServerPaths>} */
      const client = createBareClient({
        baseUrl: STACK_AUTH_BASE_URL,
        fetch: f,
        headers: STACK_AUTH_SERVER_HEADERS,
      });
      /** @type {string | undefined} */ let cursor;
      do {
        const { data, error, response } = await client.GET("/users", {
          params: { query: { limit: USERS_PAGE, cursor } },
        });
        if (error !== undefined || !response.ok) throw new Error(`page failed with status ${response.status}`);
        yield* data.items;
        cursor = data.pagination?.next_cursor ?? undefined;
      } while (cursor);
    },
    searchAll: () =>
      searchAll(createStackerClient({ integrationKey, accountId, stackId, fetch: f }), "object.custom.orders"),
    recordsLoop: async function* () {
      /** @type {import("openapi-fetch").Client<import("@keyway/stacker").paths>} */
      const client = createBareClient({
        baseUrl: STACKER_BASE_URL,
        fetch: f,
        headers: { "X-Integration-Key": integrationKey, "X-Account-Id": accountId, "X-Stack-Id": stackId },
      });
      let start = 0;
      for (;;) {
        const { data, error, response } = await client.POST("/api/external/objects/{object_sid}/search/", {
          params: { path: { object_sid: "object.custom.orders" } },
          body: { start, count: RECORDS_PAGE },
        });
        if (error !== undefined || !response.ok) throw new Error(`page failed with status ${response.status}`);
        if (typeof data !== "object") throw new Error("a search page that is not JSON");
        const records = Array.isArray(data) ? data : data.records;
        yield* records;
        if (records.length < RECORDS_PAGE) return;
        start += records.length;
      }
    },
  };
}

async function measurePaging({ variant, items, sampleEvery }) {
  const variants = pagingVariants(pagingFetch(items));
  const make = variants[/** @type {keyof typeof variants} */ (variant)];
  if (!make) throw new Error(`no paging variant named ${variant}`);
  // Two passes first, so that compiled code and the runtime's caches are in the baseline, not in the figures.
  for (let pass = 0; pass < 2; pass++)
    for await (const _ of make()) {
    }
  const baseline = await settledLiveHeap();
  let peak = 0;
  let count = 0;
  const iterable = make();
  for await (const item of iterable) {
    if (!item) throw new Error("an empty item");
    if (++count % sampleEvery === 0) peak = Math.max(peak, liveHeap() - baseline);
  }
  if (count !== items) throw new Error(`${variant} handed out ${count} items, expected ${items}`);
  // The iterator is still held here: whatever it keeps of its pages is in this figure.
  const retained = (await settledLiveHeap()) - baseline;
  const held = typeof iterable[Symbol.asyncIterator]; // uses the iterator after the measurement: it was held
  return { peak, retained, samples: Math.floor(items / sampleEvery), held };
}

const result = input.mode === "paging" ? await measurePaging(input) : await measureCalls(input);
console.log(JSON.stringify(result));
