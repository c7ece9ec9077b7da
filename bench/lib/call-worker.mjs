// One measurement, in its own process: ops/s of one client task, in memory or over loopback.
//   node call-worker.mjs '{"task":"@keyway/stacker","fetch":"memory","timeMs":1000}'
//   node call-worker.mjs '{"task":"raw fetch","fetch":"loopback","baseUrl":"http://127.0.0.1:1234","timeMs":1000}'
import { Bench } from "tinybench";
import { CALL_TASKS } from "./call-tasks.mjs";
import { inMemoryFetch } from "./fixtures.mjs";

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
const warmup =
  kind === "loopback" ? { warmupTime: 500, warmupIterations: 6000 } : { warmupTime: 2000, warmupIterations: 500 };
const bench = new Bench({ time: timeMs, ...warmup, throws: true });
bench.add(name, call);
await bench.run();
// With `throws: true` the run threw unless the task completed.
const result = /** @type {import("tinybench").TaskResultCompleted} */ (bench.tasks[0]?.result);
console.log(JSON.stringify({ opsPerSecond: 1000 / result.period }));
