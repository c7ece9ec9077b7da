import { opaqueType } from "./opaque-object.js";
import { describeValue, plainText } from "./expansion.js";

/** The deepest a bracketed field name nests; a value that contains itself would nest forever. */
const MAX_DEPTH = 64;

/**
 * Walks `value` as a form or a `deepObject` query names nested values: `field(key, leaf)` for each value inside that
 * is not a list or an object, in order, its key built with brackets (`metadata[plan]`, `items[0][price]`). `undefined`
 * is skipped and anything with `toJSON` (a `Date`) is visited as what that returns. A built-in whose data is not in
 * properties (a `Map`, a `Set`, a `Blob`, bytes) is handed to `field` as it is, for the caller to refuse, rather than
 * walked as an object with nothing in it. Stops, returning where (`name` for the first) and why, at a value that nests
 * more than 64 levels deep (as one that contains itself does) or at an object with a key holding `[` or `]`:
 * `{ "a][admin": 1 }` would go out as `…[a][admin]`, one level deeper to the server, and no escape keeps a bracket in
 * a name (servers decode before they split on them). Returns `undefined` when every value was visited.
 */
export function forEachField(
  name: string,
  value: unknown,
  field: (key: string, leaf: unknown) => void,
): [key: string, reason: string] | undefined {
  const pending: [key: string, item: unknown, depth: number][] = [[name, value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [key, item, depth] = next;
    const json = typeof (item as { toJSON?: unknown } | null)?.toJSON === "function" ? (item as Date).toJSON() : item;
    if (json === undefined) continue;
    if (typeof json !== "object" || json === null || opaqueType(json)) field(key, json);
    else if (depth === MAX_DEPTH) return [name, "nests more than 64 levels deep or contains itself"];
    else {
      const entries = Array.isArray(json) ? json.map((entry, index) => [index, entry] as const) : Object.entries(json);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [child, entry] = entries[index]!;
        if (/[[\]]/.test(`${child}`))
          return [key, 'holds a key with "[" or "]", which a server reads as deeper nesting'];
        pending.push([`${key}[${child}]`, entry, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * {@link forEachField} for a form's field: `field(key, text)` for each value inside as its text, as `plainText` writes
 * it (a `Date` as its ISO text), or `null`; a built-in whose data is not in properties (a `Blob`, bytes, a `Map`) as it
 * is, for the caller to send or refuse. What no form can write, a function, a symbol, `NaN`, `Infinity`, a value
 * that nests more than 64 levels deep or contains itself, or a key with a bracket, goes to `refuse` with the key it is
 * at and why.
 */
export function forEachFormField(
  name: string,
  value: unknown,
  field: (key: string, leaf: string | object | null) => void,
  refuse: (key: string, reason: string) => never,
): void {
  const stopped = forEachField(name, value, (key, leaf) => {
    if (leaf === null || typeof leaf === "object") field(key, leaf as object | null);
    else field(key, plainText(leaf) ?? refuse(key, `is ${describeValue(leaf)}, which a form field cannot hold`));
  });
  if (stopped) refuse(...stopped);
}
