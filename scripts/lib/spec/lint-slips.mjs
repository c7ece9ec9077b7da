// Schema slips of real vendor specs that Redocly reports as structural errors but that do not change
// what generation produces. The default lint profile reports them as warnings naming the spelling
// the document's version wants; the strict profile keeps them errors.
import { valueAt } from "./json-pointer.mjs";

/**
 * The warning a structural error becomes when it is one of these slips, or undefined:
 * - OpenAPI 3.1 type spellings in a 3.0 document: `type: "null"` and a list of types (read with
 *   their 3.1 meaning, as openapi-typescript does: `null` and a union);
 * - a schema's `examples` that is not a list in a 3.1 document (usually the media type's map of
 *   Example objects): generation and the /testing fake read only a list, so it is ignored.
 *
 * @param {{ rule: string, severity: "error" | "warn", message: string, where: string }} problem a `struct` problem
 * @param {any} document the parsed spec the problem is in
 * @example
 * ```js
 * const problem = { rule: "struct", severity: "error", where: "specs/a.yaml:9:5 #/components/schemas/A/type", message: "…" };
 * schemaSlip(problem, { openapi: "3.0.3", components: { schemas: { A: { type: "null" } } } });
 * // { rule: "keyway/openapi-3.1-in-3.0", severity: "warn", … }
 * ```
 */
export function schemaSlip(problem, document) {
  if (problem.rule !== "struct") return undefined;
  const version = String(document?.openapi);
  const pointer = problem.where.split(" ").pop() ?? "";
  if (version.startsWith("3.0") && pointer.endsWith("/type")) {
    const type = valueAt(document, pointer);
    if (type === "null" || Array.isArray(type)) {
      return {
        ...problem,
        rule: "keyway/openapi-3.1-in-3.0",
        severity: "warn",
        message:
          type === "null"
            ? '`type: "null"` is OpenAPI 3.1; read as null (the 3.0 spelling: nullable: true on the other schemas)'
            : "a list of types is OpenAPI 3.1; read as a union (the 3.0 spelling: oneOf, or nullable: true for null)",
      };
    }
  }
  if (version.startsWith("3.1") && pointer.endsWith("/examples") && /^Expected type `array`/.test(problem.message)) {
    return {
      ...problem,
      rule: "keyway/ignored-property",
      severity: "warn",
      message:
        "a schema's `examples` is a list in OpenAPI 3.1 (a map of Example objects belongs to a media type), so generation ignores it",
    };
  }
  return undefined;
}
