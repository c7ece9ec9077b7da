import type { JsonSchema } from "./spec-data.js";

// Keywords whose value is one schema, a list of schemas, or a map of named schemas.
const ONE = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "unevaluatedItems",
  "unevaluatedProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
]);
const LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems", "items"]);
const MAP = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/**
 * A copy of `schema` for the validator, without OpenAPI's `example` keyword at any schema
 * position. @cfworker/json-schema walks every keyword it does not know as a subschema, so an
 * example object holding an `id` (`{ id: "gov_action1…" }`) would be read as a schema identifier,
 * and the same example under two schemas as a duplicate one. Examples are data, never rules.
 *
 * @example
 * ```ts
 * validatorSchema({ type: "object", example: { id: "a" }, properties: { example: { type: "string" } } });
 * // { type: "object", properties: { example: { type: "string" } } }
 * ```
 */
export function validatorSchema<T extends JsonSchema>(schema: T): T {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "example") continue;
    copy[keyword] = MAP.has(keyword) ? mapOf(value) : ONE.has(keyword) || LIST.has(keyword) ? subschemas(value) : value;
  }
  return copy as T;
}

function subschemas(value: unknown): unknown {
  return Array.isArray(value)
    ? value.map((item) => validatorSchema(item as JsonSchema))
    : validatorSchema(value as JsonSchema);
}

function mapOf(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, schema]) => [name, validatorSchema(schema as JsonSchema)]),
  );
}
