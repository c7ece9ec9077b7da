// Small process helpers shared by the repository scripts.
import { spawn } from "node:child_process";

/** Runs a command with inherited stdio; resolves with its exit code (never rejects on failure). */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The pnpm command to use: the one running this script, or `npx pnpm@10` on a machine without it. */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) return { command: process.execPath, prefix: [execPath] };
  return { command: "npx", prefix: ["--yes", "pnpm@10"] };
}
