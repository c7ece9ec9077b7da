// A scratch copy of the workspace, versioned with its pending changesets, built and published to a
// registry: the first steps of the registry test (scripts/registry-test.mjs).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../paths.mjs";
import { cleanEnv, mustRun, pnpm } from "../run.mjs";

/** The root files a workspace copy needs besides its folders. */
const WORKSPACE_FILES = [
  "package.json",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  ".npmrc",
  "turbo.json",
  "tsconfig.base.json",
  "vitest.shared.ts",
  "biome.jsonc",
  "redocly.yaml",
  "redocly.strict.yaml",
  "scripts/stamp-version.mjs",
  "scripts/lib/servers/start-timeout.mjs",
];
const NEVER_COPIED = new Set(["node_modules", "dist", ".turbo", ".vitest"]);
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
      filter: (src) => !NEVER_COPIED.has(src.split(/[\\/]/).pop() ?? ""),
    });
  }
  return dest;
}

/** The workspace packages a client made by new-client depends on that have a build (test-server is used as source). */
const CLIENT_DEPENDENCIES = ["header-auth", "runtime"];

/**
 * Copies the builds (dist/) of the packages a client made by new-client depends on from the repository to the
 * workspace copy `dest`, so that the copy's turbo runs can take them as built (`--only`) rather than build them
 * again. The repository's turbo run builds them before any test that calls this (the test task's dependencies).
 */
export function copyClientDependencyBuilds(dest) {
  for (const dir of CLIENT_DEPENDENCIES)
    cpSync(join(repoRoot, "packages", dir, "dist"), join(dest, "packages", dir, "dist"), { recursive: true });
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
