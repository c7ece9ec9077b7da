import { format as validatorFormats } from "@cfworker/json-schema";
import { patternTester } from "./linear-pattern.js";

/**
 * The checks keyway gives the validator in place of its own for a spec's `pattern` and its `url` format. The
 * validator tests both with backtracking regular expressions, and real specs and values make them run for minutes:
 * BeezUP's `^(https?:\/\/)?([\da-z\.-]+)\.([a-z\.]{2,6})([\/\w \.-]*)*\/?$` took 89 s to refuse a Gravatar URL, and
 * the validator's `url` check 3 s to refuse `https://` and 30 letters (each letter more doubles it), while it refused
 * `http://localhost:3000/callback`. Both are added to the validator's table of formats under names of their own,
 * which {@link validatorRule} turns back into the rule the spec wrote.
 */
const PREFIX = "keyway:";
const PATTERN_PREFIX = `${PREFIX}pattern `;

/** Checks of formats whose own the validator's is replaced or that it lacks (OpenAPI's `byte`), by format. */
const OWN_CHECKS: { readonly [format: string]: (text: string) => boolean } = { url: isAbsoluteUrl, byte: isBase64 };

/**
 * The name of a `format` that checks `source` as the `pattern` keyword does, in time that grows with the text's
 * length alone. `source` must compile with the `u` flag (see `unicodePattern`).
 *
 * @example
 * ```ts
 * const schema = { type: "string", format: patternFormat("^[a-z]+(-[a-z]+)*$") };
 * ```
 */
export function patternFormat(source: string): string {
  return registered(`${PATTERN_PREFIX}${source}`, () => patternTester(source));
}

/**
 * The name under which the validator checks `format`: keyway's own for a format whose validator check it replaces,
 * else `format` itself.
 *
 * @example
 * ```ts
 * const schema = { type: "string", format: checkedFormat("url") }; // "keyway:url"
 * ```
 */
export function checkedFormat(format: string): string {
  const check = Object.hasOwn(OWN_CHECKS, format) ? OWN_CHECKS[format] : undefined;
  return check === undefined ? format : registered(`${PREFIX}${format}`, () => check);
}

/**
 * The keyword and value a spec wrote for a `format` the validator reports broken: `pattern` and its source for a
 * {@link patternFormat}, `format` and the spec's name for a {@link checkedFormat}.
 *
 * @example
 * ```ts
 * validatorRule(patternFormat("^a$")); // { keyword: "pattern", value: "^a$" }
 * validatorRule("uuid"); // { keyword: "format", value: "uuid" }
 * ```
 */
export function validatorRule(format: string): { readonly keyword: string; readonly value: string } {
  if (format.startsWith(PATTERN_PREFIX)) return { keyword: "pattern", value: format.slice(PATTERN_PREFIX.length) };
  return { keyword: "format", value: format.startsWith(PREFIX) ? format.slice(PREFIX.length) : format };
}

function registered(name: string, check: () => (text: string) => boolean): string {
  if (!Object.hasOwn(validatorFormats, name)) validatorFormats[name] = check();
  return name;
}

/** Whether `text` is an absolute URL as `fetch` and browsers parse one, with no whitespace or control character. */
function isAbsoluteUrl(text: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/u.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `text` is base64, as OpenAPI's `byte` format holds bytes: RFC 4648's alphabet or its URL-safe one, padded
 * with `=` to a multiple of 4 or not padded, never a length that leaves a lone character.
 */
function isBase64(text: string): boolean {
  const unpadded = text.replace(/={1,2}$/, "");
  if (unpadded.length !== text.length && text.length % 4 !== 0) return false;
  if (unpadded.length % 4 === 1) return false;
  return /^[A-Za-z0-9+/]*$/.test(unpadded) || /^[A-Za-z0-9_-]*$/.test(unpadded);
}
