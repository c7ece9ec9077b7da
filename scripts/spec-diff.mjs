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
import { runCli, UsageError } from "./lib/cli.mjs";
import { repoRoot } from "./lib/paths.mjs";
import { releasesFor } from "./lib/spec-diff/bump.mjs";
import { writeChangeset } from "./lib/spec-diff/changeset.mjs";
import { compareSpecs } from "./lib/spec-diff/compare.mjs";
import { WORKTREE } from "./lib/spec-diff/git.mjs";
import { RANGE_OPTIONS, rangeFromOptions } from "./lib/spec-diff/range.mjs";
import { formatReport } from "./lib/spec-diff/report.mjs";

await runCli({
  name: "spec:diff",
  usage: "usage: pnpm spec:diff [--base <rev>|<rev>..<rev>] [--head <rev>] [--changeset] [--root <dir>]",
  options: {
    ...RANGE_OPTIONS,
    changeset: { type: "boolean", default: false },
    root: { type: "string", default: repoRoot },
  },
  main: async ({ values }) => {
    const root = values.root;
    const { base, head } = rangeFromOptions(root, values, () => "HEAD");
    const comparison = await compareSpecs({ root, base, head });
    const releases = releasesFor(root, comparison.head, comparison.specs);
    console.log(formatReport(comparison, releases));
    if (!values.changeset) return;
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
  },
});
