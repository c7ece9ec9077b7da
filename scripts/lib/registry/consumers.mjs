// The registry test's consumers: each client installed alone from the registry in an empty folder
// with plain npm, its consumer programs type-checked, compiled and run, every entry point loaded.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../paths.mjs";
import { capture, cleanEnv, mustRun } from "../run.mjs";

const CONSUMERS_DIR = join(repoRoot, "scripts", "test", "fixtures", "consumers");

/** The consumer programs for a client (`@keyway/stacker` → fixtures/consumers/stacker.mts and .cjs). */
function consumerSources(packageName) {
  const base = packageName.split("/").pop();
  return { esm: join(CONSUMERS_DIR, `${base}.mts`), cjs: join(CONSUMERS_DIR, `${base}.cjs`) };
}

export const TSCONFIGS = {
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
};

/**
 * In a new folder `dir`, with plain npm and no workspace: `npm init -y`, then installs the
 * client alone with typescript 5.9 and @types/node 20 from `registry`, and adds its consumer
 * programs and one tsconfig per module resolution.
 */
export async function installAlone(registry, packageName, dir) {
  mkdirSync(dir, { recursive: true });
  const env = cleanEnv({ npm_config_registry: registry });
  await mustRun("npm", ["init", "-y"], { cwd: dir, env });
  await mustRun(
    "npm",
    [
      "install",
      packageName,
      "typescript@5.9",
      "@types/node@20",
      "--registry",
      registry,
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
    ],
    { cwd: dir, env },
  );
  const sources = consumerSources(packageName);
  cpSync(sources.esm, join(dir, "consumer.mts"));
  cpSync(sources.cjs, join(dir, "consumer.cjs"));
  for (const [name, options] of Object.entries(TSCONFIGS)) {
    const compilerOptions = {
      ...options,
      target: "es2022",
      lib: ["es2022"],
      types: ["node"],
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      outDir: `out-${name}`,
    };
    writeFileSync(
      join(dir, `tsconfig.${name}.json`),
      `${JSON.stringify({ compilerOptions, files: ["consumer.mts"] }, null, 2)}\n`,
    );
  }
  writeEntryPointTypes(dir, packageName);
  return dir;
}

/**
 * Writes `entries.mts`, the types of every entry point of `packageName` and of the @keyway packages it depends on, and
 * `tsconfig.entries.json`, which checks them with ES2021's lib, Node's types and no DOM (@tsconfig/node16's settings):
 * a declaration naming a newer lib's or the DOM's type (`ErrorOptions`, `HeadersInit`) fails there.
 */
function writeEntryPointTypes(dir, packageName) {
  const manifestOf = (name) => JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8"));
  const client = manifestOf(packageName);
  const keywayDependencies = Object.keys(client.dependencies ?? {}).filter((name) => name.startsWith("@keyway/"));
  const specifiers = [client, ...keywayDependencies.map(manifestOf)].flatMap(exportSpecifiers);
  writeFileSync(
    join(dir, "entries.mts"),
    specifiers.map((specifier, index) => `export type * as entry${index} from "${specifier}";\n`).join(""),
  );
  const compilerOptions = {
    ...TSCONFIGS.node16,
    target: "es2021",
    lib: ["es2021"],
    types: ["node"],
    strict: true,
    skipLibCheck: false,
    noEmit: true,
  };
  writeFileSync(
    join(dir, "tsconfig.entries.json"),
    `${JSON.stringify({ compilerOptions, files: ["entries.mts"] }, null, 2)}\n`,
  );
}

/**
 * Type-checks the consumer under one module resolution (`node16` or `bundler`) and compiles it
 * to out-<resolution>/consumer.mjs, or (`entries`) every entry point's types with older libs;
 * resolves with tsc's result.
 */
export function typecheckConsumer(dir, resolution) {
  return capture(
    process.execPath,
    [join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", `tsconfig.${resolution}.json`],
    { cwd: dir },
  );
}

/** The ESM consumer compiled under node16 (compiling it first if needed); throws with tsc's output on errors. */
export async function compileConsumer(dir) {
  const file = join(dir, "out-node16", "consumer.mjs");
  if (!existsSync(file)) {
    const result = await typecheckConsumer(dir, "node16");
    if (result.status !== 0)
      throw new Error(`the consumer in ${dir} does not compile:\n${result.stdout}${result.stderr}`);
  }
  return file;
}

/** Runs a consumer program with node (`env` adds variables such as MOCK_URL); resolves with its result. */
export function runConsumer(dir, file, env = {}) {
  return capture(process.execPath, [file], { cwd: dir, env: cleanEnv(env) });
}

/** Every entry point of an installed package (`.`, `./webhooks`…), as import specifiers. */
function exportSpecifiers(manifest) {
  const exports = manifest.exports && typeof manifest.exports === "object" ? Object.keys(manifest.exports) : ["."];
  return exports
    .filter((key) => !key.endsWith(".json") && !key.includes("*"))
    .map((key) => (key === "." ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

/**
 * Loads every entry point of `packageName` as installed in `dir`, from ESM (`import()`) and
 * from CommonJS (`require()`); resolves with the failures (empty when all load).
 */
export async function importEveryExport(dir, packageName) {
  const manifest = JSON.parse(readFileSync(join(dir, "node_modules", packageName, "package.json"), "utf8"));
  const specifiers = JSON.stringify(exportSpecifiers(manifest));
  const esm = `for (const s of ${specifiers}) { const m = await import(s); if (!Object.keys(m).length) throw new Error(s + " exports nothing"); }`;
  const cjs = `for (const s of ${specifiers}) { const m = require(s); if (!Object.keys(m).length) throw new Error(s + " exports nothing"); }`;
  const failures = [];
  for (const [kind, args] of /** @type {Array<[string, string[]]>} */ ([
    ["ESM", ["--input-type=module", "-e", esm]],
    ["CommonJS", ["-e", cjs]],
  ])) {
    const result = await capture(process.execPath, args, { cwd: dir });
    if (result.status !== 0) failures.push(`${kind}: ${result.stderr.trim().split("\n").slice(0, 8).join("\n")}`);
  }
  return failures;
}
