// What a few microseconds of client code cost over loopback on this machine: raw fetch with a fixed amount of
// busy work before each call, beside raw fetch, bare openapi-fetch and the Stacker client.
//   node bench/diagnose/loopback-latency.mjs [batches]
//
// A loopback call is a ping-pong between two processes: while the client works between a response and its next
// request, the server has nothing to do, and the longer that lasts, the more the next request's write (the socket
// write that runs the server's receive path and wakes it) and the response's wake-up cost. If the rows with busy
// work cost more than the work itself, a client's own time is multiplied over loopback, which is why keyway's
// few microseconds a call in memory weigh more here (see bench/gaps.md). Each variant runs in this one process,
// in rotated batches of 200 calls, timed in CPU time of the process and in wall time.
import { BASELINE_TASK, CALL_TASKS, RAW_FETCH_TASK, rawRecordCall, STACKER_HEADERS } from "../lib/call-tasks.mjs";
import { timeLoopbackBatches } from "../lib/loopback-batches.mjs";
import { median } from "../lib/stats.mjs";

const BUSY_MICROSECONDS = [5, 10, 20, 40];
const batches = Number(process.argv[2] ?? 40);

/** Keeps the thread busy for `microseconds`, as a client's own code between two requests does. */
function busyFor(microseconds) {
  const end = process.hrtime.bigint() + BigInt(microseconds * 1000);
  while (process.hrtime.bigint() < end) {
    // spin
  }
}

const VARIANTS = [
  RAW_FETCH_TASK,
  // The same call again: how far apart two identical variants come out is this method's noise.
  { ...RAW_FETCH_TASK, name: "raw fetch again (noise control)" },
  ...BUSY_MICROSECONDS.map((microseconds) => ({
    name: `raw fetch + ${microseconds} µs of busy work`,
    build:
      ({ baseUrl }) =>
      () => {
        busyFor(microseconds);
        return rawRecordCall(fetch, baseUrl, { headers: STACKER_HEADERS });
      },
  })),
  BASELINE_TASK,
  ...CALL_TASKS.filter((task) => task.name === "@keyway/stacker"),
];

const { batchCalls, cpu, wall } = await timeLoopbackBatches(VARIANTS, batches);
/** The median per-batch difference from raw fetch's batch of the same round. */
const beyondRaw = (values, raw) => median(values.map((value, batch) => value - (raw[batch] ?? value)));
console.log(`Per call, median of ${batches} batches of ${batchCalls} calls, and the median difference from raw fetch`);
for (const [index, variant] of VARIANTS.entries()) {
  const cpuValues = cpu[index] ?? [];
  const wallValues = wall[index] ?? [];
  const cpuBeyond = beyondRaw(cpuValues, cpu[0] ?? []);
  const wallBeyond = beyondRaw(wallValues, wall[0] ?? []);
  console.log(
    `CPU ${median(cpuValues).toFixed(0).padStart(4)} µs (${cpuBeyond >= 0 ? "+" : ""}${cpuBeyond.toFixed(0)})  ` +
      `wall ${median(wallValues).toFixed(0).padStart(4)} µs (${wallBeyond >= 0 ? "+" : ""}${wallBeyond.toFixed(0)})  ${variant.name}`,
  );
}
