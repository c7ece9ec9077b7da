import type { JsonSchema, SpecData } from "./spec-data.js";
import { requiredWhen } from "./validator-schema.js";

type SchemaObject = { readonly [keyword: string]: unknown };

const FORMAT_SAMPLES: Record<string, string> = {
  uuid: "00000000-0000-4000-8000-000000000000",
  "date-time": "2026-01-01T00:00:00.000Z",
  date: "2026-01-01",
  email: "user@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  hostname: "example.com",
};

/**
 * A value that conforms to `schema`, for a response the spec gives no example for: the
 * schema's own example, default, const or first enum value, else the smallest value of its
 * type with every required property filled in but `writeOnly` ones, which a server never returns.
 *
 * @example
 * ```ts
 * const order = sampleOf({ $ref: "#/components/schemas/Order" }, specData); // { id: "x", total: 0 } for an Order of a required string id and number total
 * ```
 */
export function sampleOf(schema: JsonSchema | undefined, spec: SpecData, depth = 0): unknown {
  if (schema === undefined || typeof schema === "boolean" || depth > 12) return null;
  const s = resolve(schema, spec);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  for (const keyword of ["allOf", "oneOf", "anyOf"] as const) {
    const parts = s[keyword] as JsonSchema[] | undefined;
    if (!parts?.length) continue;
    if (keyword !== "allOf") return sampleOf(parts[0], spec, depth + 1);
    return parts
      .map((part) => sampleOf(part, spec, depth + 1))
      .reduce((merged: unknown, part) => (isObject(merged) && isObject(part) ? { ...merged, ...part } : part), {});
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? "null") : s.type;
  switch (type) {
    case "string":
      return FORMAT_SAMPLES[s.format as string] ?? "x".repeat(Math.max(1, (s.minLength as number | undefined) ?? 1));
    case "integer":
    case "number":
      return (s.minimum as number | undefined) ?? 0;
    case "boolean":
      return false;
    case "null":
      return null;
    case "array": {
      const count = (s.minItems as number | undefined) ?? 0;
      return Array.from({ length: count }, () => sampleOf(s.items as JsonSchema, spec, depth + 1));
    }
    default: {
      if (type === undefined && !s.properties) return null;
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      // A response's sample: a writeOnly property (a password) is never sent back, required or not.
      const sent = requiredWhen(s, "response") as string[];
      return Object.fromEntries(sent.map((name) => [name, sampleOf(properties[name], spec, depth + 1)]));
    }
  }
}

/** The schema itself, or the component schema its `$ref` names. */
export function resolve(schema: JsonSchema, spec: SpecData): SchemaObject {
  let current: JsonSchema | undefined = schema;
  for (let hops = 0; typeof current === "object" && typeof current.$ref === "string" && hops < 16; hops++) {
    const name: string = (current.$ref as string).replace(/^#\/components\/schemas\//, "");
    current = spec.schemas[name];
  }
  return typeof current === "object" ? current : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
