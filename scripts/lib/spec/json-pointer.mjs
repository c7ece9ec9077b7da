// JSON pointers (RFC 6901) into a parsed document, as `$ref`s and lint locations write them.

/**
 * The value at a JSON pointer such as `#/components/schemas/A~1B/type`, or undefined. A segment
 * is also tried percent-decoded, as URI fragments (`rate%20estimate`) may write it.
 *
 * @example
 * ```js
 * valueAt({ components: { schemas: { "a/b": { type: "string" } } } }, "#/components/schemas/a~1b/type"); // "string"
 * ```
 */
export function valueAt(document, pointer) {
  const tokens = pointer
    .replace(/^#?\/?/, "")
    .split("/")
    .filter(Boolean);
  let value = document;
  for (const token of tokens) {
    if (value === null || typeof value !== "object") return undefined;
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    value = Object.hasOwn(value, key) ? value[key] : value[safeDecode(key)];
  }
  return value;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A JSON pointer from a lint report, as a location to show: the percent-encoding Redocly gives some characters undone
 * (`rate%20estimate`), and a `%` that encodes nothing (a key named `50%` or `{%a}`) kept as it is, where decoding the
 * whole pointer would throw.
 *
 * @example
 * ```js
 * shownPointer("#/components/schemas/rate%20estimate/properties/50%"); // "#/components/schemas/rate estimate/properties/50%"
 * ```
 */
export function shownPointer(pointer) {
  return pointer.replace(/(?:%[0-9A-Fa-f]{2})+/g, (encoded) => {
    try {
      return decodeURI(encoded);
    } catch {
      return encoded;
    }
  });
}
