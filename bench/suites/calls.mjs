// 1 and 2: per-call overhead, with an in-memory fetch and over loopback HTTP.
import { fileURLToPath } from "node:url";
import { BASELINE_TASK, CALL_TASKS, RAW_FETCH_TASK } from "../lib/call-tasks.mjs";
import { startLoopbackServer } from "../lib/loopback-server.mjs";
import { runWorker } from "../lib/processes.mjs";
import { interleaved } from "../lib/rounds.mjs";
import { pairedRatio, summarize } from "../lib/stats.mjs";

const WORKER = fileURLToPath(new URL("../lib/call-worker.mjs", import.meta.url));
/** The loopback target: every keyway client at least this fraction of raw fetch's calls per second. */
const LOOPBACK_TARGET = 0.95;

/**
 * Calls per second of every client, each measurement in a fresh process, `rounds` rounds interleaved.
 * Ratios are paired per round. In memory, each task runs alone in its process; over loopback, beside raw
 * fetch, and the task's speed against raw fetch is the one measured in its own process (see call-worker.mjs).
 */
export async function measureCalls({ mode, rounds, timeMs, log }) {
  const server = mode === "loopback" ? await startLoopbackServer() : undefined;
  try {
    const names = CALL_TASKS.map((task) => task.name);
    /** @type {Map<string, { opsPerSecond: number, vsRawFetch?: number }[]>} */
    const values = await interleaved(
      names,
      rounds,
      (task) => runWorker(WORKER, { task, fetch: mode, baseUrl: server?.url, timeMs }),
      { onProgress: log },
    );
    // A task's speed in each round, against what its process measured beside it (raw fetch over loopback).
    const speeds = (/** @type {string} */ name) =>
      (values.get(name) ?? []).map((value) => value.vsRawFetch ?? value.opsPerSecond);
    return CALL_TASKS.map((task) => ({
      name: task.name,
      // The targets are for keyway's clients (the tasks with an in-memory target).
      target: mode === "memory" || task.target === undefined ? task.target : LOOPBACK_TARGET,
      opsPerSecond: summarize((values.get(task.name) ?? []).map((value) => value.opsPerSecond)),
      vsBare: pairedRatio(speeds(task.name), speeds(BASELINE_TASK.name)),
      vsRawFetch:
        mode === "loopback"
          ? summarize(speeds(task.name))
          : pairedRatio(speeds(task.name), speeds(RAW_FETCH_TASK.name)),
      ...(task.comparedWith && {
        vsCompared: {
          name: task.comparedWith,
          ratio: pairedRatio(speeds(task.name), speeds(task.comparedWith)),
        },
        noMeasurableCost: task.noMeasurableCost === true,
      }),
    }));
  } finally {
    await server?.stop();
  }
}
