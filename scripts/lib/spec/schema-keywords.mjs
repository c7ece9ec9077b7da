// The JSON Schema keywords that hold sub-schemas, by how they hold them; the tools that walk
// schemas (spec data, spec-diff's normalizer and locator) recurse through these.

/** Keywords whose value maps names to sub-schemas. */
export const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);

/** Keywords whose value is a list of sub-schemas. */
export const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/** Keywords whose value is one sub-schema. */
export const SCHEMA_SINGLES = new Set([
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
]);
