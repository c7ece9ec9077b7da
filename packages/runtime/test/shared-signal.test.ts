import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, RequestAbortedError } from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

// A request's signal shared by many calls at once (`Promise.all` of a handler's lookups) is one a client follows with
// a single listener: Node 20 warns of a leak (MaxListenersExceededWarning) past 10 listeners on one signal.
const warnings: Error[] = [];
const onWarning = (warning: Error) => void warnings.push(warning);
process.on("warning", onWarning);
afterEach(() => {
  warnings.length = 0;
});

/** A client whose fetch answers each request once `release` is called, so that calls stay in flight together. */
function heldClient() {
  const held: (() => void)[] = [];
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: apiKeyAuth(),
    maxRetries: 0,
    fetch: ((_url: string, init: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
        held.push(() => resolve(Response.json({ ok: true })));
      })) as unknown as typeof fetch,
  });
  const release = () => {
    for (const answer of held.splice(0)) answer();
  };
  return { client, release };
}

describe("calls sharing one signal", () => {
  it("30 at once: one listener on the signal while they run, none after, and no warning", async () => {
    const { client, release } = heldClient();
    const controller = new AbortController();
    const calls = Array.from({ length: 30 }, (_, i) =>
      client.GET("/items/{id}", { params: { path: { id: `item-${i}` } }, signal: controller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    release();
    const results = await Promise.all(calls);
    expect(results.map((result) => result.data)).toEqual(Array(30).fill({ ok: true }));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve)); // a warning is emitted on the next tick
    expect(warnings.map((warning) => warning.name)).toEqual([]);
  });

  it("30 at once, aborted: each fails with its RequestAbortedError, and the signal keeps no listener", async () => {
    const { client } = heldClient();
    const controller = new AbortController();
    const calls = Array.from({ length: 30 }, (_, i) =>
      client.GET("/items/{id}", { params: { path: { id: `item-${i}` } }, signal: controller.signal }).catch((e) => e),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error("the user left"));
    const errors = await Promise.all(calls);
    for (const [i, error] of errors.entries()) {
      expect(error).toBeInstanceOf(RequestAbortedError);
      expect((error as Error).message).toBe(`GET https://api.example.com/items/item-${i} was aborted by the caller`);
    }
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("one call ending leaves the others following the signal", async () => {
    const { client, release } = heldClient();
    const controller = new AbortController();
    const first = client.GET("/items/{id}", { params: { path: { id: "a" } }, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await first;
    const second = client.GET("/items/{id}", { params: { path: { id: "b" } }, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(RequestAbortedError);
  });
});

describe("a call retried many times with a signal", () => {
  it("keeps one attempt's listener at a time: ten 503s in a row bring no leak warning", async () => {
    let answered = 0;
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: "https://api.example.com",
      auth: apiKeyAuth(),
      maxRetries: 12,
      fetch: (async () => {
        answered++;
        return answered <= 11
          ? new Response("busy", { status: 503, headers: { "retry-after": "0" } })
          : Response.json({ ok: true });
      }) as unknown as typeof fetch,
    });
    const controller = new AbortController();
    const { data } = await client.GET("/items/{id}", { params: { path: { id: "a" } }, signal: controller.signal });
    expect([data, answered]).toEqual([{ ok: true }, 12]);
    await new Promise((resolve) => setImmediate(resolve)); // a warning is emitted on the next tick
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  });
});
