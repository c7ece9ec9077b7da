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
 * Which way a value travels. OpenAPI's `readOnly` properties are only sent by the server and `writeOnly` ones only
 * by the client, so neither is required of a value travelling the other way.
 */
export type Direction = "request" | "response";

/**
 * A copy of `schema` for the validator of values travelling `direction`:
 * - without OpenAPI's `example` keyword at any schema position. @cfworker/json-schema walks every keyword it does
 *   not know as a subschema, so an example object holding an `id` (`{ id: "gov_action1…" }`) would be read as a
 *   schema identifier, and the same example under two schemas as a duplicate one. Examples are data, never rules;
 * - with a `readOnly` property no longer required of a request, nor a `writeOnly` one of a response (a user's
 *   `id` the server assigns, a `password` it never returns);
 * - with OpenAPI 3.0's `nullable` and boolean exclusive bounds in JSON Schema's spelling.
 *
 * @example
 * ```ts
 * validatorSchema(
 *   { type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true } }, example: { id: "a" } },
 *   "request",
 * );
 * // { type: "object", required: [], properties: { id: { type: "string", readOnly: true } } }
 * ```
 */
export function validatorSchema<T extends JsonSchema>(schema: T, direction: Direction): T {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "example") continue;
    copy[keyword] = MAP.has(keyword)
      ? mapOf(value, direction)
      : ONE.has(keyword) || LIST.has(keyword)
        ? subschemas(value, direction)
        : value;
  }
  if (Array.isArray(schema.required) && isObject(schema.properties)) copy.required = requiredWhen(schema, direction);
  return withOpenApi30Keywords(copy) as T;
}

/**
 * `schema` with OpenAPI 3.0's spellings in JSON Schema 2020-12's, which the validator reads: `nullable: true` as a
 * type (or enum) that takes null, or as `anyOf` the schema and null when it names no type (`allOf: [{ $ref }]`, as
 * openapi-typescript types it, `X | null`); a boolean `exclusiveMinimum`/`exclusiveMaximum` as the bound it makes
 * exclusive. Lint reads them so in 3.1 documents too.
 */
function withOpenApi30Keywords(schema: Record<string, unknown>): Record<string, unknown> {
  for (const [bound, exclusive] of [
    ["minimum", "exclusiveMinimum"],
    ["maximum", "exclusiveMaximum"],
  ] as const) {
    if (typeof schema[exclusive] !== "boolean") continue;
    if (schema[exclusive] === true && typeof schema[bound] === "number") {
      schema[exclusive] = schema[bound];
      delete schema[bound];
    } else delete schema[exclusive];
  }
  if (!("nullable" in schema)) return schema;
  const { nullable, ...rest } = schema;
  if (nullable !== true) return rest;
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof rest.type === "string") rest.type = [rest.type, "null"];
  else if (Array.isArray(rest.type)) rest.type = rest.type.includes("null") ? rest.type : [...rest.type, "null"];
  else return { anyOf: [rest, { type: "null" }] }; // the schema first: its failures are the ones to report
  return rest;
}

/**
 * The names an object schema requires of a value travelling `direction`: its `required`, but those whose property is
 * marked `readOnly` (of a request) or `writeOnly` (of a response).
 *
 * @example
 * ```ts
 * requiredWhen({ required: ["id", "name"], properties: { id: { readOnly: true } } }, "request"); // ["name"]
 * ```
 */
export function requiredWhen(
  schema: { readonly required?: unknown; readonly properties?: unknown },
  direction: Direction,
): unknown[] {
  if (!Array.isArray(schema.required)) return [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  const oneWay = direction === "request" ? "readOnly" : "writeOnly";
  return schema.required.filter((name) => {
    const property = properties[String(name)];
    return !(isObject(property) && property[oneWay] === true);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function subschemas(value: unknown, direction: Direction): unknown {
  return Array.isArray(value)
    ? value.map((item) => validatorSchema(item as JsonSchema, direction))
    : validatorSchema(value as JsonSchema, direction);
}

function mapOf(value: unknown, direction: Direction): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, schema]) => [name, validatorSchema(schema as JsonSchema, direction)]),
  );
}
