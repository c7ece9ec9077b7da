import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

const spec: SpecData = {
  basePath: "",
  securitySchemes: {},
  operations: {
    "GET /orders": {
      id: "listOrders",
      security: [],
      parameters: [],
      responses: {
        "200": { contentType: "application/json", schema: { type: "array" }, example: [{ id: "ord_1" }] },
        "503": { contentType: "application/json", schema: { type: "object" }, example: { detail: "Down" } },
      },
    },
  },
  responses: {},
  schemas: {},
};

const URL = "https://orders.example/orders";
const statuses = async (fake: { fetch: (url: string) => Promise<Response> }, calls: number) => {
  const answered: number[] = [];
  for (let call = 0; call < calls; call++) answered.push((await fake.fetch(URL)).status);
  return answered;
};

describe("fake API: how many calls a handler answers", () => {
  it.each([
    [0, [200, 200, 200]],
    [1, [503, 200, 200]],
    [2, [503, 503, 200]],
  ])("{ times: %i } answers that many calls, then the spec's example", async (times, expected) => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" });
    fake.fail("GET /orders" as never, 503 as never, undefined, { times });
    expect(await statuses(fake, 3)).toEqual(expected);
  });

  it("{ times: 0 } drops no connection", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" });
    fake.disconnect("GET /orders" as never, { times: 0 });
    expect((await fake.fetch(URL)).status).toBe(200);
  });

  it.each([-1, 1.5, Number.NaN])("refuses { times: %s } with a TypeError naming it", (times) => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" });
    expect(() => fake.on("GET /orders" as never, () => undefined as never, { times })).toThrow(
      new TypeError(`Orders fake: { times: ${times} } for GET /orders is not a number of calls (0, 1, 2, …)`),
    );
  });
});
