// Git plumbing for the spec tools: resolve revisions, list changed files, and read or
// materialize files as they were at a revision. Only read-only git commands are used.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { UsageError } from "../cli.mjs";

/** The working tree, used as the head of a comparison when no head revision is given. */
export const WORKTREE = null;

/**
 * Runs `git <args>` in `cwd` and returns its standard output.
 * Throws an Error carrying git's own message when git fails.
 */
export function git(cwd, args, { allowFailure = false } = {}) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`could not run git: ${result.error.message}`);
  if (result.status !== 0) {
    if (allowFailure) return null;
    throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** Throws a {@link UsageError} unless `root` is inside a git work tree. */
export function assertGitRepository(root) {
  if (git(root, ["rev-parse", "--is-inside-work-tree"], { allowFailure: true })?.trim() !== "true") {
    throw new UsageError(`${root} is not a git repository`);
  }
}

/**
 * Resolves a revision (branch, tag, sha, HEAD~1…) to a full commit id, or throws a
 * {@link UsageError} naming the revision when git does not know it.
 */
export function resolveRevision(root, rev) {
  if (typeof rev !== "string" || rev === "" || rev.startsWith("-")) throw new UsageError(`bad git revision "${rev}"`);
  const sha = git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { allowFailure: true });
  if (!sha) throw new UsageError(`unknown git revision "${rev}" (git rev-parse cannot resolve it to a commit)`);
  return sha.trim();
}

/** Whether `rev` names a commit in `root`'s repository. */
export function revisionExists(root, rev) {
  return Boolean(git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { allowFailure: true }));
}

/**
 * Files under `pathspec` that differ between `base` and `head` (a commit, or {@link WORKTREE}
 * for the working tree including untracked files), as repository-relative paths.
 * `filter` is git's --diff-filter (e.g. "AMR" for added, modified and renamed files).
 */
export function changedFiles(root, base, head, pathspec, filter) {
  const args = ["diff", "--name-only", "--no-renames", ...(filter ? [`--diff-filter=${filter}`] : []), base];
  if (head !== WORKTREE) args.push(head);
  const files = lines(git(root, [...args, "--", pathspec]));
  if (head === WORKTREE)
    files.push(...lines(git(root, ["ls-files", "--others", "--exclude-standard", "--", pathspec])));
  return [...new Set(files)].sort();
}

/** The text of `path` at `rev`, or `undefined` when the file does not exist there. */
function readAtRevision(root, rev, path) {
  const text = git(root, ["show", `${rev}:${path}`], { allowFailure: true });
  return text ?? undefined;
}

/**
 * Writes every file under `dir` (a repository-relative folder such as `specs`) as it was
 * at `rev` into a new temporary directory, keeping the layout so relative `$ref`s resolve.
 * Returns the temporary root; the caller removes it.
 */
export function materializeTree(root, rev, dir) {
  const target = mkdtempSync(join(tmpdir(), "keyway-tree-"));
  const files = filesAt(root, rev, dir);
  for (const file of files) {
    const destination = join(target, file);
    mkdirSync(dirname(destination), { recursive: true });
    const blob = spawnSync("git", ["show", `${rev}:${file}`], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    if (blob.status !== 0) throw new Error(`git show ${rev}:${file} failed: ${blob.stderr}`);
    writeFileSync(destination, blob.stdout);
  }
  mkdirSync(join(target, dir), { recursive: true });
  return target;
}

/** The files under `dir` (repository-relative) at the commit `rev`. */
export function filesAt(root, rev, dir) {
  return lines(git(root, ["ls-tree", "-r", "--name-only", rev, "--", dir]));
}

/** Reads `path` from the working tree (`rev` = {@link WORKTREE}) or a revision; `undefined` if absent. */
export function readFileAt(root, rev, path) {
  if (rev !== WORKTREE) return readAtRevision(root, rev, path);
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

function lines(text) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}
