// A call's own transport settings (`timeout`, `maxRetries`, `retryNonIdempotent`, `maxResponseBytes`), as openai-node and
// Stripe take them per request: they hold for that call only, at every stage the client's would, and are checked by
// the client's rules.
import { sendJson, type Handler } from "@keyway/test-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createApiClient,
  paginate,
  RequestTimeoutError,
  ResponseTooLargeError,
  type Authorizer,
} from "../src/index.js";
import { apiKeyAuth, clientAgainst, meta, SECRET, settle, useFakeClock, type Paths } from "./harness.js";

/** Answers 503, asking for no wait before a retry, to every request. */
const unavailable: Handler = (_req, res) => sendJson(res, 503, { error: "busy" }, { "retry-after-ms": "0" });

/** The error `call` rejects with (fails the test when it resolves). */
function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.fail("expected the call to fail"),
    (error: unknown) => error,
  );
}

describe("a call's timeout", () => {
  it("bounds each attempt of that call, and its RequestTimeoutError names the call's timeout, not the client's", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst(() => {}, { timeout: 60_000 });
    const error = await settle(failureOf(client.GET("/items", { timeout: 1000, maxRetries: 1 })), {
      ready: () => server.requests.length > 0,
    });
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, attempts: 2 });
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/items timed out after 1000 ms \(2 attempts/,
    );
    expect(server.requests).toHaveLength(2);
  });

  it("bounds the read of the body: a body that stalls fails once the call's time is spent", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"items": [');
    });
    const error = await settle(failureOf(client.GET("/items", { timeout: 1000 })), {
      ready: () => server.requests.length > 0,
    });
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, attempts: 1 });
    expect((error as Error).message).toContain("timed out after 1000 ms");
    expect((error as Error).message).toContain("the rest of the response body");
  });

  it("bounds the wait for credentials a provider returns asynchronously: nothing sent", async () => {
    useFakeClock();
    const key = apiKeyAuth();
    const slowAuth: Authorizer = { ...key, authorize: () => new Promise<void>(() => {}) };
    const { client, server } = await clientAgainst(() => {}, { auth: slowAuth });
    const error = await settle(failureOf(client.GET("/items", { timeout: 1000 })));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, attempts: 0 });
    expect((error as Error).message).toContain("timed out after 1000 ms waiting for its credentials");
    expect(server.requests).toHaveLength(0);
  });

  it("bounds a service's recovery (a session refresh) of a failed response", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst((_req, res) => sendJson(res, 401, {}), {
      recover: () => new Promise<Headers | undefined>(() => {}),
    });
    const error = await settle(failureOf(client.GET("/items", { timeout: 1000 })), {
      ready: () => server.requests.length > 0,
    });
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000 });
    expect((error as Error).message).toContain("timed out after 1000 ms waiting for new credentials");
  });

  it("holds for concurrent calls each with its own: one times out while the other, slower than it, succeeds", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst((req, res) => {
      if (req.url!.includes("q=slow")) setTimeout(() => sendJson(res, 200, { slow: true }), 2000);
    });
    const short = failureOf(client.GET("/items", { params: { query: { q: "fast" } }, timeout: 1000, maxRetries: 0 }));
    const long = client.GET("/items", { params: { query: { q: "slow" } }, timeout: 5000, maxRetries: 0 });
    const [error, result] = await settle(Promise.all([short, long]), { ready: () => server.requests.length === 2 });
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, attempts: 1 });
    expect(result.data).toEqual({ slow: true });
  });
});

describe("a call's maxRetries and retryNonIdempotent", () => {
  it("maxRetries: 0 on one call sends it once; the client's next call retries as the client says", async () => {
    const { client, server } = await clientAgainst(unavailable, { maxRetries: 2 });
    expect((await client.GET("/items", { maxRetries: 0 })).response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect((await client.GET("/items")).response.status).toBe(503);
    expect(server.requests).toHaveLength(4);
  });

  it("concurrent calls with different maxRetries each retry as often as they said, and no more", async () => {
    const { client, server } = await clientAgainst(unavailable);
    const sent = (q: string) => server.requests.filter((request) => request.url.endsWith(`q=${q}`)).length;
    await Promise.all([
      client.GET("/items", { params: { query: { q: "none" } }, maxRetries: 0 }),
      client.GET("/items", { params: { query: { q: "one" } }, maxRetries: 1 }),
      client.GET("/items", { params: { query: { q: "five" } }, maxRetries: 5 }),
      client.GET("/items", { params: { query: { q: "client" } } }),
    ]);
    expect([sent("none"), sent("one"), sent("five"), sent("client")]).toEqual([1, 2, 6, 3]);
  });

  it("retryNonIdempotent on one POST retries it; the client's next POST is sent once", async () => {
    const { client, server } = await clientAgainst(unavailable, { maxRetries: 1 });
    expect((await client.POST("/items", { body: { n: 1 }, retryNonIdempotent: true })).response.status).toBe(503);
    expect(server.requests.map((request) => request.body.toString())).toEqual(['{"n":1}', '{"n":1}']);
    await client.POST("/items", { body: { n: 2 } });
    expect(server.requests).toHaveLength(3);
  });

  it("retryNonIdempotent: false on one call holds over a client that retries POSTs", async () => {
    const { client, server } = await clientAgainst(unavailable, { maxRetries: 1, retryNonIdempotent: true });
    await client.POST("/items", { body: {}, retryNonIdempotent: false });
    expect(server.requests).toHaveLength(1);
  });

  it("hold through a page helper's calls, when the caller passes them with the page's init", async () => {
    let pages = 0;
    const { client, server } = await clientAgainst((req, res, raw) =>
      pages++ === 0 ? sendJson(res, 200, [{ id: 1 }, { id: 2 }]) : unavailable(req, res, raw),
    );
    const pagination = {
      style: "offset",
      in: "query",
      offset: "offset",
      limit: "q",
      items: "items",
      pageSize: 2,
    } as const;
    const items = paginate<{ id: number }, { maxRetries: number }>(pagination, (init) => client.GET("/items", init), {
      maxRetries: 0,
    });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const item of items) seen.push(item.id);
    })().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(seen).toEqual([1, 2]);
    expect(error).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(2); // the failed page was not retried
  });
});

describe("a call's maxResponseBytes", () => {
  const hundredBytes: Handler = (_req, res) => sendJson(res, 200, { pad: "x".repeat(90) });

  it("bounds that call's body; the client's next call reads the same body whole", async () => {
    const { client } = await clientAgainst(hundredBytes);
    const error = await failureOf(client.GET("/items", { maxResponseBytes: 50 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ maxBytes: 50 });
    expect((await client.GET("/items")).data).toEqual({ pad: "x".repeat(90) });
  });

  it("raises a client's limit for one call", async () => {
    const { client } = await clientAgainst(hundredBytes, { maxResponseBytes: 50 });
    await expect(client.GET("/items")).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect((await client.GET("/items", { maxResponseBytes: 1000 })).data).toEqual({ pad: "x".repeat(90) });
  });
});

describe("a call's settings as the transport and middleware see them", () => {
  it("null leaves each unset: the client's hold", async () => {
    const { client, server } = await clientAgainst(unavailable, { maxRetries: 1 });
    await client.GET("/items", { timeout: null, maxRetries: null, retryNonIdempotent: null, maxResponseBytes: null });
    expect(server.requests).toHaveLength(2);
  });

  it("are never given to fetch, and hold when a middleware (the client's or the call's) changes the request", async () => {
    const inits: RequestInit[] = [];
    const { client, server } = await clientAgainst(unavailable, {
      fetch: (url, init) => {
        inits.push(init!);
        return globalThis.fetch(url, init);
      },
    });
    client.use({ onRequest: ({ request }) => void request.headers.set("X-Client-Middleware", "1") });
    const middleware = [{ onRequest: ({ request }: { request: Request }) => void request.headers.set("X-Call", "1") }];
    await client.GET("/items", { maxRetries: 0, timeout: 5000, middleware });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers).toMatchObject({ "x-client-middleware": "1", "x-call": "1" });
    for (const name of ["timeout", "maxRetries", "retryNonIdempotent", "maxResponseBytes"])
      expect((inits[0] as Record<string, unknown>)[name]).toBeUndefined();
  });

  it("a middleware that replaces the request with a fetch Request still fails the call, settings or none", async () => {
    const { client, server } = await clientAgainst(unavailable);
    client.use({ onRequest: ({ request }) => new Request(request) });
    const error = await failureOf(client.GET("/items", { maxRetries: 0, timeout: 5000 }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain("A middleware replaced the request of a keyway client");
    expect(server.requests).toHaveLength(0);
  });
});

describe("a call's setting that cannot be used", () => {
  const SETTINGS = ["timeout", "maxRetries", "retryNonIdempotent", "maxResponseBytes"] as const;

  it("is refused before anything is sent, naming the call and the setting, never quoting a secret", async () => {
    const { client, server } = await clientAgainst(unavailable);
    for (const [name, value, says] of [
      ["timeout", 0, "timeout must be a positive number of milliseconds, got 0"],
      ["timeout", "5s", 'timeout must be a positive number of milliseconds, got "5s"'],
      ["timeout", 2 ** 31, "timeout must be at most 2147483647 ms (a timer's longest wait), got 2147483648"],
      ["maxRetries", 1.5, "maxRetries must be a whole number of retries (0 or more), got 1.5"],
      ["maxRetries", SECRET, "maxRetries must be a whole number of retries (0 or more), got a string"],
      ["retryNonIdempotent", "false", "retryNonIdempotent is a string, not true or false"],
      ["maxResponseBytes", 0, "maxResponseBytes must be a whole number of bytes (1 or more) or Infinity, got 0"],
    ] as const) {
      const error = await failureOf(client.GET("/items/{id}", { params: { path: { id: "1" } }, [name]: value }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toBe(`GET /items/{id}: ${says}`);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("is refused by a call exactly when a client refuses it, in the same words", async () => {
    const { client, server } = await clientAgainst((_req, res) => sendJson(res, 200, {}));
    const refusalOf = (make: () => unknown) => {
      try {
        make();
        return undefined;
      } catch (error) {
        return error instanceof ConfigurationError ? error.message : String(error);
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SETTINGS), fc.anything(), async (name, value) => {
        if (value === undefined) return;
        const byClient = refusalOf(() =>
          createApiClient({ meta, baseUrl: server.url, auth: apiKeyAuth(), [name]: value }),
        );
        // A value taken may still fail the call (a timeout of 1 ms): only a refusal counts here.
        const byCall = await client.GET("/items", { [name]: value }).then(
          () => undefined,
          (error: unknown) => (error instanceof ConfigurationError ? error.message : undefined),
        );
        expect(byCall).toBe(byClient?.replace(/^createApiClient: /, "GET /items: "));
        expect(byCall ?? "").not.toContain("MARKER");
      }),
      { numRuns: 200 },
    );
  });
});

// The client's type of a call takes them as written (openapi-fetch lets any other key through too).
export function typed(client: ReturnType<typeof createApiClient<Paths>>["client"]) {
  return client.GET("/items", { timeout: 5_000, maxRetries: 0, retryNonIdempotent: false, maxResponseBytes: 1024 });
}
