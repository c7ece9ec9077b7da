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
 * type. A request's objects (`forResponse` false) get the required properties the client sends, leaving out
 * `readOnly` ones; a mock response's (`forResponse`) get every property the server sends, leaving out `writeOnly`
 * ones. A composed schema is first merged
 * with the parts it composes ({@link withPartsMerged}), one level of composition per `depth`.
 */
export function sampleValue(schema, name = "value", depth = 0, forResponse = false) {
  if (!schema || depth > 10) return null;
  // Before the const, enum and example: a part may declare them, and an example must fit the merged type.
  if (partsOf(schema).length) return sampleValue(withPartsMerged(schema), name, depth + 1, forResponse);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  for (const known of [schema.example, schema.examples?.[0], schema.default]) {
    if (known !== undefined && fitsType(known, schema) && (typeof known !== "object" || known === null)) return known;
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
      return schema.items ? [sampleValue(schema.items, name, depth + 1, forResponse)] : [];
    case "object":
      return objectSample(schema, depth, forResponse);
    default:
      return null;
  }
}

const COMPOSITIONS = ["allOf", "oneOf", "anyOf"];

/** The schemas a sample of `schema` must also satisfy: each allOf part, and a oneOf and an anyOf branch ({@link firstBranch}). */
function partsOf(schema) {
  const { allOf = [], oneOf = [], anyOf = [] } = schema;
  return [...allOf, firstBranch(oneOf), firstBranch(anyOf)].filter((part) => part && typeof part === "object");
}

/** The branch a sample takes: the first that allows more than `null` (`anyOf: [{ type: "null" }, X]` is an X). */
function firstBranch(branches) {
  const isNullOnly = (branch) =>
    branch?.type === "null" || (Array.isArray(branch?.type) && branch.type.every((t) => t === "null"));
  return branches.find((branch) => !isNullOnly(branch)) ?? branches[0];
}

/** `schema` without its allOf, oneOf and anyOf. */
const ownKeywords = (schema) =>
  Object.fromEntries(Object.entries(schema).filter(([keyword]) => !COMPOSITIONS.includes(keyword)));

/**
 * `schema` as one schema with the parts it composes ({@link partsOf}): a part that only adds
 * constraints (`required: [url]`, a description) adds them to the whole instead of being sampled
 * alone, and the required names of one allOf part reach properties another part declares. The
 * parts' own compositions are left in `allOf`, for the next level.
 */
function withPartsMerged(schema) {
  return partsOf(schema).reduce(mergeSchemas, ownKeywords(schema));
}

/** How {@link mergeSchemas} merges a keyword both schemas declare. */
const MERGED_KEYWORDS = {
  type: sharedTypes,
  properties: mergedProperties,
  required: (first, second) => [...new Set([...first, ...second])],
  items: bothSchemas,
  allOf: (first, second) => [...first, ...second],
};

/** The properties of both maps, in order; one that both declare is {@link bothSchemas} of the two. */
function mergedProperties(first, second) {
  return Object.fromEntries(
    Object.entries({ ...first, ...second }).map(([key, schema]) => [
      key,
      Object.hasOwn(first, key) && Object.hasOwn(second, key) ? bothSchemas(first[key], second[key]) : schema,
    ]),
  );
}

/**
 * A subschema both merged schemas declare: their allOf, merged when it is sampled (merging it now
 * would not end on a recursive schema), and read-only or write-only when either is ({@link objectSample}
 * reads them).
 */
function bothSchemas(first, second) {
  const both = { allOf: [first, second] };
  if (first.readOnly || second.readOnly) both.readOnly = true;
  if (first.writeOnly || second.writeOnly) both.writeOnly = true;
  return both;
}

/**
 * A schema of the values both `first` and `second` allow, as far as sampling reads them (see
 * {@link MERGED_KEYWORDS}); for any other keyword both declare, `first`'s. `second`'s own parts
 * are appended to `allOf`.
 */
function mergeSchemas(first, second) {
  const parts = partsOf(second);
  const next = parts.length ? { ...ownKeywords(second), allOf: parts } : ownKeywords(second);
  const merged = { ...next, ...first };
  for (const [keyword, merge] of Object.entries(MERGED_KEYWORDS)) {
    if (first[keyword] !== undefined && next[keyword] !== undefined)
      merged[keyword] = merge(first[keyword], next[keyword]);
  }
  return merged;
}

/**
 * The types both `type` keywords allow (an integer is also a number), as a `type` keyword; `first`
 * when they share none (no value satisfies both, and the sample has to be something).
 */
function sharedTypes(first, second) {
  const [ones, others] = [[first].flat(), [second].flat()];
  const allows = (types, type) => types.includes(type) || (type === "integer" && types.includes("number"));
  const shared = [...new Set([...ones, ...others])].filter((type) => allows(ones, type) && allows(others, type));
  if (!shared.length) return first;
  return shared.length === 1 ? shared[0] : shared;
}

/**
 * The properties of an object schema with a sample each: for a request, the required ones but `readOnly` ones; for a
 * response, all but `writeOnly` ones.
 */
function objectSample(schema, depth, forResponse) {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([key, sub]) => (forResponse ? !sub.writeOnly : required.has(key) && !sub.readOnly))
      .map(([key, sub]) => [key, sampleValue(sub, key, depth + 1, forResponse)]),
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
