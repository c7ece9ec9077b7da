#!/usr/bin/env node
// pnpm changeset:check [--base <rev>|<rev>..<rev>] [--head <rev>] [--root <dir>]
//
// Fails (exit 1) when specs changed between base and head and a package they generate into
// has no changeset in that range, or only one with a smaller bump than the changes need
// (rules: lib/spec-diff/bump.mjs). Only changesets added in the range count: one that was already
// there, touched or renamed, does not (lib/spec-diff/changeset.mjs). They are parsed with @changesets/read.
//
// Defaults: head is the working tree (HEAD plus uncommitted changes); base is the merge base
// with origin/main when HEAD is ahead of it (a branch), else HEAD~1 (main itself, or a fresh
// clone in CI: its last commit). With a single commit there is nothing to compare: exit 0; so in a shallow
// clone, which says that it checked nothing.
import { runCli } from "./lib/cli.mjs";
import { repoRoot } from "./lib/paths.mjs";
import { checkChangesets, defaultBase } from "./lib/spec-diff/check.mjs";
import { git, WORKTREE } from "./lib/spec-diff/git.mjs";
import { RANGE_OPTIONS, rangeFromOptions } from "./lib/spec-diff/range.mjs";
import { revisionLabel } from "./lib/spec-diff/report.mjs";

await runCli({
  name: "changeset:check",
  usage: "usage: pnpm changeset:check [--base <rev>|<rev>..<rev>] [--head <rev>] [--root <dir>]",
  options: { ...RANGE_OPTIONS, root: { type: "string", default: repoRoot } },
  main: async ({ values }) => {
    const root = values.root;
    const { base, head } = rangeFromOptions(root, { base: values.base || undefined, head: values.head }, () =>
      defaultBase(root),
    );
    if (base === null) {
      // A shallow clone (CI's `--depth 1` checkouts) holds HEAD's commit without its parent: say that nothing was
      // checked, rather than that the history has one commit.
      const shallow = git(root, ["rev-parse", "--is-shallow-repository"], { allowFailure: true })?.trim() === "true";
      console.log(
        shallow
          ? "changeset:check: NOT CHECKED: this clone is shallow and lacks HEAD's parent; fetch it (git fetch --deepen=1) or pass --base <rev>"
          : "changeset:check: HEAD has no parent commit and no --base was given: nothing to compare",
      );
      return 0;
    }
    const result = await checkChangesets({ root, base, head });
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
      return 1;
    }
  },
});
