// changeset:check's rule: spec changes between two revisions need changesets, in that range, whose
// bump covers them (scripts/changeset-check.mjs).
import { bumpCovers, bumpFor, largerBump, releasesFor } from "./bump.mjs";
import { changesetsInRange } from "./changeset.mjs";
import { compareSpecs } from "./compare.mjs";
import { git, resolveRevision, revisionExists } from "./git.mjs";
import { describeChange, LEVEL_LABELS } from "./report.mjs";

const SHOWN_CHANGES = 10;

/**
 * The default base: the merge base with origin/main when HEAD is ahead of it (a branch),
 * otherwise HEAD~1 (main itself, or a fresh clone in CI), or null for a single commit.
 */
export function defaultBase(root) {
  if (revisionExists(root, "origin/main")) {
    const mergeBase = git(root, ["merge-base", "origin/main", "HEAD"], { allowFailure: true })?.trim();
    if (mergeBase && mergeBase !== resolveRevision(root, "HEAD")) return mergeBase;
  }
  return revisionExists(root, "HEAD~1") ? "HEAD~1" : null;
}

/**
 * Compares the specs of one range and the changesets added in it.
 * @returns {Promise<{ checked: number, problems: string[], ok: string[], base: string, head: string|null }>}
 *   `checked`: packages with spec changes; `problems`: one report per package lacking a changeset.
 */
export async function checkChangesets({ root, base, head }) {
  const comparison = await compareSpecs({ root, base, head });
  const releases = releasesFor(root, comparison.head, comparison.specs);
  const changesets = releases.length ? await changesetsInRange(root, comparison.base, comparison.head) : [];
  const problems = [];
  const ok = [];
  for (const release of releases) {
    const entries = changesets.flatMap((changeset) =>
      changeset.releases
        .filter((entry) => entry.name === release.name)
        .map((entry) => ({ file: `.changeset/${changeset.id}.md`, type: entry.type })),
    );
    const declared = entries.map((entry) => entry.type).reduce(largerBump, "none");
    const files = entries.map((entry) => entry.file).join(", ");
    if (bumpCovers(declared, release.bump)) {
      ok.push(`${release.name}: ${declared} (needs ${release.bump}) in ${files}`);
      continue;
    }
    const specs = release.specs.map((spec) => spec.file).join(", ");
    const found = entries.length ? `found only ${declared} in ${files}` : "found none";
    const changes = release.specs
      .flatMap((spec) => spec.changes)
      .filter((change) => !bumpCovers(declared, bumpFor(change.level, release.version)));
    const lines = changes
      .slice(0, SHOWN_CHANGES)
      .map((change) => `    ${LEVEL_LABELS[change.level]}: ${describeChange(change)}`);
    if (changes.length > SHOWN_CHANGES)
      lines.push(
        `    … and ${changes.length - SHOWN_CHANGES} more (pnpm spec:diff --base ${comparison.base.slice(0, 12)})`,
      );
    problems.push(
      [
        `  ${release.name} needs a ${release.bump} changeset (${LEVEL_LABELS[release.level]} changes to ${specs}; version ${release.version}); ${found}. The changes:`,
        ...lines,
      ].join("\n"),
    );
  }
  return { checked: releases.length, problems, ok, base: comparison.base, head: comparison.head };
}
