import { dereference, encodePointer, validate, type OutputUnit, type Schema } from "@cfworker/json-schema";
import type { JsonSchema, SpecData } from "./spec-data.js";
import { keyOfSegment, pointerKey, schemaAt } from "./pointer.js";
import { assertNoSchemaContainsItself } from "./in-place-refs.js";
import { validatorRule } from "./validator-formats.js";
import {
  type Components,
  isClosed,
  opened,
  ownPartsOfBases,
  validatorSchema,
  type Direction,
} from "./validator-schema.js";

// An absolute base for the spec's `#/components/schemas/…` references; never fetched.
const BASE = "https://keyway.invalid/spec.json";

/** One rule a value breaks, without the value itself (it may be a secret). */
export interface SchemaFailure {
  /** JSON pointer of the offending value, `""` for the value itself. */
  readonly at: string;
  /** The broken rule, e.g. `type "string"`, `required property "email" is missing`, `format "uuid"`. */
  readonly rule: string;
  /** Whether `rule` is what the schema expects there (`type "string"`), rather than what is wrong (`is missing`). */
  readonly expects?: boolean;
  /** `false` when the value at `at` says nothing more (the object a required property is missing from). */
  readonly found?: false;
}

/**
 * Checks values travelling one direction (requests, or responses) against the spec's schemas with
 * @cfworker/json-schema, which runs where code generation is forbidden (Workers, strict CSP). Each schema is
 * prepared once, on first use.
 *
 * @example
 * ```ts
 * import { SchemaChecker } from "@keyway/runtime/testing";
 * import { specData } from "./generated/orders.spec-data.js";
 *
 * const responses = new SchemaChecker(specData, "response");
 * const failures = responses.check({ $ref: "#/components/schemas/Order" }, { id: 7 });
 * // [{ at: "/id", rule: 'type "string"', expects: true }]
 * ```
 */
export class SchemaChecker {
  readonly #lookup: Record<string, Schema | boolean> = {};
  /** Each schema a check was asked for, prepared once, under its own pointer (`#/$defs/<n>`). */
  readonly #prepared = new Map<JsonSchema, Schema>();
  readonly #direction: Direction;
  /** By the `$ref` of each closed component, that of its opened copy, which a branch of an `allOf` points to. */
  readonly #openRefs = new Map<string, string>();
  /**
   * By what each copies (`own for #/components/schemas/Cat #/components/schemas/Pet`: the base's own part as the
   * subtype reads it), the `$ref` of a copy made beyond the spec's components.
   */
  readonly #copyRefs = new Map<string, string>();
  /** By the `$ref` of each such copy, the schema it holds before it is prepared and the component it is in place. */
  readonly #copies = new Map<string, { readonly schema: JsonSchema; readonly holder: string }>();
  readonly #components: Components;

  /**
   * @param label how an error about the spec names what reads it (`"Orders fake"`); a `TypeError` that names the
   * schema is thrown here for a spec whose schema contains itself outside any alternative, which no value can meet.
   */
  constructor(spec: SpecData, direction: Direction, label = "SchemaChecker") {
    this.#direction = direction;
    const at = (ref: string) => schemaAt(ref, spec) ?? this.#copies.get(ref)?.schema;
    const ownPartOf = ownPartsOfBases(at);
    this.#components = {
      schemaAt: at,
      openRef: (ref) => this.#openRefs.get(ref),
      withoutRequiredRef: (ref, names) => {
        const target = at(ref) as Record<string, unknown>;
        const required = (target.required as unknown[]).filter((name) => !names.includes(String(name)));
        return this.#copyRef(`without required ${JSON.stringify([...names].sort())}`, ref, { ...target, required });
      },
      ownPartRef: (ref, holder) => {
        const own = ownPartOf(ref, holder);
        return own === undefined ? undefined : this.#copyRef(`own for ${holder}`, ref, own);
      },
    };
    const componentRefs = Object.keys(spec.schemas).map((name) => `#/components/schemas/${encodePointer(name)}`);
    assertNoSchemaContainsItself(componentRefs, at, label);
    const closed = closedComponents(spec);
    for (const name of closed)
      this.#openRefs.set(
        `#/components/schemas/${encodePointer(name)}`,
        `#/components/schemas-open/${encodePointer(name)}`,
      );
    // Each component under its own pointer: dereferenced as one map, the map would be read as a schema, a component
    // named `id` taken for its identifier and one named like a keyword (`type`, `format`, `properties`) passed over.
    for (const [name, schema] of Object.entries(spec.schemas)) {
      const ref = `#/components/schemas/${encodePointer(name)}`;
      this.#prepareAt(
        ref.slice(1),
        schema,
        ref,
        closed.has(name) ? `/components/schemas-open/${encodePointer(name)}` : undefined,
      );
    }
  }

  /** The rules `value` breaks (at most `limit`), or `[]` when it conforms. */
  check(schema: JsonSchema, value: unknown, limit = 3): SchemaFailure[] {
    if (value === undefined) return [{ at: "", rule: "is missing", found: false }];
    const prepared = this.#prepare(schema);
    const result = this.#validate(value, prepared);
    if (result === undefined) return [{ at: "", rule: "is nested too deeply to be checked", found: false }];
    if (result.valid) return [];
    const refuses = (error: OutputUnit) =>
      refusesProperty(error) && this.#ruleAt(prepared, error.keywordLocation) === false;
    // A property that `additionalProperties: false` refuses also fails its `false` schema: one failure says it. Each
    // failure is described as the list fills, up to the limit: the time grows with the failures, not their square.
    const failures: SchemaFailure[] = [];
    const places = new Set<string>();
    for (const error of leafErrors(result.errors, refuses)) {
      if (failures.length >= limit) break;
      const failure = this.#describe(error, prepared, refuses);
      if (places.has(failure.at)) continue;
      places.add(failure.at);
      failures.push(failure);
    }
    return failures;
  }

  /**
   * The validator's whole output for `value`, or its first error only when the whole would not fit the stack (a value
   * that breaks a rule at each of thousands of places, the validator spreading each list of errors into its parent's);
   * undefined when even that does not (a value nested thousands deep).
   */
  #validate(value: unknown, prepared: Schema): ReturnType<typeof validate> | undefined {
    for (const shortCircuit of [false, true]) {
      try {
        return validate(value, prepared, "2020-12", this.#lookup, shortCircuit);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
    }
    return undefined;
  }

  #prepare(schema: JsonSchema): Schema {
    let prepared = this.#prepared.get(schema);
    if (prepared === undefined) {
      prepared = this.#validatorSchema(schema);
      dereference(prepared, this.#lookup, new URL(BASE), `/$defs/${this.#prepared.size}`);
      this.#prepared.set(schema, prepared);
    }
    return prepared;
  }

  /**
   * The `$ref` of `copy`, a variant (`what`) of the schema at `ref`, and of its opened copy if that schema closes, each
   * prepared once. The `$ref`s are known before the copy is prepared, so a component that reaches itself again (a
   * comment whose replies are comments) points to the copy being prepared instead of making another.
   */
  #copyRef(what: string, ref: string, copy: JsonSchema): string {
    const key = `${what} ${ref}`;
    const known = this.#copyRefs.get(key);
    if (known !== undefined) return known;
    const pointer = `/components/schemas-copies/${this.#copyRefs.size}`;
    const holder = this.#copies.get(ref)?.holder ?? ref;
    this.#copyRefs.set(key, `#${pointer}`);
    this.#copies.set(`#${pointer}`, { schema: copy, holder });
    const closes = this.#openRefs.has(ref) || isClosed(this.#components.schemaAt(ref));
    if (closes) this.#openRefs.set(`#${pointer}`, `#${pointer}-open`);
    this.#prepareAt(pointer, copy, holder, closes ? `${pointer}-open` : undefined);
    return `#${pointer}`;
  }

  /** Prepares `schema` (the component `holder`) under `pointer`, and its opened copy under `openPointer`, if given. */
  #prepareAt(pointer: string, schema: JsonSchema, holder: string, openPointer: string | undefined): void {
    dereference(this.#validatorSchema(schema, holder), this.#lookup, new URL(BASE), pointer);
    if (openPointer !== undefined)
      dereference(
        opened(this.#validatorSchema(schema, holder) as Record<string, unknown>) as Schema,
        this.#lookup,
        new URL(BASE),
        openPointer,
      );
  }

  /** A copy of `schema` as the validator reads it for this direction; `holder`, the component it is, if it is one. */
  #validatorSchema(schema: JsonSchema, holder?: string): Schema {
    return validatorSchema(structuredClone(schema), this.#direction, this.#components, holder) as Schema;
  }

  #describe(error: OutputUnit, schema: Schema, refuses: (error: OutputUnit) => boolean): SchemaFailure {
    const at = pointerOf(error.instanceLocation);
    // Only property names are quoted from the validator's message; values never are.
    const property = namedProperty(error);
    if (error.keyword === "required" && property !== undefined)
      return { at, rule: `required property "${property}" is missing`, found: false };
    if (refuses(error) && property !== undefined)
      return {
        at: `${at}/${pointerKey(property)}`,
        rule: "is not a property the schema allows",
        found: false,
      };
    if (error.keyword === "not") return { at, rule: "not: matches the schema it must not match" };
    const matches = oneOfMatches(error);
    if (matches > 1)
      return { at, rule: `oneOf: matches ${matches} of the alternatives, where it must match exactly one` };
    if (COMBINATORS.has(error.keyword)) return { at, rule: `${error.keyword}: matches none of the alternatives` };
    if (error.keyword === "false") return { at, rule: "is not allowed here (its schema is false)" };
    const atLocation = this.#ruleAt(schema, error.keywordLocation);
    // keyway's own checks of a pattern or a format name the rule as the spec wrote it.
    const { keyword, value: ruleValue } =
      error.keyword === "format" && typeof atLocation === "string"
        ? validatorRule(atLocation)
        : { keyword: error.keyword, value: atLocation };
    const shown =
      ruleValue === undefined
        ? ""
        : ` ${Array.isArray(ruleValue) ? listed(ruleValue) : truncate(JSON.stringify(ruleValue))}`;
    return { at, rule: `${keyword}${shown}`, expects: true };
  }

  /** The value of the keyword at `location` (`#/properties/a/$ref/type`), following `$ref`s through the lookup. */
  #ruleAt(schema: Schema, location: string): unknown {
    let node: unknown = schema;
    for (const raw of location.replace(/^#\/?/, "").split("/")) {
      const segment = keyOfSegment(raw);
      const current = node as Record<string, unknown> & { __absolute_ref__?: string };
      node =
        segment === "$ref" && current.__absolute_ref__ ? this.#lookup[current.__absolute_ref__] : current?.[segment];
      if (node === undefined) return undefined;
    }
    return node;
  }
}

const WRAPPERS = new Set([
  "$ref",
  "if",
  "properties",
  "items",
  "prefixItems",
  "allOf",
  "additionalProperties",
  "unevaluatedProperties",
  "patternProperties",
  "contains",
  "then",
  "else",
  "dependentSchemas",
]);

const COMBINATORS = new Set(["anyOf", "oneOf", "not"]);

/** An error of `additionalProperties` or `unevaluatedProperties` naming the property it refuses. */
function refusesProperty(error: OutputUnit): boolean {
  return (
    (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") &&
    /property "/i.test(error.error)
  );
}

/**
 * An instance location as a JSON pointer (`/updated at`, `/22~1tcp`): the validator writes it as a URI fragment,
 * percent-encoded.
 */
function pointerOf(location: string): string {
  const fragment = location.replace(/^#/, "");
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * The errors that name a rule rather than "a subschema had errors", the most specific first. A property that
 * `additionalProperties: false` refuses (`refuses`) is such a rule; one whose value breaks the additional properties'
 * schema is not: the rule it breaks is.
 */
function leafErrors(errors: readonly OutputUnit[], refuses: (error: OutputUnit) => boolean): OutputUnit[] {
  // A oneOf that several alternatives match fails for that alone: what its other alternatives refuse is not why.
  // The validator reports a property a closed schema refuses twice: under the keyword that refuses it, naming it, and
  // as a `false` schema located at the property itself, which goes with the refusal it twins.
  const ambiguous = errors.filter((error) => oneOfMatches(error) > 1).map((error) => `${error.keywordLocation}/`);
  const inAmbiguous = (error: OutputUnit) => ambiguous.some((location) => error.keywordLocation.startsWith(location));
  const refusedInAmbiguous = new Set(
    errors.filter((error) => inAmbiguous(error) && refusesProperty(error)).map(refusedAt),
  );
  const leaves = errors.filter(
    (error) =>
      (!WRAPPERS.has(error.keyword) || refuses(error)) &&
      !inAmbiguous(error) &&
      !(error.keyword === "false" && refusedInAmbiguous.has(pointerOf(error.instanceLocation))),
  );
  // A property left unevaluated because the alternative that declares it failed for another reason: that reason says
  // what is wrong, not the property (nor its `false` twin).
  const unevaluatedAt = new Set(errors.filter((error) => error.keyword === "unevaluatedProperties").map(refusedAt));
  const unevaluated = (error: OutputUnit) =>
    error.keyword === "unevaluatedProperties" ||
    (error.keyword === "false" && unevaluatedAt.has(pointerOf(error.instanceLocation)));
  const causes = leaves.some((error) => !unevaluated(error)) ? leaves.filter((error) => !unevaluated(error)) : leaves;
  const specific = (error: OutputUnit) => (COMBINATORS.has(error.keyword) || error.keyword === "false" ? 1 : 0);
  return (causes.length ? causes : [...errors]).sort((a, b) => specific(a) - specific(b));
}

/**
 * The components that close themselves to properties they do not declare: `additionalProperties` or
 * `unevaluatedProperties` false, or an `allOf` with such a branch (whose closing moves to it: validatorSchema).
 * Each gets an opened copy that a branch of an `allOf` points to.
 */
function closedComponents(spec: SpecData): Set<string> {
  const refOf = (name: string) => `#/components/schemas/${encodePointer(name)}`;
  const closed = new Set(Object.keys(spec.schemas).filter((name) => isClosed(spec.schemas[name])));
  const closedRefs = new Set([...closed].map(refOf));
  const closes = (branch: unknown) =>
    isClosed(branch) ||
    (typeof branch === "object" && branch !== null && closedRefs.has(String((branch as { $ref?: unknown }).$ref)));
  for (let grown = true; grown; ) {
    grown = false;
    for (const [name, schema] of Object.entries(spec.schemas)) {
      if (closed.has(name) || typeof schema !== "object" || !Array.isArray(schema.allOf) || !schema.allOf.some(closes))
        continue;
      closed.add(name);
      closedRefs.add(refOf(name));
      grown = true;
    }
  }
  return closed;
}

/** The JSON pointer to the property an error of `additionalProperties` or `unevaluatedProperties` refuses. */
function refusedAt(error: OutputUnit): string {
  return `${pointerOf(error.instanceLocation)}/${pointerKey(namedProperty(error) ?? "")}`;
}

/** The property an error's message names: a missing required one, a refused one. */
function namedProperty(error: OutputUnit): string | undefined {
  return /property "([^"]*)"/i.exec(error.error)?.[1];
}

/** How many alternatives of a failed `oneOf` the value matched (more than one, or none), 0 for another error. */
function oneOfMatches(error: OutputUnit): number {
  return error.keyword === "oneOf" ? Number(/\((\d+) matches\)/.exec(error.error)?.[1] ?? 0) : 0;
}

/**
 * A rule's list (an `enum`, a `type` of several) as JSON, cut between items rather than inside one, saying how many
 * it holds when cut: `["eq","neq","startswith",…] (25 values)`.
 */
function listed(values: readonly unknown[]): string {
  const items = values.map((value) => truncate(JSON.stringify(value)));
  let shown = 0;
  for (let length = 2; shown < items.length && length + items[shown]!.length <= 80; shown++)
    length += items[shown]!.length + 1;
  if (shown === items.length) return `[${items.join(",")}]`;
  return `[${items.slice(0, Math.max(shown, 1)).join(",")},…] (${items.length} values)`;
}

function truncate(text: string | undefined): string {
  if (text === undefined) return "";
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
