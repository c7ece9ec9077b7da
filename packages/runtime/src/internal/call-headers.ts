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
 * A call's header parameters with each list written in OpenAPI's `simple` style, its items joined by `,` (`X-Ids:
 * 3,4`, as a server that reads the spec splits it), where openapi-fetch would append each item as a line of its own,
 * which `Headers` sends joined by `, `. An empty list sends no header, as before; the same object when it holds no
 * list.
 *
 * @example
 * ```ts
 * headerListsJoined({ "X-Ids": [3, 4], "X-Tenant": "t_1" }); // { "X-Ids": "3,4", "X-Tenant": "t_1" }
 * ```
 */
export function headerListsJoined<Header>(header: Header): Header {
  if (header === null || typeof header !== "object" || Array.isArray(header) || header instanceof Headers)
    return header;
  let joined: HeaderObject | undefined;
  for (const [name, value] of Object.entries(header)) {
    if (!Array.isArray(value)) continue;
    joined ??= { ...(header as HeaderObject) };
    defineValue(joined, name, value.length ? value.join(",") : undefined);
  }
  return (joined ?? header) as Header;
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
