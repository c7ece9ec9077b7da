import { describe, expect, it } from "vitest";
import { createFakeApi, type JsonSchema, type SpecData } from "../src/testing/index.js";

// One schema for both ways, as most specs write it: the server assigns `id` (readOnly) and never returns
// `password` (writeOnly), and both are required.
type User = { id: string; name: string; password: string };
type Paths = {
  "/users": {
    post: {
      requestBody: { content: { "application/json": Omit<User, "id"> } };
      responses: { 201: { content: { "application/json": Omit<User, "password"> } } };
    };
  };
};
const spec: SpecData = {
  basePath: "",
  securitySchemes: { key: { header: "X-Key", secret: true } },
  operations: {
    "POST /users": {
      id: "createUser",
      security: [["key"]],
      parameters: [],
      body: { contentType: "application/json", required: true, schema: { $ref: "#/components/schemas/user" } },
      responses: { "201": { contentType: "application/json", schema: { $ref: "#/components/schemas/user" } } },
    },
  },
  responses: {},
  schemas: {
    user: {
      type: "object",
      required: ["id", "name", "password"],
      properties: {
        id: { type: "string", readOnly: true },
        name: { type: "string" },
        password: { type: "string", writeOnly: true },
      },
    },
  },
};

const post = (fake: ReturnType<typeof createFakeApi<Paths>>, body: unknown) =>
  fake.fetch(
    new Request("https://api.example.test/users", {
      method: "POST",
      headers: { "X-Key": "k", "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

/** The fake takes a user without its server-assigned `id` and sends the handler's answer without its `password`. */
async function expectOneWayPropertiesLeftOut(users: SpecData, password: string): Promise<void> {
  const fake = createFakeApi<Paths>({ spec: users, name: "Users" });
  fake.on("POST /users", () => ({ id: "u1", name: "Ada" }));

  const response = await post(fake, { name: "Ada", password });

  expect(response.status).toBe(201);
  expect(await response.json()).toEqual({ id: "u1", name: "Ada" });
  expect(() => fake.verify()).not.toThrow();
}

describe("fake API: readOnly and writeOnly properties", () => {
  it("takes a request without a required readOnly property, and answers without a required writeOnly one", () =>
    expectOneWayPropertiesLeftOut(spec, "pw-1"));

  it("still requires a writeOnly property of a request, and a readOnly one of a response", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Users" });
    fake.on("POST /users", () => ({ name: "Ada" }) as never);

    const refused = await post(fake, { name: "Ada" });
    expect(refused.status).toBe(400);
    expect(fake.violations).toEqual([expect.stringContaining('body: required property "password" is missing')]);

    fake.reset().on("POST /users", () => ({ name: "Ada" }) as never);
    await post(fake, { name: "Ada", password: "pw-1" });
    expect(fake.violations).toEqual([expect.stringContaining('body: required property "id" is missing')]);
  });
});

// PagerDuty's escalation policy: a reference's base declares `type` read-only, and the branch beside it requires it.
// Generated types drop `type` from the request body (a property read-only in one branch is read-only in the allOf),
// so the fake does not require it either; a credential the base keeps write-only is not required of a response.
describe("fake API: readOnly and writeOnly properties in one branch of an allOf, required in another", () => {
  const reference = {
    type: "object",
    properties: { id: { type: "string", readOnly: true }, type: { type: "string", readOnly: true } },
  } as const;
  const withSecret = { type: "object", properties: { secret: { type: "string", writeOnly: true } } } as const;
  const policyOwn = {
    type: "object",
    required: ["type", "name", "secret"],
    properties: { type: { enum: ["escalation_policy"] }, name: { type: "string" } },
  } as const;
  const policySpec = (policy: JsonSchema): SpecData => ({
    ...spec,
    operations: {
      "POST /users": {
        ...spec.operations["POST /users"]!,
        body: { contentType: "application/json", required: true, schema: { $ref: "#/components/schemas/policy" } },
        responses: { "201": { contentType: "application/json", schema: { $ref: "#/components/schemas/policy" } } },
      },
    },
    schemas: { reference, withSecret, policyOwn, policy },
  });
  const refs = ["reference", "withSecret", "policyOwn"].map((name) => ({ $ref: `#/components/schemas/${name}` }));

  for (const [shape, policy] of [
    ["an inline branch", { allOf: [refs[0], refs[1], policyOwn] }],
    ["a component branch", { allOf: refs }],
    ["the schema beside the allOf", { allOf: [refs[0], refs[1]], required: ["type", "name", "secret"] }],
    ["a nested allOf", { allOf: [{ allOf: [refs[0]] }, refs[1], refs[2]] }],
  ] as const) {
    it(`takes a request without the read-only property and answers without the write-only one (${shape})`, async () => {
      const fake = createFakeApi<Paths>({ spec: policySpec(policy), name: "Policies" });
      fake.on("POST /users", () => ({ id: "P1", type: "escalation_policy", name: "Ops" }) as never);

      const response = await post(fake, { name: "Ops", secret: "s-1" });

      expect(response.status).toBe(201);
      expect(fake.violations).toEqual([]);
      await post(fake, { type: "escalation_policy", secret: "s-1" });
      expect(fake.violations).toEqual([expect.stringContaining('body: required property "name" is missing')]);
    });
  }
});

describe("fake API: a response sample", () => {
  it("leaves out a required writeOnly property, and passes its own check", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Users" });

    const response = await post(fake, { name: "Ada", password: "pw-1" });

    expect(await response.json()).toEqual({ id: "x", name: "x" });
    expect(() => fake.verify()).not.toThrow();
  });
});

// Apideck's customer: `id` is a reference to its `Id` component, which is read-only; OpenAPI 3.0 ignores a `readOnly`
// written beside a `$ref`, so specs mark the component. A password component is write-only the same way.
describe("fake API: readOnly and writeOnly marked on the component a property refers to", () => {
  const referenced: SpecData = {
    ...spec,
    schemas: {
      user: {
        type: "object",
        additionalProperties: false,
        required: ["id", "name", "password"],
        properties: {
          id: { $ref: "#/components/schemas/Id" },
          name: { type: "string" },
          password: { allOf: [{ $ref: "#/components/schemas/Password" }] },
        },
      },
      Id: { type: "string", readOnly: true },
      Password: { type: "string", minLength: 4, writeOnly: true },
    },
  };

  it("takes a request without the read-only reference, and answers without the write-only one", () =>
    expectOneWayPropertiesLeftOut(referenced, "pw-12"));

  it("answers by default without the write-only reference, and still checks what the references say", async () => {
    const fake = createFakeApi<Paths>({ spec: referenced, name: "Users" });

    const response = await post(fake, { name: "Ada", password: "pw" });

    expect(response.status).toBe(400);
    expect(fake.violations).toEqual([expect.stringContaining("request body at /password: expected minLength 4")]);
    fake.reset();
    const answered = await post(fake, { name: "Ada", password: "pw-12" });
    expect(answered.status).toBe(201);
    expect(Object.keys((await answered.json()) as object).sort()).toEqual(["id", "name"]);
    expect(() => fake.verify()).not.toThrow();
  });
});
