// The human-readable forms of a comparison: the terminal report and changeset summaries.
import { LEVELS } from "./verdicts.mjs";

/** How each level is named in reports. */
export const LEVEL_LABELS = { breaking: "breaking", additive: "additive", docs: "docs-only" };

/** `GET /path: message`, or the message alone for changes outside operations. */
export function describeChange(change) {
  return change.operation ? `${change.operation}: ${change.message}` : change.message;
}

/** A short name for a revision (the working tree is `null`). */
export function revisionLabel(rev) {
  return rev === null ? "the working tree" : rev.slice(0, 12);
}

/**
 * The report of a comparison, grouped by spec then level, with each package's required bump.
 * @param {{ base: string, head: string|null, specs: import("./compare.mjs").SpecResult[] }} comparison
 * @param {import("./bump.mjs").PackageRelease[]} releases
 */
export function formatReport(comparison, releases) {
  const out = [`spec:diff: specs/ from ${revisionLabel(comparison.base)} to ${revisionLabel(comparison.head)}`];
  if (comparison.specs.length === 0) {
    out.push("", "No changes to any spec.");
    return out.join("\n");
  }
  for (const release of releases) {
    for (const result of release.specs) {
      out.push("", `${result.file} → ${release.name} ${release.version}`);
      for (const level of LEVELS) {
        const changes = result.changes.filter((change) => change.level === level);
        if (changes.length === 0) continue;
        out.push(`  ${LEVEL_LABELS[level]} (${changes.length})`);
        for (const change of changes) out.push(`    ${describeChange(change)}`);
      }
    }
  }
  out.push("", "Releases needed:");
  for (const release of releases) {
    out.push(`  ${release.name}: ${release.bump} (${LEVEL_LABELS[release.level]} changes, version ${release.version})`);
  }
  return out.join("\n");
}

/**
 * The body of a changeset for one package: the spec changes, most severe first, at most
 * `limit` lines per spec.
 * @param {import("./bump.mjs").PackageRelease} release
 */
export function changesetSummary(release, limit = 25) {
  const out = [`Spec changes (${LEVEL_LABELS[release.level]}):`];
  for (const result of release.specs) {
    out.push("", `${result.file}:`, "");
    for (const change of result.changes.slice(0, limit))
      out.push(`- ${LEVEL_LABELS[change.level]}: ${describeChange(change)}`);
    if (result.changes.length > limit)
      out.push(`- … and ${result.changes.length - limit} more (run \`pnpm spec:diff\`)`);
  }
  return out.join("\n");
}
