// The verdicts of spec-diff's rules (rules.mjs, schema-rules.mjs) and the helpers they share.

/** Levels from most to least severe. */
/** @type {Array<"breaking" | "additive" | "docs">} */
export const LEVELS = ["breaking", "additive", "docs"];

/** Keywords that only document: changing them never changes what a caller can send or receive. */
/** @type {Set<string | undefined>} */
export const DOC_KEYWORDS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "$comment",
  "x-unverified",
  "deprecated",
  "tags",
  "x-anchors",
  "contact",
  "license",
  "termsOfService",
]);

/** @typedef {{ level: "breaking" | "additive" | "docs", message: string }} Verdict */

/** @type {(message: string) => Verdict} */
export const breaking = (message) => ({ level: "breaking", message });
/** @type {(message: string) => Verdict} */
export const additive = (message) => ({ level: "additive", message });
/** @type {(message: string) => Verdict} */
export const docs = (message) => ({ level: "docs", message });
export const byDirection = (direction, input, output) => (direction === "input" ? input : output);

/** Reads a value of the normalized old or new document at `path`. */
export function valueAt(document, path) {
  let value = document;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[key];
  }
  return value;
}

/** A keyed-set member (`"\"cat\""`) or a name, as shown in a report. */
export function shown(arg, value) {
  if (value !== undefined && (value === null || typeof value !== "object")) return JSON.stringify(value);
  return typeof arg === "string" && arg.startsWith('"') ? arg : `\`${arg}\``;
}

/** `where: keyword`, or the keyword alone when it is the place (an operation's `summary`). */
export function about(loc) {
  return loc.where === loc.keyword ? String(loc.keyword) : `${loc.where}: ${loc.keyword}`;
}

/** A change no rule knows: reported as breaking, so that a check never asks for too small a bump. */
export function unclassified({ change, loc }) {
  const verb = { CREATE: "added", REMOVE: "removed", CHANGE: "changed" }[change.type];
  return breaking(`${loc.keyword ? about(loc) : loc.where} ${verb} (unclassified, treated as breaking)`);
}

/** Whether a keyword is an extension (`x-…`). */
export const isExtension = (keyword) => typeof keyword === "string" && keyword.startsWith("x-");
