import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeApi, type JsonSchema, sampleOf, type SpecData } from "../src/testing/index.js";
import { SchemaChecker } from "../src/testing/schemas.js";

// Specs describe trees and threads with components that reach themselves (a comment whose replies are comments),
// often through OpenAPI 3.0's `allOf: [{ $ref }]` wrapper, which carries a description beside a reference, and
// hierarchies whose base lists its subtypes in a `oneOf` while each subtype is `allOf` the base. Preparing such
// components for the validator must end, whatever reaches what and whichever properties go one way only.

const NAMES = ["A", "B", "C", "D"];
const refTo = (names: readonly string[]) =>
  fc.constantFrom(...names).map((name) => ({ $ref: `#/components/schemas/${name}` }));
const wrapped = (ref: fc.Arbitrary<JsonSchema>) =>
  fc.oneof(
    ref,
    ref.map((branch) => ({ allOf: [branch], description: "wrapped" })),
  );
const property = (anyRef: fc.Arbitrary<JsonSchema>): fc.Arbitrary<JsonSchema> =>
  fc.oneof(
    fc.constantFrom<JsonSchema>(
      { type: "string" },
      { type: "string", readOnly: true },
      { type: "string", writeOnly: true },
      { type: "integer", readOnly: true },
    ),
    wrapped(anyRef),
    wrapped(anyRef).map((items) => ({ type: "array", items })),
  );
const PROPERTY_NAMES = ["id", "name", "parent", "children", "secret"];
/**
 * The component at `index`: its properties and its `oneOf` alternatives may name any component, itself included;
 * what it is `allOf` names only the components before it, as a subtype names its base (a component `allOf` itself
 * describes no value at all).
 */
const component = (index: number): fc.Arbitrary<JsonSchema> => {
  const anyRef = refTo(NAMES);
  const bases = index === 0 ? [] : NAMES.slice(0, index);
  return fc
    .record({
      properties: fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), property(anyRef), { minKeys: 1 }),
      allOf: bases.length
        ? fc.option(fc.array(wrapped(refTo(bases)), { minLength: 1, maxLength: 2 }))
        : fc.constant(null),
      oneOf: fc.option(fc.array(anyRef, { minLength: 1, maxLength: 3 })),
      discriminator: fc.boolean(),
      closed: fc.boolean(),
      required: fc.subarray(PROPERTY_NAMES),
    })
    .map(({ properties, allOf, oneOf, discriminator, closed, required }) => ({
      type: "object",
      required,
      properties,
      ...(allOf ? { allOf } : {}),
      ...(oneOf ? { oneOf, ...(discriminator ? { discriminator: { propertyName: "name" } } : {}) } : {}),
      ...(closed ? { additionalProperties: false } : {}),
    }));
};
const components = fc
  .tuple(...NAMES.map((_, index) => component(index)))
  .map((schemas) => Object.fromEntries(schemas.map((schema, index) => [NAMES[index]!, schema])));
const spec = (schemas: Record<string, JsonSchema>): SpecData => ({
  basePath: "",
  securitySchemes: {},
  operations: {},
  responses: {},
  schemas,
});

describe("fake API: components that reach themselves", () => {
  it("prepares every component for requests and responses, checks any value against it, and samples it", () => {
    fc.assert(
      fc.property(components, fc.constantFrom(...NAMES), fc.jsonValue({ maxDepth: 3 }), (schemas, name, value) => {
        const wrapper = { allOf: [{ $ref: `#/components/schemas/${name}` }] };
        for (const direction of ["request", "response"] as const) {
          const checker = new SchemaChecker(spec(schemas), direction);
          expect(checker.check(wrapper, value)).toBeInstanceOf(Array);
          // The fake's default answer: a response's.
          if (direction === "response")
            expect(checker.check(wrapper, sampleOf(wrapper, spec(schemas)))).toBeInstanceOf(Array);
        }
      }),
      { numRuns: 150 },
    );
  });

  // A comment thread: `id` is assigned by the server, and each reply is a comment behind the 3.0 wrapper.
  const thread = spec({
    comment: {
      type: "object",
      required: ["id", "text"],
      properties: {
        id: { type: "string", readOnly: true },
        text: { type: "string" },
        replies: {
          type: "array",
          items: { allOf: [{ $ref: "#/components/schemas/comment" }], description: "A reply" },
        },
      },
    },
  });
  const aComment = { allOf: [{ $ref: "#/components/schemas/comment" }], description: "A comment" };

  it("takes a request's replies without their server-assigned ids, and still checks what they hold", () => {
    const requests = new SchemaChecker(thread, "request");

    expect(requests.check(aComment, { text: "Hi", replies: [{ text: "Hello", replies: [{ text: "Hey" }] }] })).toEqual(
      [],
    );
    expect(requests.check(aComment, { text: "Hi", replies: [{ replies: [{ text: 7 }] }] })).toEqual([
      { at: "/replies/0", rule: 'required property "text" is missing', found: false },
      { at: "/replies/0/replies/0/text", rule: 'type "string"', expects: true },
    ]);
  });

  it("requires a response's replies to carry their ids", async () => {
    type Paths = {
      "/comments/{id}": {
        get: {
          parameters: { path: { id: string } };
          responses: { 200: { content: { "application/json": unknown } } };
        };
      };
    };
    const fake = createFakeApi<Paths>({
      spec: {
        ...thread,
        operations: {
          "GET /comments/{id}": {
            id: "getComment",
            security: [],
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: { "200": { contentType: "application/json", schema: aComment } },
          },
        },
      },
      name: "Comments",
    });
    fake.on("GET /comments/{id}", () => ({ id: "c1", text: "Hi", replies: [{ text: "Hello" }] }) as never);

    await fake.fetch(new Request("https://api.example.test/comments/c1"));

    expect(fake.violations).toEqual([expect.stringContaining('/replies/0: required property "id" is missing')]);
  });

  // A base that lists its subtypes, each subtype `allOf` the base: the subtype's `allOf` means the base's own part.
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const pets = spec({
    Pet: {
      type: "object",
      required: ["petType"],
      properties: { petType: { type: "string" }, name: { type: "string" } },
      oneOf: [ref("Cat"), ref("Dog")],
      discriminator: { propertyName: "petType" },
    },
    Cat: { allOf: [ref("Pet"), { type: "object", properties: { meows: { type: "boolean" } } }] },
    Dog: { allOf: [ref("Pet"), { type: "object", properties: { barks: { type: "boolean" } } }] },
    Owner: { type: "object", properties: { pet: { allOf: [ref("Pet")], description: "Their pet" } } },
  });

  it("reads a subtype that is allOf its base as the base's own part and its own", () => {
    const responses = new SchemaChecker(pets, "response");

    expect(responses.check(ref("Pet"), { petType: "Cat", name: "Tom", meows: true })).toEqual([]);
    expect(responses.check(ref("Pet"), { petType: "Dog", barks: "loud" })).toEqual([
      { at: "/barks", rule: 'type "boolean"', expects: true },
    ]);
    expect(responses.check(ref("Cat"), { name: 7 })).toEqual([
      { at: "", rule: 'required property "petType" is missing', found: false },
      { at: "/name", rule: 'type "string"', expects: true },
    ]);
    // As generated types read it, a subtype's discriminating property names it.
    expect(responses.check(ref("Cat"), { petType: "Dog", name: "Tom" })).toEqual([
      { at: "/petType", rule: 'const "Cat"', expects: true },
    ]);
    // Elsewhere the base still means one of its subtypes.
    expect(responses.check(ref("Owner"), { pet: { petType: "Fish" } })).toEqual([
      { at: "/pet/petType", rule: 'enum ["Cat","Dog"]', expects: true },
    ]);
  });

  it("answers by default with a subtype its schema allows, its discriminator naming the subtype", async () => {
    type Paths = Record<
      "/cats" | "/dogs" | "/pets",
      { get: { responses: { 200: { content: { "application/json": unknown } } } } }
    >;
    const read = (schema: JsonSchema) => ({
      id: "read",
      security: [],
      parameters: [],
      responses: { "200": { contentType: "application/json", schema } },
    });
    const fake = createFakeApi<Paths>({
      spec: {
        ...pets,
        schemas: {
          ...pets.schemas,
          Pet: {
            ...(pets.schemas.Pet as object),
            discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat" } },
          },
          Dog: {
            allOf: [{ allOf: [ref("Pet")], description: "The base" }, { properties: { barks: { type: "boolean" } } }],
          },
        },
        operations: { "GET /cats": read(ref("Cat")), "GET /dogs": read(ref("Dog")), "GET /pets": read(ref("Pet")) },
      },
      name: "Pets",
    });

    const answers = await Promise.all(
      ["cats", "dogs", "pets"].map(async (path) => (await fake.fetch(`https://api.example.test/${path}`)).json()),
    );

    expect(answers).toEqual([{ petType: "cat" }, { petType: "Dog" }, { petType: "cat" }]);
    expect(fake.violations).toEqual([]);
  });

  it("refuses a spec whose schema contains itself outside any alternative, naming the cycle", () => {
    const cyclic = spec({ A: { allOf: [ref("B")] }, B: { allOf: [ref("A"), { type: "object" }] } });

    expect(() => createFakeApi({ spec: cyclic, name: "Cyclic" })).toThrow(
      new TypeError(
        "Cyclic fake: the spec's schema #/components/schemas/A contains itself, applied to the same value " +
          "(#/components/schemas/A → #/components/schemas/B → #/components/schemas/A): no value could ever be checked against it",
      ),
    );
  });
});

describe("fake API: values too large or too deep for the validator to walk whole", () => {
  const lists = spec({ List: { type: "array", items: { $ref: "#/components/schemas/List" } } });
  const checker = new SchemaChecker(lists, "request");

  it("names the first rule a value breaks at more places than the validator can list", () => {
    const manyFailures = Array.from({ length: 200_000 }, () => 1);

    expect(checker.check({ allOf: [{ $ref: "#/components/schemas/List" }] }, manyFailures)).toEqual([
      { at: "/0", rule: 'type "array"', expects: true },
    ]);
  });

  it("says that a value nested deeper than the validator can follow is not checked", () => {
    let deep: unknown[] = [];
    for (let level = 0; level < 50_000; level++) deep = [deep];

    expect(checker.check({ $ref: "#/components/schemas/List" }, deep)).toEqual([
      { at: "", rule: "is nested too deeply to be checked", found: false },
    ]);
  });
});
