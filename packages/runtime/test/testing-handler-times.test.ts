import { describe, expect, it } from "vitest";
import { createFakeApi } from "../src/testing/index.js";
import { ordersSpec, UNCONVERTIBLE_VALUES } from "./fake-orders-spec.js";

const spec = ordersSpec({
  "200": { contentType: "application/json", schema: { type: "array" }, example: [{ id: "ord_1" }] },
  "503": { contentType: "application/json", schema: { type: "object" }, example: { detail: "Down" } },
});

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

  it.each([[-1, "-1"], [1.5, "1.5"], [Number.NaN, "NaN"], ["2", '"2"'], ...UNCONVERTIBLE_VALUES] as [number, string][])(
    "refuses { times: %s } with a TypeError naming it",
    (times, shown) => {
      const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" });
      expect(() => fake.on("GET /orders" as never, (() => undefined) as never, { times })).toThrow(
        new TypeError(`Orders fake: { times: ${shown} } for GET /orders is not a number of calls (0, 1, 2, …)`),
      );
    },
  );
});

describe("fake API: a reset ends the test that sent a call still under way", () => {
  it("a call it did not await is not the next test's: not recorded, and not answered by its handlers", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" });
    const earlier = fake.fetch(`${URL}?page=2`); // the first test's, never awaited there (and breaking the spec)
    fake.reset(); // its afterEach
    fake.fail("GET /orders" as never, 503 as never, undefined, { times: 1 }); // the next test's
    expect((await earlier).status).toBe(400);
    expect((await fake.fetch(URL)).status).toBe(503);
    expect(fake.calls("GET /orders" as never).map((call) => call.status)).toEqual([503]);
    expect(fake.violations).toEqual([]);
  });

  it("… and the spec's example answers it, not the next test's handler", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" });
    const earlier = fake.fetch(URL);
    fake.reset();
    fake.fail("GET /orders" as never, 503 as never, undefined, { times: 1 });
    expect(await (await earlier).json()).toEqual([{ id: "ord_1" }]);
    expect((await fake.fetch(URL)).status).toBe(503);
  });

  it("a handler whose answer breaks the spec after its test gave up and reset fails no later test", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let answered!: () => void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    fake.on(
      "GET /orders" as never,
      (async () => {
        await released;
        answered();
        return { id: 7 };
      }) as never,
    );
    const controller = new AbortController();
    const call = fake.fetch(URL, { signal: controller.signal });
    controller.abort(); // the app's timeout
    await expect(call).rejects.toThrow();
    fake.reset();
    release();
    await done;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.violations).toEqual([]);
    expect(() => fake.verify()).not.toThrow();
    // Within its own test, the same answer is reported.
    fake.on("GET /orders" as never, (() => ({ id: 7 })) as never);
    expect((await fake.fetch(URL)).status).toBe(400);
    expect(fake.violations).toEqual([
      'GET /orders: response 200 from the test\'s handler: body: expected type "array", found object',
    ]);
  });
});
