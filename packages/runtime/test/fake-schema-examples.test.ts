import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// Blockfrost's spec gives several schemas the same example object, holding an `id`: a JSON Schema
// validator that reads every unknown keyword as a subschema takes it for a schema identifier.
// Each its own object, as in generated spec data (JSON has no shared references).
const example = () => ({ id: "gov_action1zyg3zyg3", tx_hash: "2dd15e0e" });
type Paths = {
  "/proposal": {
    get: { responses: { 200: { content: { "application/json": { id: string; example?: string } } } } };
  };
};
const spec: SpecData = {
  basePath: "",
  securitySchemes: { key: { header: "X-Key", secret: true } },
  operations: {
    "GET /proposal": {
      id: "proposal",
      security: [["key"]],
      parameters: [],
      responses: {
        "200": {
          contentType: "application/json",
          schema: { $ref: "#/components/schemas/proposal" },
          example: example(),
        },
      },
    },
  },
  responses: {},
  schemas: {
    proposal: {
      type: "object",
      required: ["id"],
      properties: { id: { type: "string" }, example: { type: "string" } },
      example: example(),
    },
    proposals: { type: "array", items: { $ref: "#/components/schemas/proposal" }, example: [example()] },
    other: { type: "object", example: example() },
  },
};

describe("fake API: schemas whose examples hold an `id`", () => {
  it("answers from the spec and still checks the response against the schema", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Examples" });
    const response = await fake.fetch(new Request("https://api.example.test/proposal", { headers: { "X-Key": "k" } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(example());
    expect(() => fake.verify()).not.toThrow();
  });

  it("keeps a property named `example` a rule", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Examples" });
    fake.on("GET /proposal", () => ({ id: "x", example: 42 as unknown as string }));
    await fake.fetch(new Request("https://api.example.test/proposal", { headers: { "X-Key": "k" } }));
    expect(() => fake.verify()).toThrow(/example/);
  });
});

describe("fake API: a schema that allows no other property", () => {
  const closed: SpecData = {
    ...spec,
    schemas: {
      ...spec.schemas,
      proposal: {
        type: "object",
        properties: { id: { type: "string" }, tags: { prefixItems: [{}], items: false } },
        additionalProperties: false,
      },
    },
  };

  it("names each refused property once, by the rule it breaks", async () => {
    const fake = createFakeApi<Paths>({ spec: closed, name: "Closed" });
    fake.on("GET /proposal", () => ({ id: "x", nickname: "secret-nick", tags: ["a", "b"] }) as never);
    await fake.fetch(new Request("https://api.example.test/proposal", { headers: { "X-Key": "k" } }));
    const message = (() => {
      try {
        fake.verify();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("/nickname: is not a property the schema allows");
    expect(message).toContain("/tags/1: is not allowed here (its schema is false)");
    expect(message).not.toMatch(/: false\b|properties \{/);
    expect(message).not.toContain("secret-nick");
  });
});
