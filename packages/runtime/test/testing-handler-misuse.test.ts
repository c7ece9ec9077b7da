// A test that installs a handler wrongly learns it where it wrote it, not from a call answered otherwise than it meant.
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/index.js";
import { createFakeApi } from "../src/testing/index.js";
import { ordersSpec } from "./fake-orders-spec.js";

const spec = ordersSpec({
  "200": { contentType: "application/json", schema: { type: "object" }, example: { id: "ord_1" } },
  "404": { contentType: "application/json", schema: { type: "object" }, example: { detail: "Not found" } },
});
const URL = "https://orders.example/orders";
const ordersFake = () => createFakeApi<Record<string, never>>({ spec, name: "Orders" });

describe("fake API: handlers installed wrongly", () => {
  it("a misspelled option of on, fail or disconnect is refused naming the one meant, nothing installed", async () => {
    const fake = ordersFake();
    expect(() => fake.on("GET /orders" as never, (() => ({})) as never, { time: 1 } as never)).toThrow(
      new ConfigurationError('Orders fake: on("GET /orders", …) has no option "time": did you mean "times"?'),
    );
    expect(() => fake.fail("GET /orders" as never, 404 as never, undefined, { header: {} } as never)).toThrow(
      new ConfigurationError('Orders fake: fail("GET /orders", …) has no option "header": did you mean "headers"?'),
    );
    expect(() => fake.disconnect("GET /orders" as never, { headers: {} } as never)).toThrow(
      /^Orders fake: disconnect\("GET \/orders", …\) has no option "headers"/,
    );
    expect((await fake.fetch(URL)).status).toBe(200);
    // fail() takes the headers on() does not.
    fake.fail("GET /orders" as never, 404 as never, undefined, { times: 1, headers: { "x-request-id": "req_1" } });
    expect((await fake.fetch(URL)).headers.get("x-request-id")).toBe("req_1");
  });

  it("a status the operation does not declare is refused by fail(), naming those it does and the way to send it", async () => {
    const fake = ordersFake();
    expect(() => fake.fail("GET /orders" as never, 429 as never)).toThrow(
      new TypeError(
        'Orders fake: GET /orders declares no 429 response (it declares 200, 404): to test how your code copes with one, answer it with a Response of your own, on("GET /orders", () => Response.json(body, { status: 429 }))',
      ),
    );
    fake.on("GET /orders" as never, (() => new Response("slow down", { status: 429 })) as never);
    expect((await fake.fetch(URL)).status).toBe(429);
  });

  it("a handler that is no function is refused when it is installed, not answered 400 later", () => {
    const fake = ordersFake();
    expect(() => fake.on("GET /orders" as never, { id: "ord_1" } as never)).toThrow(
      new TypeError("Orders fake: the handler for GET /orders is an object, not a function"),
    );
  });

  it("items that are no list are refused naming what they are", () => {
    const fake = ordersFake();
    expect(() => fake.items("GET /orders" as never, "rows" as never)).toThrow(
      new TypeError("Orders fake: the items for GET /orders are a string, not a list of the list's items"),
    );
  });

  it.each([
    ["a Map", { id: new Map([["a", 1]]) }, "body.id is a Map, which JSON would send as {}"],
    ["NaN", { id: Number.NaN }, "body.id is NaN, which JSON would send as null"],
    ["an invalid Date", { id: new Date("31/12/2026") }, "body.id is an invalid Date, which JSON would send as null"],
  ])("an answer holding %s, which JSON cannot write as it is, is a violation naming where", async (_, answer, why) => {
    const fake = ordersFake();
    fake.on("GET /orders" as never, (() => answer) as never);
    expect((await fake.fetch(URL)).status).toBe(400);
    expect(fake.violations).toEqual([`GET /orders: response 200 from the test's handler: ${why}`]);
  });
});
