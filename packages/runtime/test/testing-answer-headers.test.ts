import { describe, expect, it } from "vitest";
import { createFakeApi, FakeReply } from "../src/testing/index.js";
import { ordersSpec } from "./fake-orders-spec.js";

const spec = ordersSpec({
  "200": { contentType: "application/json", schema: { type: "array" }, example: [] },
  "404": { contentType: "application/json", schema: { type: "object" }, example: { code: "NO_ORDERS" } },
});

const URL = "https://orders.example/orders";
const createFake = () =>
  createFakeApi<Record<string, never>>({
    spec,
    name: "Orders",
    answerHeaders: (status, body) => (status >= 400 ? { "x-error-code": (body as { code: string }).code } : undefined),
  });

describe("fake API: the headers a service sends with an answer (answerHeaders)", () => {
  it("adds them to fail()'s spec example and to a handler's reply", async () => {
    const fake = createFake();
    fake.fail("GET /orders" as never, 404 as never, undefined, { times: 1 });
    expect((await fake.fetch(URL)).headers.get("x-error-code")).toBe("NO_ORDERS");
    fake.on("GET /orders" as never, (() => new FakeReply(404, { code: "GONE" })) as never, { times: 1 });
    expect((await fake.fetch(URL)).headers.get("x-error-code")).toBe("GONE");
    expect((await fake.fetch(URL)).headers.get("x-error-code")).toBeNull();
  });

  it("leaves a handler's own headers and its own Response as they are", async () => {
    const fake = createFake();
    fake.on("GET /orders" as never, (() => new FakeReply(404, { code: "GONE" }, { "x-error-code": "MINE" })) as never, {
      times: 1,
    });
    expect((await fake.fetch(URL)).headers.get("x-error-code")).toBe("MINE");
    fake.on("GET /orders" as never, (() => new Response('{"code":"RAW"}', { status: 404 })) as never);
    expect((await fake.fetch(URL)).headers.get("x-error-code")).toBeNull();
  });
});
