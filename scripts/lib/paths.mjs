// Where things live in the repository, resolved from this file so scripts work from any cwd.
import { readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const specsDir = join(repoRoot, "specs");
export const packagesDir = join(repoRoot, "packages");

/** The file extensions of a spec: YAML or JSON. */
export const SPEC_FILE = /\.(?:ya?ml|json)$/;

/** Root spec files: `specs/*.{yaml,yml,json}` (shared component files live in subfolders). */
export function listSpecs(root = repoRoot) {
  const dir = join(root, "specs");
  return readdirSync(dir)
    .filter((name) => SPEC_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** The spec's name: its file name without the extension. */
export function specName(specPath) {
  return basename(specPath).replace(SPEC_FILE, "");
}
