#!/usr/bin/env node
// node scripts/registry-test.mjs [--keep]
//
// Installs the clients the way users do, from a real registry. Starts Verdaccio on 127.0.0.1
// (storage and config in a temp dir; @keyway/* published there without auth, everything else
// proxied to the npm registry), versions a scratch copy of the workspace with the pending
// changesets (`changeset version`), builds it, publishes every public package with
// `pnpm publish` (which turns workspace: ranges into versions), then, for each client alone,
// in an empty folder with plain npm and no workspace: installs it with typescript and
// @types/node, type-checks the consumer programs of scripts/test/fixtures/consumers/ under
// moduleResolution node16 and bundler, imports every export from ESM and with require(), and
// checks that no published manifest says `workspace:` and every import is a declared dependency.
// scripts/test/registry.test.ts does the same and also runs the consumers against a mock API.
//
// --keep leaves Verdaccio running (its URL is printed) until Ctrl-C.
//
// The helpers are exported for the tests (scripts/test/new-client.test.ts copies and installs
// the workspace with them too); the process helpers are in lib/run.mjs.
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";
import { repoRoot } from "./lib/paths.mjs";
import { freePort, SERVER_START_TIMEOUT_MS, untilExit } from "./lib/prism.mjs";
import { capture, cleanEnv, mustRun, pnpm } from "./lib/run.mjs";

/** The root files a workspace copy needs besides its folders. */
const WORKSPACE_FILES = [
  "package.json",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  ".npmrc",
  "turbo.json",
  "tsconfig.base.json",
  "vitest.shared.ts",
  "redocly.yaml",
  "redocly.strict.yaml",
  "scripts/stamp-version.mjs",
  "scripts/lib/prism.mjs",
];
const NEVER_COPIED = new Set(["node_modules", "dist", ".turbo", ".vitest"]);
const CONSUMERS_DIR = join(repoRoot, "scripts", "test", "fixtures", "consumers");

// --- workspace copies -------------------------------------------------------------------------------

/**
 * Copies the workspace root files and the given folders (without node_modules, dist, caches)
 * from the repository to `dest`, so tools can change the copy freely.
 */
export function copyWorkspace(dest, folders) {
  mkdirSync(dest, { recursive: true });
  for (const entry of [...WORKSPACE_FILES, ...folders]) {
    if (!existsSync(join(repoRoot, entry))) continue;
    cpSync(join(repoRoot, entry), join(dest, entry), {
      recursive: true,
      filter: (src) => !NEVER_COPIED.has(src.split(/[\\/]/).pop()),
    });
  }
  return dest;
}

/**
 * `pnpm install` that takes what the local store has and asks the registry only for
 * the rest (a frozen-lockfile install leaves no registry metadata in the cache, so
 * `--offline` cannot resolve the copy's changed lockfile), updating the lockfile for the copy.
 */
export function installPreferringStore(dir) {
  return pnpm(["install", "--prefer-offline", "--no-frozen-lockfile", "--reporter=append-only"], {
    cwd: dir,
    env: cleanEnv({ CI: "true" }),
  });
}

/** Makes `dir` a git repository with one commit (changesets reads git history). */
async function commitAll(dir) {
  const git = (...args) =>
    mustRun("git", ["-c", "user.name=registry-test", "-c", "user.email=registry-test@localhost", ...args], {
      cwd: dir,
    });
  await git("init", "--quiet", "--initial-branch=main");
  await git("add", "-A");
  await git("commit", "--quiet", "--no-verify", "-m", "registry test snapshot");
}

// --- Verdaccio -----------------------------------------------------------------------------------------

/** The registry Verdaccio proxies third-party packages to: npm's configured one. */
async function upstreamRegistry() {
  const { stdout } = await capture("npm", ["config", "get", "registry"], { env: cleanEnv() });
  const url = stdout.trim();
  return /^https?:\/\//.test(url) ? url : "https://registry.npmjs.org/";
}

/**
 * Starts Verdaccio on 127.0.0.1 with its config and storage under `dir`: @keyway/* can be
 * published without auth and is never proxied; everything else is proxied to npm's registry.
 * @returns {Promise<{ url: string, stop: () => Promise<void>, output: () => string }>}
 */
export async function startVerdaccio(dir) {
  mkdirSync(join(dir, "storage"), { recursive: true });
  const port = await freePort();
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
      "    max_users: -1",
      "uplinks:",
      "  npmjs:",
      `    url: ${JSON.stringify(await upstreamRegistry())}`,
      "    timeout: 60s",
      "    max_fails: 10",
      "packages:",
      "  '@keyway/*':",
      "    access: $all",
      "    publish: $all",
      "    unpublish: $all",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "    proxy: npmjs",
      "web:",
      "  enable: false",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const bin = join(dirname(createRequire(import.meta.url).resolve("verdaccio/package.json")), "bin", "verdaccio");
  const child = untilExit(
    spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
      cwd: dir,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with code ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}-/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Verdaccio did not answer on ${url} within ${SERVER_START_TIMEOUT_MS / 1000}s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

// --- publishing -------------------------------------------------------------------------------------------

/** The workspace packages under `root`/packages: `{ name, version, dir, manifest }`. */
function workspacePackages(root) {
  return readdirSync(join(root, "packages"))
    .filter((name) => existsSync(join(root, "packages", name, "package.json")))
    .map((name) => {
      const manifest = JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));
      return { name: manifest.name, version: manifest.version, dir: join(root, "packages", name), manifest };
    });
}

/** Whether a package is a client: public, and built on @keyway/runtime. */
export const isClient = (pkg) => !pkg.manifest.private && Boolean(pkg.manifest.dependencies?.["@keyway/runtime"]);

/**
 * In a scratch copy of the workspace at `dir`: installs from the store, runs `changeset version`
 * with the pending changesets, builds the packages, and publishes every public one to
 * `registry`. Returns the published packages with their new versions.
 */
export async function publishWorkspace(registry, dir) {
  copyWorkspace(dir, ["packages", ".changeset"]);
  const host = registry.replace(/^https?:/, "");
  // npm refuses to publish without a token; Verdaccio lets anyone publish @keyway/*, so any will do.
  writeFileSync(
    join(dir, ".npmrc"),
    `${readFileSync(join(dir, ".npmrc"), "utf8").trimEnd()}\n${host}:_authToken=registry-test\n`,
  );
  await commitAll(dir);
  await installPreferringStore(dir);
  const env = cleanEnv({ CI: "true" });
  if (readdirSync(join(dir, ".changeset")).some((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md")) {
    await pnpm(["exec", "changeset", "version"], { cwd: dir, env });
  }
  await pnpm(["--recursive", "--filter", "./packages/**", "run", "build"], { cwd: dir, env });
  const published = workspacePackages(dir).filter((pkg) => !pkg.manifest.private);
  for (const pkg of published) {
    await pnpm(["publish", "--registry", registry, "--no-git-checks", "--access", "public"], { cwd: pkg.dir, env });
  }
  return published.map(({ name, version, manifest }) => ({ name, version, manifest }));
}

/** The manifest of `name@version` as the registry serves it. */
export async function publishedManifest(registry, name, version) {
  const response = await fetch(`${registry}${name.replace("/", "%2f")}`);
  if (!response.ok) throw new Error(`${registry} has no ${name} (HTTP ${response.status})`);
  const packument = await response.json();
  const manifest = packument.versions?.[version];
  if (!manifest) throw new Error(`${registry} has ${name} but not version ${version}`);
  return manifest;
}

// --- consumers ----------------------------------------------------------------------------------------------

/** The consumer programs for a client (`@keyway/stacker` → fixtures/consumers/stacker.mts and .cjs). */
function consumerSources(packageName) {
  const base = packageName.split("/").pop();
  return { esm: join(CONSUMERS_DIR, `${base}.mts`), cjs: join(CONSUMERS_DIR, `${base}.cjs`) };
}

const TSCONFIGS = {
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
  return dir;
}

/**
 * Type-checks the consumer under one module resolution (`node16` or `bundler`) and compiles it
 * to out-<resolution>/consumer.mjs; resolves with tsc's result.
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
  for (const [kind, args] of [
    ["ESM", ["--input-type=module", "-e", esm]],
    ["CommonJS", ["-e", cjs]],
  ]) {
    const result = await capture(process.execPath, args, { cwd: dir });
    if (result.status !== 0) failures.push(`${kind}: ${result.stderr.trim().split("\n").slice(0, 8).join("\n")}`);
  }
  return failures;
}

/** The module specifiers a JavaScript file imports, exports from or requires (TypeScript's scanner: comments and strings are skipped). */
function importsOf(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageOf = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/**
 * Imports of the installed @keyway packages in `dir` (their dist/**.js) that name a package
 * they do not declare as a dependency, or that npm did not install: `["@keyway/x: y …"]`.
 */
export function undeclaredImports(dir) {
  const problems = [];
  const scope = join(dir, "node_modules", "@keyway");
  for (const name of existsSync(scope) ? readdirSync(scope) : []) {
    const packageDir = join(scope, name);
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
    for (const file of jsFiles(join(packageDir, "dist"))) {
      for (const specifier of importsOf(readFileSync(file, "utf8"))) {
        if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
        const dependency = packageOf(specifier);
        if (dependency === manifest.name) continue; // a package may import itself through its exports
        const where = `${manifest.name}/${relative(packageDir, file)}`;
        if (!declared.has(dependency))
          problems.push(`${where} imports "${specifier}", which is not in its dependencies`);
        else if (!installedFrom(packageDir, dependency))
          problems.push(`${where} imports "${specifier}", which npm did not install`);
      }
    }
  }
  return problems;
}

function jsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return /\.(?:m|c)?js$/.test(name) ? [path] : [];
  });
}

/** Whether Node's node_modules lookup from `fromDir` finds `dependency`. */
function installedFrom(fromDir, dependency) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", dependency, "package.json"))) return true;
    if (dirname(dir) === dir) return false;
  }
}

// --- the command ----------------------------------------------------------------------------------------------

async function main() {
  const { values: args } = parseArgs({ options: { keep: { type: "boolean", default: false } } });
  const work = mkdtempSync(join(tmpdir(), "keyway-registry-"));
  const registry = await startVerdaccio(join(work, "verdaccio"));
  let failed = false;
  try {
    console.log(`Verdaccio on ${registry.url}`);
    const published = await publishWorkspace(registry.url, join(work, "repo"));
    console.log(`published ${published.map((pkg) => `${pkg.name}@${pkg.version}`).join(", ")}`);
    for (const pkg of published) {
      const text = JSON.stringify(await publishedManifest(registry.url, pkg.name, pkg.version));
      if (text.includes("workspace:")) fail(`${pkg.name}@${pkg.version}'s published manifest contains "workspace:"`);
    }
    const clients = published.filter((pkg) => isClient({ manifest: pkg.manifest }));
    // One after the other, as scripts/test/registry.test.ts does: two installs asking Verdaccio for
    // the same uncached package at once have made it answer 404.
    for (const client of clients) {
      const dir = await installAlone(registry.url, client.name, join(work, client.name.split("/").pop()));
      for (const resolution of Object.keys(TSCONFIGS)) {
        const result = await typecheckConsumer(dir, resolution);
        if (result.status !== 0)
          fail(`${client.name}: the consumer does not type-check under ${resolution}:\n${result.stdout}`);
        else console.log(`${client.name}: type-checks under moduleResolution ${resolution}`);
      }
      const problems = [...(await importEveryExport(dir, client.name)), ...undeclaredImports(dir)];
      for (const problem of problems) fail(`${client.name}: ${problem}`);
      if (!problems.length)
        console.log(`${client.name}: every export loads from ESM and require(); every import is a declared dependency`);
    }
    if (args.keep) {
      console.log(`\nVerdaccio keeps running on ${registry.url} (work dir ${work}); Ctrl-C to stop.`);
      await new Promise((resolve) => process.once("SIGINT", resolve));
    }
  } finally {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
  console.log("registry-test: ok");

  function fail(message) {
    failed = true;
    console.error(`registry-test: ${message}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`registry-test: ${error.message}`);
    process.exit(1);
  });
}
