// How a violation names what broke the spec, in one line a test's author reads: where (a JSON pointer), what the spec
// expects, and what was found: its type, and the value itself only when it is short and cannot be a secret.
// Only a failing call pays for this; a passing one never reaches it.
import type { IsSecretParameter } from "../secret-parameters.js";
import { keyOfSegment } from "./pointer.js";
import type { SchemaFailure } from "./schemas.js";

/** Longer strings are named by their length only: a token or a key is longer, and a line stays readable. */
const SHOWN_STRING_LENGTH = 32;

/** `at` as the part of a line that says where: `""` → `""`, `/users/3/email` → ` at /users/3/email`. */
export function placeOf(at: string): string {
  return at ? ` at ${at}` : "";
}

/**
 * One failure of a value as a line's end: `body at /users/3/email: expected type "string", found number 7`. `what`
 * names the value (`body`, `query parameter "limit"`); `isSecret` is the fake's rule of secret names (its
 * `secretParameters`); `secret` says the value as a whole is one (a parameter named `token`), so only its type is told.
 */
export function failureText(
  what: string,
  failure: SchemaFailure,
  value: unknown,
  isSecret: IsSecretParameter,
  secret = false,
): string {
  const found = failure.found === false ? "" : foundText(value, failure.at, isSecret, secret);
  const rule = failure.expects ? `expected ${failure.rule}` : failure.rule;
  return `${what}${placeOf(failure.at)}: ${rule}${found && (failure.expects ? `, found ${found}` : ` (found ${found})`)}`;
}

/**
 * What a value at `at` inside `root` is, as a reader of a test's output wants it: `number 7`, `string "x@y"`,
 * `string of 120 characters`, `object`, `array of 2 items`, `null`. A value under a name `isSecret` holds (by default
 * those that hold secrets in any API: `password`, `access_token`, `client_secret`), or in a `secret` whole, is told by
 * its type only.
 */
export function foundText(root: unknown, at: string, isSecret: IsSecretParameter, secret = false): string {
  const segments = at ? at.split("/").slice(1).map(keyOfSegment) : [];
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== "object") return "";
    value = (value as Record<string, unknown>)[segment];
  }
  if (value === undefined) return "";
  const hidden = secret || segments.some((segment) => isSecret(segment));
  if (value === null) return "null";
  if (Array.isArray(value)) return `array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "string") {
    if (hidden || value.length > SHOWN_STRING_LENGTH || looksLikeKey(value) || /[\u0000-\u001f]/.test(value))
      return `string of ${value.length} character${value.length === 1 ? "" : "s"}`;
    return `string ${JSON.stringify(value)}`;
  }
  if (typeof value === "number" || typeof value === "boolean")
    return hidden ? typeof value : `${typeof value} ${value}`;
  return typeof value === "object" ? describedObject(value) : typeof value;
}

/**
 * Whether text could be a key or a token sent in the wrong place (`sk_live_7f3a` as a `limit`): 8 characters or more
 * that mix letters and digits. An id such as `usr_81f3a2c9` is then told by its length only, a price of mistaking it.
 */
function looksLikeKey(text: string): boolean {
  return text.length >= 8 && /[a-z]/i.test(text) && /\d/.test(text);
}

/** A `Blob` or `File` the app sent, else a plain `object`. */
function describedObject(value: object): string {
  if (typeof Blob !== "undefined" && value instanceof Blob) return `${value.constructor.name} of ${value.size} bytes`;
  return "object";
}

/** Beyond this many failures of one value, a line says how many more there are: a test's output stays readable. */
const LISTED_FAILURES = 20;

/** Each failure of one value as a line's end ({@link failureText}), the first 20 and how many more. */
export function failureTexts(
  what: string,
  failures: readonly SchemaFailure[],
  value: unknown,
  isSecret: IsSecretParameter,
  secret = false,
): string[] {
  const lines = failures
    .slice(0, LISTED_FAILURES)
    .map((failure) => failureText(what, failure, value, isSecret, secret));
  const more = failures.length - LISTED_FAILURES;
  if (more > 0) lines.push(`${what}: ${more} more failure${more === 1 ? "" : "s"} not listed`);
  return lines;
}
