#!/usr/bin/env node
// pnpm spec:diff [--base <rev>|<rev>..<rev>] [--head <rev>] [--changeset] [--root <dir>]
//
// Classifies every change to the specs between a base revision (default HEAD) and the working
// tree (or --head, or the right side of a range) as breaking, additive or docs-only, and
// prints them grouped by spec and level with the bump each package needs. With --changeset,
// writes .changeset/<package>-spec-changes.md with that bump for each affected package.
// Bumps: >= 1.0.0: breaking → major, additive → minor, docs → patch; 0.x: breaking → minor,
// additive and docs → patch (see lib/spec-diff/bump.mjs).
//
// Exits 0 whatever the changes are; 1 only when it cannot run (bad revision, unreadable spec).
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/paths.mjs";
import { releasesFor } from "./lib/spec-diff/bump.mjs";
import { writeChangeset } from "./lib/spec-diff/changeset.mjs";
import { compareSpecs } from "./lib/spec-diff/compare.mjs";
import { assertGitRepository, parseRange, UsageError, WORKTREE } from "./lib/spec-diff/git.mjs";
import { formatReport } from "./lib/spec-diff/report.mjs";

const USAGE = "usage: pnpm spec:diff [--base <rev>|<rev>..<rev>] [--head <rev>] [--changeset] [--root <dir>]";

try {
  const { values: args } = parseArgs({
    options: {
      base: { type: "string" },
      head: { type: "string" },
      changeset: { type: "boolean", default: false },
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
  const range = parseRange(root, args.base ?? "HEAD");
  if (range.head !== undefined && args.head !== undefined)
    throw new UsageError("give either a range in --base or --head, not both");
  const head = args.head ?? range.head ?? WORKTREE;

  const comparison = await compareSpecs({ root, base: range.base, head });
  const releases = releasesFor(root, comparison.head, comparison.specs);
  console.log(formatReport(comparison, releases));

  if (args.changeset) {
    if (head !== WORKTREE)
      throw new UsageError("--changeset writes into the working tree: compare against it (no --head, no range)");
    if (releases.length) console.log("");
    for (const release of releases) {
      if (!release.exists)
        throw new Error(
          `packages/${release.dir}/package.json does not exist: create the package (pnpm new-client) before writing its changeset`,
        );
      const { path, written } = writeChangeset(root, release);
      console.log(`${written ? "wrote" : "already there:"} ${relative(root, path)} (${release.name}: ${release.bump})`);
    }
  }
} catch (error) {
  console.error(`spec:diff: ${error.message}`);
  if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) console.error(USAGE);
  process.exit(1);
}
