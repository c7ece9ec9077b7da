import { InvalidHeaderValueError } from "./keyway-errors.js";

// HTTP field values (RFC 9110 §5.5) allow visible ASCII, space, tab and obs-text;
// anything else either splits the header (CR, LF) or is rejected by fetch with an
// error that may echo the value.
const LINE_BREAK = /[\r\n]/;
const NUL = /\0/;
const OTHER_FORBIDDEN = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]|[^\x00-\xff]/;

/**
 * Checks a header value before it is sent and returns it unchanged.
 * Throws {@link InvalidHeaderValueError}, naming the header and never the value,
 * when the value is empty or whitespace, or contains CR, LF, NUL, another control
 * character, or a character beyond Latin-1.
 *
 * @example
 * ```ts
 * validateHeaderValue("X-Account-Id", "acc_123"); // "acc_123"
 * validateHeaderValue("X-Account-Id", "acc\n123"); // throws InvalidHeaderValueError
 * ```
 */
export function validateHeaderValue(header: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new InvalidHeaderValueError(header, `is a ${value === null ? "null" : typeof value}, not a string`);
  }
  if (value.trim() === "") throw new InvalidHeaderValueError(header, "is empty");
  if (LINE_BREAK.test(value)) throw new InvalidHeaderValueError(header, "contains a line break (CR or LF)");
  if (NUL.test(value)) throw new InvalidHeaderValueError(header, "contains a NUL character");
  if (OTHER_FORBIDDEN.test(value)) {
    throw new InvalidHeaderValueError(header, "contains a control character or a character outside Latin-1");
  }
  return value;
}

/**
 * Checks every value of a header map a caller passed for one call (`headers`,
 * `params.header`) before it reaches `Headers`, which would either split, trim or
 * reject it with an error echoing the value. `null` and `undefined` entries mean
 * "unset" and pass; arrays are checked item by item.
 *
 * @example
 * ```ts
 * validateHeaderValues({ "X-Timezone": "Europe/Paris", "X-Trace": undefined }); // fine
 * validateHeaderValues({ "X-Stack-Access-Token": "a\r\nb" }); // throws InvalidHeaderValueError
 * ```
 */
export function validateHeaderValues(headers: unknown): void {
  if (headers === null || typeof headers !== "object") return;
  if (headers instanceof Headers) {
    // Already normalized by Headers itself; still refuse what it lets through (empty, control characters).
    for (const [name, value] of headers) validateHeaderValue(name, value);
    return;
  }
  const entries = Array.isArray(headers) ? (headers as [string, unknown][]) : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value == null) continue;
    if (Array.isArray(value)) for (const item of value) validateHeaderValue(name, stringified(item));
    else validateHeaderValue(name, stringified(value));
  }
}

/** openapi-fetch sends numbers and booleans as their text. */
function stringified(value: unknown): unknown {
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}
