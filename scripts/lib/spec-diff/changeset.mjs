// Writes and reads changesets (.changeset/*.md) for the spec tools.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import readChangesets from "@changesets/read";
import { messageOf } from "../cli.mjs";
import { changedFiles, filesAt, readFileAt } from "./git.mjs";
import { changesetSummary } from "./report.mjs";

/** The text of a changeset releasing `release.name` with `release.bump`. */
function changesetText(release) {
  return `---\n${JSON.stringify(release.name)}: ${release.bump}\n---\n\n${changesetSummary(release)}\n`;
}

/**
 * Writes `.changeset/<dir>-spec-changes[-N].md` for a release, unless a changeset with the
 * same text is already there. Returns the path written (or found) and whether it is new.
 */
export function writeChangeset(root, release) {
  const dir = join(root, ".changeset");
  mkdirSync(dir, { recursive: true });
  const text = changesetText(release);
  const existing = readdirSync(dir).filter(
    (name) => name.startsWith(`${release.dir}-spec-changes`) && name.endsWith(".md"),
  );
  for (const name of existing) {
    if (readFileSync(join(dir, name), "utf8") === text) return { path: join(dir, name), written: false };
  }
  let name = `${release.dir}-spec-changes.md`;
  for (let n = 2; existsSync(join(dir, name)); n += 1) name = `${release.dir}-spec-changes-${n}.md`;
  writeFileSync(join(dir, name), text);
  return { path: join(dir, name), written: true };
}

/**
 * The changesets added between `base` and `head` (a commit, or null for the working tree), parsed by
 * @changesets/read: `[{ id, summary, releases: [{ name, type }] }]`. One that was there at `base` does not count,
 * even touched (a modified file is not an added one) or moved: an added file whose text, up to whitespace, is that
 * of a changeset at `base` that is gone at `head` is that changeset renamed (`git mv`), which releases nothing new. A
 * new changeset that says what a pending one says (two syncs of a spec in a row) counts.
 */
export async function changesetsInRange(root, base, head) {
  const moved = new Set(
    changesetFilesAt(root, base)
      .filter((file) => readFileAt(root, head, file) === undefined)
      .map((file) => sameText(readFileAt(root, base, file))),
  );
  const files = changedFiles(root, base, head, ".changeset", "A")
    .filter(isChangesetFile)
    .filter((file) => !moved.has(sameText(readFileAt(root, head, file))));
  if (files.length === 0) return [];
  const scratch = mkdtempSync(join(tmpdir(), "keyway-changesets-"));
  try {
    mkdirSync(join(scratch, ".changeset"));
    for (const file of files) {
      const text = readFileAt(root, head, file);
      if (text !== undefined) writeFileSync(join(scratch, ".changeset", basename(file)), text);
    }
    const read = typeof readChangesets === "function" ? readChangesets : /** @type {any} */ (readChangesets).default;
    return await read(scratch);
  } catch (error) {
    throw new Error(`could not parse the changesets ${files.join(", ")}: ${messageOf(error)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The changeset files at a revision. */
function changesetFilesAt(root, rev) {
  return filesAt(root, rev, ".changeset").filter(isChangesetFile);
}

/** A changeset's text with whitespace at line ends and at its end dropped: a blank line added is the same text. */
function sameText(text) {
  return (text ?? "").replace(/[ \t]+$/gm, "").trim();
}

function isChangesetFile(path) {
  const name = basename(path);
  return (
    path.startsWith(".changeset/") &&
    !path.slice(".changeset/".length).includes("/") &&
    name.endsWith(".md") &&
    !/^readme\.md$/i.test(name)
  );
}
