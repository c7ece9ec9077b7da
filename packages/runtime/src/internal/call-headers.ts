// The headers a caller gave one call, as the body serializers hand them on to openapi-fetch with a Content-Type of
// their own: openapi-fetch merges an object's entries into the request, a list of values appended, `null` removed.
import { headerEntries } from "../header-value.js";
import { defineValue, ownValue } from "./own-properties.js";

/** Header names and values as openapi-fetch merges them. */
export type HeaderObject = Record<string, unknown>;

/**
 * The headers a caller gave one call (an object, a `Headers` or a list of `[name, value]` pairs) as an object, a name
 * a list gives more than once with its values in a list, so that none is lost when the serializer adds its own.
 *
 * @example
 * ```ts
 * headerObject([["X-Tag", "a"], ["X-Tag", "b"]]); // { "X-Tag": ["a", "b"] }
 * headerObject(new Headers({ "Content-Type": "text/csv" })); // { "content-type": "text/csv" }
 * ```
 */
export function headerObject(headers: unknown): HeaderObject {
  const object: HeaderObject = {};
  if (headers === null || typeof headers !== "object") return object;
  for (const [name, value] of headerEntries(headers)) {
    const previous = ownValue(object, name);
    defineValue(object, name, previous === undefined ? value : [previous, value].flat());
  }
  return object;
}

/**
 * The `Content-Type` the caller set (its name in any case), or `""` when none.
 *
 * @example
 * ```ts
 * callerContentType({ "content-type": "multipart/form-data" }); // "multipart/form-data"
 * ```
 */
export function callerContentType(headers: HeaderObject): string {
  for (const [name, value] of Object.entries(headers))
    if (name.toLowerCase() === "content-type" && typeof value === "string") return value;
  return "";
}
