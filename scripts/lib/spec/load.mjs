// Loads the root specs of a tree (the working tree or a materialized revision) as
// dereferenced documents, with Redocly's bundler resolving every $ref.
import { existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { bundle, createConfig } from "@redocly/openapi-core";
import { messageOf } from "../cli.mjs";
import { listSpecs, specName } from "../paths.mjs";
import { cappedLines } from "../text.mjs";
import { isMappingEntry } from "./discriminator-mappings.mjs";
import { valueAt } from "./json-pointer.mjs";
import { readSpecFile } from "./lint.mjs";
import { checkSpecFiles } from "./spec-files.mjs";
import { withStatusKeysNormalized } from "./status-keys.mjs";

/** How many problems a {@link SpecLoadError} lists before "and N more". */
const LISTED_PROBLEMS = 10;

/**
 * A spec Redocly's bundler cannot load: its `$ref`s that resolve to nothing (a missing file, a
 * pointer to nothing), each listed once in the message with where it occurs and what it names.
 */
export class SpecLoadError extends Error {
  /**
   * @param {string} label the spec as the message names it (`specs/digitalocean.json`)
   * @param {string[]} problems one line each: `<where>: <what>`
   */
  constructor(label, problems) {
    super(formatLoadProblems(label, problems));
    this.name = "SpecLoadError";
    this.label = label;
    this.problems = problems;
  }
}

/**
 * Bundles and dereferences one spec file (shared component files included). Throws a
 * {@link SpecLoadError} naming the file and every distinct unresolvable `$ref` (where it is, what
 * it names) when Redocly reports any. Discriminator mapping entries that name nothing do not stop it
 * when they are all there is (discriminator-mappings.mjs): they stay in the document as written. Each
 * operation's `responses` keys are the statuses they stand for (`2xx` read as `2XX`: status-keys.mjs).
 *
 * @example
 * ```js
 * const spec = await loadDereferenced("/repo/specs/stacker.yaml", { label: "specs/stacker.yaml" });
 * spec.paths["/hello"].get.responses["200"].content["application/json"].schema; // no $ref left
 * ```
 * @param {string} specPath
 * @param {{ label?: string }} [options] how messages name the spec (default: `specPath`)
 */
export async function loadDereferenced(specPath, { label = specPath } = {}) {
  checkSpecFiles(specPath, label);
  let result;
  try {
    result = await bundle({ ref: specPath, config: await createConfig({}), dereference: true });
  } catch (error) {
    throw new SpecLoadError(label, [`Redocly's bundler failed: ${messageOf(error)}${likelyCause(specPath)}`]);
  }
  const { bundle: bundled, problems } = result;
  const errors = problems.filter((problem) => problem.severity === "error");
  // A discriminator mapping's entry that names nothing is left out of generation (lint warns of it); beside other
  // references that name nothing (usually the same missing files), it is listed with them.
  const onlyMappings = errors.every((problem) => isMappingEntry(problem.location?.[0]?.pointer ?? ""));
  if (!onlyMappings) throw new SpecLoadError(label, describeProblems(specPath, errors));
  return withStatusKeysNormalized(bundled.parsed);
}

/**
 * Why the bundler may have failed, when the spec shows a likely cause: a file that holds no document (empty, or a
 * bare string), or components named like a property every JavaScript object has (a security scheme named
 * `constructor`), which the bundler reads as its own.
 */
function likelyCause(specPath) {
  let document;
  try {
    document = readSpecFile(specPath);
  } catch {
    return "";
  }
  if (document === null || typeof document !== "object" || Array.isArray(document))
    return " (the file holds no OpenAPI document: it is empty, or not a YAML or JSON object)";
  const { components } = document;
  const named = Object.entries(components ?? {}).flatMap(([kind, entries]) =>
    Object.keys(entries ?? {})
      .filter((name) => name in Object.prototype)
      .map((name) => `components.${kind}.${name}`),
  );
  return named.length ? ` (rename ${named.join(", ")}: a name every JavaScript object has)` : "";
}

/**
 * One line per distinct problem of Redocly's bundler, in the order reported:
 * `<file#pointer>: $ref "<target>" <why>` for an unresolvable reference, else `<where>: <message>`.
 * A file other than the spec is named relative to the spec's folder.
 */
function describeProblems(specPath, problems) {
  const spec = resolve(specPath);
  const documents = new Map();
  const documentOf = (file) => {
    if (!documents.has(file)) documents.set(file, readSpecFile(file));
    return documents.get(file);
  };
  const lines = problems.map((problem) => {
    const location = problem.location?.[0];
    const file = location?.source?.absoluteRef ?? spec;
    const pointer = location?.pointer ?? "#";
    const where = `${file === spec ? "" : relative(dirname(spec), file)}${pointer}`;
    if (!problem.message.startsWith("Can't resolve $ref")) return `${where}: ${problem.message}`;
    return `${where}: $ref ${JSON.stringify(refTarget(documentOf(file), pointer))} ${unresolvedBecause(problem.message)}`;
  });
  return [...new Set(lines)];
}

/**
 * The reference at `pointer`: an object's `$ref`, or the string itself (a discriminator mapping's
 * value is a reference too).
 */
function refTarget(document, pointer) {
  const value = valueAt(document, pointer);
  return typeof value === "string" ? value : (value?.$ref ?? "?");
}

/** Why Redocly could not resolve a reference, from its message (`Can't resolve $ref: ENOENT: …`). */
function unresolvedBecause(message) {
  const detail = message.replace(/^Can't resolve \$ref:?\s*/, "");
  if (!detail) return "points to nothing";
  if (detail.startsWith("ENOENT")) return "names a file that does not exist";
  return `cannot be read: ${detail}`;
}

/** The message of a {@link SpecLoadError}: a count, then at most {@link LISTED_PROBLEMS} lines. */
function formatLoadProblems(label, problems) {
  const refs = problems.filter((line) => line.includes(": $ref ")).length;
  const what =
    refs === problems.length
      ? `${refs} $ref${refs === 1 ? "" : "s"} that cannot be resolved`
      : `${problems.length} problem${problems.length === 1 ? "" : "s"} Redocly's bundler reports`;
  return [
    `${label} has ${what}:`,
    ...cappedLines(problems, LISTED_PROBLEMS, " (Redocly's lint lists them all: `pnpm generate`)"),
  ].join("\n");
}

/**
 * The root specs (`specs/*.{yaml,yml,json}`) under `root`, keyed by spec name: each dereferenced, with its file as
 * the repository names it (`specs/openfigi.json`). A tree without a specs/ folder has no specs.
 * @returns {Promise<Map<string, { file: string, document: any }>>}
 */
export async function loadSpecTree(root) {
  const specs = new Map();
  if (!existsSync(join(root, "specs"))) return specs;
  for (const file of listSpecs(root))
    specs.set(specName(file), { file: `specs/${basename(file)}`, document: await loadDereferenced(file) });
  return specs;
}

/** The package folder a spec generates into: `info.x-keyway-package`, or the spec's name. */
export function packageDirOf(name, document) {
  return document?.info?.["x-keyway-package"] ?? name;
}
