import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleOf, type JsonSchema, type SpecData } from "../src/testing/index.js";
import { SchemaChecker } from "../src/testing/schemas.js";
import { unicodePattern } from "../src/testing/validator-schema.js";

// sampleOf answers for every response a spec gives no example for: the answer must be one the spec allows, or an
// app's test of the fake's default answers would be checked against a value its own server never sends.

const components: Record<string, JsonSchema> = {
  Base: { type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" } } },
  Tree: {
    type: "object",
    required: ["name"],
    properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Tree" } } },
  },
  Device: {
    type: "object",
    properties: { entity: { type: "object", required: ["id"], properties: { id: { type: "integer", minimum: 1 } } } },
  },
};
const spec: SpecData = { basePath: "", securitySchemes: {}, operations: {}, responses: {}, schemas: components };
const checker = new SchemaChecker(spec, "response");

const bound = fc.integer({ min: -50, max: 50 });
const numberSchema = fc
  .record(
    {
      type: fc.constantFrom("integer", "number"),
      minimum: bound,
      maximum: bound,
      exclusiveMinimum: fc.oneof(fc.boolean(), bound),
      exclusiveMaximum: fc.oneof(fc.boolean(), bound),
      multipleOf: fc.constantFrom(1, 2, 3, 5, 0.5, 0.25, 0.1, 1.5),
      nullable: fc.boolean(),
    },
    { requiredKeys: ["type"] },
  )
  .filter((schema) => satisfiable(schema));
// A format fixes a string's shape and often its length (a uuid has 36 characters), so lengths come without one.
const stringSchema = fc.oneof(
  fc
    .constantFrom("uuid", "date-time", "date", "time", "email", "uri", "hostname", "ipv4", "ipv6", "duration", "byte")
    .map((format) => ({ type: "string", format })),
  fc
    .record(
      { minLength: fc.integer({ min: 0, max: 40 }), maxLength: fc.integer({ min: 0, max: 60 }) },
      { requiredKeys: [] },
    )
    .filter(({ minLength = 0, maxLength = Number.POSITIVE_INFINITY }) => minLength <= maxLength)
    .map((lengths) => ({ type: "string", ...lengths })),
);
const scalarSchema = fc.oneof(numberSchema, stringSchema, fc.constant({ type: "boolean" }));

const schemaOf: fc.Arbitrary<JsonSchema> = fc.letrec<{ schema: JsonSchema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarSchema,
    fc.constantFrom<JsonSchema>(
      { $ref: "#/components/schemas/Base" },
      { $ref: "#/components/schemas/Tree" },
      { $ref: "#/components/schemas/Device/properties/entity" },
    ),
    fc
      .record({ items: tie("schema"), minItems: fc.integer({ min: 0, max: 4 }) }, { requiredKeys: ["items"] })
      .map((array) => ({ type: "array", ...array })),
    // Items made to differ: strings, numbers with room for them, and enums.
    fc
      .record({
        items: fc.oneof(
          stringSchema.filter((schema) => (schema as { maxLength?: number }).maxLength !== 0),
          // Room for 4 distinct multiples, 5 apart at most (whole multiples of 1.5 are 3).
          numberSchema.filter((schema) => satisfiable({ ...schema, type: "number", multipleOf: 6 })),
          fc.constant({ type: "string", enum: ["a", "b", "c", "d"] }),
        ),
        minItems: fc.integer({ min: 2, max: 4 }),
      })
      .map((array) => ({ type: "array", uniqueItems: true, ...array })),
    fc.dictionary(fc.constantFrom("a", "b", "c", "d"), tie("schema"), { maxKeys: 3 }).chain((properties) =>
      fc.record({
        type: fc.constant("object"),
        properties: fc.constant(properties),
        required: fc.subarray(Object.keys(properties)),
        minProperties: fc.integer({ min: 0, max: 3 }),
      }),
    ),
    // allOf parts that only constrain, or say nothing at all (a note, an empty part)
    fc
      .tuple(tie("schema"), fc.constantFrom<JsonSchema>({}, { nullable: true }, { required: ["id"] }))
      .map(([part, other]) => ({ allOf: [part, other] })),
    tie("schema").map((first) => ({ oneOf: [{ type: "null" }, first] })),
    fc.tuple(tie("schema"), tie("schema")).map(([first, second]) => ({ anyOf: [{ type: "null" }, first, second] })),
  ),
})).schema;

/** Whether some number meets the bounds (the generator's bounds are random; an empty range has no sample to find). */
function satisfiable(schema: Record<string, unknown>): boolean {
  const step = (schema.multipleOf as number | undefined) ?? (schema.type === "integer" ? 1 : 0.001);
  const low =
    typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : (schema.minimum as number | undefined);
  const high =
    typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum : (schema.maximum as number | undefined);
  if (typeof schema.exclusiveMinimum === "number" && typeof schema.minimum === "number") return false;
  if (typeof schema.exclusiveMaximum === "number" && typeof schema.maximum === "number") return false;
  if (low === undefined || high === undefined) return true;
  // OpenAPI 3.0's `exclusiveMinimum: true` (or Maximum) leaves out the bound itself: a step less room.
  const excluded = Number(schema.exclusiveMinimum === true) + Number(schema.exclusiveMaximum === true);
  return high - low - excluded * step >= 3 * step + 1;
}

describe("sampleOf (property-based)", () => {
  it("answers a value the response's schema allows: bounds (3.0 and 3.1), multiples, formats, lengths, items, properties, allOf, oneOf", () => {
    fc.assert(
      fc.property(schemaOf, (schema) => {
        expect(checker.check(schema, sampleOf(schema, spec), 10)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("merges allOf parts whatever they hold, and follows a $ref into a component's inside", () => {
    const cases: JsonSchema[] = [
      { allOf: [{ type: "object", required: ["a"], properties: { a: { type: "string" } } }, {}] },
      {
        type: "object",
        required: ["b"],
        properties: { b: { type: "integer" } },
        allOf: [{ $ref: "#/components/schemas/Base" }],
      },
      { allOf: [{ required: ["a"] }, { properties: { a: { type: "integer", minimum: 3 } } }] },
      { $ref: "#/components/schemas/Device/properties/entity" },
      { type: "integer", maximum: -12 },
      { type: "number", minimum: 1, exclusiveMinimum: true },
      { type: "integer", exclusiveMaximum: 0 },
      { type: "string", maxLength: 0 },
      { type: "array", items: { type: "integer" }, minItems: 3, uniqueItems: true },
      { type: "object", minProperties: 2, additionalProperties: { type: "boolean" } },
    ];
    for (const schema of cases) expect(checker.check(schema, sampleOf(schema, spec), 10)).toEqual([]);
    expect(
      sampleOf({ allOf: [{ required: ["a"] }, { properties: { a: { type: "integer", minimum: 3 } } }] }, spec),
    ).toEqual({ a: 3 });
  });
});

describe("unicodePattern (property-based)", () => {
  const piece = fc.constantFrom(
    "a",
    "Z",
    "0",
    "\\d",
    "\\w",
    "\\s",
    "\\-",
    "\\_",
    "\\:",
    "\\@",
    "\\.",
    "[a-z]",
    "[A-Z0-9\\-\\_]",
    "[\\w\\.\\-]",
    "(?:ab|cd)",
    "{",
    "}",
    "]",
    "x{2}",
    "y{1,3}",
    "-",
    "_",
    ".",
    "\\/",
    "\\p{L}",
  );
  const quantifier = fc.constantFrom("", "", "*", "+", "?");
  const pattern = fc
    .array(fc.tuple(piece, quantifier), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.map(([p, q]) => (p === "{" || p === "}" || p === "]" ? p : p + q)).join(""));
  const text = fc.string({
    unit: fc.constantFrom("a", "Z", "0", "5", "-", "_", ".", ":", "@", "/", " ", "{", "}", "]", "x", "y", "p", "L"),
    maxLength: 8,
  });

  it("compiles with the u flag and matches what the pattern matches without it", () => {
    fc.assert(
      fc.property(pattern, fc.array(text, { maxLength: 10 }), (source, texts) => {
        let plain: RegExp;
        try {
          plain = new RegExp(source);
        } catch {
          return; // not a pattern at all
        }
        const rewritten = unicodePattern(source);
        if (source.includes("\\p{")) return; // `\p{L}` means a letter to its author, `p{L}` to JavaScript without the flag
        expect(rewritten).toBeDefined();
        const unicode = new RegExp(rewritten!, "u");
        for (const candidate of texts) expect(unicode.test(candidate)).toBe(plain.test(candidate));
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves a pattern that already compiles with the flag as it is", () => {
    expect(unicodePattern("^[a-z]+\\d{2}$")).toBe("^[a-z]+\\d{2}$");
    expect(unicodePattern("^[a-z0-9\\-\\_]+$")).toBe("^[a-z0-9\\-_]+$");
  });
});
