import { ConfigurationError, InvalidHeaderValueError } from "./keyway-errors.js";
import { builtInTypeOf } from "./internal/opaque-object.js";
import { kindOf } from "./internal/shown.js";

// HTTP field values (RFC 9110 §5.5) allow visible ASCII, space, tab and obs-text;
// anything else either splits the header (CR, LF) or is rejected by fetch with an
// error that may echo the value. Of obs-text, Latin-1's letters and signs pass, and its C1 control characters
// (U+0080–U+009F, such as NEL) do not: they are control characters too, which no text a header carries holds.
const LINE_BREAK = /[\r\n]/;
const NUL = /\0/;
const OTHER_FORBIDDEN = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[^\x00-\xff]/;

/**
 * Checks a header value before it is sent and returns it as fetch sends it: without the spaces and tabs around it,
 * which `Headers` drops (so that a secret remembered for redaction is the one the server received).
 * Throws {@link InvalidHeaderValueError}, naming the header and never the value,
 * when the value is empty or whitespace, or contains CR, LF, NUL, another control
 * character, or a character beyond Latin-1.
 *
 * @example
 * ```ts
 * // A tenant id taken from user input: "t_1\r\nX-Admin: 1" throws instead of adding a header.
 * const tenant = validateHeaderValue("X-Tenant-Id", form.get("tenant"));
 * await client.GET("/orders", { headers: { "X-Tenant-Id": tenant } });
 * ```
 */
export function validateHeaderValue(header: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new InvalidHeaderValueError({
      header,
      reason: `is ${typeof value === "number" && !Number.isFinite(value) ? value : kindOf(value)}, not a string`,
    });
  }
  if (value.trim() === "") throw new InvalidHeaderValueError({ header, reason: "is empty" });
  if (LINE_BREAK.test(value)) throw new InvalidHeaderValueError({ header, reason: "contains a line break (CR or LF)" });
  if (NUL.test(value)) throw new InvalidHeaderValueError({ header, reason: "contains a NUL character" });
  if (OTHER_FORBIDDEN.test(value)) {
    throw new InvalidHeaderValueError({
      header,
      reason: "contains a control character or a character outside Latin-1",
    });
  }
  return value.replace(SURROUNDING_WHITESPACE, "");
}

// A header name is an HTTP token (RFC 9110 §5.1); `Headers` refuses anything else with a TypeError.
const HEADER_NAME = /^[!#$%&'*+.^_`|~\w-]+$/;

/** Whether HTTP allows `name` as a header name (a token), so that `Headers` takes it. */
export function isHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

// What `Headers` strips from a value (RFC 9110 §5.5: leading and trailing whitespace is not part of it).
const SURROUNDING_WHITESPACE = /^[\t ]+|[\t ]+$/g;

/**
 * Checks every value of a header map a caller passed for one call (`headers`,
 * `params.header`) before it reaches `Headers`, which would either split, trim or
 * reject it with an error echoing the value. `null` and `undefined` entries mean
 * "unset" and pass; arrays are checked item by item. A name HTTP does not allow (`"Trace Id"`) is a
 * `ConfigurationError` naming it.
 *
 * With `option`, the option the map was given as (`"headers"`, `"params.header"`), an error names the entry as the
 * application wrote it (`headers["X-Trace-Id"] is a number, not a string`), its `header` and `reason` unchanged, and a
 * map that is not one (a string, a function) is a `ConfigurationError` too, instead of being passed over.
 *
 * @example
 * ```ts
 * const headers = { "X-Tenant-Id": settings.tenant, "X-Trace-Id": settings.traceId };
 * validateHeaderValues(headers); // throws InvalidHeaderValueError, naming the header, before anything is sent
 * validateHeaderValues(headers, "headers"); // … as headers["X-Tenant-Id"] (the option these came from)
 * ```
 */
export function validateHeaderValues(headers: unknown, option?: string): void {
  // A Map (or another iterable but a list) has no own entries for openapi-fetch to read: its headers would not be sent.
  if (typeof headers === "object" && headers !== null && isIterableOtherThanHeaders(headers)) {
    const kind = builtInTypeOf(headers);
    throw new ConfigurationError(
      kind === "Headers"
        ? `${option ?? "the headers"} is the Headers of another fetch library (node-fetch, undici's package), which openapi-fetch reads as an object without entries: pass Object.fromEntries(headers) or new Headers(headers)`
        : `${option ?? "the headers"} is a ${kind}, not an object of header names and values, a Headers or a list of [name, value] pairs`,
    );
  }
  if (headers === null || typeof headers !== "object") {
    if (option !== undefined && headers != null)
      throw new ConfigurationError(`${option} is ${kindOf(headers)}, not an object of header names and values`);
    return;
  }
  try {
    checkEntries(headers);
  } catch (error) {
    if (option === undefined) throw error;
    if (error instanceof InvalidHeaderValueError)
      error.message = `${option}[${JSON.stringify(error.header)}] ${error.reason}`;
    else if (error instanceof ConfigurationError) error.message = `${option}: ${error.message}`;
    throw error;
  }
}

function isIterableOtherThanHeaders(headers: object): boolean {
  return Symbol.iterator in headers && !(headers instanceof Headers) && !Array.isArray(headers);
}

/** Checks each name and value of a header map: a `Headers`, a list of `[name, value]` pairs, or an object. */
function checkEntries(headers: object): void {
  if (headers instanceof Headers) {
    // Already normalized by Headers itself; still refuse what it lets through (empty, control characters).
    for (const [name, value] of headers) validateHeaderValue(name, value);
    return;
  }
  for (const entry of headerEntries(headers)) {
    if (!Array.isArray(entry))
      throw new ConfigurationError(`a list of headers holds ${kindOf(entry)}, not a [name, value] pair`);
    const [name, value] = entry as readonly [string, unknown];
    if (!isHeaderName(name))
      throw new ConfigurationError(
        `${JSON.stringify(name)} is not a header name HTTP allows: letters, digits and !#$%&'*+-.^_\`|~, without spaces`,
      );
    if (value == null) continue;
    if (Array.isArray(value)) for (const item of value) validateHeaderValue(name, stringified(item));
    else validateHeaderValue(name, stringified(value));
  }
}

/** The name–value pairs of a call's headers as openapi-fetch takes them: a `Headers`, a list of pairs, or an object. */
export function headerEntries(headers: object): Iterable<readonly [string, unknown]> {
  return headers instanceof Headers || Array.isArray(headers)
    ? (headers as Iterable<[string, unknown]>)
    : Object.entries(headers);
}

/** openapi-fetch sends numbers and booleans as their text; `NaN` and `Infinity` are refused, as in a query. */
function stringified(value: unknown): unknown {
  return (typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean" ? String(value) : value;
}
