// Starts Prism (@stoplight/prism-cli) mock servers from our specs on 127.0.0.1.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

/**
 * How long any server the tests start (Prism, Verdaccio) may take to listen. Shorter than the
 * vitest hook timeout (vitest.shared.ts), so a slow start fails with the server's own output
 * rather than "Hook timed out".
 */
export const SERVER_START_TIMEOUT_MS = 90_000;

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
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (!failure) return /** @type {any} */ (outcomes.map((outcome) => outcome.value));
  const started = outcomes.filter((outcome) => outcome.status === "fulfilled").map((outcome) => outcome.value);
  await Promise.all(started.map((server) => ("stop" in server ? server.stop() : server.close())));
  throw failure.reason;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function prismBin() {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8"));
  return join(dirname(manifestPath), typeof bin === "string" ? bin : bin.prism);
}

/**
 * Starts `prism mock` for one spec and resolves once it listens.
 * `errors: true` makes Prism answer invalid requests with an error instead of a best-effort example.
 * @returns {Promise<{ url: string, stop: () => Promise<void>, output: () => string }>}
 */
export async function startPrism(specPath, { errors = false } = {}) {
  const port = await freePort();
  const args = [prismBin(), "mock", "-h", "127.0.0.1", "-p", String(port), ...(errors ? ["--errors"] : []), specPath];
  const child = untilExit(spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] }));
  let output = "";
  const url = `http://127.0.0.1:${port}`;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        fail(new Error(`Prism did not start within ${SERVER_START_TIMEOUT_MS / 1000}s for ${specPath}:\n${output}`)),
      SERVER_START_TIMEOUT_MS,
    );
    const onData = (chunk) => {
      output += chunk;
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    function fail(error) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    }
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => fail(new Error(`Prism exited with code ${code} for ${specPath}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners("exit");
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
