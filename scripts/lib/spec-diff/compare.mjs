// Compares the specs of two trees of the repository: a base revision, and a head revision
// or the working tree. Only runs the (slower) dereferencing when a file under specs/ changed.
import { rmSync } from "node:fs";
import { changedFiles, materializeTree, resolveRevision, WORKTREE } from "./git.mjs";
import { diffDocuments } from "./diff.mjs";
import { loadSpecTree, packageDirOf } from "../spec/load.mjs";

/**
 * @typedef {object} SpecResult
 * @property {string} spec        the spec's name (its file's without the extension)
 * @property {string} file        its file (`specs/stacker.yaml`, `specs/openfigi.json`), in the head tree if it is there
 * @property {string} packageDir  its package folder under packages/
 * @property {import("./diff.mjs").SpecChange[]} changes
 */

/**
 * The classified changes of every root spec between `base` and `head` ({@link WORKTREE} for
 * the working tree). Shared component files are compared through the root specs that use them.
 * @param {{ root: string, base: string, head?: string | null }} range
 * @returns {Promise<{ base: string, head: string|null, changedFiles: string[], specs: SpecResult[] }>}
 */
export async function compareSpecs({ root, base, head = WORKTREE }) {
  const baseSha = resolveRevision(root, base);
  const headSha = head === WORKTREE ? WORKTREE : resolveRevision(root, head);
  const files = changedFiles(root, baseSha, headSha, "specs");
  if (files.length === 0) return { base: baseSha, head: headSha, changedFiles: [], specs: [] };

  const temporary = [];
  try {
    const baseRoot = materializeTree(root, baseSha, "specs");
    temporary.push(baseRoot);
    const headRoot = headSha === WORKTREE ? root : materializeTree(root, headSha, "specs");
    if (headRoot !== root) temporary.push(headRoot);
    const [before, after] = [await loadSpecTree(baseRoot), await loadSpecTree(headRoot)];
    const names = [...new Set([...before.keys(), ...after.keys()])].sort();
    const specs = names
      .map((spec) => {
        const latest = /** @type {{ file: string, document: any }} */ (after.get(spec) ?? before.get(spec));
        return {
          spec,
          file: latest.file,
          packageDir: packageDirOf(spec, latest.document),
          changes: diffDocuments(before.get(spec)?.document, after.get(spec)?.document),
        };
      })
      .filter((result) => result.changes.length > 0);
    return { base: baseSha, head: headSha, changedFiles: files, specs };
  } finally {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
}
