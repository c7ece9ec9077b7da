import { spawn } from "node:child_process";

/**
 * Runs a command to completion, capturing its output. Resolves with its exit code,
 * stdout, stderr and wall-clock duration; never rejects on a non-zero exit.
 */
export function capture(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr, ms: performance.now() - started }));
  });
}

/** Like {@link capture}, but rejects with the command's output when it fails. */
export async function captureOrThrow(command, args, options = {}) {
  const result = await capture(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${[command, ...args].join(" ")} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/**
 * Runs a measurement script in a fresh Node process and returns the JSON it prints last.
 * A fresh process per measurement keeps one client's JIT feedback from slowing another's
 * (they share openapi-fetch's code).
 */
export async function runWorker(script, input) {
  const { stdout } = await captureOrThrow(process.execPath, [script, JSON.stringify(input)]);
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}
