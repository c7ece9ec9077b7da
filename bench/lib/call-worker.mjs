// One measurement, in its own process: calls per second of one client task, in memory or over loopback.
//   node call-worker.mjs '{"task":"@keyway/stacker","fetch":"memory","timeMs":1000}'
//   node call-worker.mjs '{"task":"@keyway/stacker","fetch":"loopback","baseUrl":"http://127.0.0.1:1234","timeMs":1000}'
//
// Over loopback, the task shares its process with raw fetch, in batches taken in turn, and the worker also
// prints the task's speed against raw fetch in that process (`vsRawFetch`): how fast one process runs
// against another varies by more (±30 % on this machine) than the few per cent the loopback target is about.
// Raw fetch shares no code with the clients but undici's, so no client slows another's JIT-compiled paths.
import { Bench } from "tinybench";
import { CALL_TASKS, RAW_FETCH_TASK } from "./call-tasks.mjs";
import { inMemoryFetch } from "./fixtures.mjs";
import { median } from "./stats.mjs";

const { task: name, fetch: kind, baseUrl, timeMs } = JSON.parse(process.argv[2] ?? "");
const task = CALL_TASKS.find((candidate) => candidate.name === name);
if (!task) throw new Error(`unknown task "${name}"`);

const fetch = kind === "memory" ? inMemoryFetch() : (input, init) => globalThis.fetch(input, init);
const call = task.build({ fetch, baseUrl });
await call(); // fails loudly if the client cannot make the call at all

// Timing starts after a fresh process's ramp, so that what is measured is a long-running client's cost per call:
// CPU time per call falls for about 1.5 s in memory (a keyway call: 100 µs in its first 10,000 calls, 35–40 µs
// from about the 30,000th) and for about 5,000 calls over loopback (1.6–2.1 ms each in the first thousand,
// 0.2–0.45 ms from about the five thousandth).
console.log(JSON.stringify(kind === "loopback" ? await besideRawFetch() : await alone()));

/** Calls per second of the task alone (tinybench: warm-up, then `timeMs` of calls). */
async function alone() {
  const bench = new Bench({ time: timeMs, warmupTime: 2000, warmupIterations: 500, throws: true });
  bench.add(name, call);
  await bench.run();
  // With `throws: true` the run threw unless the task completed.
  const result = /** @type {import("tinybench").TaskResultCompleted} */ (bench.tasks[0]?.result);
  return { opsPerSecond: 1000 / result.period };
}

/**
 * Calls per second of the task over loopback, and its speed against raw fetch in the same process: batches of
 * `BATCH_CALLS` of each in turn (which goes first alternates), `timeMs` of the task's calls in all, after
 * 6,000 calls of warm-up. For the raw fetch task, the other side is raw fetch again: the method's own noise.
 */
async function besideRawFetch() {
  const BATCH_CALLS = 250;
  const WARMUP_CALLS = 6000;
  const raw = RAW_FETCH_TASK.build({ fetch, baseUrl });
  for (let i = 0; i < WARMUP_CALLS; i++) await (i % 2 ? call() : raw());
  const batch = async (/** @type {() => Promise<unknown>} */ each) => {
    const started = performance.now();
    for (let i = 0; i < BATCH_CALLS; i++) await each();
    return performance.now() - started;
  };
  /** @type {number[]} */ const taskTimes = [];
  /** @type {number[]} */ const speeds = [];
  for (let spent = 0, pair = 0; spent < timeMs; pair++) {
    let taskMs = 0;
    let rawMs = 0;
    if (pair % 2) {
      taskMs = await batch(call);
      rawMs = await batch(raw);
    } else {
      rawMs = await batch(raw);
      taskMs = await batch(call);
    }
    taskTimes.push(taskMs);
    speeds.push(rawMs / taskMs);
    spent += taskMs;
  }
  const totalMs = taskTimes.reduce((sum, ms) => sum + ms, 0);
  return { opsPerSecond: (taskTimes.length * BATCH_CALLS * 1000) / totalMs, vsRawFetch: median(speeds) };
}
