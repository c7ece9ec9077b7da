import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// A service that reads a request's credentials before it validates the request answers a wrong key with its refusal,
// whatever else is wrong: a fake's `refuse` does so, records the call with the status the app saw, and still reports
// the ways the request breaks the spec.

const spec: SpecData = {
  basePath: "",
  securitySchemes: { apiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /orders": {
      id: "listOrders",
      security: [["apiKey"]],
      parameters: [{ name: "limit", in: "query", required: false, schema: { type: "integer" } }],
      responses: { "200": {}, "401": {} },
    },
  },
  responses: {},
  schemas: {},
};
const refuse = ({ headers }: { headers: Headers }) =>
  headers.get("x-api-key") === "right" ? undefined : Response.json({ error: "invalid key" }, { status: 401 });

describe("fake API: refuse", () => {
  it("answers a request that also breaks the spec, recorded with its status, the break reported", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders", refuse });
    const response = await fake.fetch("https://orders.example/orders?limit=many", {
      headers: { "X-Api-Key": "wrong" },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid key" });
    expect(fake.calls().map((call) => call.status)).toEqual([401]);
    expect(fake.violations).toEqual([
      'GET /orders: request query parameter "limit": expected type "integer", found string "many"',
    ]);
  });

  it("lets a request it does not refuse through to the spec check and the handlers", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders", refuse });
    expect(
      (await fake.fetch("https://orders.example/orders?limit=many", { headers: { "X-Api-Key": "right" } })).status,
    ).toBe(400);
    expect(
      (await fake.fetch("https://orders.example/orders?limit=2", { headers: { "X-Api-Key": "right" } })).status,
    ).toBe(200);
    expect(
      (await fake.fetch("https://orders.example/orders?limit=2", { headers: { "X-Api-Key": "wrong" } })).status,
    ).toBe(401);
  });
});
