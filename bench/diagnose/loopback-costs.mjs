// Where a loopback call's time goes beyond raw fetch's: each thing keyway's request adds to a bare
// `fetch(url, { headers })`, measured alone, beside bare openapi-fetch and the Stacker client.
//   node bench/diagnose/loopback-costs.mjs [batches]
//
// Unlike `pnpm bench`, every variant runs in one process, in batches of 200 calls taken in turn, and each
// batch is timed in CPU time of the process: a difference of a few per cent is then not lost in how fast
// one process happens to run against another (see bench/gaps.md). The variants share undici's code, so
// these figures answer "what does this ingredient cost", not "how fast is this client".
import { BASELINE_TASK, CALL_TASKS, RAW_FETCH_TASK, rawRecordCall, STACKER_HEADERS } from "../lib/call-tasks.mjs";
import { timeLoopbackBatches } from "../lib/loopback-batches.mjs";
import { median } from "../lib/stats.mjs";
import { Agent, request } from "node:http";

const batches = Number(process.argv[2] ?? 40);
const STACKER_TASK = /** @type {(typeof CALL_TASKS)[number]} */ (
  CALL_TASKS.find((task) => task.name === "@keyway/stacker")
);

/** raw fetch with one more of the things keyway's request gives fetch; `during` runs while the request is out. */
function rawFetchWith(name, initFor, during = () => () => {}) {
  return {
    name,
    build:
      ({ baseUrl }) =>
      async () => {
        const done = during();
        try {
          return await rawRecordCall(fetch, baseUrl, initFor());
        } finally {
          done();
        }
      },
  };
}

const keepAlive = new Agent({ keepAlive: true });

/**
 * A fetch that sends through `node:http` instead of undici, and makes the whole body it read a fetch `Response`, as a
 * transport of keyway's own on Node would have to (openapi-fetch and keyway's callers read a `Response`).
 */
function nodeHttpFetch(/** @type {string} */ url, /** @type {RequestInit} */ init) {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: init.method ?? "GET", headers: /** @type {Record<string, string>} */ (init.headers), agent: keepAlive },
      (incoming) => {
        /** @type {Buffer[]} */
        const chunks = [];
        incoming.on("data", (chunk) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () => {
          const headers = new Headers();
          for (let i = 0; i < incoming.rawHeaders.length; i += 2)
            headers.append(
              /** @type {string} */ (incoming.rawHeaders[i]),
              /** @type {string} */ (incoming.rawHeaders[i + 1]),
            );
          resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode, headers }));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const VARIANTS = [
  RAW_FETCH_TASK,
  // The same call again: how far apart two identical variants come out is this method's noise.
  { ...RAW_FETCH_TASK, name: "raw fetch again (noise control)" },
  // Each attempt's signal: keyway's timeout and the caller's abort reach the request through it.
  rawFetchWith("raw fetch + a signal (a new AbortController)", () => ({
    headers: STACKER_HEADERS,
    signal: new AbortController().signal,
  })),
  rawFetchWith(
    "raw fetch + a 60 s timer, cleared on response",
    () => ({ headers: STACKER_HEADERS }),
    () => {
      const timer = setTimeout(() => {}, 60_000);
      return () => clearTimeout(timer);
    },
  ),
  rawFetchWith("raw fetch + keyway's User-Agent", () => ({
    headers: { ...STACKER_HEADERS, "User-Agent": `keyway-stacker/0.0.0 node/${process.versions.node}` },
  })),
  rawFetchWith("raw fetch + Headers object, method, redirect: manual", () => ({
    method: "GET",
    headers: new Headers(STACKER_HEADERS),
    body: null,
    redirect: "manual",
  })),
  // What a transport on node:http instead of fetch would start from (Stripe's Node client sends through node:http).
  {
    name: "node:http, the body read into a fetch Response",
    build:
      ({ baseUrl }) =>
      () =>
        rawRecordCall(nodeHttpFetch, baseUrl, { headers: STACKER_HEADERS }),
  },
  // Both together: the least any call whose timeout cancels it costs.
  ...CALL_TASKS.filter((task) => task.name.startsWith("raw fetch + timeout")),
  BASELINE_TASK,
  // The least openapi-fetch client that sends one fetch(url, init) and whose timeout cancels: keyway's floor.
  ...CALL_TASKS.filter((task) => task.name.includes("light Request")),
  ...CALL_TASKS.filter((task) => task.name === "@keyway/stacker" || task.name.startsWith("@keyway/stack-auth server")),
  // keyway's request with the one ingredient undici charges most for taken out again (its timeout then cancels nothing).
  {
    name: "@keyway/stacker, its signal kept from fetch",
    build: ({ baseUrl }) =>
      STACKER_TASK.build({
        baseUrl,
        fetch: (/** @type {string} */ url, /** @type {RequestInit} */ { signal, ...init }) => fetch(url, init),
      }),
  },
];

const { batchCalls, cpu: perCall } = await timeLoopbackBatches(VARIANTS, batches);
const raw = perCall[0] ?? [];
console.log(`CPU time per call, median of ${batches} batches of ${batchCalls} calls, and speed against raw fetch`);
for (const [index, variant] of VARIANTS.entries()) {
  const values = perCall[index] ?? [];
  const speed = median(values.map((value, batch) => (raw[batch] ?? value) / value));
  console.log(`${median(values).toFixed(0).padStart(5)} µs  ${speed.toFixed(2)}× raw fetch  ${variant.name}`);
}
