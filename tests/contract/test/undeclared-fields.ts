import type { SpecResponses } from "./response-schemas.js";

type Schema = Record<string, unknown>;

/**
 * The JSON pointers of the object keys in `value` that its schema does not declare: a field the
 * API sends that the typed client does not show. A key counts as declared when any schema that
 * may apply to its object (through `$ref`, `allOf`, `anyOf`, `oneOf`) lists it in `properties`;
 * an object whose schemas admit other keys (`additionalProperties`, `patternProperties`, no
 * `properties` at all: metadata, maps) declares every key.
 */
export function undeclaredFields(spec: SpecResponses, schema: unknown, value: unknown, pointer = ""): string[] {
  const schemas = applicable(spec, schema);
  if (Array.isArray(value))
    return value.flatMap((item, i) =>
      schemas.flatMap((s) => (s.items ? undeclaredFields(spec, s.items, item, `${pointer}/${i}`) : [])),
    );
  if (!value || typeof value !== "object") return [];
  const open = schemas.every((s) => !s.properties) || schemas.some((s) => isOpen(s));
  return Object.entries(value).flatMap(([key, field]) => {
    const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const declaring = schemas.filter((s) => key in ((s.properties as Schema | undefined) ?? {}));
    if (declaring.length === 0) return open ? [] : [at];
    return declaring.flatMap((s) => undeclaredFields(spec, (s.properties as Schema)[key], field, at));
  });
}

/** A schema, and every schema its composition keywords apply along with it. */
function applicable(spec: SpecResponses, schema: unknown): Schema[] {
  const resolved = spec.resolve(schema);
  if (!resolved || typeof resolved !== "object") return [];
  const node = resolved as Schema;
  const parts = ["allOf", "anyOf", "oneOf"].flatMap((keyword) => (node[keyword] as unknown[] | undefined) ?? []);
  return [node, ...parts.flatMap((part) => applicable(spec, part))];
}

/** Whether a schema admits keys it does not list. */
function isOpen(schema: Schema): boolean {
  return (
    schema.patternProperties !== undefined ||
    (schema.additionalProperties !== undefined && schema.additionalProperties !== false)
  );
}
