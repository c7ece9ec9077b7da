import type { ParameterStyle } from "../meta.js";
import { opaqueType } from "./opaque-object.js";

/** Throws the typed error of the parameter's location (path or query), saying why its value cannot be written. */
export type RefuseParameter = (parameter: string, reason: string) => never;

/**
 * RFC 6570's operators as OpenAPI's styles use them: what precedes the value, what separates exploded values, and
 * whether values are named (`id=3`).
 */
const OPERATORS: { readonly [style: string]: readonly [prefix: string, separator: string, named: boolean] } = {
  simple: ["", ",", false],
  label: [".", ".", false],
  matrix: [";", ";", true],
  form: ["", "&", true],
  spaceDelimited: ["", "&", true],
  pipeDelimited: ["", "&", true],
  cookie: ["", "; ", true],
};

/** What joins the values of a list or object that is not exploded, where it is not a comma. */
const JOINERS: { readonly [style: string]: string } = { spaceDelimited: "%20", pipeDelimited: "|" };

/**
 * A parameter's value written in its style, percent-encoded: for `[3, 4]` named `id`, `3,4` (simple), `.3.4` or `.3,4`
 * (label, exploded or not), `;id=3;id=4` or `;id=3,4` (matrix), `id=3&id=4` or `id=3,4` (form), `id=3|4`
 * (pipeDelimited); for `{ a: 1 }`, `a=1` exploded, `id=a,1` (form) otherwise. `""` for a list or object with nothing
 * in it: `undefined` and `null` inside are left out. A list or object inside, a value that is not plain, or a built-in
 * whose data is not in properties (a `Map`, a `Set`, bytes) is refused through `refuse`. With `encode`, an object's
 * keys and every value are written by it instead (a header's, which is not a URL's: {@link asWritten}).
 */
export function expand(
  name: string,
  value: unknown,
  { style, explode, allowReserved }: ParameterStyle,
  refuse: RefuseParameter,
  encode?: typeof encoded,
): string {
  const [prefix, separator, named] = OPERATORS[style] ?? OPERATORS.form!;
  const label = named ? `${encodedName(name, name, refuse)}=` : "";
  const encodeValue = encode ?? valueEncoding(allowReserved);
  const encodeKey = encode ?? encoded;
  const text = plainText(value);
  if (text !== undefined) return `${prefix}${label}${encodeValue(name, text, refuse)}`;
  if (typeof value !== "object" || value === null || opaqueType(value))
    return refuse(name, `is ${describeValue(value)}`);
  const entries = Array.isArray(value) ? value.map((item) => [undefined, item] as const) : Object.entries(value);
  const parts: string[] = [];
  for (const [key, item] of entries) {
    if (item === undefined || item === null) continue;
    const itemText = encodeValue(name, plainText(item) ?? refuse(name, `holds ${describeValue(item)}`), refuse);
    if (key === undefined) parts.push(explode ? `${label}${itemText}` : itemText);
    else if (explode) parts.push(`${encodeKey(name, key, refuse)}=${itemText}`);
    else parts.push(encodeKey(name, key, refuse), itemText);
  }
  if (parts.length === 0) return "";
  return explode ? prefix + parts.join(separator) : prefix + label + parts.join(JOINERS[style] ?? ",");
}

/**
 * The text of a plain parameter value: a string, a finite number, a boolean, a bigint, or anything with `toJSON` (a
 * `Date`) by what that returns. `undefined` for anything else (lists, objects, `NaN`, `Infinity`).
 */
export function plainText(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return Number.isFinite(value) ? String(value) : undefined;
    case "boolean":
    case "bigint":
      return String(value);
    case "object": {
      const json = typeof (value as { toJSON?: unknown } | null)?.toJSON === "function" && (value as Date).toJSON();
      return typeof json === "string" ? json : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * What a value that is not plain text is, for a reason that must not quote it: `"a list"`, `"an object"`, `"a Map"`,
 * `"NaN"`, `"a symbol"`, `"an invalid Date"`.
 */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "number") return String(value);
  if (typeof value !== "object") return `a ${typeof value}`;
  return value instanceof Date ? "an invalid Date" : (opaqueType(value) ?? "an object"); // a valid one is plain text
}

/**
 * `encodeURIComponent(text)` for a value of `parameter`, refused for text holding a lone UTF-16 surrogate, which has
 * no URL encoding.
 */
export function encoded(parameter: string, text: string, refuse: RefuseParameter): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return refuse(parameter, "contains a lone UTF-16 surrogate, which has no URL encoding");
  }
}

/** `text` as it is: a header's value is not part of a URL, and OpenAPI writes it without percent-encoding. */
export const asWritten: typeof encoded = (_parameter, text) => text;

/**
 * `text` percent-encoded as a query value whose parameter has OpenAPI's `allowReserved: true` (RFC 6570's reserved
 * expansion, within what a query holds, as OpenAPI 3.1.1 spells out): RFC 3986's reserved characters that mean the same
 * sent as they are (`: / ? @ ! $ ' ( ) * , ;`) and percent-encoded triples (`%2F`) kept; everything else encoded,
 * among it `#`, `[` and `]`, which a query cannot hold, `&`, `=` and `+`, which would split a pair or read as a space,
 * and a `%` that starts no triple.
 */
export function encodedReserved(parameter: string, text: string, refuse: RefuseParameter): string {
  const written = encoded(parameter, text, refuse);
  return written.includes("%") ? written.replace(KEPT_RESERVED, keptText) : written;
}

/** How a parameter's values are encoded: {@link encodedReserved} where it has `allowReserved: true`, else {@link encoded}. */
export function valueEncoding(allowReserved: boolean | undefined): typeof encoded {
  return allowReserved ? encodedReserved : encoded;
}

/** The escape of a reserved character that {@link encodedReserved} keeps, or the `%25` that starts a caller's triple. */
const KEPT_RESERVED = /%(?:3A|2F|3F|40|24|2C|3B)|%25(?=[\dA-Fa-f]{2})/g;

const keptText = (triple: string): string => (triple === "%25" ? "%" : decodeURIComponent(triple));

/** Characters `encodeURIComponent` leaves as they are, which most names are made of. */
const UNRESERVED = /^[\w.~-]*$/;

/** A parameter or field name, percent-encoded but for its brackets (`filter[status]`), which servers read as nesting. */
export function encodedName(parameter: string, name: string, refuse: RefuseParameter): string {
  if (UNRESERVED.test(name)) return name;
  const text = encoded(parameter, name, refuse);
  return text.includes("%5") ? text.replace(/%5B/g, "[").replace(/%5D/g, "]") : text;
}
