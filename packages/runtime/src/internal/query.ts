import { InvalidQueryParameterError } from "../errors.js";
import type { ParameterStyle } from "../meta.js";
import { describeValue, encoded, encodedName, expand, plainText, type RefuseParameter } from "./expansion.js";
import { forEachField } from "./nested-fields.js";

type QuerySerializer = (query: Record<string, unknown>) => string;

/** An operation's query parameters that are not written the default way (`query` in its metadata). */
export type QueryStyles = { readonly [name: string]: ParameterStyle | "json" };

/** How a plain value or a list is written when the metadata names no style (an object is written as `deepObject`). */
const FORM: ParameterStyle = { style: "form", explode: true };

/**
 * openapi-fetch's `querySerializer` for a keyway client: each parameter written in its spec's style (`styles`, from
 * the operation's metadata), and otherwise as openapi-fetch writes it by default (lists repeated, objects as
 * `deepObject`). Unlike openapi-fetch's, it encodes the keys of objects, so a key cannot add a parameter, writes a
 * `Date` as its ISO text, skips `undefined` inside lists and objects, and refuses a value it cannot write (a nested
 * list where the style has none, `NaN`) with an {@link InvalidQueryParameterError}, which never quotes it.
 *
 * @example
 * ```ts
 * const serialize = createQuerySerializer({ include_fields: "json", tags: { style: "form", explode: false } });
 * serialize({ include_fields: ["a"], tags: ["x", "y"], filter: { status: "paid" } });
 * // 'include_fields=%5B%22a%22%5D&tags=x,y&filter[status]=paid'
 * ```
 */
export function createQuerySerializer(styles: QueryStyles = {}): QuerySerializer {
  return (query) => {
    const pairs: string[] = [];
    for (const name of Object.keys(query)) {
      const value = query[name];
      const style = styles[name];
      if (style === "json") {
        if (value !== undefined) pairs.push(expand(name, jsonText(name, value), FORM, refuse));
      } else if (value === undefined || value === null) continue;
      else if (
        typeof value === "string" ||
        (typeof value === "number" && Number.isFinite(value)) ||
        typeof value === "boolean"
      )
        pairs.push(`${encodedName(name, name, refuse)}=${encoded(name, String(value), refuse)}`);
      else if (style ? style.style === "deepObject" : isObject(value)) writeNested(pairs, name, value);
      else {
        const written = expand(name, value, style ?? FORM, refuse);
        if (written) pairs.push(written);
      }
    }
    return pairs.join("&");
  };
}

/** A `deepObject` value: each value inside named with brackets, `filter[created][gte]=…`, lists indexed. */
function writeNested(pairs: string[], name: string, value: unknown): void {
  const written = forEachField(name, value, (key, leaf) => {
    if (leaf === null) return;
    const text = plainText(leaf) ?? refuse(name, `holds ${describeValue(leaf)}`);
    pairs.push(`${encodedName(name, key, refuse)}=${encoded(name, text, refuse)}`);
  });
  if (!written) refuse(name, "nests too deep or contains itself");
}

function jsonText(name: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return refuse(name, "has no JSON text (it holds a bigint or itself)");
  }
  return text ?? refuse(name, `is ${describeValue(value)}`);
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && !Array.isArray(value) && plainText(value) === undefined;
}

const refuse: RefuseParameter = (parameter, reason) => {
  throw new InvalidQueryParameterError({ parameter, reason });
};
