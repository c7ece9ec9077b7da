// 1 and 2: per-call overhead, with an in-memory fetch and over loopback HTTP.
import { fileURLToPath } from "node:url";
import { BASELINE_TASK, CALL_TASKS, partnerTask, RAW_FETCH_TASK } from "../lib/call-tasks.mjs";
import { startLoopbackServer } from "../lib/loopback-server.mjs";
import { runWorker } from "../lib/processes.mjs";
import { interleaved } from "../lib/rounds.mjs";
import { pairedRatio, summarize } from "../lib/stats.mjs";

const WORKER = fileURLToPath(new URL("../lib/call-worker.mjs", import.meta.url));
/** The loopback target: every keyway client at least this fraction of raw fetch's calls per second. */
const LOOPBACK_TARGET = 0.95;

/**
 * Calls per second of every client, each measurement in a fresh process, `rounds` rounds interleaved.
 * Each task runs beside its partner in its process (bare openapi-fetch in memory, raw fetch over loopback; see
 * call-worker.mjs), and its speed against the partner is the one measured there; against anything else, the ratio
 * of two such speeds of the same round.
 */
export async function measureCalls({ mode, rounds, timeMs, log }) {
  const server = mode === "loopback" ? await startLoopbackServer() : undefined;
  try {
    const names = CALL_TASKS.map((task) => task.name);
    /** @type {Map<string, { opsPerSecond: number, vsPartner: number }[]>} */
    const values = await interleaved(
      names,
      rounds,
      (task) => runWorker(WORKER, { task, fetch: mode, baseUrl: server?.url, timeMs }),
      { onProgress: log },
    );
    const partner = partnerTask(mode);
    /** A task's speed against its partner, in each round. */
    const speeds = (/** @type {string} */ name) => (values.get(name) ?? []).map((value) => value.vsPartner);
    /** A task's speed against `other`, in each round. */
    const against = (/** @type {string} */ name, /** @type {string} */ other) =>
      other === partner.name ? summarize(speeds(name)) : pairedRatio(speeds(name), speeds(other));
    return CALL_TASKS.map((task) => ({
      name: task.name,
      // The targets are for keyway's clients (the tasks with an in-memory target).
      target: mode === "memory" || task.target === undefined ? task.target : LOOPBACK_TARGET,
      opsPerSecond: summarize((values.get(task.name) ?? []).map((value) => value.opsPerSecond)),
      vsBare: against(task.name, BASELINE_TASK.name),
      vsRawFetch: against(task.name, RAW_FETCH_TASK.name),
      ...(task.comparedWith && {
        vsCompared: {
          name: task.comparedWith,
          ratio: against(task.name, task.comparedWith),
        },
        noMeasurableCost: task.noMeasurableCost === true,
      }),
    }));
  } finally {
    await server?.stop();
  }
}
