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

const bench = new Bench({ time: timeMs, warmupTime: 500, warmupIterations: 500, throws: true });
bench.add(name, call);
await bench.run();
// With `throws: true` the run threw unless the task completed.
const result = /** @type {import("tinybench").TaskResultCompleted} */ (bench.tasks[0]?.result);
console.log(JSON.stringify({ opsPerSecond: 1000 / result.period }));
