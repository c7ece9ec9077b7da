// What a client's own code costs when it runs between network calls, as it does over loopback: each client's call
// answered by the in-memory fetch, timed in a tight loop (warm) and right after a raw fetch call over loopback
// (cold: undici's socket, parser and stream code ran in between).
//   node bench/diagnose/cold-calls.mjs [rounds]
//
// Both timings are wall time of one call at a time, with the same in-memory fetch, in one process; the difference
// between a client and raw fetch is the client's own code, to set against what a raw fetch call over loopback takes
// (printed too). Not part of `pnpm bench`: it answers why a client's few microseconds in memory become several times
// more over loopback (see bench/gaps.md).
import { CALL_TASKS, RAW_FETCH_TASK } from "../lib/call-tasks.mjs";
import { inMemoryFetch } from "../lib/fixtures.mjs";
import { startLoopbackServer } from "../lib/loopback-server.mjs";
import { median } from "../lib/stats.mjs";

const CALLS = 200;
const rounds = Number(process.argv[2] ?? 30);
const NAMES = [
  "raw fetch",
  "raw fetch + timeout (AbortController + timer)",
  "openapi-fetch (bare)",
  "openapi-fetch + light Request + timeout (the issue's sketch)",
  "@keyway/stacker",
  "@keyway/stack-auth server, static keys",
];
const tasks = NAMES.map((name) => {
  const task = CALL_TASKS.find((candidate) => candidate.name === name);
  if (!task) throw new Error(`unknown task "${name}"`);
  return task;
});

const server = await startLoopbackServer();
try {
  const inMemory = tasks.map((task) => task.build({ fetch: inMemoryFetch() }));
  const overLoopback = RAW_FETCH_TASK.build({ fetch: (url, init) => fetch(url, init), baseUrl: server.url });
  for (let i = 0; i < 20_000; i++) for (const call of inMemory) await call();
  for (let i = 0; i < 3_000; i++) await overLoopback();

  /**
   * Wall µs of one call of `call`, averaged over CALLS calls, each after `before` when given.
   * @param {() => Promise<unknown>} call
   * @param {() => Promise<unknown>} [before]
   */
  const timed = async (call, before) => {
    let ms = 0;
    for (let i = 0; i < CALLS; i++) {
      if (before) await before();
      const started = performance.now();
      await call();
      ms += performance.now() - started;
    }
    return (ms * 1000) / CALLS;
  };
  /** @type {number[]} wall µs of a raw fetch call over loopback itself, a round's batch each */
  const loopback = [];
  const warm = tasks.map(() => /** @type {number[]} */ ([]));
  const cold = tasks.map(() => /** @type {number[]} */ ([]));
  for (let round = 0; round < rounds; round++) {
    loopback.push(await timed(overLoopback));
    for (let turn = 0; turn < tasks.length; turn++) {
      const index = (round + turn) % tasks.length;
      const call = /** @type {() => Promise<unknown>} */ (inMemory[index]);
      cold[index]?.push(await timed(call, overLoopback));
      warm[index]?.push(await timed(call));
    }
  }
  const [rawWarm = 0, rawCold = 0] = [median(warm[0] ?? []), median(cold[0] ?? [])];
  console.log(
    `One in-memory call, wall µs (median of ${rounds} rounds of ${CALLS}), and its own code beyond raw fetch's`,
  );
  console.log(`(a raw fetch call over loopback itself: ${median(loopback).toFixed(0)} µs)`);
  console.log("   warm  (own)    after a loopback call  (own)");
  for (const [index, name] of NAMES.entries()) {
    const [w, c] = [median(warm[index] ?? []), median(cold[index] ?? [])];
    const own = (/** @type {number} */ value, /** @type {number} */ raw) => `+${(value - raw).toFixed(1)}`.padStart(6);
    console.log(
      `${w.toFixed(1).padStart(7)} ${own(w, rawWarm)}   ${c.toFixed(1).padStart(7)} ${own(c, rawCold)}   ${name}`,
    );
  }
} finally {
  await server.stop();
}
