import { mustRun } from "../../scripts/lib/run.mjs";

/**
 * Runs a measurement script in a fresh Node process and returns the JSON it prints last.
 * A fresh process per measurement keeps one client's JIT feedback from slowing another's
 * (they share openapi-fetch's code).
 */
export async function runWorker(script, input) {
  const { stdout } = await mustRun(process.execPath, [script, JSON.stringify(input)]);
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines.at(-1) ?? "");
}
