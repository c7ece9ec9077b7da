// Compares two dereferenced OpenAPI documents: a structural diff of their normalized forms
// (graph-diff.mjs: their shared and recursive schemas are cycles), each difference located and
// classified by the rule tables.
import { diffGraphs } from "./graph-diff.mjs";
import { locate } from "./locate.mjs";
import { normalizeDocument } from "./normalize.mjs";
import { classify } from "./rules.mjs";
import { LEVELS } from "./verdicts.mjs";

/**
 * @typedef {object} SpecChange
 * @property {"breaking"|"additive"|"docs"} level
 * @property {string} [operation] `GET /path` or `POST webhookName`, when the change is inside one
 * @property {string} message      what changed, for people
 */

/**
 * Every change from `before` to `after` (dereferenced documents; either may be undefined for a
 * spec that was added or removed), classified, without duplicates, most severe first.
 * @returns {SpecChange[]}
 */
export function diffDocuments(before, after) {
  if (!before && !after) return [];
  if (!before) return newSpec(normalizeDocument(after));
  if (!after) return [{ level: "breaking", message: "spec removed: every operation is gone" }];
  const old = normalizeDocument(before);
  const now = normalizeDocument(after);
  const seen = new Set();
  /** @type {SpecChange[]} */
  const changes = [];
  for (const change of diffGraphs(old, now, { startsScope: isHolderSchema })) {
    const loc = locate(change.path);
    const verdict = classify({ change, loc, before: old, after: now });
    if (!verdict) continue;
    const entry = {
      level: verdict.level,
      ...(loc.operation ? { operation: loc.operation } : {}),
      message: verdict.message,
    };
    const key = `${entry.level}|${entry.operation ?? ""}|${entry.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push(entry);
  }
  return sortChanges(changes);
}

/**
 * Whether `path` is the schema of a parameter, request body, response or header (or of one of
 * their media types). Each is a scope of the diff: a shared schema's change is reported once in
 * each of them, where it is read by that place's direction, not only in the first one it reaches.
 * @param {Array<string|number>} path
 */
function isHolderSchema(path) {
  return path.at(-1) === "schema" && locate(path).kind === "schema";
}

/**
 * A new spec: one line for the spec, one per operation and webhook.
 * @returns {SpecChange[]}
 */
function newSpec(document) {
  const operations = Object.keys(document.operations);
  const webhooks = Object.keys(document.webhooks);
  return [
    { level: "additive", message: `new spec: ${operations.length} operations, ${webhooks.length} webhooks` },
    ...operations.map(
      (operation) => /** @type {SpecChange} */ ({ level: "additive", operation, message: "new operation" }),
    ),
    ...webhooks.map(
      (operation) => /** @type {SpecChange} */ ({ level: "additive", operation, message: "new webhook" }),
    ),
  ];
}

/** Sorts changes by level (breaking first), then operation, keeping their order otherwise. */
function sortChanges(changes) {
  return changes
    .map((change, index) => ({ change, index }))
    .sort(
      (a, b) =>
        LEVELS.indexOf(a.change.level) - LEVELS.indexOf(b.change.level) ||
        (a.change.operation ?? "").localeCompare(b.change.operation ?? "") ||
        a.index - b.index,
    )
    .map(({ change }) => change);
}

/**
 * The most severe level among `changes`, or undefined when there are none.
 * @param {SpecChange[]} changes
 * @returns {SpecChange["level"] | undefined}
 */
export function highestLevel(changes) {
  return LEVELS.find((level) => changes.some((change) => change.level === level));
}
