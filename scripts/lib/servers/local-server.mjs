// Servers the scripts and tests start on 127.0.0.1 (Prism, Verdaccio, the recording proxy), started
// and stopped one way: each resolves to a LocalServer once it answers, and never outlives this process.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

import { SERVER_START_TIMEOUT_MS } from "./start-timeout.mjs";

export { SERVER_START_TIMEOUT_MS };

/**
 * @typedef {object} LocalServer
 * @property {string} url where it listens (`http://127.0.0.1:<port>`, with or without a final `/`)
 * @property {() => Promise<void>} stop stops it; resolves once it has
 * @property {() => string} [output] what a server process printed so far
 */

/** Servers started by this process and not yet stopped: killed when it exits, however it exits. */
const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Tracks a child process until it exits, so that it never outlives this process (see {@link running}).
 * @param {import("node:child_process").ChildProcess} child
 */
export function untilExit(child) {
  running.add(child);
  child.on("exit", () => running.delete(child));
  return child;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const server = createServer();
      server.on("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
        server.close(() => resolve(port));
      });
    })
  );
}

/**
 * Starts a server process (`node <args>`) and resolves once `isReady` says it answers, checked
 * whenever it prints and every 200 ms. It fails with the server's output when the process exits
 * first or is not ready within {@link SERVER_START_TIMEOUT_MS}.
 * @param {object} server
 * @param {string} server.name who it is in errors (`Prism for specs/stacker.yaml`)
 * @param {string[]} server.args the arguments of `node`
 * @param {string} server.url where it will listen
 * @param {(output: string) => boolean | Promise<boolean>} server.isReady
 * @param {import("node:child_process").SpawnOptions} [server.options] spawn options (stdio is piped)
 * @returns {Promise<Required<LocalServer>>}
 */
export async function startServerProcess({ name, args, url, isReady, options = {} }) {
  const child = untilExit(spawn(process.execPath, args, { ...options, stdio: ["ignore", "pipe", "pipe"] }));
  let output = "";
  /** @type {Error | undefined} */
  let spawnError;
  let wake = () => {};
  const onData = (/** @type {Buffer} */ chunk) => {
    output += chunk;
    wake();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  child.on("error", (error) => {
    spawnError = error;
    wake();
  });
  child.on("exit", () => wake());
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) throw new Error(`${name} could not start: ${spawnError.message}`, { cause: spawnError });
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode ?? child.signalCode}:\n${output}`);
    if (await isReady(output)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not answer on ${url} within ${SERVER_START_TIMEOUT_MS / 1000}s:\n${output}`);
    }
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 200);
      wake = () => {
        clearTimeout(timer);
        resolve(undefined);
      };
    });
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Starts an HTTP server of this process on a free port of 127.0.0.1; `stop()` closes it and every
 * connection it holds.
 * @param {import("node:http").Server} server
 * @returns {Promise<LocalServer>}
 */
export async function listenLocally(server) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts several servers (or browsers) at once: anything with `stop()` or `close()`. If any fails
 * to start, the others are stopped before the first error is thrown, so a failed hook leaves
 * nothing running.
 * @template {readonly Promise<{ stop(): Promise<void> } | { close(): Promise<void> }>[]} T
 * @param {[...T]} starting
 * @returns {Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>}
 */
export async function startAll(starting) {
  const outcomes = await Promise.allSettled(starting);
  const started = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (!failure) return /** @type {any} */ (started);
  await Promise.all(started.map((server) => ("stop" in server ? server.stop() : server.close())));
  throw /** @type {PromiseRejectedResult} */ (failure).reason;
}
