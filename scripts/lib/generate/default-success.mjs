// An operation whose only answers are `default` (Influx's `GET /`, Adobe AEM's, xtrf's 300 operations of vendor JSON)
// succeeds with that response, since OpenAPI's `default` stands for every status the operation does not list.
// openapi-fetch reads `default` as an error alone, so such a call's `data` was typed `never` although it holds the body.
import { METHODS } from "../spec/meta.mjs";

/**
 * A copy of `spec` where each operation that declares a `default` response and no `2XX` one (no status starting with
 * 2) also answers `2XX` with its `default`, for the types only: openapi-fetch then types a call's `data` as the
 * `default` response's body, and its `error` as before.
 *
 * @example
 * ```js
 * const spec = { paths: { "/": { get: { responses: { default: { $ref: "#/components/responses/Routes" } } } } } };
 * withDefaultSuccesses(spec).paths["/"].get.responses;
 * // { default: { $ref: "#/components/responses/Routes" }, "2XX": { $ref: "#/components/responses/Routes" } }
 * ```
 * @param {any} spec a bundled document
 */
export function withDefaultSuccesses(spec) {
  let paths;
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const responses = item?.[method]?.responses;
      if (!responses?.default || Object.keys(responses).some((status) => status.startsWith("2"))) continue;
      paths ??= { ...spec.paths };
      paths[template] = {
        ...paths[template],
        [method]: { ...item[method], responses: { ...responses, "2XX": responses.default } },
      };
    }
  }
  return paths ? { ...spec, paths } : spec;
}
