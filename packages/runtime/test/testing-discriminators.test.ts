import { describe, expect, it } from "vitest";
import { createFakeApi, type JsonSchema, type SpecData } from "../src/testing/index.js";
import { specDataOf } from "./testing-one-operation.js";

// A body that is one of several objects told apart by a discriminator (OpenAPI's Pet, Cat and Dog): the alternatives
// overlap (a Cat also fits a Dog whose properties are optional), so JSON Schema's `oneOf` alone refuses every pet,
// where OpenAPI reads the discriminating property to choose the one alternative to check.
const Cat = {
  type: "object",
  required: ["petType"],
  properties: { petType: { type: "string" }, name: { type: "string" } },
};
const Dog = {
  type: "object",
  required: ["petType"],
  properties: { petType: { type: "string" }, bark: { type: "boolean" } },
};
const alternatives = [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }];

/** A fake of one operation on the pets, whose components are Cat and Dog. */
const petsFakeOf = (key: string, operation: SpecData["operations"][string]) =>
  createFakeApi({ spec: specDataOf({ [key]: operation }, { schemas: { Cat, Dog } }), name: "Pets" });

/** A fake of `POST /pets` whose body is `body`, and what it says of each body sent. */
function petsFake(body: JsonSchema) {
  const fake = petsFakeOf("POST /pets", {
    id: "addPet",
    security: [],
    parameters: [],
    body: { contentType: "application/json", schema: body, required: true },
    responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
  });
  return async (pet: unknown) => {
    fake.reset();
    const response = await fake.fetch("https://api.example.test/pets", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(pet),
    });
    return { status: response.status, violations: fake.violations };
  };
}

describe("the fake checks a discriminated body against the alternative its discriminator names", () => {
  for (const keyword of ["oneOf", "anyOf"] as const) {
    it(`by each alternative's component name (${keyword}), refusing what that alternative refuses`, async () => {
      const send = petsFake({ [keyword]: alternatives, discriminator: { propertyName: "petType" } });
      expect(await send({ petType: "Cat", name: "Tom" })).toEqual({ status: 200, violations: [] });
      expect(await send({ petType: "Dog", bark: true })).toEqual({ status: 200, violations: [] });
      const wrong = await send({ petType: "Cat", name: 7 });
      expect(wrong.status).toBe(400);
      expect(wrong.violations).toEqual([
        expect.stringMatching(/^POST \/pets: request body at \/name: expected type "string"/),
      ]);
      const unknown = await send({ petType: "Bird" });
      expect(unknown.violations).toEqual([
        'POST /pets: request body at /petType: expected enum ["Cat","Dog"], found string "Bird"',
      ]);
    });
  }

  it("by its mapping, a value given as a pointer or as a component's name", async () => {
    const mapping = { cat: "#/components/schemas/Cat", dog: "Dog" };
    const send = petsFake({ oneOf: alternatives, discriminator: { propertyName: "petType", mapping } });
    expect(await send({ petType: "cat", name: "Tom" })).toEqual({ status: 200, violations: [] });
    expect(await send({ petType: "dog", bark: false })).toEqual({ status: 200, violations: [] });
    expect((await send({ petType: "Cat", name: "Tom" })).status).toBe(400);
  });

  it("without the discriminating property, as JSON Schema reads the alternatives", async () => {
    const send = petsFake({ oneOf: alternatives, discriminator: { propertyName: "petType" } });
    const missing = await send({ name: "Tom" });
    expect(missing.status).toBe(400);
    expect(missing.violations.join("\n")).toMatch(/petType/);
  });

  it("and answers with a sample whose discriminating property names the alternative it samples", async () => {
    for (const discriminator of [{ propertyName: "petType" }, { propertyName: "petType", mapping: { cat: "Cat" } }]) {
      const fake = petsFakeOf("GET /pet", {
        id: "getPet",
        security: [],
        parameters: [],
        responses: { "200": { contentType: "application/json", schema: { oneOf: alternatives, discriminator } } },
      });
      const answer = await (await fake.fetch("https://api.example.test/pet")).json();
      expect(answer).toEqual({ petType: discriminator.mapping ? "cat" : "Cat" });
    }
  });
});
