import { jsonExcerpt } from "./json-excerpt.js";

/**
 * An option's value as a message quotes it: a string in quotes (as {@link shownExcerpt} writes it), so that
 * `timeout: "1000"` does not read as the number it was meant to be; anything else as `String` writes it.
 *
 * @example
 * ```ts
 * `timeout must be a positive number of milliseconds, got ${shown("1000")}`; // … got "1000"
 * ```
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return shownText(value);
  // An object's or a function's text (`1` for `[1]`, a function's source) would misread or show too much.
  return value !== null && (typeof value === "object" || typeof value === "function") ? kindOf(value) : String(value);
}

/**
 * A setting's value as a message quotes it, whatever it is: as {@link shown} does, but only short text that reads as a
 * number or a word (`"5s"`, `"xml"`) is quoted; any other is only called a string (`timeout: process.env["API_KEY"]`, a
 * secret in the wrong place, is never quoted), and an object only named as one (never converted to text, which may
 * throw).
 *
 * @example
 * ```ts
 * import { ConfigurationError, shownSetting } from "@keyway/runtime";
 *
 * const retries: unknown = JSON.parse(process.env["EXPORT_RETRIES"] ?? "3");
 * if (!Number.isInteger(retries)) throw new ConfigurationError(`EXPORT_RETRIES must be a whole number, got ${shownSetting(retries)}`);
 * ```
 */
export function shownSetting(value: unknown): string {
  return typeof value === "string" && !SETTING_LIKE.test(value) ? "a string" : shown(value);
}

/** Text a person may have meant as a setting's value: a number, a unit, a word, briefly. */
const SETTING_LIKE = /^[\w .,+-]{0,16}$/;

/**
 * What kind of value `value` is, for a message that must not quote it (it may be user input or a secret): `"a string"`,
 * `"an array"`, `"null"`, `"an object"`.
 *
 * @example
 * ```ts
 * import { ConfigurationError, kindOf } from "@keyway/runtime";
 *
 * const rows: unknown = JSON.parse(input);
 * if (!Array.isArray(rows)) throw new ConfigurationError(`the import takes a list of rows, got ${kindOf(rows)}`);
 * ```
 */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null || value === undefined) return String(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The most characters a message quotes of one value from outside (a body, a header, a server's text), before its `…`. */
export const MAX_SHOWN_LENGTH = 200;

/**
 * `value` as a message quotes what it does not control (a response body, a header, a server's or a runtime's text):
 * its JSON text, a string in quotes, on one line and cut at `maxLength` characters with `…`. Besides what JSON escapes
 * (control characters, a lone surrogate, `"`, `\`), every character that would end a log line or make one read
 * otherwise than it is written (DEL, the C1 controls, U+2028 and U+2029, the bidirectional controls) is written as a
 * `\uXXXX` escape; an escape or a surrogate pair is never cut in two. Redact before: a secret is found in the text as
 * the server wrote it, and an excerpt may cut one where no redaction recognizes it.
 *
 * @example
 * ```ts
 * const body = await response.text(); // "oops\n[INFO] user=admin logged in"
 * logger.warn(`the export failed: ${shownExcerpt(redactor.redactText(body))}`); // … failed: "oops\n[INFO] user=admin logged in"
 * ```
 */
export function shownExcerpt(value: unknown, maxLength = MAX_SHOWN_LENGTH): string {
  if (typeof value === "string") return shownText(value, maxLength);
  // Longer than shown, so that the cut in shownJson, not the excerpt's, decides where an escape ends.
  return shownJson(jsonExcerpt(value, maxLength + LONGEST_ESCAPE), maxLength);
}

/**
 * Text from outside in quotes, as {@link shownExcerpt} shows a string; without the JSON excerpt, which only a value that
 * is not a string needs, so that a bundle that quotes no error body leaves it out.
 */
function shownText(text: string, maxLength = MAX_SHOWN_LENGTH): string {
  return shownJson(JSON.stringify(text.slice(0, maxLength + LONGEST_ESCAPE)), maxLength);
}

/** JSON text with what JSON leaves as it is escaped too, cut at `maxLength` with `…` between escapes and pairs. */
function shownJson(json: string, maxLength: number): string {
  const escapedJson = json.replace(INVISIBLE_TO_JSON, escaped);
  if (escapedJson.length <= maxLength) return escapedJson;
  let end = 0;
  for (const piece of escapedJson.matchAll(PIECES)) {
    if (piece.index + piece[0].length > maxLength) break;
    end = piece.index + piece[0].length;
  }
  return `${escapedJson.slice(0, end)}…`;
}

/**
 * A sentence from outside (why a runtime's fetch failed, a library's verdict, an error's message) as a message or a
 * span gives it: as it is when it is short and holds nothing {@link shownExcerpt} would escape but `"`
 * (`ECONNRESET (other side closed)`), otherwise quoted by {@link shownExcerpt}.
 *
 * @example
 * ```ts
 * logger.warn(`the upload failed: ${shownSentence(redactor.redactText(error.message))}`); // … failed: other side closed
 * ```
 */
export function shownSentence(text: string, maxLength = MAX_SHOWN_LENGTH): string {
  // JSON escapes a control character or a lone surrogate as `\n` or `\u…`: any escape but `\"` (a `\` too, to be safe).
  const plain = text.length <= maxLength && !/\\[^"]/.test(JSON.stringify(text)) && text.search(INVISIBLE_TO_JSON) < 0;
  return plain ? text : shownText(text, maxLength);
}

/**
 * A word from outside (a request id, a media type, a content coding) as a message names it: as it is when it is short
 * and holds only the characters of an HTTP token and `/`, `:`, `=` or `@`, or a list of such words (`gzip, br`), so
 * `req_8f2c` and `text/csv` read as always; otherwise quoted by {@link shownExcerpt}, so that what it holds can neither
 * break the line nor pass for the message's own words.
 *
 * @example
 * ```ts
 * const requestId = response.headers.get("x-request-id") ?? "none";
 * logger.warn(`the export failed (request id ${shownToken(requestId)})`); // … (request id req_8f2c)
 * ```
 */
export function shownToken(text: string, maxLength = MAX_SHOWN_LENGTH): string {
  return text.length <= maxLength && TOKEN.test(text) ? text : shownText(text, maxLength);
}

// What JSON.stringify leaves as it is but a log line must not hold as it is: DEL, the C1 controls (U+0085 ends a line
// for some readers), the line and paragraph separators, and the bidirectional marks, embeddings, overrides and isolates.
const INVISIBLE_TO_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LONGEST_ESCAPE = "\\u0000".length;
/** One piece of JSON text that must not be cut: an escape, a surrogate pair, or one character. */
const PIECES = /\\u[\dA-Fa-f]{4}|\\[\s\S]|[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g;
// An HTTP token with `/`, `:`, `=` and `@` (a media type, a request id of any common form), or a list of them (`gzip, br`).
const TOKEN = /^[\w!#$%&'*+.^`|~/:=@-]+(?:, ?[\w!#$%&'*+.^`|~/:=@-]+)*$/;
function escaped(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
