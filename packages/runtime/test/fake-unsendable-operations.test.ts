// The test kit's fake of an API with an operation keyway cannot authenticate (its spec names only a key in the query
// string): a keyway client refuses its calls, so a request for it that reaches the fake anyway (sent by hand, or by a
// client that is not keyway's) is refused too, in the client's words; the other operations are answered as before.
import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";
import { SECRET } from "./harness.js";

const WHY =
  "keyway sends credentials only in headers (a secret in a query string or cookie ends up in URLs, logs and proxies).";
const item = { contentType: "application/json", schema: { type: "object" }, example: { id: "it_1" } } as const;

const spec: SpecData = {
  basePath: "/v1",
  securitySchemes: { HeaderKey: { header: "X-Api-Key", secret: true } },
  unsendableSchemes: { QueryKey: { what: "an API key in the query string", why: WHY } },
  operations: {
    "GET /items": { id: "listItems", security: [["HeaderKey"]], parameters: [], responses: { "200": item } },
    "GET /search": {
      id: "search",
      security: [],
      unsendable: ["QueryKey"],
      parameters: [{ name: "q", in: "query", required: true, schema: { type: "string" } }],
      responses: { "200": item },
    },
  },
  responses: {},
  schemas: {},
};

describe("the fake of an API with an operation keyway cannot authenticate", () => {
  it("refuses a request for it, whatever credential it carries, in the words the client refuses the call in", async () => {
    const fake = createFakeApi({ spec, name: "Catalog" });
    const response = await fake.fetch(
      new Request(`https://api.example.test/v1/search?q=lamps&api_key=${SECRET}`, { headers: { "X-Api-Key": SECRET } }),
    );
    expect(response.status).toBe(400);
    const refusal =
      "GET /search: request credentials: GET /search (search) cannot be called: its spec authenticates it only with " +
      `"QueryKey" (an API key in the query string): ${WHY} A keyway client refuses the call before sending it.`;
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: expect.stringContaining(refusal) });
    expect(body).not.toContain(SECRET);
    const verified = (() => {
      try {
        fake.verify();
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(verified).toContain(refusal);
    expect(verified).not.toContain(SECRET);
    // The operations a client can call are answered as before.
    fake.reset();
    const items = await fake.fetch(
      new Request("https://api.example.test/v1/items", { headers: { "X-Api-Key": SECRET } }),
    );
    expect([items.status, await items.json()]).toEqual([200, { id: "it_1" }]);
    fake.verify();
  });
});
