import { describe, expect, it } from "vitest";
import { createFakeApi, FakeReply } from "../src/testing/index.js";
import { ordersSpec } from "./fake-orders-spec.js";

const URL = "https://orders.example/orders";
const fakeAnswering = (status: "204" | "205") =>
  createFakeApi<Record<string, never>>({
    spec: ordersSpec({
      [status]: { contentType: "application/json", schema: { type: "object" }, example: { reset: true } },
    }),
    name: "Orders",
  });

// A spec may declare content for a 204 or 205 (AWS's specs do), but neither status has any (RFC 9110), and fetch's
// Response refuses to be built with one.
describe("fake API: a success that never has content (204, 205), whatever the spec declares", () => {
  it.each(["204", "205"] as const)("answers %s from the spec with no body", async (status) => {
    const response = await fakeAnswering(status).fetch(URL);
    expect(response.status).toBe(Number(status));
    expect(response.headers.get("content-type")).toBeNull();
    expect(await response.text()).toBe("");
  });

  it.each(["204", "205"] as const)("answers a handler's %s reply with a body with no body", async (status) => {
    const fake = fakeAnswering(status);
    fake.on("GET /orders" as never, (() => new FakeReply(Number(status), { reset: false })) as never);
    const response = await fake.fetch(URL);
    expect(response.status).toBe(Number(status));
    expect(await response.text()).toBe("");
  });
});
