/**
 * The start of `JSON.stringify(value)`, at most `maxLength` characters; `""` when JSON.stringify gives nothing. A value
 * nested deeper than this runtime's JSON.stringify goes (Node's gives up where Deno's does not) is written by
 * {@link iterativeJsonExcerpt}, so every runtime quotes the same text.
 *
 * @example
 * ```ts
 * jsonExcerpt({ code: "INVALID", details: [1, 2] }, 16); // '{"code":"INVALID'
 * ```
 */
export function jsonExcerpt(value: unknown, maxLength: number): string {
  try {
    return (JSON.stringify(value) ?? "").slice(0, maxLength);
  } catch {
    return iterativeJsonExcerpt(value, maxLength);
  }
}

/**
 * The start of `JSON.stringify(value)` for JSON data (what JSON.parse gives, and `undefined`), written without
 * recursion and only as far as `maxLength`. Where JSON.stringify would throw, it goes on: a cycle is written out until
 * the limit, a bigint as its digits.
 *
 * @example
 * ```ts
 * iterativeJsonExcerpt({ code: "INVALID", details: [1, 2] }, 16); // '{"code":"INVALID'
 * ```
 */
export function iterativeJsonExcerpt(value: unknown, maxLength: number): string {
  // What is left to write, the last first: text, or a container whose entries are still to be written.
  const pending: (string | object)[] = [jsonPiece(value) ?? ""];
  let text = "";
  while (text.length < maxLength && pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next === "string") {
      text += next;
      continue;
    }
    const array = Array.isArray(next);
    const pieces: (string | object)[] = [];
    for (const key of array ? next.keys() : Object.keys(next)) {
      const piece = jsonPiece((next as Record<string | number, unknown>)[key]);
      if (piece === undefined && !array) continue; // an object leaves out what an array writes as null
      pieces.push(pieces.length > 0 ? "," : "", array ? "" : `${JSON.stringify(key)}:`, piece ?? "null");
    }
    text += array ? "[" : "{";
    pending.push(array ? "]" : "}");
    for (let index = pieces.length - 1; index >= 0; index--) pending.push(pieces[index]!);
  }
  return text.slice(0, maxLength);
}

/** A value's JSON text, the value itself when it is a container (written later), or `undefined` when JSON leaves it out. */
function jsonPiece(value: unknown): string | object | undefined {
  if (typeof value === "object") return value ?? "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  return undefined;
}
