// The method of the loopback diagnose scripts: every variant in this one process, against one loopback server,
// in batches of calls taken in a rotated order, each batch timed in CPU time of the process and in wall time.
import { startLoopbackServer } from "./loopback-server.mjs";

const BATCH_CALLS = 200;
const WARMUP_CALLS = 3000;

/**
 * Builds each variant's call against a fresh loopback server, warms them up, then times `batches` rounds in which
 * every variant runs one batch of {@link BATCH_CALLS} calls, in an order rotated each round so that no variant always
 * follows the same one (and pays for its garbage). Resolves with the µs per call of each batch, per variant.
 *
 * @param {readonly { name: string, build: (options: { fetch: typeof fetch, baseUrl: string }) => () => Promise<unknown> }[]} variants
 * @param {number} batches
 * @returns {Promise<{ batchCalls: number, cpu: number[][], wall: number[][] }>}
 */
export async function timeLoopbackBatches(variants, batches) {
  const server = await startLoopbackServer();
  try {
    const calls = variants.map((variant) =>
      variant.build({ fetch: (url, init) => fetch(url, init), baseUrl: server.url }),
    );
    for (let i = 0; i < WARMUP_CALLS; i++) for (const call of calls) await call();
    /** @type {number[][]} */
    const cpu = variants.map(() => []);
    /** @type {number[][]} */
    const wall = variants.map(() => []);
    for (let batch = 0; batch < batches; batch++) {
      for (let turn = 0; turn < calls.length; turn++) {
        const index = (batch + turn) % calls.length;
        const call = /** @type {() => Promise<unknown>} */ (calls[index]);
        const started = process.cpuUsage();
        const startedAt = performance.now();
        for (let i = 0; i < BATCH_CALLS; i++) await call();
        const { user, system } = process.cpuUsage(started);
        cpu[index]?.push((user + system) / BATCH_CALLS);
        wall[index]?.push(((performance.now() - startedAt) * 1000) / BATCH_CALLS);
      }
    }
    return { batchCalls: BATCH_CALLS, cpu, wall };
  } finally {
    await server.stop();
  }
}
