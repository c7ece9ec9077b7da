import { describe, expect, it, vi } from "vitest";
import { createFakeApi, FakeApiError } from "../src/testing/index.js";
import { ordersSpec, UNCONVERTIBLE_VALUES } from "./fake-orders-spec.js";

// A test's handler that never answers (a promise it forgot to resolve) fails its own call, named, within its
// timeoutMs: not the whole test at the runner's timeout, with no word of which call hung.

const spec = ordersSpec({
  "200": { contentType: "application/json", schema: { type: "array" }, example: [{ id: "ord_1" }] },
});

const URL = "https://orders.example/orders";
const ORDERS = "GET /orders" as never;
const never = (() => new Promise<never>(() => {})) as never;
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ordersFake = () => createFakeApi<Record<string, never>>({ spec, name: "Orders" });

describe("fake API: a handler that never answers", () => {
  it("fails its call as a violation naming the operation, not retried, that verify() reports", async () => {
    const fake = ordersFake().on(ORDERS, never, { timeoutMs: 100 });
    const response = await fake.fetch(URL, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-should-retry")).toBe("false");
    const message = "GET /orders: the test's handler did not answer within 100 ms";
    expect(((await response.json()) as { error: string }).error).toContain(message);
    expect(fake.violations).toEqual([expect.stringContaining(message)]);
    expect(() => fake.verify()).toThrow(FakeApiError);
    expect(fake.calls().map((call) => call.status)).toEqual([400]);
  });

  it("fails within 2 s by default, before vitest's, jest's or Bun's 5 s test timeout", async () => {
    const fake = ordersFake().on(ORDERS, never);
    const response = await fake.fetch(URL, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(400);
    expect(fake.violations).toEqual([expect.stringContaining("did not answer within 2000 ms")]);
  });

  it("is the app's to end when it gives up first, and breaks nothing then", async () => {
    const fake = ordersFake().on(ORDERS, never, { timeoutMs: 200 });
    await expect(fake.fetch(URL, { signal: AbortSignal.timeout(50) })).rejects.toThrow(/timeout/i);
    await after(400); // past the handler's timeout
    expect(fake.violations).toEqual([]);
  });
});

describe("fake API: a handler's timeoutMs", () => {
  it.each([Infinity, 1e12])("%s lets a slow handler answer", async (timeoutMs) => {
    const fake = ordersFake().on(ORDERS, (() => after(50).then(() => [{ id: "ord_2" }])) as never, { timeoutMs });
    const response = await fake.fetch(URL, { signal: AbortSignal.timeout(10_000) });
    expect(await response.json()).toEqual([{ id: "ord_2" }]);
    expect(fake.violations).toEqual([]);
  });

  it("runs on the real clock: a test's fake timers do not time a handler out", async () => {
    let answer: (orders: unknown) => void = () => {};
    const fake = ordersFake().on(ORDERS, (() => new Promise((resolve) => (answer = resolve))) as never, {
      timeoutMs: 1_000,
    });
    vi.useFakeTimers();
    try {
      const responding = fake.fetch(URL);
      await vi.advanceTimersByTimeAsync(5_000);
      answer([{ id: "ord_3" }]);
      expect(await (await responding).json()).toEqual([{ id: "ord_3" }]);
    } finally {
      vi.useRealTimers();
    }
    expect(fake.violations).toEqual([]);
  });

  it.each([[0, "0"], [-1, "-1"], [Number.NaN, "NaN"], ["5", '"5"'], ...UNCONVERTIBLE_VALUES] as [number, string][])(
    "%s is a TypeError naming the operation",
    (timeoutMs, shown) => {
      expect(() => ordersFake().on(ORDERS, (() => []) as never, { timeoutMs })).toThrow(
        new TypeError(`Orders fake: { timeoutMs: ${shown} } for GET /orders is not a number of milliseconds above 0`),
      );
    },
  );
});
