// Successes openapi-fetch does not read as a call's `data`, given a `2XX` for the types so that it does. openapi-fetch
// types `data` by 200-204, 206, 207 and `2XX` alone:
// - an operation whose only answers are `default` (Influx's `GET /`, Adobe AEM's, xtrf's 300 operations of vendor
//   JSON) succeeds with that response, since OpenAPI's `default` stands for every status the operation does not list,
//   but openapi-fetch reads `default` as an error alone;
// - an operation whose only success is another 2xx (YNAB's `PATCH /budgets/{budget_id}/transactions` answers 209,
//   Linode's deprecated operations 299) succeeds with it, and the runtime expects its body.
// Either call's `data` was typed `never` although it holds the body.
import { valueAt } from "../spec/json-pointer.mjs";
import { METHODS } from "../spec/meta.mjs";

/** The statuses openapi-fetch reads a call's `data` from (openapi-typescript-helpers' `OkStatus`). */
const TYPED_SUCCESSES = new Set(["200", "201", "202", "203", "204", "206", "207", "2XX"]);

/**
 * A copy of `spec` where each operation that declares none of the successes openapi-fetch types ({@link
 * TYPED_SUCCESSES}) also answers `2XX`, for the types only: with its first other 2xx that declares content (209,
 * 299; 205 never has any), else, when it lists no 2xx, with its `default`. openapi-fetch then types a call's `data` as
 * that response's body, and its `error` as before.
 *
 * @example
 * ```js
 * const spec = { paths: { "/": { get: { responses: { default: { $ref: "#/components/responses/Routes" } } } } } };
 * withSuccessRange(spec).paths["/"].get.responses;
 * // { default: { $ref: "#/components/responses/Routes" }, "2XX": { $ref: "#/components/responses/Routes" } }
 * ```
 * @param {any} spec a bundled document
 */
export function withSuccessRange(spec) {
  let paths;
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const responses = item?.[method]?.responses;
      const success = responses && untypedSuccess(responses, spec);
      if (!success) continue;
      paths ??= { ...spec.paths };
      paths[template] = {
        ...paths[template],
        [method]: { ...item[method], responses: { ...responses, "2XX": success } },
      };
    }
  }
  return paths ? { ...spec, paths } : spec;
}

/** The response `2XX` stands for in the types, or undefined when openapi-fetch types the operation's successes. */
function untypedSuccess(responses, spec) {
  const statuses = Object.keys(responses);
  if (statuses.some((status) => TYPED_SUCCESSES.has(status))) return undefined;
  const other = statuses.find(
    (status) => /^2\d\d$/.test(status) && status !== "205" && hasContent(responses[status], spec),
  );
  if (other) return responses[other];
  return statuses.some((status) => status.startsWith("2")) ? undefined : responses.default;
}

/** Whether `response` (or the response its `$ref` names, in a bundled document) declares content. */
function hasContent(response, spec) {
  const resolved = typeof response?.$ref === "string" ? valueAt(spec, response.$ref) : response;
  return Object.keys(resolved?.content ?? {}).length > 0;
}
