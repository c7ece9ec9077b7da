// What a spec may read besides itself: files beside it, never a URL or a file elsewhere on the machine, each of a size
// generation can hold once its YAML aliases are expanded. Checked before Redocly's lint or bundler reads anything.
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { readSpecFile } from "./lint.mjs";

/**
 * The most values a spec may hold once its YAML aliases are expanded: about 13 times the largest spec of the
 * OpenAPI directory (Microsoft Graph's beta, 47 MB of JSON, 1.5 million values).
 */
const MAX_EXPANDED_VALUES = 20_000_000;

/**
 * Throws unless `document` (a parsed spec whose YAML aliases are shared objects, before its `$ref`s are resolved)
 * holds at most {@link MAX_EXPANDED_VALUES} values once expanded: a few lines of aliases that repeat aliases (a
 * "billion laughs" document) parse in a moment and would exhaust memory when generation copies the document.
 * Counts up to the limit and no further.
 *
 * @example
 * ```js
 * checkExpandedSize(readSpecFile("specs/petstore.yaml"), "specs/petstore.yaml"); // passes, or throws naming the spec
 * ```
 * @param {unknown} document
 * @param {string} label how the message names the spec
 */
export function checkExpandedSize(document, label) {
  const pending = [document];
  for (let count = 1; pending.length > 0; count++) {
    if (count > MAX_EXPANDED_VALUES)
      throw new Error(
        `${label} holds more than ${MAX_EXPANDED_VALUES.toLocaleString("en")} values once its YAML aliases (*name) are expanded: aliases that repeat aliases multiply it (a "billion laughs" document); write the repeated parts once, or as $refs`,
      );
    const node = pending.pop();
    if (node !== null && typeof node === "object") for (const value of Object.values(node)) pending.push(value);
  }
}

/**
 * Checks the spec at `specPath` and every file its `$ref`s read, before anything resolves them: each one's size once
 * its aliases are expanded ({@link checkExpandedSize}), and that each `$ref` (a discriminator mapping's value too)
 * names a place in the same file or a file in the spec's folder or below it. A URL would make generation read the
 * network, and a file elsewhere (`/etc/passwd`, `../../.env`) would be copied into the generated package, its
 * descriptions and examples published with it. A file that does not exist is left to the bundler, which lists them.
 *
 * @example
 * ```js
 * checkSpecFiles("/repo/specs/stack-auth-server.yaml", "specs/stack-auth-server.yaml"); // reads ./stack-auth/*.yaml
 * ```
 * @param {string} specPath
 * @param {string} label how messages name the spec (`specs/petstore.yaml`)
 */
export function checkSpecFiles(specPath, label) {
  const root = resolve(specPath);
  // generate checks a spec before its lint and again before loading it: the second time, unless a file changed, is free.
  const earlier = checkedFiles.get(root);
  if (earlier?.every(([file, stamp]) => stampOf(file) === stamp)) return;
  const folder = dirname(root);
  const realFolder = realpathSync(folder);
  const read = new Set();
  const pending = [root];
  while (pending.length > 0) {
    const file = /** @type {string} */ (pending.pop());
    if (read.has(file)) continue;
    read.add(file);
    const named = file === root ? label : `${label}'s ${relative(folder, file)}`;
    const document = parsedSpecFile(file, named);
    checkExpandedSize(document, named);
    for (const { pointer, ref } of refsIn(document)) {
      const target = ref.split("#")[0] ?? "";
      if (target === "") continue;
      const where = `${named}, ${pointer}: $ref ${JSON.stringify(ref)}`;
      if (/^[a-z][a-z\d+.-]*:/i.test(target))
        throw new Error(
          `${where} names a URL: generation reads only files beside the spec, never the network; save what it names in the spec's folder and refer to it by a relative path`,
        );
      // As Redocly reads it: the text as written (an escape such as %2F is part of a file name), links followed.
      const absolute = resolve(dirname(file), target);
      const exists = existsSync(absolute);
      if (exists ? !isInside(realFolder, realpathSync(absolute)) : !isInside(folder, absolute))
        throw new Error(
          `${where} names a file outside the spec's folder: generation reads only files beside the spec (what it reads may be copied into the package); move it there`,
        );
      // Redocly reads a file of another kind (a Markdown description) as text, holding no $ref.
      if (exists && /\.(ya?ml|json)$/i.test(absolute)) pending.push(absolute);
    }
  }
  checkedFiles.set(
    root,
    [...read].map((file) => [file, stampOf(file)]),
  );
}

/** The specs this process checked, each with the files it read and their {@link stampOf} then. */
const checkedFiles = new Map();

/** When and how large `file` was last written, to tell whether it changed. */
function stampOf(file) {
  try {
    const { mtimeMs, size } = statSync(file);
    return `${mtimeMs}:${size}`;
  } catch {
    return "gone";
  }
}

/**
 * `file` parsed: a JSON text by JSON.parse (a vendor's 3 MB spec in 40 ms, not YAML's 2.5 s), anything else as YAML;
 * an error naming `label` for one that is neither.
 *
 * @example
 * ```js
 * const { servers } = parsedSpecFile("/repo/specs/stacker.yaml", "specs/stacker.yaml");
 * ```
 * @param {string} file
 * @param {string} label
 */
export function parsedSpecFile(file, label) {
  const text = readFileSync(file, "utf8");
  if (/^\s*[{[]/.test(text))
    try {
      return JSON.parse(text);
    } catch {
      // YAML's flow style may start like JSON: read it as YAML below, which names what is wrong if it is neither.
    }
  return readSpecFile(file, label);
}

/** Every `$ref` in `document` and every value of a discriminator's `mapping`, with where it is; shared objects once. */
function* refsIn(document) {
  const seen = new Set();
  const pending = [{ node: document, pointer: "#" }];
  while (pending.length > 0) {
    const { node, pointer } = /** @type {{ node: any, pointer: string }} */ (pending.pop());
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (typeof node.$ref === "string") yield { pointer, ref: node.$ref };
    const mapping = node.discriminator?.mapping;
    if (mapping && typeof mapping === "object")
      for (const [key, ref] of Object.entries(mapping))
        if (typeof ref === "string" && /[./]/.test(ref.split("#")[0] ?? ""))
          yield { pointer: `${pointer}/discriminator/mapping/${key}`, ref };
    for (const [key, value] of Object.entries(node))
      pending.push({ node: value, pointer: `${pointer}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}` });
  }
}

/** Whether `path` is a file in `folder` or below it (`..common.yaml` is; `../common.yaml` is not). */
function isInside(folder, path) {
  const inside = relative(folder, path);
  return inside !== "" && inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}
