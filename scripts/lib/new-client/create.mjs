// Creates a client package from a spec (scripts/new-client.mjs): the package's files rendered from
// templates/new-client/, its generated code, its install into the workspace and the changeset of its
// first release.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UsageError } from "../cli.mjs";
import { listSpecs, specName } from "../paths.mjs";
import { cleanEnv, pnpmCommand, run } from "../run.mjs";
import { loadDereferenced } from "../spec/load.mjs";
import { deriveMeta, unsupportedVersion } from "../spec/meta.mjs";
import { apiTitle } from "../spec/title.mjs";
import { packageNameProblem } from "./naming.mjs";
import { packageFiles } from "./package-files.mjs";

/** The spec file named `name` under `root`/specs, or a UsageError listing the specs there are. */
function findSpec(root, name) {
  const problem = packageNameProblem(name);
  if (problem)
    throw new UsageError(
      `"${name ?? ""}" is not a spec name: it names the package, so it ${problem}; rename the spec file`,
    );
  const matches = existsSync(join(root, "specs")) ? listSpecs(root).filter((file) => specName(file) === name) : [];
  if (matches.length > 1) throw new UsageError(`specs/ holds ${matches.length} files named ${name}: keep one`);
  if (matches.length === 0) {
    const known = existsSync(join(root, "specs")) ? listSpecs(root).map(specName).join(", ") : "none";
    throw new UsageError(`no spec specs/${name}.yaml, .yml or .json (specs: ${known})`);
  }
  return /** @type {string} */ (matches[0]);
}

/**
 * The environment of the nested `pnpm install`: without the npm_* settings of the pnpm running
 * this script (which made it drop the workspace's platform binaries, such as turbo's), and
 * non-interactive.
 */
function installEnv() {
  return Object.fromEntries(Object.entries(cleanEnv({ CI: "true" })).filter(([, value]) => value !== undefined));
}

/**
 * Formats the new package's files with the repository's Biome setup, so that the lint step of the
 * test command accepts them as written (templates render JSON as JSON.stringify does, and code at
 * whatever width the spec's names give it).
 */
async function formatPackage(root, packageDir, onSpawn) {
  const biome = join(root, "node_modules", ".bin", "biome");
  if (!existsSync(biome)) return;
  if (
    (await run(biome, ["format", "--write", "--vcs-enabled=false", packageDir], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      onSpawn,
    })) !== 0
  )
    throw new Error(`Biome could not format ${packageDir} (see above)`);
}

/**
 * Names the new package among the dependencies of `tests/ecosystem` (when the workspace has it), whose checks of every
 * public package's README samples and doc examples import it from there, as a user's module does.
 */
function addToEcosystemChecks(root, dir) {
  const manifestPath = join(root, "tests", "ecosystem", "package.json");
  if (!existsSync(manifestPath)) return;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  manifest.dependencies = { ...manifest.dependencies, [`@keyway/${dir}`]: "workspace:*" };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The changeset of the package's first release; an existing one is kept. */
function writeFirstReleaseChangeset(root, dir, title, specFile) {
  const file = join(root, ".changeset", `${dir}-first-release.md`);
  if (existsSync(file)) return undefined;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `---\n"@keyway/${dir}": minor\n---\n\nFirst release of \`@keyway/${dir}\`: a typed client for ${title}, generated from \`specs/${specFile}\`.\n`,
  );
  return file;
}

/**
 * A problem of the spec itself (its version, its security schemes, its package name…): printed
 * as `new-client: <message>`, without the usage line, since the command line was right.
 */
export class SpecError extends Error {
  /**
   * @param {string} message what is wrong, naming the spec
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = "SpecError";
  }
}

/**
 * `render()`, with a {@link UsageError} it throws about the spec (the scaffolding's checks of
 * security scheme names, of a callable operation) turned into a {@link SpecError} naming the spec.
 * @template T
 * @param {string} label the spec (`specs/petstore.yaml`)
 * @param {() => T} render
 * @returns {T}
 */
function fromSpec(label, render) {
  try {
    return render();
  } catch (error) {
    if (error instanceof UsageError) throw new SpecError(`${label}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * The spec `specPath` dereferenced, with its package folder name; throws a {@link SpecError} (or
 * the loader's error listing unresolvable `$ref`s) when new-client cannot create a package from it.
 */
async function readSpec(specPath, label, name) {
  const spec = await loadDereferenced(specPath, { label });
  const unsupported = unsupportedVersion(spec, label);
  if (unsupported) throw new SpecError(unsupported);
  const dir = spec.info?.["x-keyway-package"] ?? name;
  const problem = packageNameProblem(dir);
  if (problem)
    throw new SpecError(`${label}: info.x-keyway-package "${dir}" is not a package folder name: it ${problem}`);
  return { spec, dir };
}

/**
 * The folder (relative to `root`) of the workspace package named `name`, if there is one: pnpm-workspace.yaml's globs
 * are folders (`examples`) and folders' children (`packages/*`), which is all this repository's file uses.
 */
function workspaceDirOf(root, name) {
  const workspace = join(root, "pnpm-workspace.yaml");
  if (!existsSync(workspace)) return undefined;
  const globs = readFileSync(workspace, "utf8").matchAll(/^\s*-\s*["']?([^"'\s]+)["']?\s*$/gm);
  for (const [, glob = ""] of globs) {
    const dirs = glob.endsWith("/*")
      ? listDirs(join(root, glob.slice(0, -2))).map((child) => `${glob.slice(0, -2)}/${child}`)
      : [glob];
    for (const dir of dirs) {
      const manifest = join(root, dir, "package.json");
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === name) return dir;
    }
  }
  return undefined;
}

function listDirs(dir) {
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
}

/**
 * While it is being made, removes `packageDir` when the process is interrupted (Ctrl-C's SIGINT, or the SIGTERM of a
 * CI job's timeout), so that new-client can be run again at once rather than leave a package whose generated code is
 * missing, or one a generator still running finishes alone. The command it runs (`follow` it) is stopped first, and
 * the package removed once that command has ended (`leaveIfInterrupted`, called as soon as it has).
 */
function removedIfInterrupted(packageDir, dir) {
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let child;
  /** @type {NodeJS.Signals | undefined} */
  let interruptedBy;
  const leave = () => {
    rmSync(packageDir, { recursive: true, force: true });
    console.error(`new-client: interrupted (${interruptedBy}); removed packages/${dir}`);
    process.exit(interruptedBy === "SIGINT" ? 130 : 143);
  };
  /** @param {NodeJS.Signals} signal */
  const onSignal = (signal) => {
    interruptedBy ??= signal;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else leave();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    /** @param {import("node:child_process").ChildProcess} spawned */
    follow: (spawned) => {
      child = spawned;
    },
    leaveIfInterrupted: () => {
      if (interruptedBy) leave();
    },
    stop: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/**
 * Creates the package for `specs/<name>.*` under `root`, generates its code, installs it into
 * the workspace and writes its first-release changeset. Throws a UsageError for bad input
 * (unknown spec, existing package folder…), a {@link SpecError} or the loader's error for a spec
 * it cannot create a client from; removes the package again when generation fails (the generated
 * types must compile).
 *
 * @example
 * ```js
 * const { dir, files } = await newClient(repoRoot, "petstore", { install: false });
 * // dir: "petstore"; files: ["package.json", …, "src/generated/petstore.ts", …]
 * ```
 * @returns {Promise<{ dir: string, files: string[], changeset?: string }>}
 */
export async function newClient(root, name, { install = true } = {}) {
  const specPath = findSpec(root, name);
  const specFile = specPath.slice(join(root, "specs").length + 1);
  const label = `specs/${specFile}`;
  const { spec, dir } = await readSpec(specPath, label, name);
  const packageDir = join(root, "packages", dir);
  if (existsSync(packageDir))
    throw new UsageError(
      `packages/${dir} already exists: new-client only creates packages (remove it first, or edit it by hand)`,
    );
  const holder = workspaceDirOf(root, `@keyway/${dir}`);
  if (holder)
    throw new UsageError(
      `@keyway/${dir} is already the name of the workspace package in ${holder}/: two packages of one name stop every turbo and pnpm command (rename the spec to name the client otherwise)`,
    );
  const meta = deriveMeta(spec, label);
  const runtimeManifest = JSON.parse(readFileSync(join(root, "packages", "runtime", "package.json"), "utf8"));
  const files = fromSpec(label, () => packageFiles({ name, specFile, dir, spec, meta, runtimeManifest }));

  const interruption = removedIfInterrupted(packageDir, dir);
  try {
    for (const [file, text] of files) {
      mkdirSync(dirname(join(packageDir, file)), { recursive: true });
      writeFileSync(join(packageDir, file), text);
    }
    const generate = [join(root, "scripts", "generate.mjs"), "--root", root, "--only", name];
    const generated = await run(process.execPath, generate, { cwd: root, onSpawn: interruption.follow });
    interruption.leaveIfInterrupted();
    if (generated !== 0) {
      rmSync(packageDir, { recursive: true, force: true });
      throw new Error(
        `pnpm generate failed (see above); removed packages/${dir}: fix the errors it lists in ${label} (warnings may stay), then run new-client again`,
      );
    }
    try {
      await formatPackage(root, packageDir, interruption.follow);
    } catch (error) {
      interruption.leaveIfInterrupted();
      rmSync(packageDir, { recursive: true, force: true });
      throw new Error(
        `${/** @type {Error} */ (error).message}; removed packages/${dir} so the command can be run again`,
        { cause: error },
      );
    }
    interruption.leaveIfInterrupted();
  } finally {
    interruption.stop();
  }
  addToEcosystemChecks(root, dir);
  if (install) {
    const { command, prefix } = pnpmCommand();
    const args = [...prefix, "install", "--prefer-offline", "--no-frozen-lockfile", "--reporter=append-only"];
    if ((await run(command, args, { cwd: root, env: installEnv() })) !== 0) {
      throw new Error(
        `packages/${dir} was created, but \`pnpm install\` failed (see above): run it again, then commit pnpm-lock.yaml`,
      );
    }
  }
  const changeset = writeFirstReleaseChangeset(root, dir, apiTitle(spec, name), specFile);
  return {
    dir,
    files: [
      ...files.keys(),
      `src/generated/${name}.ts`,
      `src/generated/${name}.meta.ts`,
      `src/generated/${name}.spec-data.ts`,
    ],
    changeset,
  };
}
