// Spec text written into generated TypeScript source. Titles, descriptions, paths and names come from a spec that
// anyone may have written: in a comment they must not end it, in an object literal a key must stay a key.

const LINE_TERMINATORS = /\r\n|[\r\n\u2028\u2029]/g;

/**
 * `text` as it can stand inside a `/* … *\/` comment: every `*\/` that would end it written `*\/` with the slash
 * escaped. Line breaks are kept (an example's code spans lines).
 *
 * @example
 * ```js
 * `/** ${commentBlock('GET "*\/*" pets')} *\/`; // the comment ends where the generator ends it
 * ```
 * @param {string} text
 */
export function commentBlock(text) {
  return text.replace(/\*\//g, "*\\/");
}

/**
 * `text` as one line of a comment, `//` or `/** … *\/`: as {@link commentBlock}, and each line break a space, since
 * a `//` comment ends at any of them (U+2028 and U+2029 too).
 *
 * @example
 * ```js
 * `// A fake ${commentLine(spec.info.title)} for tests`; // a title holding "\n" or "*\/" stays in the comment
 * ```
 * @param {string} text
 */
export function commentLine(text) {
  return commentBlock(text).replace(LINE_TERMINATORS, " ");
}

/**
 * `name` as an object key in TypeScript source: bare when it is an identifier, quoted otherwise, and computed for
 * `__proto__`, which an object literal would otherwise take for its prototype instead of a property.
 *
 * @example
 * ```js
 * `{ ${objectKey("id")}: 1, ${objectKey("x-rate")}: 2, ${objectKey("__proto__")}: 3 }`;
 * // { id: 1, "x-rate": 2, ["__proto__"]: 3 }
 * ```
 * @param {string} name
 */
export function objectKey(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) && name !== "__proto__" ? name : quotedKey(name);
}

/**
 * `name` as a quoted object key in source (`"x-rate"`), computed for `__proto__` as {@link objectKey} has it.
 * @param {string} name
 */
export function quotedKey(name) {
  return name === "__proto__" ? '["__proto__"]' : JSON.stringify(name);
}

/**
 * JSON data as a JavaScript literal: what `JSON.stringify(value)` writes, character for character, but with every
 * `__proto__` key computed (`["__proto__"]:`), so that a schema property or parameter of that name stays one.
 *
 * @example
 * ```js
 * sourceLiteral({ properties: { __proto__: { type: "string" } } }); // {"properties":{["__proto__"]:{"type":"string"}}}
 * ```
 * @param {unknown} value JSON data (what JSON.stringify leaves out, such as undefined properties, is left out)
 */
export function sourceLiteral(value) {
  const json = JSON.stringify(value);
  return json.includes('"__proto__":') ? written(JSON.parse(json)) : json;
}

/**
 * JSON data as the TypeScript type `value as const` has: every string, number, boolean and null its literal type,
 * every array a readonly tuple, every property readonly (`__proto__` computed, as {@link sourceLiteral} writes it).
 * Written out, a declaration file copies it as it is, where tsc refuses to write an inferred type of over about a
 * million characters (TS7056).
 *
 * @example
 * ```js
 * `type Meta = ${literalType({ id: "ping", headers: ["If-Match"] })};`;
 * // type Meta = { readonly "id": "ping"; readonly "headers": readonly ["If-Match"] };
 * ```
 * @param {unknown} value JSON data (what JSON.stringify leaves out, such as undefined properties, is left out)
 */
export function literalType(value) {
  const data = JSON.parse(JSON.stringify(value));
  const type = (item) => {
    if (Array.isArray(item)) return `readonly [${item.map(type).join(", ")}]`;
    if (item === null || typeof item !== "object") return JSON.stringify(item);
    const members = Object.entries(item).map(([key, member]) => `readonly ${quotedKey(key)}: ${type(member)}`);
    return members.length ? `{ ${members.join("; ")} }` : "{}";
  };
  return type(data);
}

/** @param {unknown} data parsed JSON */
function written(data) {
  if (Array.isArray(data)) return `[${data.map(written).join(",")}]`;
  if (data === null || typeof data !== "object") return JSON.stringify(data);
  return `{${Object.entries(data)
    .map(([key, item]) => `${quotedKey(key)}:${written(item)}`)
    .join(",")}}`;
}
