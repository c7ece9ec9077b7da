// The sample request body of new-client's generated test, for composed schemas: it must type-check
// against openapi-typescript's types and pass the test kit's fake, which validates it against the schema.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../packages/runtime/src/testing/spec-data.js";
import { SchemaChecker } from "../../packages/runtime/src/testing/schemas.js";
import { join } from "node:path";
import { sampleValue } from "../lib/new-client/samples.mjs";
import { readSpecFile } from "../lib/spec/lint.mjs";
import { loadDereferenced } from "../lib/spec/load.mjs";
import { fixturesDir } from "./fixtures/git-repo.js";

type Schema = Record<string, unknown>;
const SCALARS = ["string", "integer", "number", "boolean"] as const;
type Scalar = (typeof SCALARS)[number];

/** Whether `value` has the JSON Schema type `type`. */
const hasType = (value: unknown, type: Scalar) =>
  type === "integer" ? Number.isInteger(value) : typeof value === type;

/** `value` and everything reachable from it frozen, cycles included: sampling must not edit the spec. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

describe("sampleValue: a composed schema's parts are merged with the keywords beside them", () => {
  it("takes the required property of a oneOf or anyOf branch that only adds `required` (urlbox)", () => {
    const properties = { url: { type: "string" }, html: { type: "string" } };
    const branches = [{ required: ["url"] }, { required: ["html"] }];
    expect(sampleValue({ type: "object", properties, oneOf: branches }, "body")).toEqual({ url: "url-1" });
    expect(sampleValue({ properties, anyOf: branches }, "body")).toEqual({ url: "url-1" });
  });

  it("takes the first branch that allows more than null, as a nullable 3.1 reference is written", () => {
    const schema = {
      anyOf: [{ type: "null" }, { type: "object", required: ["id"], properties: { id: { type: "string" } } }],
    };
    expect(sampleValue(schema, "body")).toEqual({ id: "id-1" });
    expect(sampleValue({ oneOf: [{ type: ["null"] }, { type: "integer" }] }, "limit")).toBe(1);
    expect(sampleValue({ anyOf: [{ type: "null" }] }, "nothing")).toBeNull();
  });

  it("keeps a scalar allOf scalar when a part only describes it (AWS)", () => {
    const schema = {
      type: "object",
      required: ["keyId", "state"],
      properties: {
        keyId: { allOf: [{ type: "string" }, { description: "The key." }] },
        state: { allOf: [{ description: "The state." }, { type: "string", enum: ["ACTIVE", "DELETED"] }] },
      },
    };
    expect(sampleValue(schema, "body")).toEqual({ keyId: "keyId-1", state: "ACTIVE" });
  });

  it("samples the properties one allOf part requires and another declares (nexmo messages)", () => {
    const schema = {
      allOf: [
        { type: "object", required: ["to", "text"], properties: { ref: { type: "string" } } },
        { properties: { to: { type: "string" }, text: { type: "string" } } },
      ],
    };
    expect(sampleValue(schema, "body")).toEqual({ to: "to-1", text: "text-1" });
    expect(sampleValue(schema, "body", 0, true)).toEqual({ ref: "ref-1", to: "to-1", text: "text-1" });
  });

  it("gives a property several parts declare a value of the type they share, and merges a part's own parts", () => {
    const schema = {
      allOf: [
        { required: ["count"], properties: { count: { type: "number" } } },
        { properties: { count: { type: "integer", minimum: 3 } } },
        { oneOf: [{ required: ["kind"], properties: { kind: { const: "a" } } }, { required: ["other"] }] },
      ],
    };
    expect(sampleValue(schema, "body")).toEqual({ count: 3, kind: "a" });
  });

  it("ends on a recursive schema, and leaves the schema as it was", () => {
    const node: Schema = { type: "object", required: ["id"], properties: { id: { type: "string" } } };
    const tree: Schema = { allOf: [node] };
    (tree.allOf as Schema[]).push({ required: ["children"], properties: { children: { type: "array", items: tree } } });
    const loop: Schema = { required: ["id"], properties: { id: { type: "string" } } };
    loop.allOf = [loop];
    deepFreeze([tree, loop]);
    const sample = sampleValue(tree, "body");
    expect(sample).toMatchObject({ id: "id-1", children: [{ id: "id-1", children: [{ id: "id-1" }] }] });
    expect(() => sampleValue(loop, "body")).not.toThrow();
  });
});

/** One property of a generated composed schema: where it is declared, described and required. */
interface Declared {
  name: string;
  type: Scalar;
  wrapped: boolean;
  at: number;
  describedAt: number | null;
  required: boolean;
  requiredAt: number;
  branch: number;
}

/**
 * Object schemas whose properties, descriptions and required names are spread over the schema itself
 * (place 0) and its allOf parts (places 1…), some scalars wrapped in an allOf, with oneOf or anyOf
 * branches that each only require some of the optional properties (disjoint, so one oneOf branch holds).
 */
const composedSchemas = fc.integer({ min: 1, max: 3 }).chain((parts) =>
  fc.record({
    declared: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom("id", "to", "text", "url", "html", "count", "price", "active"),
        type: fc.constantFrom(...SCALARS),
        wrapped: fc.boolean(),
        at: fc.nat(parts),
        describedAt: fc.option(fc.nat(parts)),
        required: fc.boolean(),
        requiredAt: fc.nat(parts),
        branch: fc.nat(2),
      }),
      { selector: (property) => property.name, minLength: 1, maxLength: 6 },
    ),
    typed: fc.boolean(),
    branchKeyword: fc.constantFrom("oneOf" as const, "anyOf" as const, null),
    parts: fc.constant(parts),
  }),
);

/** A generated composed schema, as {@link composedSchemas} describes it. */
interface Generated {
  declared: Declared[];
  typed: boolean;
  branchKeyword: "oneOf" | "anyOf" | null;
  parts: number;
}

/** The schema `generated` describes, and the properties a request sample of it must hold. */
function composedSchema({ declared, typed, branchKeyword, parts }: Generated) {
  const places: Schema[] = Array.from({ length: parts + 1 }, () => ({}));
  const declare = (place: number, name: string, schema: Schema) => {
    places[place]!.properties = { ...(places[place]!.properties as Schema), [name]: schema };
  };
  for (const { name, type, wrapped, at, describedAt, required, requiredAt } of declared) {
    declare(at, name, wrapped ? { allOf: [{ type }, { description: `The ${name}.` }] } : { type });
    if (describedAt !== null && describedAt !== at) declare(describedAt, name, { description: `The ${name}.` });
    if (required) places[requiredAt]!.required = [...((places[requiredAt]!.required as string[]) ?? []), name];
  }
  const groups = [0, 1, 2]
    .map((branch) => declared.filter((property) => !property.required && property.branch === branch))
    .filter((group) => group.length);
  const branches = groups.map((group) => ({ required: group.map(({ name }) => name) }));
  const [own, ...allOf] = places;
  const schema: Schema = { ...(typed ? { type: "object" } : {}), ...own, allOf };
  if (branchKeyword && branches.length) schema[branchKeyword] = branches;
  const chosen = new Set(branchKeyword ? branches[0]?.required : []);
  return { schema, mustHold: declared.filter(({ required, name }) => required || chosen.has(name)) };
}

describe("sampleValue: readOnly and writeOnly properties", () => {
  const user = {
    type: "object",
    required: ["id", "name", "password"],
    properties: {
      id: { type: "string", readOnly: true },
      name: { type: "string" },
      password: { type: "string", writeOnly: true },
      nickname: { type: "string" },
    },
  };

  it("a request sends the required writeOnly property and leaves out the readOnly one", () => {
    expect(sampleValue(user, "body")).toEqual({ name: "name-1", password: "password-1" });
  });

  it("a mock response holds the readOnly property and leaves out the writeOnly one", () => {
    expect(sampleValue(user, "body", 0, true)).toEqual({ id: "id-1", name: "name-1", nickname: "nickname-1" });
  });

  it("a property two allOf parts declare is readOnly when one says so", () => {
    const schema = {
      allOf: [user, { properties: { id: { type: "string" } }, required: ["id"] }],
    };
    expect(sampleValue(schema, "body")).toEqual({ name: "name-1", password: "password-1" });
  });
});

describe("sampleValue: generated composed object schemas", () => {
  it("a request sample holds exactly the required properties of the merged schema (the first branch's too), each of its declared type", () => {
    fc.assert(
      fc.property(composedSchemas, (generated) => {
        const { schema, mustHold } = composedSchema(generated);
        const sample = sampleValue(deepFreeze(schema), "body") as Record<string, unknown>;
        expect(sample).toBeInstanceOf(Object);
        expect(Array.isArray(sample)).toBe(false);
        expect(Object.keys(sample).sort()).toEqual(mustHold.map(({ name }) => name).sort());
        for (const { name, type } of mustHold) expect(hasType(sample[name], type), `${name}: ${type}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("a mock response sample holds every property, each of its declared type", () => {
    fc.assert(
      fc.property(composedSchemas, (generated) => {
        const { schema } = composedSchema(generated);
        const sample = sampleValue(deepFreeze(schema), "body", 0, true) as Record<string, unknown>;
        expect(Object.keys(sample).sort()).toEqual(generated.declared.map(({ name }) => name).sort());
        for (const { name, type } of generated.declared) expect(hasType(sample[name], type), name).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** The fake's own check of a value against a schema, which a generated test's request and mock response must pass. */
const checkers = (["request", "response"] as const).map(
  (direction) =>
    new SchemaChecker({ basePath: "", securitySchemes: {}, operations: {}, responses: {}, schemas: {} }, direction),
);
const failuresOf = (schema: Schema, value: unknown, forResponse: boolean) =>
  checkers[forResponse ? 1 : 0]!.check(schema as JsonSchema, value);

/** Patterns of the kinds vendors' specs write: anchored classes with counts, alternatives, escapes, optional signs. */
const PATTERNS = [
  "^[A-Z]{2}\\d{4}$",
  "^[a-z0-9-]+$",
  "^\\+?[1-9]\\d{1,14}$",
  "^#[0-9a-fA-F]{6}$",
  "^\\d{4}-\\d{2}-\\d{2}$",
  "^[A-Z][a-z]+$",
  "^(pending|paid)_\\d+$",
  "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$",
  "^sk_(live|test)_[a-zA-Z0-9]{24}$",
  "^\\S+$",
  "^[^<>]*$",
  "^(?:[a-z]+\\.)*[a-z]+$",
  "[0-9]",
  "^.{3,8}$",
  "^\\w+(\\s\\w+)?$",
  // Code points written as escapes, as AWS's specs write `/` and ranges (CodeStar's user ARN, its SSH key).
  "^arn:aws:iam::\\d{12}:user(?:(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F))[\\w+=,.@-]+$",
  "^[\\t\\r\\n\\u0020-\\u00FF]+$",
  "^\\x41[\\x30-\\x39]{2}$",
  "^\\u{1F600}[\\u0061-\\u007A]+$",
];
const FORMATS = ["uuid", "date-time", "date", "time", "email", "hostname", "ipv4", "ipv6", "uri", "uri-reference"];

/** Examples vendors give text of a format: some of it, some not. */
const VENDOR_EXAMPLES = [
  "00000000000000000000000000000000",
  "3f2a6c1e-8b7d-4e2a-9c4f-1d2e3f4a5b6c",
  "2016-08-01T00:00:00.000Z",
  "20160801",
  "2016-08-01",
  "someone at example.com",
  "www.example.com/path",
  "12:30",
];

/** Satisfiable scalar schemas with the constraints a validator checks: lengths, patterns, formats, bounds, multiples. */
const constrainedScalar: fc.Arbitrary<Schema> = fc.oneof(
  fc.constantFrom(...PATTERNS).map((pattern) => ({ type: "string", pattern })),
  // With an example a vendor might give, of the format or not (a uuid without its dashes, a date-time for a date).
  fc
    .record({ format: fc.constantFrom(...FORMATS), example: fc.option(fc.constantFrom(...VENDOR_EXAMPLES)) })
    .map(({ format, example }) => ({ type: "string", format, ...(example === null ? {} : { example }) })),
  fc.tuple(fc.nat(12), fc.nat(12)).map(([min, extra]) => ({ type: "string", minLength: min, maxLength: min + extra })),
  fc
    .record({
      integer: fc.boolean(),
      low: fc.option(fc.integer({ min: -50, max: 50 })),
      width: fc.integer({ min: 6, max: 40 }), // room for four distinct multiples inside exclusive bounds
      multipleOf: fc.option(fc.constantFrom(2, 5, 0.25, 0.01)),
      exclusive: fc.constantFrom("none", "3.0", "3.1"),
      bounded: fc.constantFrom("low", "high", "both"),
    })
    .filter(({ integer, multipleOf }) => !integer || multipleOf === null || Number.isInteger(multipleOf))
    .map(({ integer, low, width, multipleOf, exclusive, bounded }) => {
      const schema: Schema = { type: integer ? "integer" : "number" };
      const from = low ?? 0;
      const to = from + width * (multipleOf ?? 1);
      if (bounded !== "high") schema.minimum = from;
      if (bounded !== "low") schema.maximum = to;
      if (exclusive === "3.0") Object.assign(schema, { exclusiveMinimum: true, exclusiveMaximum: true });
      if (exclusive === "3.1") {
        if (bounded !== "high") (schema.exclusiveMinimum = from), delete schema.minimum;
        if (bounded !== "low") (schema.exclusiveMaximum = to), delete schema.maximum;
      }
      if (multipleOf !== null) schema.multipleOf = multipleOf;
      return schema;
    }),
);

/** Schemas of arrays and objects of constrained scalars: item counts, unique items, property counts, required names. */
const constrainedSchema: fc.Arbitrary<Schema> = fc.letrec((tie) => ({
  schema: fc.oneof({ depthSize: "small", withCrossShrink: true }, constrainedScalar, tie("array"), tie("object")),
  array: fc
    .record({ items: tie("schema"), minItems: fc.nat(4), extra: fc.nat(3), unique: fc.boolean() })
    .map(({ items, minItems, extra, unique }) => ({
      type: "array",
      items,
      minItems,
      maxItems: minItems + extra,
      // Unique items of a type with room for them: not a pattern's or format's few strings, nor empty strings.
      ...(unique &&
      !["array", "object"].includes(items.type as string) &&
      !items.pattern &&
      !items.format &&
      items.maxLength !== 0
        ? { uniqueItems: true }
        : {}),
    })),
  object: fc
    .record({
      properties: fc.dictionary(fc.constantFrom("a", "b", "c", "d"), tie("schema"), { maxKeys: 4 }),
      required: fc.subarray(["a", "b", "c", "d"]),
      minProperties: fc.nat(4),
      additional: fc.boolean(),
    })
    .map(({ properties, required, minProperties, additional }) => ({
      type: "object",
      properties,
      // An open object may require names it does not declare (Loket's `id`).
      required: additional ? required : required.filter((name) => name in properties),
      minProperties: additional ? minProperties : Math.min(minProperties, Object.keys(properties).length),
      ...(additional ? {} : { additionalProperties: false }),
    })),
})).schema;

describe("sampleValue: constrained schemas", () => {
  it("a request sample and a mock response sample pass the fake's check of the schema", () => {
    fc.assert(
      fc.property(constrainedSchema, fc.boolean(), (schema, forResponse) => {
        const sample = sampleValue(deepFreeze(schema), "field", 0, forResponse);
        expect(failuresOf(schema, sample, forResponse), JSON.stringify(sample)).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
  });

  it("passes over an example or default that breaks the schema's constraints (vendors' often do)", () => {
    const schema = { type: "string", pattern: "^[A-Z]{3}$", example: "usd", default: "dollars" };
    expect(sampleValue(schema, "currency")).toBe("AAA");
    expect(sampleValue({ type: "integer", minimum: 1, maximum: 5, example: 0, default: 3 }, "n")).toBe(3);
  });

  it("samples text of a format the fake checks as that format, whatever example the vendor gives", () => {
    const id = { type: "string", format: "uuid", example: "00000000000000000000000000000000" };
    expect(sampleValue(id, "requestId")).toBe("3f2a6c1e-8b7d-4e2a-9c4f-1d2e3f4a5b6c");
    expect(sampleValue({ type: "string", format: "date", example: "2016-08-01T00:00:00.000Z" }, "on")).toBe(
      "2026-01-02",
    );
    expect(sampleValue({ type: "string", format: "currency", example: "EUR" }, "currency")).toBe("EUR");
  });

  it("samples a uuid in capitals where its pattern asks for them (Loket's), a value the fake takes", () => {
    const id = {
      type: "string",
      format: "uuid",
      pattern: "^[{(]?[0-9A-F]{8}[-]?([0-9A-F]{4}[-]?){3}[0-9A-F]{12}[)}]?$",
    };
    expect(sampleValue(id, "id")).toBe("3F2A6C1E-8B7D-4E2A-9C4F-1D2E3F4A5B6C");
    expect(failuresOf(id, sampleValue(id, "id"), false)).toEqual([]);
  });

  it("samples a schema that names no type as text, which any parameter carries (Sinao's list of anything)", () => {
    expect(sampleValue({}, "value")).toBe("value-1");
    expect(sampleValue({ type: "array", items: {} }, "data")).toEqual(["data-1"]);
    expect(sampleValue({ type: "null" }, "nothing")).toBeNull();
  });

  it("passes over an empty example or default, which no path segment or header can be (Ticketmaster's correlation id)", () => {
    expect(sampleValue({ type: "string", default: "" }, "TMPS-Correlation-Id")).toBe("TMPS-Correlation-Id-1");
    expect(sampleValue({ type: "string", example: "", default: "trace-7" }, "trace")).toBe("trace-7");
    expect(sampleValue({ type: "string", maxLength: 0, default: "" }, "nothing")).toBe("");
    expect(sampleValue({ type: "string", enum: [""] }, "blank")).toBe("");
  });

  it("gives a name an object requires without declaring it a value of its additionalProperties, else text", () => {
    const action = { type: "string", enum: ["confirm", "cancel"] };
    const declaration = { type: "object", required: ["id", "action"], properties: { action } };
    expect(sampleValue(declaration, "body")).toEqual({ action: "confirm", id: "id-1" });
    expect(sampleValue({ ...declaration, additionalProperties: { type: "integer", minimum: 7 } }, "body")).toEqual({
      action: "confirm",
      id: 7,
    });
  });

  it("fills an array to minItems and an object to minProperties (portfoliooptimizer.io's covariance matrix)", () => {
    const matrix = { type: "array", minItems: 2, items: { type: "array", minItems: 2, items: { type: "number" } } };
    expect(sampleValue({ type: "object", required: ["m"], properties: { m: matrix } }, "body")).toEqual({
      m: [
        [1.5, 1.5],
        [1.5, 1.5],
      ],
    });
  });
});

describe("sampleValue: a oneOf's sample matches one alternative alone", () => {
  it("fills in a branch's optional properties when they tell it apart (InfluxDB's kinds of variable)", () => {
    const kind = (name: string, values: Schema) => ({
      properties: { type: { type: "string", enum: [name] }, values },
    });
    const schema = {
      type: "object",
      oneOf: [
        kind("query", { type: "object", properties: { query: { type: "string" } } }),
        kind("constant", { type: "array", items: { type: "string" } }),
        kind("map", { type: "object", additionalProperties: { type: "string" } }),
      ],
    };
    const sample = sampleValue(deepFreeze(schema), "arguments");
    expect(sample).toEqual({ type: "query", values: {} });
    expect(failuresOf(schema, sample, false)).toEqual([]);
  });

  it("passes over branches another branch matches as well (ShipEngine's carriers that take the same names)", () => {
    const closed = (...names: string[]) => ({
      type: "object",
      required: names,
      properties: Object.fromEntries(names.map((name) => [name, { type: "string" }])),
      additionalProperties: false,
    });
    const schema = {
      oneOf: [
        closed("nickname", "username", "password"),
        closed("nickname", "username", "password"),
        closed("nickname", "auth_code"),
      ],
    };
    const sample = sampleValue(deepFreeze(schema), "body");
    expect(sample).toEqual({ nickname: "nickname-1", auth_code: "auth_code-1" });
    expect(failuresOf(schema, sample, false)).toEqual([]);
  });

  it("takes the first branch when none is matched alone, and ends on a branch that holds the same oneOf", () => {
    const open = { type: "object", properties: { a: { type: "string" } } };
    expect(sampleValue({ oneOf: [open, { type: "object" }] }, "body")).toEqual({});
    const tree: Schema = { type: "object", oneOf: [] };
    (tree.oneOf as Schema[]).push(
      { required: ["leaf"], properties: { leaf: { type: "string" } }, additionalProperties: false },
      { required: ["children"], properties: { children: { type: "array", items: tree } }, additionalProperties: false },
    );
    const sample = sampleValue(deepFreeze(tree), "body");
    expect(sample).toEqual({ leaf: "leaf-1" }); // the fake's checker reads $refs, not such a cycle
  });

  it("samples a value the fake takes for any oneOf whose branches each have a `kind` of their own", () => {
    const branch = fc.record({
      kindRequired: fc.boolean(),
      kindAsEnum: fc.boolean(),
      properties: fc.dictionary(fc.constantFrom("a", "b", "c"), fc.constantFrom(...SCALARS), { maxKeys: 3 }),
      required: fc.subarray(["a", "b", "c"]),
      closed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(branch, { minLength: 2, maxLength: 5 }), fc.boolean(), (branches, forResponse) => {
        const schema = {
          type: "object",
          oneOf: branches.map(({ kindRequired, kindAsEnum, properties, required, closed }, index) => ({
            type: "object",
            properties: {
              kind: kindAsEnum ? { type: "string", enum: [`kind-${index}`] } : { const: `kind-${index}` },
              ...Object.fromEntries(Object.entries(properties).map(([name, type]) => [name, { type }])),
            },
            required: [...(kindRequired ? ["kind"] : []), ...required.filter((name) => name in properties)],
            ...(closed ? { additionalProperties: false } : {}),
          })),
        };
        const sample = sampleValue(deepFreeze(schema), "body", 0, forResponse);
        expect(failuresOf(schema, sample, forResponse), JSON.stringify(sample)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

// Pet lists its subtypes Cat and Dog in a oneOf with a discriminator, and each is allOf Pet (and Pet allOf Animal).
describe("sampleValue: a base that lists its subtypes, each allOf the base", () => {
  const file = join(fixturesDir, "generated-types", "polymorphic.yaml");
  const polymorphic = loadDereferenced(file);
  // As the spec data holds them, for the fake: with their references.
  const referencedSchemas = readSpecFile(file).components.schemas;

  it("samples a subtype as the base's own part and its own, its discriminator naming it", async () => {
    const { schemas } = (await polymorphic).components;

    expect(sampleValue(schemas.Cat, "body", 0, false, schemas)).toEqual({
      petType: "cat",
      name: "name-1",
      legs: 1,
      meows: true,
    });
    expect(sampleValue(schemas.Dog, "body", 0, true, schemas)).toEqual({
      id: "id-1",
      petType: "dog",
      name: "name-1",
      legs: 1,
      barks: true,
    });
  });

  it("samples the base as its first subtype, and a value the fake takes for either", async () => {
    const { schemas } = (await polymorphic).components;
    const sample = sampleValue(schemas.Pet, "body", 0, false, schemas);

    expect(sample).toEqual({ petType: "cat", name: "name-1", legs: 1, meows: true });
    const checker = new SchemaChecker(
      { basePath: "", securitySchemes: {}, operations: {}, responses: {}, schemas: referencedSchemas },
      "request",
    );
    expect(checker.check({ $ref: "#/components/schemas/Pet" }, sample)).toEqual([]);
    expect(checker.check({ $ref: "#/components/schemas/Cat" }, sample)).toEqual([]);
  });

  it("reads a mapping that names a component by its name alone, or by a pointer with a bare %", () => {
    const cat = { type: "object", required: ["meows"], properties: { meows: { type: "boolean" } } };
    const dog = { type: "object", required: ["barks"], properties: { barks: { type: "boolean" } } };
    const components = { "Cat 50%": cat, Dog: dog };
    const pet = (first: object, second: object) => ({
      type: "object",
      required: ["kind"],
      properties: { kind: { type: "string" } },
      oneOf: [first, second],
      discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat 50%", dog: "Dog" } },
    });

    expect(sampleValue(pet(cat, dog), "body", 0, false, components)).toEqual({ kind: "cat", meows: true });
    expect(sampleValue(pet(dog, cat), "body", 0, false, components)).toEqual({ kind: "dog", barks: true });
  });

  // Microsoft Graph: every type is `allOf` its parent down to `entity`, the one base, whose discriminator
  // (`@odata.type`) maps each of them; each level's own part defaults the property to its own name.
  it("names the subtype sampled in a chain of subtypes six deep, at every level, a value the fake takes", () => {
    const names = [
      "directoryObject",
      "policyBase",
      "appPolicy",
      "managedAppPolicy",
      "appProtection",
      "androidProtection",
    ];
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const referenced: Record<string, JsonSchema> = {
      entity: {
        type: "object",
        required: ["@odata.type"],
        properties: { "@odata.type": { type: "string" }, id: { type: "string" } },
        discriminator: {
          propertyName: "@odata.type",
          mapping: Object.fromEntries(names.map((name) => [`#graph.${name}`, ref(name).$ref])),
        },
      },
    };
    names.forEach((name, level) => {
      const own = { type: "object", properties: { "@odata.type": { type: "string", default: `#graph.${name}` } } };
      referenced[name] = { allOf: [ref(level === 0 ? "entity" : names[level - 1]!), own] };
    });
    // As a dereferenced spec holds them: each reference a copy of its component.
    const dereferenced = structuredClone(referenced) as Record<string, any>;
    const inline = (schema: any): any =>
      schema.$ref ? inline(structuredClone(dereferenced[schema.$ref.split("/").pop()])) : schema;
    for (const schema of Object.values(dereferenced)) if (schema.allOf) schema.allOf = schema.allOf.map(inline);
    const checker = new SchemaChecker(
      { basePath: "", securitySchemes: {}, operations: {}, responses: {}, schemas: referenced },
      "request",
    );

    for (const name of names) {
      const sample = sampleValue(structuredClone(dereferenced[name]), "body", 0, false, dereferenced);
      expect(sample).toEqual({ "@odata.type": `#graph.${name}` });
      expect(checker.check(ref(name), sample)).toEqual([]);
      expect(checker.check(ref("entity"), sample)).toEqual([]);
    }
  });

  // InfluxDB's PostCheck is allOf its CheckDiscriminator, a discriminated union of checks that are not PostCheck: one
  // of them, not a base whose own part PostCheck extends.
  it("samples a discriminated union in an allOf as one of its alternatives, a value the fake takes", () => {
    const check = (type: string, extra: string) => ({
      type: "object",
      required: ["type", "name", extra],
      properties: { type: { type: "string", enum: [type] }, name: { type: "string" }, [extra]: { type: "string" } },
    });
    const referenced: Record<string, JsonSchema> = {
      DeadmanCheck: check("deadman", "timeSince"),
      ThresholdCheck: check("threshold", "thresholds"),
      CheckDiscriminator: {
        oneOf: [{ $ref: "#/components/schemas/DeadmanCheck" }, { $ref: "#/components/schemas/ThresholdCheck" }],
        discriminator: {
          propertyName: "type",
          mapping: { deadman: "#/components/schemas/DeadmanCheck", threshold: "#/components/schemas/ThresholdCheck" },
        },
      },
      PostCheck: { allOf: [{ $ref: "#/components/schemas/CheckDiscriminator" }] },
    };
    const dereferenced = {
      DeadmanCheck: referenced.DeadmanCheck,
      ThresholdCheck: referenced.ThresholdCheck,
      CheckDiscriminator: {
        ...referenced.CheckDiscriminator,
        oneOf: [referenced.DeadmanCheck, referenced.ThresholdCheck],
      },
    };
    const postCheck = { allOf: [structuredClone(dereferenced.CheckDiscriminator)] };

    const sample = sampleValue(postCheck, "body", 0, false, { ...dereferenced, PostCheck: postCheck });

    expect(sample).toEqual({ type: "deadman", name: "name-1", timeSince: "timeSince-1" });
    const checker = new SchemaChecker(
      { basePath: "", securitySchemes: {}, operations: {}, responses: {}, schemas: referenced },
      "request",
    );
    expect(checker.check({ $ref: "#/components/schemas/PostCheck" }, sample)).toEqual([]);
  });

  it("without the components to name the subtypes, still ends, with the base's own part", async () => {
    const { schemas } = (await polymorphic).components;

    expect(sampleValue(schemas.Cat, "body")).toEqual({ petType: "petType-1", name: "name-1", legs: 1, meows: true });
  });
});

describe("sampleValue: a recursive schema", () => {
  it("a tree whose children are required ends in empty lists, with no null where the schema takes none", () => {
    const properties = (children: Schema) => ({
      name: { type: "string" },
      children: { type: "array", items: children },
    });
    // As new-client samples it (dereferenced: the cycle is an object holding itself), and as the fake checks it.
    const node: Schema = { type: "object", required: ["name", "children"] };
    node.properties = properties(node);
    deepFreeze(node);
    const Node = {
      type: "object",
      required: ["name", "children"],
      properties: properties({ $ref: "#/components/schemas/Node" }),
    };
    for (const direction of ["request", "response"] as const) {
      const sample = sampleValue(node, "node", 0, direction === "response");
      expect(JSON.stringify(sample)).not.toContain("null");
      const spec = { basePath: "", securitySchemes: {}, operations: {}, responses: {}, schemas: { Node } };
      const checker = new SchemaChecker(spec as never, direction);
      expect(checker.check({ $ref: "#/components/schemas/Node" }, sample)).toEqual([]);
    }
  });
});
