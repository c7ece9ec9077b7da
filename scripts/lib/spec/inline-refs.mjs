// openapi-typescript turns a `$ref` into an indexed access on the generated types:
// `#/components/schemas/A/properties/b` becomes `components["schemas"]["A"]["b"]`. A reference into
// any other part of a component (`#/components/schemas/Report/definitions/reportError`, `…/allOf/1`,
// `#/components/parameters/companyId/schema`) or anywhere else in the document names a member the
// types do not have, and the package fails to compile. Such references are replaced by a copy of
// what they point at before the types are generated.
import { valueAt } from "./json-pointer.mjs";

/** A reference the generated types can express: a component, or a property of a component schema. */
const TYPEABLE = /^#\/components\/(?:[^/]+\/[^/]+|schemas\/[^/]+(?:\/properties\/[^/]+)*)$/;

/**
 * A copy of `spec` whose local references the types cannot express (into the inside of a
 * component, other than a schema's properties) are replaced by what they point at; other keys beside such a `$ref` are kept. A
 * reference met again while its own copy is being made (a cycle) is left as an open schema.
 *
 * @example
 * ```js
 * const spec = { components: { schemas: { A: { definitions: { b: { type: "string" } } } } },
 *   paths: { "/a": { get: { responses: { 200: { content: { "application/json": { schema: { $ref: "#/components/schemas/A/definitions/b" } } } } } } } } };
 * withNestedRefsInlined(spec).paths["/a"].get.responses[200].content["application/json"].schema; // { type: "string" }
 * ```
 */
export function withNestedRefsInlined(spec) {
  const inline = (node, open) => {
    if (Array.isArray(node)) return node.map((item) => inline(item, open));
    if (node === null || typeof node !== "object") return node;
    const { $ref, ...siblings } = node;
    if (typeof $ref === "string" && $ref.startsWith("#/") && !TYPEABLE.test($ref)) {
      const target = valueAt(spec, $ref);
      if (target === undefined) return node;
      const rest = inline(siblings, open);
      return open.has($ref) ? rest : { ...inline(target, new Set([...open, $ref])), ...rest };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value, open)]));
  };
  return inline(spec, new Set());
}
