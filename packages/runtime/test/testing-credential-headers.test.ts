import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// Authorization and Proxy-Authorization carry a credential to whichever API receives them: sent to an operation whose
// spec takes none there (another API's token in a shared middleware, say), they break the spec, named, never quoted.

const SECRET = "sk_live_7f3a9c2e";
const listOrders = { id: "listOrders", parameters: [], responses: { "200": {} } };
const spec = (operation: Partial<SpecData["operations"][string]>): SpecData => ({
  basePath: "",
  securitySchemes: { apiKey: { header: "X-Api-Key", secret: true } },
  operations: { "GET /orders": { ...listOrders, security: [["apiKey"]], ...operation } },
  responses: {},
  schemas: {},
});

async function violationsOf(operation: Partial<SpecData["operations"][string]>, headers: Record<string, string>) {
  const fake = createFakeApi<Record<string, never>>({ spec: spec(operation), name: "Orders" });
  const response = await fake.fetch("https://orders.example/orders", { headers });
  return { status: response.status, body: await response.text(), violations: fake.violations };
}

describe("fake API: an HTTP credential header the operation does not take", () => {
  it.each(["Authorization", "Proxy-Authorization"])(
    "%s next to the operation's own credential breaks the spec",
    async (header) => {
      const { status, body, violations } = await violationsOf({}, { "X-Api-Key": "k", [header]: `Bearer ${SECRET}` });
      expect(status).toBe(400);
      expect(violations).toEqual([
        `GET /orders: request credentials: header ${header} is not one this operation takes (it takes X-Api-Key)`,
      ]);
      expect(body).not.toContain(SECRET);
    },
  );

  it("sent to a public operation breaks the spec", async () => {
    const { violations } = await violationsOf({ security: [] }, { Authorization: `Bearer ${SECRET}` });
    expect(violations).toEqual([
      "GET /orders: request credentials: sends Authorization, but this operation takes no credentials",
    ]);
  });

  it("that the operation declares as a header parameter is a parameter", async () => {
    const { violations } = await violationsOf(
      { parameters: [{ name: "Authorization", in: "header", required: false, schema: { type: "string" } }] },
      { "X-Api-Key": "k", Authorization: "Bearer t" },
    );
    expect(violations).toEqual([]);
  });
});
