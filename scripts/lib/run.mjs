// Small process helpers shared by the repository scripts, their tests and the benchmarks.
import { AsyncLocalStorage } from "node:async_hooks";
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

/**
 * Runs a command with inherited stdio; resolves with its exit code (never rejects on failure).
 * `onSpawn` receives the child process (to forward signals to it).
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import("node:child_process").SpawnOptions & { onSpawn?: (child: import("node:child_process").ChildProcess) => void }} [options]
 * @returns {Promise<number>}
 */
export function run(command, args, { onSpawn, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    onSpawn?.(child);
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

/**
 * The environment for child tools: this process's, without what a parent pnpm, turbo or vitest
 * set for itself (npm_*, TURBO_*, VITEST*), so nested runs behave as if started by hand.
 */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(npm_|TURBO_|VITEST|__VITEST)/i.test(key) || key === "TURBO_TELEMETRY_DISABLED",
    ),
  );
  return {
    ...env,
    NODE_ENV: undefined,
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    NPM_CONFIG_UPDATE_NOTIFIER: "false",
    ...extra,
  };
}

/**
 * @typedef {object} CaptureOptions
 * @property {string} [cwd]
 * @property {Record<string, string | undefined>} [env] default: {@link cleanEnv}()
 * @property {number} [timeoutMs]
 */

/** The time (epoch milliseconds) by which the commands of the current {@link withinTimeLimit} scope must end. */
const commandDeadline = new AsyncLocalStorage();

/**
 * Runs `steps`, stopping every command that {@link capture}, {@link mustRun} or {@link pnpm} start inside it (however
 * deep in the helpers it calls) `marginMs` before `limitMs` has passed since the start. Under a caller whose own limit
 * is `limitMs` (a test hook's timeout), a command that is too slow on a busy machine then fails with its name and
 * output, in time to be reported, rather than the caller timing out with no word of which step was slow.
 * @template T
 * @param {number} limitMs
 * @param {() => Promise<T>} steps
 * @param {number} [marginMs]
 * @returns {Promise<T>}
 * @example
 * ```js
 * beforeAll(() => withinTimeLimit(900_000, async () => {
 *   await pnpm(["install"], { cwd: work });
 *   await pnpm(["exec", "turbo", "run", "build"], { cwd: work });
 * }), 900_000);
 * ```
 */
export function withinTimeLimit(limitMs, steps, marginMs = 30_000) {
  return commandDeadline.run(Date.now() + limitMs - marginMs, steps);
}

/**
 * The milliseconds a command started now may run: `timeoutMs`, or less if the enclosing {@link withinTimeLimit}
 * ends sooner (at least one second, so that a command started after the deadline still reports it).
 * @param {number | undefined} timeoutMs
 */
function commandTimeoutMs(timeoutMs) {
  const deadline = commandDeadline.getStore();
  if (deadline === undefined) return timeoutMs;
  const left = Math.max(1_000, deadline - Date.now());
  return timeoutMs === undefined ? left : Math.min(timeoutMs, left);
}

/**
 * Runs a command without blocking the event loop, capturing its output; resolves with its exit
 * status, stdout, stderr and wall-clock milliseconds (never rejects on a non-zero exit). With
 * `timeoutMs`, or inside {@link withinTimeLimit}, a command still running at its limit is killed and
 * reported with `timedOut: true`.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {CaptureOptions} [options]
 * @returns {Promise<{ status: number, stdout: string, stderr: string, ms: number, timedOut: boolean }>}
 */
export function capture(command, args, { cwd, env = cleanEnv(), timeoutMs: requestedTimeoutMs } = {}) {
  const timeoutMs = commandTimeoutMs(requestedTimeoutMs);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, timeoutMs);
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal ? 1 : 0), stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/**
 * Like {@link capture}, but throws (with the end of the output) unless the command exits 0.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {CaptureOptions} [options]
 */
export async function mustRun(command, args, options = {}) {
  const result = await capture(command, args, options);
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-40).join("\n");
    const how = result.timedOut
      ? `did not finish within its time limit (stopped after ${Math.round(result.ms / 1000)}s)`
      : `exited ${result.status}`;
    throw new Error(`\`${[command, ...args].join(" ")}\` ${how} in ${options.cwd ?? process.cwd()}:\n${output}`);
  }
  return result;
}

/**
 * Runs pnpm (the one running this script, else `npx pnpm@10`) in `cwd`.
 * @param {readonly string[]} args
 * @param {CaptureOptions} [options]
 */
export function pnpm(args, options) {
  const { command, prefix } = pnpmCommand();
  return mustRun(command, [...prefix, ...args], options);
}

/**
 * The processes (other than this one) whose environment has `name=value`, with their command
 * lines: what a run started, however deep, and whoever their parent now is. Reads /proc, so it
 * finds nothing where there is none (macOS, Windows).
 * @returns {{ pid: number, command: string }[]}
 */
export function markedProcesses(name, value) {
  const marker = `${name}=${value}`;
  let pids;
  try {
    pids = readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    if (pid === process.pid) return [];
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(marker)) return [];
      return [
        { pid, command: readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim().slice(0, 160) },
      ];
    } catch {
      return []; // Gone meanwhile, or not ours to read.
    }
  });
}
