// One measurement, in its own process: calls per second of one client task, in memory or over loopback.
//   node call-worker.mjs '{"task":"@keyway/stacker","fetch":"memory","timeMs":1000}'
//   node call-worker.mjs '{"task":"@keyway/stacker","fetch":"loopback","baseUrl":"http://127.0.0.1:1234","timeMs":1000}'
//
// The task shares its process with the task it is compared with (its partner), in batches taken in turn, and the
// worker also prints the task's speed against its partner in that process (`vsPartner`): how fast one process runs
// against another varies by more (±30 % on this machine) than the few per cent the targets are about. Over
// loopback the partner is raw fetch, which shares no code with the clients but undici's; in memory it is bare
// openapi-fetch, loaded as a module instance of its own, so that no client slows its JIT-compiled paths (or is
// slowed by them). Raw fetch's partner over loopback is raw fetch again, and bare openapi-fetch's in memory is
// its other instance: how far their ratio strays from 1.00× is the method's noise.
import { createBareClient } from "./bare-openapi-fetch.mjs";
import { CALL_TASKS, partnerTask } from "./call-tasks.mjs";
import { inMemoryFetch } from "./fixtures.mjs";
import { median } from "./stats.mjs";

const { task: name, fetch: kind, baseUrl, timeMs } = JSON.parse(process.argv[2] ?? "");
const task = CALL_TASKS.find((candidate) => candidate.name === name);
if (!task) throw new Error(`unknown task "${name}"`);

const fetch = kind === "memory" ? inMemoryFetch() : (input, init) => globalThis.fetch(input, init);
const call = task.build({ fetch, baseUrl });
// Bare openapi-fetch, when it is the partner, from its own module instance.
const partner = partnerTask(kind).build({ fetch, baseUrl, openapiFetch: createBareClient });
await call(); // fails loudly if the client cannot make the call at all
await partner();

// Timing starts after a fresh process's ramp, so that what is measured is a long-running client's cost per call:
// CPU time per call falls for about 1.5 s in memory (a keyway call: 100 µs in its first 10,000 calls, 35–40 µs
// from about the 30,000th) and for about 5,000 calls over loopback (1.6–2.1 ms each in the first thousand,
// 0.2–0.45 ms from about the five thousandth).
const { WARMUP_CALLS, BATCH_CALLS } =
  kind === "memory" ? { WARMUP_CALLS: 60_000, BATCH_CALLS: 2_000 } : { WARMUP_CALLS: 6_000, BATCH_CALLS: 250 };

// Batches of `BATCH_CALLS` calls of the task and of its partner in turn (which goes first alternates), until
// `timeMs` of the task's calls, after `WARMUP_CALLS` calls of warm-up taken in turn.
for (let i = 0; i < WARMUP_CALLS; i++) await (i % 2 ? call() : partner());
const batch = async (/** @type {() => Promise<unknown>} */ each) => {
  const started = performance.now();
  for (let i = 0; i < BATCH_CALLS; i++) await each();
  return performance.now() - started;
};
/** @type {number[]} */ const taskTimes = [];
/** @type {number[]} */ const speeds = [];
for (let spent = 0, pair = 0; spent < timeMs; pair++) {
  let taskMs = 0;
  let partnerMs = 0;
  if (pair % 2) {
    taskMs = await batch(call);
    partnerMs = await batch(partner);
  } else {
    partnerMs = await batch(partner);
    taskMs = await batch(call);
  }
  taskTimes.push(taskMs);
  speeds.push(partnerMs / taskMs);
  spent += taskMs;
}
const totalMs = taskTimes.reduce((sum, ms) => sum + ms, 0);
console.log(
  JSON.stringify({ opsPerSecond: (taskTimes.length * BATCH_CALLS * 1000) / totalMs, vsPartner: median(speeds) }),
);
