// From change levels to semver bumps, per package.
//
//   package version   breaking   additive   docs
//   >= 1.0.0          major      minor      patch
//   0.x               minor      patch      patch
//
// While a package is 0.x, semver lets a minor release break (there is no stable API yet),
// so a breaking change needs a minor bump and everything else a patch.
import { readFileAt } from "./git.mjs";
import { highestLevel } from "./diff.mjs";

/** Bump types from smallest to largest, as changesets names them. */
const BUMPS = ["none", "patch", "minor", "major"];

const STABLE = { breaking: "major", additive: "minor", docs: "patch" };
const INITIAL = { breaking: "minor", additive: "patch", docs: "patch" };

/** The bump a change of `level` needs for a package now at `version` (see the module table). */
export function bumpFor(level, version) {
  if (!level) return "none";
  const major = Number.parseInt(String(version ?? "0").split(".")[0] ?? "", 10);
  return (major >= 1 ? STABLE : INITIAL)[level];
}

/** Whether bump `a` is at least bump `b`. */
export function bumpCovers(a, b) {
  return BUMPS.indexOf(a ?? "none") >= BUMPS.indexOf(b ?? "none");
}

/** The larger of two bumps. */
export function largerBump(a, b) {
  return bumpCovers(a, b) ? a : b;
}

/**
 * @typedef {object} PackageRelease
 * @property {string} dir        folder under packages/
 * @property {string} name       npm name, from its package.json (or `@keyway/<dir>` when it has none yet)
 * @property {string} version    its current version
 * @property {boolean} exists    whether packages/<dir>/package.json exists at head
 * @property {"breaking"|"additive"|"docs"} level   the most severe change
 * @property {string} bump       the bump that level needs at this version
 * @property {import("./compare.mjs").SpecResult[]} specs
 */

/**
 * Groups spec results by package and works out each package's required bump, reading
 * packages/<dir>/package.json at `head` (a commit, or null for the working tree).
 * @returns {PackageRelease[]}
 */
export function releasesFor(root, head, specResults) {
  const byDir = new Map();
  for (const result of specResults) {
    if (!byDir.has(result.packageDir)) byDir.set(result.packageDir, []);
    byDir.get(result.packageDir).push(result);
  }
  return [...byDir].map(([dir, specs]) => {
    const text = readFileAt(root, head, `packages/${dir}/package.json`);
    const manifest = text ? JSON.parse(text) : {};
    const version = manifest.version ?? "0.0.0";
    // compareSpecs reports only specs with changes, so every package here has a level.
    const level = /** @type {PackageRelease["level"]} */ (highestLevel(specs.flatMap((spec) => spec.changes)));
    return {
      dir,
      name: manifest.name ?? `@keyway/${dir}`,
      version,
      exists: Boolean(text),
      level,
      bump: bumpFor(level, version),
      specs,
    };
  });
}
