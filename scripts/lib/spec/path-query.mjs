// Query keys written into a path template (`/v1/messages?action=send`) are generated as part of a
// literal path, which openapi-fetch sends as it is. When the operation also declares query
// parameters, openapi-fetch appends them after a second `?` (`/v1/messages?action=send?limit=10`),
// a URL no API reads as meant: such an operation stops generation with the fix.

/**
 * Why the operation at `path` cannot be generated, or undefined when its path has no query or it
 * declares no query parameters.
 *
 * @param {string} path the path template, as a key of the spec's `paths`
 * @param {Array<{ in: string, name: string }>} parameters the operation's parameters, path-level ones included
 * @param {string} where the operation and spec, as errors name them (`POST /v1/messages?action=send in specs/a.json`)
 * @example
 * ```js
 * pathQueryConflict("/v1/messages?action=send", [{ in: "query", name: "limit" }], "POST /v1/messages?action=send in specs/a.json");
 * // 'POST /v1/messages?action=send in specs/a.json: its path template holds a query string ("?action=send") and …'
 * ```
 */
export function pathQueryConflict(path, parameters, where) {
  const mark = path.indexOf("?");
  if (mark === -1) return undefined;
  const declared = parameters.filter((parameter) => parameter.in === "query").map((parameter) => parameter.name);
  if (declared.length === 0) return undefined;
  const query = path.slice(mark);
  const keys = [...new URLSearchParams(query)].map(
    ([name, value]) => `{ name: ${name}, in: query, required: true, schema: { type: string, enum: [${value}] } }`,
  );
  return (
    `${where}: its path template holds a query string (${JSON.stringify(query)}) and the operation declares query parameters too ` +
    `(${declared.join(", ")}), which would be sent after a second "?". ` +
    `Fix: remove ${JSON.stringify(query)} from the path and declare ${keys.length === 1 ? "the key as a parameter" : "each key as a parameter"}: ${keys.join(", ")}.`
  );
}
