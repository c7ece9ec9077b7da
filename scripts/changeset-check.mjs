#!/usr/bin/env node
// pnpm changeset:check [--base <rev>|<rev>..<rev>] [--head <rev>] [--root <dir>]
//
// Fails (exit 1) when specs changed between base and head and a package they generate into
// has no changeset in that range, or only one with a smaller bump than the changes need
// (rules: lib/spec-diff/bump.mjs). Changesets count when they were added or modified in the
// range; they are parsed with @changesets/read.
//
// Defaults: head is the working tree (HEAD plus uncommitted changes); base is the merge base
// with origin/main when HEAD is ahead of it (a branch), else HEAD~1 (main itself, or a fresh
// clone in CI: its last commit). With a single commit there is nothing to compare: exit 0.
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/paths.mjs";
import { bumpCovers, bumpFor, largerBump, releasesFor } from "./lib/spec-diff/bump.mjs";
import { changesetsInRange } from "./lib/spec-diff/changeset.mjs";
import { compareSpecs } from "./lib/spec-diff/compare.mjs";
import {
  assertGitRepository,
  git,
  parseRange,
  resolveRevision,
  revisionExists,
  UsageError,
  WORKTREE,
} from "./lib/spec-diff/git.mjs";
import { describeChange, LEVEL_LABELS, revisionLabel } from "./lib/spec-diff/report.mjs";

const USAGE = "usage: pnpm changeset:check [--base <rev>|<rev>..<rev>] [--head <rev>] [--root <dir>]";
const SHOWN_CHANGES = 10;

try {
  const { values: args } = parseArgs({
    options: {
      base: { type: "string" },
      head: { type: "string" },
      root: { type: "string", default: repoRoot },
      help: { type: "boolean", default: false },
    },
  });
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const root = args.root;
  assertGitRepository(root);
  const range = args.base ? parseRange(root, args.base) : { base: defaultBase(root) };
  if (range.head !== undefined && args.head !== undefined)
    throw new UsageError("give either a range in --base or --head, not both");
  if (range.base === null) {
    console.log("changeset:check: HEAD has no parent commit and no --base was given: nothing to compare");
    process.exit(0);
  }
  const result = await checkChangesets({ root, base: range.base, head: args.head ?? range.head ?? WORKTREE });
  const span = `${revisionLabel(result.base)}..${result.head === WORKTREE ? "the working tree" : revisionLabel(result.head)}`;
  if (result.checked === 0) {
    console.log(`changeset:check: no spec changes in ${span}`);
  } else if (result.problems.length === 0) {
    console.log(
      `changeset:check: spec changes in ${span} have their changesets:\n${result.ok.map((line) => `  ${line}`).join("\n")}`,
    );
  } else {
    console.error(`changeset:check: spec changes in ${span} lack changesets:\n${result.problems.join("\n")}`);
    console.error(
      `Write them with \`pnpm spec:diff --base ${result.base.slice(0, 12)} --changeset\` (then edit the text for users), or \`pnpm changeset\`.`,
    );
    process.exit(1);
  }
} catch (error) {
  console.error(`changeset:check: ${error.message}`);
  if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) console.error(USAGE);
  process.exit(1);
}

/**
 * The default base: the merge base with origin/main when HEAD is ahead of it (a branch),
 * otherwise HEAD~1 (main itself, or a fresh clone in CI), or null for a single commit.
 */
function defaultBase(root) {
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
async function checkChangesets({ root, base, head }) {
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
    const specs = release.specs.map((spec) => `specs/${spec.spec}.yaml`).join(", ");
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
