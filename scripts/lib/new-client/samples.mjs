// Sample values that satisfy a schema's type, for the generated test's mock response, call
// parameters and request body, and TypeScript literals of them.

/** The schema's (first non-null) type, inferred from its keywords when it declares none. */
export function firstType(schema) {
  if (!schema) return undefined;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type) return type;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  if (schema.enum?.length) return typeof schema.enum[0];
  if (schema.const !== undefined) return typeof schema.const;
  return undefined;
}

export const isScalarSchema = (schema) => ["string", "integer", "number", "boolean"].includes(firstType(schema));

const FORMAT_SAMPLES = {
  uuid: "3f2a6c1e-8b7d-4e2a-9c4f-1d2e3f4a5b6c",
  "date-time": "2026-01-02T03:04:05Z",
  date: "2026-01-02",
  email: "someone@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
};

/** Whether a value a spec gives (example, default) has the JavaScript type its schema declares. */
function fitsType(value, schema) {
  const type = firstType(schema);
  if (type === undefined) return true;
  if (value === null) return Array.isArray(schema.type) ? schema.type.includes("null") : schema.nullable === true;
  if (type === "integer") return Number.isInteger(value);
  if (type === "array") return Array.isArray(value);
  if (type === "object") return typeof value === "object" && !Array.isArray(value);
  return typeof value === type;
}

/**
 * A value that satisfies `schema`'s type: its const or first enum value, else its example or
 * default when that has the declared type (vendor examples often do not), else one built from its
 * type. Objects get their required properties, and their optional ones too when `allProperties`
 * (for a mock response; a request keeps to what it must send).
 */
export function sampleValue(schema, name = "value", depth = 0, allProperties = false) {
  if (!schema || depth > 10) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  for (const known of [schema.example, schema.examples?.[0], schema.default]) {
    if (known !== undefined && fitsType(known, schema) && (typeof known !== "object" || known === null)) return known;
  }
  if (schema.allOf)
    return Object.assign({}, ...schema.allOf.map((part) => sampleValue(part, name, depth + 1, allProperties)));
  const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (alternative) {
    const chosen = sampleValue(alternative, name, depth + 1, allProperties);
    return chosen && typeof chosen === "object" && !Array.isArray(chosen)
      ? { ...objectSample(schema, depth, allProperties), ...chosen }
      : chosen;
  }
  switch (firstType(schema)) {
    case "string":
      return FORMAT_SAMPLES[schema.format] ?? `${name}-1`;
    case "integer":
      return Math.max(1, Math.ceil(schema.minimum ?? 1));
    case "number":
      return Math.max(1.5, schema.minimum ?? 1.5);
    case "boolean":
      return true;
    case "array":
      return schema.items ? [sampleValue(schema.items, name, depth + 1, allProperties)] : [];
    case "object":
      return objectSample(schema, depth, allProperties);
    default:
      return null;
  }
}

/** The properties of an object schema with a sample each: the required ones, or all when `allProperties`. */
function objectSample(schema, depth, allProperties) {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([key, sub]) => (allProperties || required.has(key)) && !sub.writeOnly)
      .map(([key, sub]) => [key, sampleValue(sub, key, depth + 1, allProperties)]),
  );
}

/**
 * `value` as TypeScript source: unquoted keys where possible, on one line when short,
 * otherwise one entry per line indented under `margin`.
 */
export function literal(value, margin = "") {
  const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
  const oneLine = (item) => {
    if (Array.isArray(item)) return `[${item.map(oneLine).join(", ")}]`;
    if (item && typeof item === "object") {
      const entries = Object.entries(item);
      return entries.length ? `{ ${entries.map(([name, sub]) => `${key(name)}: ${oneLine(sub)}`).join(", ")} }` : "{}";
    }
    return JSON.stringify(item);
  };
  const short = oneLine(value);
  if (short.length + margin.length <= 90 || value === null || typeof value !== "object") return short;
  const inner = `${margin}  `;
  if (Array.isArray(value))
    return `[\n${value.map((item) => `${inner}${literal(item, inner)},`).join("\n")}\n${margin}]`;
  return `{\n${Object.entries(value)
    .map(([name, sub]) => `${inner}${key(name)}: ${literal(sub, inner)},`)
    .join("\n")}\n${margin}}`;
}
