import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// OpenAPI 3.0 spells "may be null" and exclusive bounds its own way, as most vendors' specs still do.
type Order = { id: string; note: string | null; coupon?: { code: string } | null; quantity: number };
type Paths = {
  "/orders": {
    post: {
      requestBody: { content: { "application/json": Omit<Order, "id"> } };
      responses: { 201: { content: { "application/json": Order } } };
    };
  };
};
const spec: SpecData = {
  basePath: "",
  securitySchemes: { key: { header: "X-Key", secret: true } },
  operations: {
    "POST /orders": {
      id: "createOrder",
      security: [["key"]],
      parameters: [],
      body: { contentType: "application/json", required: true, schema: { $ref: "#/components/schemas/order" } },
      responses: { "201": { contentType: "application/json", schema: { $ref: "#/components/schemas/order" } } },
    },
  },
  responses: {},
  schemas: {
    coupon: { type: "object", required: ["code"], properties: { code: { type: "string" } } },
    order: {
      type: "object",
      required: ["id", "note", "quantity"],
      properties: {
        id: { type: "string", readOnly: true },
        note: { type: "string", nullable: true },
        status: { type: "string", enum: ["open", "shipped"], nullable: true },
        coupon: { allOf: [{ $ref: "#/components/schemas/coupon" }], nullable: true },
        quantity: { type: "integer", minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false },
      },
    },
  },
};

const post = (fake: ReturnType<typeof createFakeApi<Paths>>, body: unknown) =>
  fake.fetch("https://api.example.test/orders", {
    method: "POST",
    headers: { "X-Key": "k", "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("fake API: OpenAPI 3.0 keywords", () => {
  it("takes null where a schema is nullable: a typed one, an enum and an allOf of a reference", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Orders" });
    fake.on("POST /orders", ({ body }) => ({ id: "ord_1", ...body }));

    const response = await post(fake, { note: null, status: null, coupon: null, quantity: 1 });

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: "ord_1", note: null, status: null, coupon: null, quantity: 1 });
    expect(fake.violations).toEqual([]);
  });

  it("still checks a nullable schema's value when it is not null", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Orders" });

    const response = await post(fake, { note: 7, status: "lost", coupon: {}, quantity: 1 });

    expect(response.status).toBe(400);
    expect(fake.violations).toEqual([
      'POST /orders: request body at /note: expected type ["string","null"], found number 7',
      'POST /orders: request body at /status: expected enum ["open","shipped",null], found string "lost"',
      'POST /orders: request body at /coupon: required property "code" is missing',
    ]);
  });

  it("reads a boolean exclusiveMinimum as making its minimum exclusive, and exclusiveMaximum: false as nothing", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Orders" });

    expect((await post(fake, { note: "", quantity: 10 })).status).toBe(201);
    expect((await post(fake, { note: "", quantity: 0 })).status).toBe(400);
    expect(fake.violations).toEqual([
      expect.stringContaining("request body at /quantity: expected exclusiveMinimum 0, found number 0"),
    ]);
  });
});
