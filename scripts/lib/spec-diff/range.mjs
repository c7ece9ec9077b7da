// The revisions the spec tools compare, from their --base and --head options.
import { UsageError } from "../cli.mjs";
import { assertGitRepository, git, resolveRevision, WORKTREE } from "./git.mjs";

/** The options of a command comparing two revisions of the specs. */
export const RANGE_OPTIONS = /** @type {const} */ ({
  base: { type: "string", multiple: false },
  head: { type: "string", multiple: false },
});

/**
 * Splits `A..B` into `{ base: "A", head: "B" }`; a plain revision is `{ base: rev }`.
 * (`A...B` compares from the merge base of A and B, as in `git diff A...B`.)
 */
function parseRange(root, spec) {
  const symmetric = spec.indexOf("...");
  if (symmetric > 0) {
    const [from, to] = [spec.slice(0, symmetric), spec.slice(symmetric + 3) || "HEAD"];
    const base = git(root, ["merge-base", resolveRevision(root, from), resolveRevision(root, to)], {
      allowFailure: true,
    });
    if (!base) throw new UsageError(`"${from}" and "${to}" have no merge base`);
    return { base: base.trim(), head: to };
  }
  const dots = spec.indexOf("..");
  if (dots > 0) return { base: spec.slice(0, dots), head: spec.slice(dots + 2) || "HEAD" };
  return { base: spec };
}

/**
 * The revisions to compare in `root`: `base` (a revision or a range `A..B`, `A...B`; `defaultBase()`
 * when absent) against `head` (default: the right side of the range, else the working tree).
 * `base` is null when there is nothing to compare (a repository with a single commit).
 * @param {string} root
 * @param {{ base?: string, head?: string }} options
 * @template {string | null} Base
 * @param {() => Base} defaultBase
 * @returns {{ base: string | Base, head: string | null }}
 */
export function rangeFromOptions(root, options, defaultBase) {
  assertGitRepository(root);
  /** @type {{ base: string | Base, head?: string }} */
  const range = options.base === undefined ? { base: defaultBase() } : parseRange(root, options.base);
  if (range.head !== undefined && options.head !== undefined)
    throw new UsageError("give either a range in --base or --head, not both");
  return { base: range.base, head: options.head ?? range.head ?? WORKTREE };
}
