import { afterEach, describe, expect, it } from "vitest";
import { createFakeApi } from "../src/testing/index.js";
import { type FakeServer, serveFake } from "../src/testing/server.js";
import { ordersSpec } from "./fake-orders-spec.js";

// A served fake answers as a server does: its head first, then its body as the handler's stream gives it. Buffered,
// a body that stalls after its head held the head back too, and a client timed out waiting for headers it would have
// had from the fake's fetch.

const spec = ordersSpec({ "200": { contentType: "application/json", schema: { type: "array" }, example: [] } });
const ORDERS = "GET /orders" as never;
let server: FakeServer | undefined;
afterEach(() => server?.close());

/** A response whose body sends `[` and then stalls until the request's signal aborts. */
const stalling = ({ request }: { request: Request }) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("["));
        request.signal.addEventListener("abort", () => controller.close(), { once: true });
      },
    }),
    { headers: { "content-type": "application/json" } },
  );

describe("a served fake's answer", () => {
  it("sends its head before a body that stalls, and then what the body has so far", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" }).on(ORDERS, stalling as never, {
      timeoutMs: Infinity,
    });
    server = await serveFake(fake);
    const client = new AbortController();
    const response = await fetch(`${server.url}/orders`, {
      signal: AbortSignal.any([client.signal, AbortSignal.timeout(5_000)]),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("[");
    client.abort();
  });

  it("that is whole arrives whole, with its status and headers", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" }).on(ORDERS, (() =>
      Response.json([{ id: "ord_1" }], { status: 200, headers: { "x-request-id": "req_1" } })) as never);
    server = await serveFake(fake);
    const response = await fetch(`${server.url}/orders`, { signal: AbortSignal.timeout(5_000) });
    expect([response.status, response.headers.get("x-request-id"), await response.json()]).toEqual([
      200,
      "req_1",
      [{ id: "ord_1" }],
    ]);
  });

  it("whose body fails after its head cuts the connection, as a server's does", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Orders" }).on(
      ORDERS,
      (() =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("["));
              setTimeout(() => controller.error(new Error("the handler's stream broke")), 50);
            },
          }),
        )) as never,
    );
    server = await serveFake(fake);
    const response = await fetch(`${server.url}/orders`, { signal: AbortSignal.timeout(5_000) });
    await expect(response.text()).rejects.toThrow(TypeError);
  });
});
