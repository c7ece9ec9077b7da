// Builds the application every runtime of the matrix runs: the public packages packed with
// `pnpm pack` (what `pnpm publish` uploads), installed into an empty folder outside the workspace
// (third-party dependencies from the local pnpm store when it has them), the smoke program compiled
// the way a user's build would, and bundled for the runtimes that take one bundle.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { cleanEnv, pnpm } from "../../../scripts/lib/run.mjs";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const CONSUMER_SOURCES = fileURLToPath(new URL("./consumer/", import.meta.url));
/**
 * How long each packing or installing command may take: with the bundling, well within the hook
 * that installs the consumer (INSTALL_HOOK_TIMEOUT_MS), so a slow step fails with its own output.
 */
const STEP_TIMEOUT_MS = 100_000;
export const INSTALL_HOOK_TIMEOUT_MS = 2 * STEP_TIMEOUT_MS + 60_000;

/** What the consumer installs, and the keyway packages they bring. */
const PACKED = ["header-auth", "runtime", "stacker", "stack-auth"];

/** The TypeScript settings the consumer is checked with: a bundler's and Node's own resolution. */
export const TSCONFIGS = {
  bundler: { module: "esnext", moduleResolution: "bundler" },
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
} as const;

export interface Consumer {
  readonly dir: string;
  /** `main.mjs` for Node, Bun and Deno (it imports the compiled smoke.js and the installed packages). */
  readonly main: string;
  /** One ES module for workerd. */
  readonly workerBundle: string;
  /** One script for edge-runtime, exposing `keywaySmoke`. */
  readonly edgeBundle: string;
}

/** Packs the packages into `dir`/tarballs and installs the consumer into `dir`/app. */
export async function installConsumer(dir: string): Promise<Consumer> {
  const tarballs = join(dir, "tarballs");
  mkdirSync(tarballs, { recursive: true });
  await Promise.all(
    PACKED.map((name) =>
      pnpm(["pack", "--pack-destination", tarballs], { cwd: join(REPO, "packages", name), timeoutMs: STEP_TIMEOUT_MS }),
    ),
  );
  const tarball = (name: string) => {
    const file = readdirSync(tarballs).find((file) => file.startsWith(`keyway-${name}-`) && file.endsWith(".tgz"));
    if (!file) throw new Error(`pnpm pack wrote no tarball for @keyway/${name} in ${tarballs}`);
    return `file:${join(tarballs, file)}`;
  };

  const app = join(dir, "app");
  mkdirSync(app, { recursive: true });
  // Until they are published, the clients' own @keyway dependencies resolve to the tarballs too.
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify(
      {
        name: "keyway-smoke-app",
        private: true,
        type: "module",
        dependencies: {
          "@keyway/stacker": tarball("stacker"),
          "@keyway/stack-auth": tarball("stack-auth"),
          "@keyway/runtime": tarball("runtime"),
          "@keyway/header-auth": tarball("header-auth"),
        },
        pnpm: { overrides: { "@keyway/runtime": tarball("runtime"), "@keyway/header-auth": tarball("header-auth") } },
      },
      null,
      2,
    ),
  );
  // A flat node_modules, as npm makes it.
  await pnpm(
    [
      "install",
      "--prefer-offline",
      "--config.node-linker=hoisted",
      "--config.manage-package-manager-versions=false",
      "--reporter=append-only",
    ],
    {
      cwd: app,
      env: cleanEnv({ CI: "true" }),
      timeoutMs: STEP_TIMEOUT_MS,
    },
  );

  for (const file of readdirSync(CONSUMER_SOURCES)) copyFileSync(join(CONSUMER_SOURCES, file), join(app, file));
  for (const [name, options] of Object.entries(TSCONFIGS)) {
    writeFileSync(
      join(app, `tsconfig.${name}.json`),
      JSON.stringify(
        {
          compilerOptions: {
            ...options,
            target: "es2022",
            lib: ["es2022", "dom", "dom.iterable"],
            strict: true,
            noUncheckedIndexedAccess: true,
            exactOptionalPropertyTypes: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          // The smoke program, and the type tests of a call's own settings and of options from the environment (only
          // compiled, never run).
          files: ["smoke.ts", "call-settings.ts", "options-from-env.ts", "one-api-per-client.ts"],
        },
        null,
        2,
      ),
    );
  }

  await build({
    entryPoints: readdirSync(CONSUMER_SOURCES)
      .filter((file) => file.endsWith(".ts"))
      .map((file) => join(app, file)),
    outdir: app,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
  });
  const bundle = (entry: string, outfile: string, format: "esm" | "iife", conditions: string[]) =>
    build({
      entryPoints: [join(app, entry)],
      outfile: join(app, outfile),
      bundle: true,
      format,
      platform: "browser",
      conditions,
      target: "es2022",
      logLevel: "silent",
    });
  await bundle("worker.mjs", "worker.bundle.js", "esm", ["workerd", "worker"]);
  await bundle("edge.mjs", "edge.bundle.js", "iife", ["edge-light", "worker"]);
  return {
    dir: app,
    main: join(app, "main.mjs"),
    workerBundle: join(app, "worker.bundle.js"),
    edgeBundle: join(app, "edge.bundle.js"),
  };
}
