/**
 * An option's value as a message quotes it: a string in quotes, so that `timeout: "1000"` does not read as the number
 * it was meant to be; anything else as `String` writes it.
 *
 * @example
 * ```ts
 * `timeout must be a positive number of milliseconds, got ${shown("1000")}`; // … got "1000"
 * ```
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  // An object's or a function's text (`1` for `[1]`, a function's source) would misread or show too much.
  return value !== null && (typeof value === "object" || typeof value === "function") ? kindOf(value) : String(value);
}

/**
 * A setting's value as a message quotes it: as {@link shown} does, but only short text that reads as a number or a word
 * (`"5s"`, `"xml"`) is quoted; any other is only called a string (`timeout: process.env.API_KEY`, a secret in the wrong
 * place, is never quoted).
 *
 * @example
 * ```ts
 * `timeout must be a positive number of milliseconds, got ${shownSetting("5s")}`; // … got "5s"
 * ```
 */
export function shownSetting(value: unknown): string {
  return typeof value === "string" && !SETTING_LIKE.test(value) ? "a string" : shown(value);
}

/** Text a person may have meant as a setting's value: a number, a unit, a word, briefly. */
const SETTING_LIKE = /^[\w .,+-]{0,16}$/;

/** What kind of value `value` is, for a message that must not quote it (it may be user input or a secret). */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
