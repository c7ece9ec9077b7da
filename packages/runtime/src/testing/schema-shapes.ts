// What a schema says about the shape of a value written as text (a parameter, a form field): whether it is a plain
// value, a list or an object, the schema of what is inside, and the type that text is read as.
import { resolve } from "./sample.js";
import type { JsonSchema, SpecData } from "./spec-data.js";

type SchemaObject = { readonly [keyword: string]: unknown };

/** What a value of a schema can be, as far as writing it as text goes. */
export type Kind = "scalar" | "array" | "object";

const KINDS: readonly Kind[] = ["scalar", "array", "object"];
const COMBINATORS = ["allOf", "oneOf", "anyOf"] as const;

/** The schema and each schema it combines (`allOf`, `oneOf`, `anyOf`, nested), `$ref`s resolved, in order. */
function alternativesOf(schema: JsonSchema, spec: SpecData): SchemaObject[] {
  const found: SchemaObject[] = [];
  const visit = (node: JsonSchema, depth: number) => {
    const resolved = resolve(node, spec);
    if (found.includes(resolved) || depth > 16) return;
    found.push(resolved);
    for (const keyword of COMBINATORS) {
      const parts = resolved[keyword];
      if (Array.isArray(parts)) for (const part of parts) visit(part as JsonSchema, depth + 1);
    }
  };
  visit(schema, 0);
  return found;
}

/**
 * The kinds of value a schema allows: from its `type`s (`null` aside), else from keywords only one kind has, through
 * its alternatives. A schema that says nothing allows every kind.
 */
export function kindsOf(schema: JsonSchema, spec: SpecData): ReadonlySet<Kind> {
  const kinds = declaredKindsOf(schema, spec);
  return kinds.size > 0 ? kinds : new Set(KINDS);
}

/** The kinds of value a schema says it allows: none for a schema that says nothing. */
export function declaredKindsOf(schema: JsonSchema, spec: SpecData): ReadonlySet<Kind> {
  const kinds = new Set<Kind>();
  for (const alternative of alternativesOf(schema, spec)) {
    const types = typesOf(alternative);
    for (const type of types) if (type !== "null") kinds.add(type === "object" || type === "array" ? type : "scalar");
    if (types.length > 0) continue;
    if (alternative.properties || alternative.patternProperties || alternative.additionalProperties !== undefined)
      kinds.add("object");
    if (alternative.items !== undefined || alternative.prefixItems) kinds.add("array");
    if (alternative.enum || alternative.const !== undefined || alternative.format || alternative.pattern)
      kinds.add("scalar");
  }
  return kinds;
}

/**
 * The texts a schema lists as the values it allows (its `enum` or `const`, through its alternatives), or those its
 * list's items list: `undefined` when it lists none.
 */
export function listedTexts(schema: JsonSchema, spec: SpecData): string[] | undefined {
  const own = textsListedBy(schema, spec);
  if (own.length > 0) return own;
  const items = declaredKindsOf(schema, spec).has("array") ? textsListedBy(itemSchema(schema, 0, spec), spec) : [];
  return items.length > 0 ? items : undefined;
}

function textsListedBy(schema: JsonSchema, spec: SpecData): string[] {
  return alternativesOf(schema, spec).flatMap((alternative) =>
    [...(Array.isArray(alternative.enum) ? alternative.enum : []), alternative.const].filter(
      (value): value is string => typeof value === "string",
    ),
  );
}

/** The schema of the list item at `index`: `prefixItems` for a tuple, else `items`; `{}` when it says none. */
export function itemSchema(schema: JsonSchema, index: number, spec: SpecData): JsonSchema {
  for (const alternative of alternativesOf(schema, spec)) {
    const prefix = alternative.prefixItems;
    if (Array.isArray(prefix) && index < prefix.length) return prefix[index] as JsonSchema;
    if (isSchema(alternative.items)) return alternative.items;
  }
  return {};
}

/** The schema of an object's property `key`: from `properties`, `patternProperties` or `additionalProperties`. */
export function propertySchema(schema: JsonSchema, key: string, spec: SpecData): JsonSchema {
  const alternatives = alternativesOf(schema, spec);
  for (const alternative of alternatives) {
    const properties = alternative.properties as { readonly [name: string]: JsonSchema } | undefined;
    if (properties && Object.hasOwn(properties, key)) return properties[key]!;
  }
  for (const alternative of alternatives) {
    const patterns = alternative.patternProperties as { readonly [pattern: string]: JsonSchema } | undefined;
    for (const [pattern, property] of Object.entries(patterns ?? {})) if (matches(pattern, key)) return property;
  }
  for (const alternative of alternatives)
    if (isSchema(alternative.additionalProperties)) return alternative.additionalProperties;
  return {};
}

/** Whether the schema (or one it combines) names `key` among its `properties`. */
export function declaresProperty(schema: JsonSchema, key: string, spec: SpecData): boolean {
  return alternativesOf(schema, spec).some(
    (alternative) => typeof alternative.properties === "object" && Object.hasOwn(alternative.properties as object, key),
  );
}

/**
 * Text as the value its schema declares, so the schema can judge it: an `enum` or `const` number or boolean it spells,
 * else the first of the schema's types (in the order it lists them) that can read it: a number from numeric text, a
 * boolean from `true`/`false`, a string from anything, `null` from empty text. Text no type reads stays text. With
 * `emptyIsNull` (a form field, where a client sends `null` as an empty value), empty text is `null` wherever the
 * schema allows it.
 */
export function coerce(text: string, schema: JsonSchema, spec: SpecData, emptyIsNull = false): unknown {
  const alternatives = alternativesOf(schema, spec);
  if (emptyIsNull && text === "" && alternatives.some((alternative) => typesOf(alternative).includes("null")))
    return null;
  for (const alternative of alternatives) {
    const allowed = [...(Array.isArray(alternative.enum) ? alternative.enum : []), alternative.const];
    const spelt = allowed.find(
      (value) => (typeof value === "number" || typeof value === "boolean") && String(value) === text,
    );
    if (spelt !== undefined) return spelt;
  }
  for (const type of alternatives.flatMap(typesOf)) {
    if ((type === "integer" || type === "number") && text.trim() !== "" && !Number.isNaN(Number(text)))
      return Number(text);
    if (type === "boolean" && (text === "true" || text === "false")) return text === "true";
    if (type === "string") return text;
    if (type === "null" && text === "") return null;
  }
  return text;
}

function typesOf(schema: SchemaObject): string[] {
  return [schema.type].flat().filter((type): type is string => typeof type === "string");
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "boolean" || (typeof value === "object" && value !== null && !Array.isArray(value));
}

function matches(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, "u").test(key);
  } catch {
    return false;
  }
}
