// One call's timeout or abort ends that call only, whatever else the client has in flight or
// has handed to the caller: the attempts of a client that is idle but for one call share one
// AbortController (see src/internal/attempt-signals.ts), so these pin down where that must stop.
import { describe, expect, it } from "vitest";
import { createApiClient, RequestAbortedError, RequestTimeoutError } from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

/** A fetch at the network boundary: answers the paths in `answers` at once, leaves the others pending until aborted. */
function networkFetch(answers: readonly string[]) {
  const signals: AbortSignal[] = [];
  const fetch = (url: string, init: RequestInit): Promise<Response> => {
    const signal = init.signal!;
    signals.push(signal);
    const { pathname } = new URL(url);
    if (answers.includes(pathname)) {
      // A body that stays open until the reader cancels it or the request's signal ends it.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          signal.addEventListener("abort", () => controller.error(signal.reason), { once: true });
        },
      });
      return Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } }));
    }
    return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
  };
  return { fetch: fetch as typeof globalThis.fetch, signals };
}

function clientWith(fetch: typeof globalThis.fetch) {
  return createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: apiKeyAuth(),
    fetch,
    timeout: 100,
    maxRetries: 0,
  }).client;
}

describe("a call's timeout and abort reach that call only", () => {
  it("a call that times out leaves a call made beside it untouched", async () => {
    const network = networkFetch(["/items/2"]);
    const client = clientWith(network.fetch);
    const slow = client.GET("/items/{id}", { params: { path: { id: "1" } } });
    const streamed = await client.GET("/items/{id}", { params: { path: { id: "2" } }, parseAs: "stream" });
    await expect(slow).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(network.signals[0]!.aborted).toBe(true);
    expect(network.signals[1]!.aborted).toBe(false);
    await streamed.data!.cancel();
  });

  it("a body handed to the caller as a stream outlives the timeout of the next call", async () => {
    const network = networkFetch(["/items/2"]);
    const client = clientWith(network.fetch);
    const streamed = await client.GET("/items/{id}", { params: { path: { id: "2" } }, parseAs: "stream" });
    await expect(client.GET("/items/{id}", { params: { path: { id: "1" } } })).rejects.toBeInstanceOf(
      RequestTimeoutError,
    );
    const reader = streamed.data!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"id":');
    expect(network.signals[0]!.aborted).toBe(false);
    await reader.cancel();
  });

  it("the caller's abort of a call that has ended does not reach the client's next call", async () => {
    const network = networkFetch([]);
    const client = clientWith(network.fetch);
    const caller = new AbortController();
    const first = client.GET("/items/{id}", { params: { path: { id: "1" } }, signal: caller.signal });
    await expect(first).rejects.toBeInstanceOf(RequestTimeoutError);
    const second = client.GET("/items/{id}", { params: { path: { id: "3" } } });
    caller.abort();
    await expect(second).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(network.signals[1]!.reason).not.toBe(caller.signal.reason);
  });

  it("the caller's abort ends its call at once, and the client's next call starts with a signal not aborted", async () => {
    const network = networkFetch([]);
    const client = clientWith(network.fetch);
    const caller = new AbortController();
    const first = client.GET("/items/{id}", { params: { path: { id: "1" } }, signal: caller.signal });
    caller.abort();
    await expect(first).rejects.toBeInstanceOf(RequestAbortedError);
    const second = client.GET("/items/{id}", { params: { path: { id: "3" } } });
    expect(network.signals[1]!.aborted).toBe(false);
    await expect(second).rejects.toBeInstanceOf(RequestTimeoutError);
  });
});
