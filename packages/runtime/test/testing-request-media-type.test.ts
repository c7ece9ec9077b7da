import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// A server answers a body in a media type the operation does not take with 415 (or 400): the fake must refuse it too,
// so a test cannot pass while the request fails in production.

const json = { contentType: "application/json", schema: { type: "object" }, required: true };
const ok = { "200": { contentType: "application/json", schema: {}, example: { ok: true } } };
const spec: SpecData = {
  basePath: "",
  securitySchemes: {},
  schemas: {},
  responses: {},
  operations: {
    "POST /orders": { id: "createOrder", security: [], parameters: [], body: json, responses: ok },
    "POST /uploads": {
      id: "upload",
      security: [],
      parameters: [],
      body: {
        contentType: "image/*",
        schema: {},
        required: true,
        alternatives: [{ contentType: "text/csv", schema: {} }],
      },
      responses: ok,
    },
    "POST /orders/{id}/cancel": {
      id: "cancelOrder",
      security: [],
      parameters: [{ name: "id", in: "path", schema: { type: "string" }, required: true }],
      responses: ok,
    },
  },
};

const fakeOrders = () => createFakeApi<Record<string, never>>({ spec, name: "Orders" });

describe("fake API: the request body's media type", () => {
  it.each([
    ["text/plain", { "content-type": "text/plain" }, "is sent as text/plain"],
    ["a form", { "content-type": "application/x-www-form-urlencoded" }, "is sent as application/x-www-form-urlencoded"],
    ["no Content-Type", undefined, "is sent without a Content-Type"],
  ])("refuses a JSON body sent as %s to an operation that takes only JSON", async (_name, headers, rule) => {
    const fake = fakeOrders();
    const body = new TextEncoder().encode(JSON.stringify({ item: "book" }));
    const response = await fake.fetch("https://api.example.test/orders", { method: "POST", headers, body });
    expect(response.status).toBe(400);
    expect(fake.violations).toEqual([`POST /orders: request body: ${rule}, but this operation takes application/json`]);
    expect(() => fake.verify()).toThrow(
      `POST /orders: request body: ${rule}, but this operation takes application/json`,
    );
  });

  it("refuses a type outside the declared ones, and takes one with parameters or one a declared range covers", async () => {
    const fake = fakeOrders();
    const sent = [
      ["/orders", "application/json; charset=utf-8", "{}"],
      ["/orders", "Application/JSON", "{}"],
      ["/uploads", "image/png", "png"],
      ["/uploads", "text/csv", "a,b"],
      ["/uploads", "application/pdf", "%PDF"],
    ];
    const statuses = [];
    for (const [path, type, body] of sent) {
      const response = await fake.fetch(`https://api.example.test${path}`, {
        method: "POST",
        headers: { "content-type": type! },
        body,
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 400]);
    expect(fake.violations).toEqual([
      "POST /uploads: request body: is sent as application/pdf, but this operation takes image/* or text/csv",
    ]);
  });
});

describe("fake API: a body in a binary media type", () => {
  it("reaches the handler as a Blob with every byte intact, 0x00 and 0xFF too", async () => {
    const fake = fakeOrders();
    let received: unknown;
    fake.on(
      "POST /uploads" as never,
      (({ body }: { body: unknown }) => {
        received = body;
        return { ok: true };
      }) as never,
    );
    const bytes = new Uint8Array([0x00, 0x01, 0x80, 0xfe, 0xff]);
    const response = await fake.fetch("https://api.example.test/uploads", {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: bytes,
    });
    expect(response.status).toBe(200);
    expect(received).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (received as Blob).arrayBuffer())]).toEqual([...bytes]);
    fake.verify();
  });
});
