import { schemaAt } from "./pointer.js";
import type { JsonSchema, SpecData } from "./spec-data.js";
import { alternativesByValue, ownPartsOfBases, requiredWhen, travelsTheOtherWayOnly } from "./validator-schema.js";
import { ownValue, defineValue } from "../internal/own-properties.js";

type SchemaObject = { readonly [keyword: string]: unknown };

/** A value of each string format the validator checks. */
const FORMAT_SAMPLES: Record<string, string> = {
  uuid: "00000000-0000-4000-8000-000000000000",
  "date-time": "2026-01-01T00:00:00.000Z",
  date: "2026-01-01",
  time: "00:00:00Z",
  duration: "P1D",
  email: "user@example.com",
  "idn-email": "user@example.com",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uri: "https://example.com/",
  url: "https://example.com/",
  iri: "https://example.com/",
  "uri-reference": "https://example.com/",
  "iri-reference": "https://example.com/",
  "uri-template": "https://example.com/{id}",
  "json-pointer": "/x",
  "relative-json-pointer": "0",
  regex: "^x$",
  byte: "Ynl0ZXMh", // "bytes!"
};

/** How deep a sample follows nested schemas; a schema that recurses through required properties ends in null. */
const MAX_DEPTH = 12;

/**
 * A value that conforms to `schema`, for a response the spec gives no example for: the
 * schema's own example, default, const or first enum value, else the smallest value of its
 * type within its bounds, lengths, multiples and item and property counts, with every required property filled in
 * but `writeOnly` ones, which a server never returns. `allOf` parts are merged into one schema, and a `oneOf` or
 * `anyOf` takes its first branch that allows more than null. A string's `pattern` is met through the examples
 * `pnpm generate` writes into the spec data for patterned strings.
 *
 * @example
 * ```ts
 * const order = sampleOf({ $ref: "#/components/schemas/Order" }, specData); // { id: "x", total: 0 } for an Order of a required string id and number total
 * ```
 */
export function sampleOf(schema: JsonSchema | undefined, spec: SpecData, depth = 0): unknown {
  return sampleWithin(schema, spec, depth, [], {});
}

/** Whether `value` meets `schema`, as a validator of the spec reads it. */
export type Conforms = (schema: JsonSchema, value: unknown) => boolean;

/**
 * {@link sampleOf} made to meet the schema as `conforms` reads it, where the spec allows a choice: an example or
 * default that breaks its schema is passed over (vendors' often do), and a `oneOf` takes the first branch whose sample
 * matches it alone (a sample of required properties alone often matches several), with the branch's other properties
 * filled in when that tells it apart (an optional `type` of one value). The fake's default answers are made so.
 */
export function conformingSampleOf(schema: JsonSchema | undefined, spec: SpecData, conforms: Conforms): unknown {
  return sampleWithin(schema, spec, 0, [], { conforms });
}

/** How a sample is made: checked by `conforms`, if given; with every property of the object sampled first (`whole`). */
interface Sampling {
  readonly conforms?: Conforms;
  readonly whole?: boolean;
}

/**
 * {@link sampleOf} inside the samples of `trail`, the schemas being sampled around it. A schema already on the trail
 * samples to null at once: the sampler makes the same choices each time, so it would only repeat them until
 * `MAX_DEPTH`, as many times over as the schema requires itself (exponentially many).
 */
function sampleWithin(
  schema: JsonSchema | undefined,
  spec: SpecData,
  depth: number,
  trail: readonly object[],
  sampling: Sampling,
): unknown {
  if (schema === undefined || typeof schema === "boolean" || depth > MAX_DEPTH || trail.includes(schema)) return null;
  const within = [...trail, schema];
  const s = flattened(schema, spec, depth);
  const { conforms } = sampling;
  const nested: Sampling = conforms ? { conforms } : {};
  if (!conforms) {
    const given = givenValues(s)[0];
    if (given !== undefined) return given;
  } else
    for (const given of [...givenValues(s), ...givenValuesOfParts(schema, spec)])
      if (conforms(schema, given)) return given;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.find((value) => value !== null) ?? s.enum[0];
  const branches = branchesInTurn(s.oneOf) ?? branchesInTurn(s.anyOf);
  if (branches !== undefined) {
    const { oneOf: _oneOf, anyOf: _anyOf, ...own } = s;
    const sampleOfBranch = (branch: JsonSchema, whole: boolean) =>
      withDiscriminatorValue(
        sampleWithin(merged(own, flattened(branch, spec, depth)), spec, depth + 1, within, { ...nested, whole }),
        s,
        branch,
      );
    const first = sampleOfBranch(branches[0]!, false);
    if (!conforms || conforms(schema, first)) return first;
    const attempts = branches.flatMap((branch) => [
      { branch, whole: false },
      { branch, whole: true },
    ]);
    for (const { branch, whole } of attempts.slice(1)) {
      const sample = sampleOfBranch(branch, whole);
      if (conforms(schema, sample)) return sample;
    }
    return first;
  }
  switch (typeOf(s)) {
    case "string":
      return stringSample(s);
    case "integer":
      return numberSample(s, true);
    case "number":
      return numberSample(s, false);
    case "boolean":
      return false;
    case "array":
      return arraySample(s, spec, depth, within, nested);
    case "object":
      return objectSample(s, spec, depth, within, sampling);
    default:
      return null;
  }
}

/**
 * The schema itself, or the component schema (or the schema inside one, `#/components/schemas/A/properties/b`) its
 * `$ref` names.
 */
export function resolve(schema: JsonSchema, spec: SpecData): SchemaObject {
  let current: unknown = schema;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string" && hops < 16; hops++)
    current = schemaAt(current.$ref, spec);
  return isObject(current) ? current : {};
}

/**
 * `schema` resolved, its `allOf` parts merged into it (each part's own parts first). `holder` is the component the
 * schema applies to in place, if any: a part naming a base whose alternatives list that component again (a `Cat`
 * `allOf` its `Pet`, which is `oneOf` `Cat` and `Dog`) gives its own part only, its discriminator naming the holder.
 */
function flattened(schema: JsonSchema, spec: SpecData, depth: number, holder?: string): SchemaObject {
  if (typeof schema === "boolean") return {};
  const { $ref, ...beside } = schema;
  // Keywords written beside a `$ref` (OpenAPI 3.1 reads them) narrow what it names.
  const s =
    $ref === undefined || Object.keys(beside).length === 0
      ? resolve(schema, spec)
      : merged(beside, resolve(schema, spec));
  if (!Array.isArray(s.allOf) || s.allOf.length === 0 || depth > MAX_DEPTH) return s;
  const { allOf, ...own } = s;
  const partsHolder = typeof $ref === "string" ? $ref : holder;
  return (allOf as JsonSchema[]).reduce<SchemaObject>(
    (whole, part) =>
      merged(whole, withoutSamples(flattened(baseOwnPart(part, partsHolder, spec), spec, depth + 1, partsHolder))),
    own,
  );
}

const ownPartsBySpec = new WeakMap<SpecData, ReturnType<typeof ownPartsOfBases>>();

/**
 * `part` itself, or, when it names a base whose alternatives lead back to `holder` in place, the base's own part (no
 * `oneOf`, `anyOf` or discriminator) with its discriminating property fixed to the value that names `holder`.
 */
function baseOwnPart(part: JsonSchema, holder: string | undefined, spec: SpecData): JsonSchema {
  if (holder === undefined || typeof part !== "object" || typeof part.$ref !== "string") return part;
  let ownPartOf = ownPartsBySpec.get(spec);
  if (ownPartOf === undefined) ownPartsBySpec.set(spec, (ownPartOf = ownPartsOfBases((ref) => schemaAt(ref, spec))));
  return ownPartOf(part.$ref, holder) ?? part;
}

/**
 * A schema of what both `first` and `second` require, as far as sampling reads them: their properties (one both
 * declare as an `allOf` of the two), required names and types joined, any other keyword `first`'s when both have it.
 */
function merged(first: SchemaObject, second: SchemaObject): SchemaObject {
  const whole: Record<string, unknown> = { ...second, ...first };
  if (isObject(first.properties) && isObject(second.properties)) {
    const properties: Record<string, unknown> = { ...second.properties, ...first.properties };
    for (const name of Object.keys(first.properties))
      if (Object.hasOwn(second.properties, name))
        defineValue(properties, name, { allOf: [first.properties[name], second.properties[name]] });
    whole.properties = properties;
  }
  if (Array.isArray(first.required) && Array.isArray(second.required))
    whole.required = [...new Set([...first.required, ...second.required])];
  return whole;
}

/** The values a schema gives as samples, in the order a sample takes them: its example, first example and default. */
function givenValues(s: SchemaObject): unknown[] {
  return [s.example, Array.isArray(s.examples) ? s.examples[0] : undefined, s.default].filter(
    (value) => value !== undefined,
  );
}

/** The values the parts of a schema's `allOf` give as samples (ShipEngine's `batch_id`, `allOf` its `se_id`). */
function givenValuesOfParts(schema: JsonSchema, spec: SpecData): unknown[] {
  const { allOf } = resolve(schema, spec);
  return Array.isArray(allOf) ? allOf.flatMap((part: JsonSchema) => givenValues(resolve(part, spec))) : [];
}

/**
 * A part of an `allOf` without the values it gives as samples: an example of one part (a base object) lacks what the
 * other parts require.
 */
function withoutSamples(part: SchemaObject): SchemaObject {
  const { example: _example, examples: _examples, default: _default, ...rest } = part;
  return rest;
}

/** A sample of a discriminated union's `branch`, its discriminating property holding the value that names the branch. */
function withDiscriminatorValue(sample: unknown, s: SchemaObject, branch: JsonSchema): unknown {
  const { discriminator } = s;
  if (!isObject(discriminator) || typeof discriminator.propertyName !== "string" || !isObject(sample)) return sample;
  const branches = (Array.isArray(s.oneOf) ? s.oneOf : s.anyOf) as unknown[];
  for (const [value, alternative] of alternativesByValue(branches, discriminator.mapping))
    if (alternative === branch) defineValue(sample, discriminator.propertyName, value);
  return sample;
}

/**
 * The branches in the order a sample tries them: those that allow more than null first (`anyOf: [{ type: "null" }, X]`
 * is an X), or undefined for no branches.
 */
function branchesInTurn(branches: unknown): JsonSchema[] | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const nullOnly = (branch: unknown) =>
    isObject(branch) &&
    (branch.type === "null" || (Array.isArray(branch.type) && branch.type.every((t) => t === "null")));
  return [...branches.filter((branch) => !nullOnly(branch)), ...branches.filter(nullOnly)] as JsonSchema[];
}

/** The schema's first type but null, or the one its keywords imply. */
function typeOf(s: SchemaObject): unknown {
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? "null") : s.type;
  if (type !== undefined) return type;
  if (s.properties || s.additionalProperties || s.required) return "object";
  if (s.items || s.prefixItems) return "array";
  return undefined;
}

/**
 * Where a format's sample grows to a `minLength` and keeps its format: the character added, before the first `before`
 * (at the end when there is none). Unicourt's date-times are 25 characters at least.
 */
const FORMAT_PADDING: Record<string, { readonly fill: string; readonly before: string }> = {
  "date-time": { fill: "0", before: "Z" },
  duration: { fill: "1", before: "D" },
  email: { fill: "x", before: "@" },
  "idn-email": { fill: "x", before: "@" },
  hostname: { fill: "x", before: "." },
  "idn-hostname": { fill: "x", before: "." },
  uri: { fill: "x", before: "" },
  url: { fill: "x", before: "" },
  iri: { fill: "x", before: "" },
  "uri-reference": { fill: "x", before: "" },
  "iri-reference": { fill: "x", before: "" },
  "json-pointer": { fill: "x", before: "" },
  byte: { fill: "A", before: "" },
};

/**
 * `seed` (the format's sample, else `x`) padded to `minLength` (where its format allows, else by its last character
 * repeated) and cut to `maxLength`.
 */
function stringSample(s: SchemaObject, seed = FORMAT_SAMPLES[s.format as string] ?? "x"): string {
  const minLength = typeof s.minLength === "number" ? s.minLength : 0;
  const maxLength = typeof s.maxLength === "number" ? s.maxLength : Number.POSITIVE_INFINITY;
  const points = [...seed];
  const padding = Object.hasOwn(FORMAT_PADDING, s.format as string) ? FORMAT_PADDING[s.format as string] : undefined;
  const at = padding?.before ? points.indexOf(padding.before) : -1;
  while (points.length < minLength)
    if (at >= 0) points.splice(at, 0, padding!.fill);
    else points.push(padding?.fill ?? points.at(-1) ?? "x");
  return points.slice(0, maxLength).join("");
}

/** A bound of a number schema, OpenAPI 3.0's (a boolean `exclusive…`) or 3.1's (a number), and whether it is open. */
function boundOf(inclusive: unknown, exclusive: unknown): { value: number; open: boolean } | undefined {
  if (typeof exclusive === "number") return { value: exclusive, open: true };
  if (typeof inclusive === "number") return { value: inclusive, open: exclusive === true };
  return undefined;
}

/** A number schema's bounds, its step (`multipleOf`, or 1 for an integer) and whether a number is within the bounds. */
function numberRules(s: SchemaObject, integer: boolean) {
  const low = boundOf(s.minimum, s.exclusiveMinimum);
  const high = boundOf(s.maximum, s.exclusiveMaximum);
  const multiple = typeof s.multipleOf === "number" && s.multipleOf > 0 ? s.multipleOf : undefined;
  const step = integer ? wholeMultiple(multiple ?? 1) : multiple;
  const within = (value: number) =>
    (!low || value > low.value || (!low.open && value === low.value)) &&
    (!high || value < high.value || (!high.open && value === high.value));
  return { low, high, step, within };
}

/** The least whole number that is a multiple of `multiple` (3 for 1.5, 1 for 0.25), or `multiple` itself past 1,000. */
function wholeMultiple(multiple: number): number {
  for (let times = 1; times <= 1000; times++)
    if (Number.isInteger(rounded(times * multiple))) return rounded(times * multiple);
  return multiple;
}

/** `value` without the binary fraction's noise (`0.30000000000000004` is `0.3`), so a multiple stays one. */
const rounded = (value: number) => Number(value.toPrecision(12));

/**
 * The number nearest 0 within the schema's bounds, a multiple of its `multipleOf` (a whole number for `integer`);
 * an open bound with no step is left by half the way to the other bound, or by 1.
 */
function numberSample(s: SchemaObject, integer: boolean): number {
  const { low, high, step, within } = numberRules(s, integer);
  let value = low && low.value > 0 ? low.value : high && high.value < 0 ? high.value : 0;
  if (step) {
    value = rounded((low && low.value > 0 ? Math.ceil : Math.floor)(value / step) * step);
    if (!within(value)) value = rounded(value + (low && value <= low.value ? step : -step));
  } else if (!within(value)) {
    const other = low && high ? (low.value + high.value) / 2 : undefined;
    value = other ?? (low && value <= low.value ? value + 1 : value - 1);
  }
  return value;
}

/**
 * As many items as `minItems` asks (one for a `contains`), `prefixItems` first, then samples of `items`; with
 * `uniqueItems`, items made to differ.
 */
function arraySample(
  s: SchemaObject,
  spec: SpecData,
  depth: number,
  trail: readonly object[],
  sampling: Sampling,
): unknown[] {
  const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as JsonSchema[]) : [];
  const minItems = Math.max(typeof s.minItems === "number" ? s.minItems : 0, s.contains ? 1 : 0);
  const count = Math.min(minItems, typeof s.maxItems === "number" ? s.maxItems : Number.POSITIVE_INFINITY);
  const itemSchema = isObject(s.items) ? (s.items as JsonSchema) : (s.contains as JsonSchema | undefined);
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const schema = prefix[index] ?? itemSchema;
    const item = sampleWithin(schema, spec, depth + 1, trail, sampling);
    items.push(s.uniqueItems === true && index > 0 ? distinct(item, index, schema, spec) : item);
  }
  return items;
}

/**
 * The `index`th of distinct samples of `schema`, whose first is `first`: its enum in turn, a number a step on, a string
 * made to differ, the other boolean. An array or object item stays as it is.
 */
function distinct(first: unknown, index: number, schema: JsonSchema | undefined, spec: SpecData): unknown {
  const s = schema === undefined ? {} : flattened(schema, spec, 0);
  if (Array.isArray(s.enum) && s.enum.length > index) return s.enum[index];
  if (typeof first === "number") {
    const { step = 1, within } = numberRules(s, typeOf(s) === "integer");
    // The steps on either side of the first, nearest first: the index-th that is within the bounds.
    for (let distance = 1, found = 0; distance <= 2 * index; distance++)
      for (const value of [rounded(first + distance * step), rounded(first - distance * step)])
        if (within(value) && ++found === index) return value;
    return rounded(first + index * step);
  }
  if (typeof first === "string") {
    // The last digit moved on keeps a format's shape (a uuid, a date, an address); else the index before an `@` or at the end.
    const digit = /\d(?=\D*$)/.exec(first);
    const varied =
      digit && index < 10
        ? `${first.slice(0, digit.index)}${(Number(digit[0]) + index) % 10}${first.slice(digit.index + 1)}`
        : first.replace(/(?=@)|$/, String(index));
    const fitted = stringSample(s, varied);
    return fitted !== first ? fitted : `${first.slice(0, -1)}${index % 10}`; // cut back by maxLength
  }
  if (typeof first === "boolean") return index === 1 ? !first : first;
  return first;
}

/**
 * The schema's required properties (but `writeOnly` ones) with a sample each; while `minProperties` asks for more
 * (or for all of them, `whole`), its other properties, then properties of its `additionalProperties` schema (`key1`, …).
 */
function objectSample(
  s: SchemaObject,
  spec: SpecData,
  depth: number,
  trail: readonly object[],
  { conforms, whole }: Sampling,
): Record<string, unknown> {
  const nested: Sampling = conforms ? { conforms } : {};
  const properties = (isObject(s.properties) ? s.properties : {}) as Record<string, JsonSchema>;
  const sample: Record<string, unknown> = {};
  // A response's sample: a writeOnly property (a password) is never sent back, required or not.
  const at = (ref: string) => schemaAt(ref, spec);
  for (const name of requiredWhen(s, "response", at) as string[])
    defineValue(
      sample,
      name,
      sampleWithin(
        ownValue(properties, name) ?? (s.additionalProperties as JsonSchema),
        spec,
        depth + 1,
        trail,
        nested,
      ),
    );
  const minProperties = typeof s.minProperties === "number" ? s.minProperties : 0;
  for (const [name, schema] of Object.entries(properties)) {
    if (!whole && Object.keys(sample).length >= minProperties) break;
    if (!Object.hasOwn(sample, name) && !travelsTheOtherWayOnly(schema, "response", at))
      defineValue(sample, name, sampleWithin(schema, spec, depth + 1, trail, nested));
  }
  for (let index = 1; Object.keys(sample).length < minProperties && s.additionalProperties !== false; index++)
    sample[`key${index}`] = sampleWithin(
      isObject(s.additionalProperties) ? s.additionalProperties : {},
      spec,
      depth + 1,
      trail,
      nested,
    );
  return sample;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
