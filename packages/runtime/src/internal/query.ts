import { InvalidQueryParameterError } from "../errors.js";
import type { ParameterStyle } from "../meta.js";
import { describeValue, encodedName, expand, plainText, type RefuseParameter, valueEncoding } from "./expansion.js";
import { jsonParameterText } from "./json-body.js";
import { forEachField } from "./nested-fields.js";
import { opaqueType } from "./opaque-object.js";
import { ownValue } from "./own-properties.js";

type QuerySerializer = (query: Record<string, unknown>) => string;

/** An operation's query parameters that are not written the default way (`query` in its metadata). */
export type QueryStyles = { readonly [name: string]: ParameterStyle | "json" };

/** How a list is written when the metadata names no style (an object is written as `deepObject`). */
const FORM: ParameterStyle = { style: "form", explode: true };

/**
 * openapi-fetch's `querySerializer` for a keyway client: each parameter written in its spec's style (`styles`, from
 * the operation's metadata), and otherwise as openapi-fetch writes it by default (lists repeated, objects as
 * `deepObject`). Unlike openapi-fetch's, it encodes the keys of objects, so a key cannot add a parameter, writes a
 * `Date` as its ISO text, skips `undefined` inside lists and objects, and refuses a value it cannot write (a nested
 * list where the style has none, `NaN`, a `Map`, a `Set`, bytes) with an {@link InvalidQueryParameterError}, which
 * never quotes it.
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
      const style = ownValue(styles, name);
      if (style === "json") {
        if (value !== undefined) pairs.push(pair(name, name, jsonParameterText(name, value, refuse)));
        continue;
      }
      if (value === undefined || value === null) continue;
      const text = plainText(value);
      if (text !== undefined) pairs.push(pair(name, name, text, style?.allowReserved));
      else if (style ? style.style === "deepObject" : isObject(value))
        writeNested(pairs, name, value, style?.allowReserved);
      else {
        const written = expand(name, value, style ?? FORM, refuse);
        if (written) pairs.push(written);
      }
    }
    return pairs.join("&");
  };
}

/**
 * A `deepObject` value: each value inside named with brackets, `filter[created][gte]=…`, lists indexed. A built-in
 * whose data is not in properties (a `Set` of ids) is refused rather than sent as nothing.
 */
function writeNested(pairs: string[], name: string, value: unknown, allowReserved?: boolean): void {
  if (typeof value === "object" && value !== null && opaqueType(value)) refuse(name, `is ${describeValue(value)}`);
  const stopped = forEachField(name, value, (key, leaf) => {
    if (leaf === null) return;
    pairs.push(pair(name, key, plainText(leaf) ?? refuse(name, `holds ${describeValue(leaf)}`), allowReserved));
  });
  if (stopped) refuse(name, stopped[0] === name ? stopped[1] : `at ${stopped[0]} ${stopped[1]}`);
}

/**
 * `key=text` for a value of `parameter`, both percent-encoded (the key's brackets kept, and where the parameter allows
 * them, the reserved characters of its text).
 */
function pair(parameter: string, key: string, text: string, allowReserved?: boolean): string {
  return `${encodedName(parameter, key, refuse)}=${valueEncoding(allowReserved)(parameter, text, refuse)}`;
}

/** Whether a value that is not plain (see `plainText`) is an object rather than a list or a function. */
function isObject(value: unknown): boolean {
  return typeof value === "object" && !Array.isArray(value);
}

const refuse: RefuseParameter = (parameter, reason) => {
  throw new InvalidQueryParameterError({ parameter, reason });
};
