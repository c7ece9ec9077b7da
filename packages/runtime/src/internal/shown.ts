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
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** What kind of value `value` is, for a message that must not quote it (it may be user input or a secret). */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
