import { defineValue } from "../internal/own-properties.js";
import { IN_PLACE, refsTheAlternativesReach, type SchemaAt } from "./in-place-refs.js";
import { keyOfSegment } from "./pointer.js";
import type { JsonSchema } from "./spec-data.js";
import { checkedFormat, patternFormat } from "./validator-formats.js";

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
 * - with OpenAPI 3.0's `nullable` and boolean exclusive bounds in JSON Schema's spelling;
 * - with each `pattern` (and `patternProperties` name) as the validator compiles it, with the `u` flag
 *   ({@link unicodePattern}); one that cannot be is left out, unchecked. A `pattern`, and a `url` format, are checked
 *   by keyway's own checks, which the validator's backtracking cannot make run for minutes ({@link withStringChecks});
 * - with `additionalProperties: false` beside `allOf`, `anyOf` or `oneOf` read as `unevaluatedProperties: false`
 *   ({@link withoutPropertiesOfAlternativesRefused});
 * - with the closed branches of an `allOf` opened and the `allOf` closed to what they declare together
 *   ({@link withAllOfBranchesOpen}), a branch that points to a closed component pointed to its opened copy;
 * - without requiring a property that a branch of an `allOf` declares one-way the other way
 *   ({@link withOneWayPropertiesOfBranchesNotRequired});
 * - with a `$ref` that the component `inPlaceOf` applies to itself, to a base whose `oneOf` or `anyOf` lists that
 *   component again (a `Cat` `allOf` its `Pet`), pointed to the base's own part: read whole, it would never end.
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
export function validatorSchema<T extends JsonSchema>(
  schema: T,
  direction: Direction,
  components: Components = NO_COMPONENTS,
  inPlaceOf?: string,
): T {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const copy: Record<string, unknown> = {};
  const ownPart =
    typeof schema.$ref === "string" && inPlaceOf ? components.ownPartRef(schema.$ref, inPlaceOf) : undefined;
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "example") continue;
    if (keyword === "pattern" || keyword === "format") continue;
    const sameValueOf = IN_PLACE.has(keyword) ? inPlaceOf : undefined;
    copy[keyword] = MAP.has(keyword)
      ? mapOf(value, direction, components, keyword === "patternProperties", sameValueOf)
      : ONE.has(keyword) || LIST.has(keyword)
        ? subschemas(value, direction, components, sameValueOf)
        : keyword === "$ref" && ownPart !== undefined
          ? ownPart
          : value;
  }
  if (Array.isArray(schema.required) && isObject(schema.properties))
    copy.required = requiredWhen(schema, direction, components.schemaAt);
  withStringChecks(copy, schema);
  const read = withOpenApi30Keywords(withDiscriminatorChosen(withoutPropertiesOfAlternativesRefused(copy)));
  return withAllOfBranchesOpen(withOneWayPropertiesOfBranchesNotRequired(read, direction, components), components) as T;
}

/**
 * `schema`'s `format` and `pattern` given to `copy` as checks the validator runs in time that grows with the text's
 * length alone ({@link checkedFormat}, {@link patternFormat}): a `pattern` as a format of its own, in an `allOf` branch
 * when the schema has a format already.
 */
function withStringChecks(copy: Record<string, unknown>, schema: { readonly [keyword: string]: unknown }): void {
  if (typeof schema.format === "string") copy.format = checkedFormat(schema.format);
  else if (schema.format !== undefined) copy.format = schema.format;
  const pattern = typeof schema.pattern === "string" ? unicodePattern(schema.pattern) : undefined;
  if (pattern === undefined) return;
  if (copy.format === undefined) copy.format = patternFormat(pattern);
  else copy.allOf = [...(Array.isArray(copy.allOf) ? copy.allOf : []), { format: patternFormat(pattern) }];
}

/**
 * `additionalProperties: false` beside `allOf`, `anyOf` or `oneOf` as specs mean it: no property beyond those the
 * schema and its alternatives declare, which is what `unevaluatedProperties: false` says. JSON Schema reads
 * `additionalProperties` against the schema's own `properties` alone, so ShipEngine's `address_to_validate` (every
 * property from its `allOf`, four of them `required`) would refuse any object at all.
 */
function withoutPropertiesOfAlternativesRefused(schema: Record<string, unknown>): Record<string, unknown> {
  if (schema.additionalProperties !== false || !COMPOSED.some((keyword) => Array.isArray(schema[keyword])))
    return schema;
  const { additionalProperties: _refused, ...rest } = schema;
  return { ...rest, unevaluatedProperties: false };
}

const COMPOSED = ["allOf", "anyOf", "oneOf"];

/** Whether a schema refuses every property it does not evaluate itself (a closed object). */
export function isClosed(schema: unknown): boolean {
  return isObject(schema) && (schema.additionalProperties === false || schema.unevaluatedProperties === false);
}

/** `schema` as one branch of an `allOf` reads it: without what closes it to the properties its siblings declare. */
export function opened(schema: Record<string, unknown>): Record<string, unknown> {
  const open = { ...schema };
  if (open.additionalProperties === false) delete open.additionalProperties;
  if (open.unevaluatedProperties === false) delete open.unevaluatedProperties;
  return open;
}

/** What a validator's copy of a schema reads of the spec's components. */
export interface Components {
  /** The schema a `$ref` points to (a component, or a part of one), if any. */
  readonly schemaAt: (ref: string) => unknown;
  /** The `$ref` of the opened copy of the closed component `ref` points to, or undefined for one that is not closed. */
  readonly openRef: (ref: string) => string | undefined;
  /**
   * The `$ref` of a copy of the component `ref` points to that does not require the properties `names`. A `$ref`, not
   * the copy itself: a recursive component (a comment whose replies are comments) reaches its own copy again.
   */
  readonly withoutRequiredRef: (ref: string, names: readonly string[]) => string;
  /**
   * The `$ref` of the own part (without `oneOf` and `anyOf`) of the schema `ref` points to, when its alternatives lead
   * back to `holder`, the component that applies `ref` in place: a subtype `allOf` its base. Undefined otherwise.
   */
  readonly ownPartRef: (ref: string, holder: string) => string | undefined;
}

const NO_COMPONENTS: Components = {
  schemaAt: () => undefined,
  openRef: () => undefined,
  withoutRequiredRef: (ref) => ref,
  ownPartRef: () => undefined,
};

/**
 * `schema` (one schema of a validator's copy, its subschemas done) without requiring of a value travelling `direction`
 * a property that a branch of its `allOf` (through `$ref`s and nested `allOf`s) declares one-way the other way:
 * PagerDuty's escalation policy is the `allOf` of a reference whose `type` is `readOnly` and a schema requiring `type`.
 * Generated types read a property read-only in one branch as read-only in the `allOf`, and leave it out of a request
 * body; the fake reads it so too. A component branch that requires it is checked as a copy that does not.
 */
function withOneWayPropertiesOfBranchesNotRequired(
  schema: Record<string, unknown>,
  direction: Direction,
  components: Components,
): Record<string, unknown> {
  if (!Array.isArray(schema.allOf)) return schema;
  const oneWay = oneWayProperties(schema.allOf, direction, components);
  if (oneWay.size === 0) return schema;
  const requires = (part: unknown): part is Record<string, unknown> =>
    isObject(part) && Array.isArray(part.required) && part.required.some((name) => oneWay.has(String(name)));
  const notRequired = (part: Record<string, unknown>) => ({
    ...part,
    required: (part.required as unknown[]).filter((name) => !oneWay.has(String(name))),
  });
  const allOf = schema.allOf.map((branch: unknown) => {
    if (requires(branch)) return notRequired(branch);
    if (!isObject(branch) || typeof branch.$ref !== "string") return branch;
    const target = components.schemaAt(branch.$ref);
    if (!requires(target)) return branch;
    const dropped = (target.required as unknown[]).map(String).filter((name) => oneWay.has(name));
    return { ...branch, $ref: components.withoutRequiredRef(branch.$ref, dropped) };
  });
  return { ...(requires(schema) ? notRequired(schema) : schema), allOf };
}

/** The names of the properties the branches mark as never travelling `direction`, through `$ref`s and `allOf`s. */
function oneWayProperties(branches: readonly unknown[], direction: Direction, components: Components): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (part: unknown): void => {
    if (!isObject(part)) return;
    if (typeof part.$ref === "string" && !seen.has(part.$ref)) {
      seen.add(part.$ref);
      visit(components.schemaAt(part.$ref));
    }
    if (isObject(part.properties))
      for (const [name, property] of Object.entries(part.properties))
        if (travelsTheOtherWayOnly(property, direction, components.schemaAt)) names.add(name);
    if (Array.isArray(part.allOf)) part.allOf.forEach(visit);
  };
  branches.forEach(visit);
  return names;
}

/**
 * `schema` (one schema of a validator's copy, its subschemas done) with each closed branch of its `allOf` opened and
 * the closing moved to `schema`, as `unevaluatedProperties: false`: ShipEngine's `shipping_address` is the `allOf` of
 * two closed components, `address` and `partial_shipping_address`, and JSON Schema checks each branch alone, so each
 * would refuse the other's properties and no address could pass. A branch that is a `$ref` to a closed component
 * points to its opened copy instead (`openRef`).
 */
function withAllOfBranchesOpen(schema: Record<string, unknown>, { openRef }: Components): Record<string, unknown> {
  if (!Array.isArray(schema.allOf)) return schema;
  let closes = false;
  const allOf = schema.allOf.map((branch: unknown) => {
    const ref = isObject(branch) && typeof branch.$ref === "string" ? openRef(branch.$ref) : undefined;
    if (ref !== undefined) {
      closes = true;
      return { ...(branch as Record<string, unknown>), $ref: ref };
    }
    if (!isClosed(branch)) return branch;
    closes = true;
    return opened(branch as Record<string, unknown>);
  });
  return closes ? { ...opened(schema), allOf, unevaluatedProperties: false } : schema;
}

/**
 * `schema` with its `oneOf` or `anyOf` chosen by its `discriminator`, as OpenAPI reads one: an object whose
 * discriminating property holds a value the mapping (or an alternative's component name) gives is checked against that
 * alternative alone, and any other value of it is refused, where JSON Schema alone would find several alternatives
 * that fit (a Cat also fits a Dog whose properties are all optional, and `oneOf` refuses both). Anything else (no such
 * property, not an object) is checked against the alternatives as they are.
 *
 * @example
 * ```ts
 * withDiscriminatorChosen({ oneOf: [{ $ref: "#/components/schemas/Cat" }], discriminator: { propertyName: "kind" } });
 * // { if: { type: "object", required: ["kind"], properties: { kind: { type: "string" } } },
 * //   then: { allOf: [{ if: { properties: { kind: { const: "Cat" } } }, then: { $ref: "#/components/schemas/Cat" } },
 * //     { properties: { kind: { enum: ["Cat"] } } }] },
 * //   else: { oneOf: [{ $ref: "#/components/schemas/Cat" }] } }
 * ```
 */
function withDiscriminatorChosen(schema: Record<string, unknown>): Record<string, unknown> {
  const { discriminator, ...rest } = schema;
  if (!isObject(discriminator) || typeof discriminator.propertyName !== "string") return schema;
  const keyword = Array.isArray(rest.oneOf) ? "oneOf" : Array.isArray(rest.anyOf) ? "anyOf" : undefined;
  if (keyword === undefined) return rest;
  const alternatives = rest[keyword] as unknown[];
  const chosen = alternativesByValue(alternatives, discriminator.mapping);
  if (chosen.size === 0) return rest;
  const property = discriminator.propertyName;
  const { [keyword]: _alternatives, ...others } = rest;
  const discriminated = { type: "object", required: [property], properties: { [property]: { type: "string" } } };
  const byValue = [...chosen].map(([value, alternative]) =>
    conditional({ properties: { [property]: { const: value } } }, alternative),
  );
  const named = { allOf: [...byValue, { properties: { [property]: { enum: [...chosen.keys()] } } }] };
  return { ...others, ...conditional(discriminated, named, { [keyword]: alternatives }) };
}

/**
 * JSON Schema's `if`/`then`/`else`, built from entries: an object literal with a `then` property reads as a thenable
 * to a linter (and to `await`), which a schema never is.
 */
function conditional(condition: unknown, then: unknown, otherwise?: unknown): Record<string, unknown> {
  const entries: [string, unknown][] = [
    ["if", condition],
    ["then", then],
  ];
  if (otherwise !== undefined) entries.push(["else", otherwise]);
  return Object.fromEntries(entries);
}

/**
 * Each value of a discriminating property and the alternative it names (the fake's samples take a branch's value from
 * it too): the mapping's entries (a pointer or a
 * component's name) that name one of the alternatives, then each other alternative that is a reference, under its
 * component's name.
 */
export function alternativesByValue(alternatives: readonly unknown[], mapping: unknown): Map<string, unknown> {
  const refOf = (alternative: unknown) =>
    isObject(alternative) && typeof alternative.$ref === "string" ? alternative.$ref : undefined;
  const nameOf = (ref: string) => keyOfSegment(ref.slice(ref.lastIndexOf("/") + 1));
  const chosen = new Map<string, unknown>();
  for (const [value, target] of Object.entries(isObject(mapping) ? mapping : {})) {
    if (typeof target !== "string") continue;
    const alternative = alternatives.find((each) => {
      const ref = refOf(each);
      return ref !== undefined && (ref === target || nameOf(ref) === target);
    });
    if (alternative !== undefined) chosen.set(value, alternative);
  }
  const named = new Set([...chosen.values()].map(refOf));
  for (const alternative of alternatives) {
    const ref = refOf(alternative);
    if (ref !== undefined && !named.has(ref) && !chosen.has(nameOf(ref))) chosen.set(nameOf(ref), alternative);
  }
  return chosen;
}

/**
 * For the schemas `schemaAt` reads: the own part ({@link baseOwnPartOf}) of the base at a `$ref`, when the component
 * `holder` applies that `$ref` in place and the base's alternatives lead back to it (a `Cat` `allOf` its `Pet`, which
 * is `oneOf` `Cat` and `Dog`); undefined otherwise. Where each base's alternatives lead is found once.
 *
 * @example
 * ```ts
 * const ownPartOf = ownPartsOfBases((ref) => schemaAt(ref, specData));
 * ownPartOf("#/components/schemas/Pet", "#/components/schemas/Cat"); // Pet without its oneOf, petType: "Cat"
 * ownPartOf("#/components/schemas/Pet", "#/components/schemas/Owner"); // undefined
 * ```
 */
export function ownPartsOfBases(
  schemaAt: SchemaAt,
): (ref: string, holder: string) => Record<string, unknown> | undefined {
  const reachedByRef = new Map<string, Set<string>>();
  return (ref, holder) => {
    let reached = reachedByRef.get(ref);
    if (reached === undefined) reachedByRef.set(ref, (reached = refsTheAlternativesReach(ref, schemaAt)));
    return reached.has(holder) ? baseOwnPartOf(schemaAt(ref) as Record<string, unknown>, holder) : undefined;
  };
}

/**
 * The own part of `base` as the subtype `holder` (a `$ref`) reads it, `allOf` the base: without its `oneOf`, `anyOf`
 * and `discriminator`, and with its discriminating property fixed to the value that names `holder`, as generated types
 * fix it (`Omit<Pet, "petType"> & { petType: "cat" }`), when the discriminator names it.
 *
 * @example
 * ```ts
 * const pet = { required: ["petType"], oneOf: [{ $ref: "#/components/schemas/Cat" }], discriminator: { propertyName: "petType" } };
 * baseOwnPartOf(pet, "#/components/schemas/Cat");
 * // { required: ["petType"], allOf: [{ properties: { petType: { const: "Cat" } } }] }
 * ```
 */
function baseOwnPartOf(base: Record<string, unknown>, holder: string): Record<string, unknown> {
  const { oneOf, anyOf, discriminator, ...own } = base;
  if (!isObject(discriminator) || typeof discriminator.propertyName !== "string") return own;
  const alternatives = Array.isArray(oneOf) ? oneOf : Array.isArray(anyOf) ? anyOf : [];
  for (const [value, alternative] of alternativesByValue(alternatives, discriminator.mapping)) {
    if (!isObject(alternative) || alternative.$ref !== holder) continue;
    const properties: Record<string, unknown> = {};
    defineValue(properties, discriminator.propertyName, { const: value });
    return { ...own, allOf: [...(Array.isArray(own.allOf) ? own.allOf : []), { properties }] };
  }
  return own;
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
 * marked `readOnly` (of a request) or `writeOnly` (of a response), there or in the schema it refers to (`schemaAt`
 * reads a `$ref`).
 *
 * @example
 * ```ts
 * requiredWhen({ required: ["id", "name"], properties: { id: { readOnly: true } } }, "request"); // ["name"]
 * ```
 */
export function requiredWhen(
  schema: { readonly required?: unknown; readonly properties?: unknown },
  direction: Direction,
  schemaAt: (ref: string) => unknown = () => undefined,
): unknown[] {
  if (!Array.isArray(schema.required)) return [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  return schema.required.filter((name) => !travelsTheOtherWayOnly(properties[String(name)], direction, schemaAt));
}

/** How many `$ref`s and `allOf`s deep {@link travelsTheOtherWayOnly} looks for the mark (a schema may refer to itself). */
const MARK_DEPTH = 8;

/**
 * Whether a property schema is `readOnly` and `direction` is a request, or `writeOnly` and it is a response: marked
 * so itself, or through the schema its `$ref` (OpenAPI 3.0 ignores a mark beside one) or an `allOf` part points to
 * (Apideck's `id` is a reference to its `Id` component, which is `readOnly`).
 *
 * @example
 * ```ts
 * const components = { Id: { type: "string", readOnly: true } };
 * travelsTheOtherWayOnly({ $ref: "#/components/schemas/Id" }, "request", (ref) => components.Id); // true
 * ```
 */
export function travelsTheOtherWayOnly(
  property: unknown,
  direction: Direction,
  schemaAt: (ref: string) => unknown,
  depth = 0,
): boolean {
  if (!isObject(property) || depth > MARK_DEPTH) return false;
  if (property[direction === "request" ? "readOnly" : "writeOnly"] === true) return true;
  const marked = (part: unknown) => travelsTheOtherWayOnly(part, direction, schemaAt, depth + 1);
  if (typeof property.$ref === "string" && marked(schemaAt(property.$ref))) return true;
  return Array.isArray(property.allOf) && property.allOf.some(marked);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function subschemas(value: unknown, direction: Direction, components: Components, inPlaceOf?: string): unknown {
  return Array.isArray(value)
    ? value.map((item) => validatorSchema(item as JsonSchema, direction, components, inPlaceOf))
    : validatorSchema(value as JsonSchema, direction, components, inPlaceOf);
}

function mapOf(
  value: unknown,
  direction: Direction,
  components: Components,
  namesArePatterns: boolean,
  inPlaceOf?: string,
): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([name, schema]) => {
      const key = namesArePatterns ? unicodePattern(name) : name;
      return key === undefined ? [] : [[key, validatorSchema(schema as JsonSchema, direction, components, inPlaceOf)]];
    }),
  );
}

// What `\` escapes in a Unicode-mode pattern: ECMA-262's SyntaxCharacter and `/`, and the letters and digits of
// its escapes (`\d`, `\u{…}`, `\p{L}`, a backreference).
const ESCAPABLE = new Set("^$\\.*+?()[]{}|/bBdDsSwWfnrtvcxukpP0123456789");

/**
 * `source` as a pattern that compiles with the `u` flag the validator gives every pattern, meaning what it means
 * without one (as JavaScript code, and many vendors' specs, read it), or `undefined` when it cannot be written so.
 * Without the flag, `\_` and `\-` are the characters themselves and a `{` or `}` that is no quantifier is a
 * literal; with it, they are errors (`^[a-z0-9\-\_]+$` is SendGrid's and Linode's).
 *
 * @example
 * ```ts
 * unicodePattern("^[a-z0-9\\-\\_]+$"); // "^[a-z0-9\\-_]+$"
 * unicodePattern("^\\d{3}\\-\\d{4}$"); // "^\\d{3}-\\d{4}$"
 * ```
 */
export function unicodePattern(source: string): string | undefined {
  if (compiles(source)) return source;
  let out = "";
  let inClass = false;
  for (let at = 0; at < source.length; at++) {
    const char = source[at]!;
    const quantifier = !inClass && char === "{" ? /^\{\d+(?:,\d*)?\}/.exec(source.slice(at))?.[0] : undefined;
    if (char === "\\") {
      const next = source[++at] ?? "";
      // `\p{L}`, `\u{1F600}` and `\k<name>` go whole: their braces are no quantifier.
      const braced = "pPuk".includes(next) ? /^[{<][^}>]*[}>]/.exec(source.slice(at + 1))?.[0] : undefined;
      out += ESCAPABLE.has(next) || (inClass && next === "-") ? `\\${next}${braced ?? ""}` : next;
      at += braced?.length ?? 0;
    } else if (quantifier) {
      out += quantifier;
      at += quantifier.length - 1;
    } else if (inClass) {
      if (char === "]") inClass = false;
      out += char;
    } else if (char === "[") {
      inClass = true;
      out += char;
    } else out += char === "{" || char === "}" || char === "]" ? `\\${char}` : char;
  }
  return compiles(out) ? out : undefined;
}

/** Whether `pattern` compiles as a regular expression with the `u` flag, as the validator compiles it. */
export function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}
