import type { ServerResponse } from "node:http";
import type { Handler } from "@keyway/test-server";
import { describe, expect, it, vi } from "vitest";
import { RequestAbortedError, RequestTimeoutError, type Authorizer, type RetryEvent } from "../src/index.js";
import { apiKeyAuth, clientAgainst, SECRET, settle, useFakeClock } from "./harness.js";

describe("timeouts and aborts", () => {
  it("a server that accepts and never answers: a RequestTimeoutError after the 1000 ms timeout, on each of the 3 attempts", async () => {
    useFakeClock();
    const attemptStarts: number[] = [];
    const attemptEnds: number[] = [];
    const retries: RetryEvent[] = [];
    const { client, server } = await clientAgainst(() => {}, {
      timeout: 1000,
      hooks: {
        onRequest: () => attemptStarts.push(Date.now()),
        onRetry: (e) => {
          attemptEnds.push(Date.now());
          retries.push(e);
        },
      },
    });
    const started = Date.now();
    const everyAttemptServed = () => server.requests.length === attemptStarts.length;
    const error = await settle(client.GET("/items"), { ready: everyAttemptServed }).then(
      () => expect.fail("expected a timeout"),
      (e: unknown) => e as RequestTimeoutError,
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, attempts: 3, method: "GET" });
    expect(error.message).toMatch(/timed out after 1000 ms \(3 attempts\)/);
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => r.reason)).toEqual(["timeout", "timeout"]);
    // Each attempt waited its own full timeout, then the backoff, before the next one started.
    attemptEnds.forEach((end, i) => {
      expect(end - attemptStarts[i]!).toBeGreaterThanOrEqual(1000);
      expect(attemptStarts[i + 1]! - end).toBeGreaterThanOrEqual(retries[i]!.delayMs);
    });
    expect(Date.now() - attemptStarts[2]!).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it("a fresh timer for each attempt: a slow first attempt does not shorten the second", async () => {
    useFakeClock();
    let attempt = 0;
    const { client } = await clientAgainst(
      (_req, res) => {
        if (attempt++ === 0) return; // never answers
        setTimeout(() => res.end("{}"), 800); // answers within its own 1000 ms
      },
      { timeout: 1000 },
    );
    const { response } = await settle(client.GET("/items"));
    expect(response.status).toBe(200);
  });

  it("a body that stalls after the headers: a RequestTimeoutError once the attempt's 1000 ms are spent, not retried, its connection closed", async () => {
    useFakeClock();
    let closed = false;
    const { client, server } = await clientAgainst(
      (_req, res) => {
        res.on("close", () => (closed = true));
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" }).write('{"items": [');
      },
      { timeout: 1000 },
    );
    const started = Date.now();
    const error = await settle(client.GET("/items"), {
      ready: () => server.requests.length === 1,
      limitMs: 5000,
    }).then(
      () => expect.fail("expected a timeout"),
      (e: unknown) => e as RequestTimeoutError,
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, attempts: 1, method: "GET", url: `${server.url}/items` });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(server.requests).toHaveLength(1);
    for (let turn = 0; !closed && turn < 10_000; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  it("a failed response whose body stalls times out the same way (openapi-fetch reads error bodies too)", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst(
      (_req, res) => void res.writeHead(404, { "content-type": "application/json" }).write('{"detail": "no'),
      { timeout: 1000 },
    );
    await expect(
      settle(client.GET("/items/{id}", { params: { path: { id: "7" } } }), {
        ready: () => server.requests.length === 1,
        limitMs: 5000,
      }),
    ).rejects.toMatchObject({ name: "RequestTimeoutError", url: `${server.url}/items/7`, attempts: 1 });
  });

  it("the timeout spans the headers and the body: headers after 600 ms and the rest of the body 600 ms later is too late", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst(answerInTwoParts(600, 600), { timeout: 1000, maxRetries: 0 });
    await expect(settle(client.GET("/items"), { ready: () => server.requests.length === 1 })).rejects.toBeInstanceOf(
      RequestTimeoutError,
    );
  });

  it("the timeout spans an attempt's redirects: five hops of 400 ms each are too late for 1000 ms", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst(
      (_req, res) => {
        const hop = server.requests.length;
        setTimeout(() => {
          if (hop < 5) res.writeHead(307, { location: `/items?hop=${hop}` }).end();
          else res.end("{}");
        }, 400);
      },
      { timeout: 1000, maxRetries: 0 },
    );
    await expect(settle(client.GET("/items"))).rejects.toThrow(
      new RequestTimeoutError({ method: "GET", url: `${server.url}/items`, attempts: 1, timeoutMs: 1000 }),
    );
    expect(server.requests.length).toBeLessThanOrEqual(3); // sent at 0, 400 and 800 ms at most
  });

  it("a body that ends within the timeout is read", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst(answerInTwoParts(400, 400), { timeout: 1000 });
    const { data } = await settle(client.GET("/items"), { ready: () => server.requests.length === 1 });
    expect(data).toEqual([{ id: 1 }]);
  });

  // A deadline left running would abort the controller that the next call borrows while it is the client's only call.
  it.each([
    { name: "whose body it read", dropped: [] },
    { name: "through a retried 503 and a followed redirect", dropped: [503, 307] },
  ])(
    "a call $name leaves no deadline behind: a later call in flight when one would expire is unaffected",
    async ({ dropped }) => {
      useFakeClock();
      let firstCallOver = false;
      const { client, server } = await clientAgainst(
        (_req, res) => {
          const status = firstCallOver ? undefined : dropped[server.requests.length - 1];
          if (status !== undefined) return void res.writeHead(status, { location: "/items/moved" }).end();
          const delay = firstCallOver ? 800 : 0;
          setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end("[]"), delay);
        },
        { timeout: 1000 },
      );
      await settle(client.GET("/items"));
      expect(server.requests).toHaveLength(dropped.length + 1);
      firstCallOver = true;
      await vi.advanceTimersByTimeAsync(500);
      // In flight from 500 ms to 1300 ms after the first call: past a deadline it left, within its own.
      const { data } = await settle(client.GET("/items"), { ready: () => server.requests.length > dropped.length + 1 });
      expect(data).toEqual([]);
      expect(server.requests).toHaveLength(dropped.length + 2); // sent once: no timeout, no retry
    },
  );

  it('a body the caller streams (parseAs: "stream") is the caller\'s: the timeout ends with the headers', async () => {
    useFakeClock();
    let finish = () => {};
    const { client, server } = await clientAgainst(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" }).write("[");
        finish = () => res.end("]");
      },
      { timeout: 1000 },
    );
    const { data: body, response } = await settle(client.GET("/items", { parseAs: "stream" }), {
      ready: () => server.requests.length === 1,
    });
    await vi.advanceTimersByTimeAsync(5000);
    finish();
    expect(await new Response(body).text()).toBe("[]");
    expect(response.ok).toBe(true);
  });

  it("an abort by the caller is never retried and raises RequestAbortedError", async () => {
    const controller = new AbortController();
    const { client, server } = await clientAgainst(() => controller.abort());
    await expect(client.GET("/items", { signal: controller.signal })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(server.requests).toHaveLength(1);
  });

  it("an abort during a backoff wait stops at once, without another attempt", async () => {
    useFakeClock();
    const controller = new AbortController();
    const retries: RetryEvent[] = [];
    const { client, server } = await clientAgainst((_req, res: ServerResponse) => void res.writeHead(503).end(), {
      hooks: { onRetry: (e) => retries.push(e) },
    });
    const call = client.GET("/items", { signal: controller.signal });
    const outcome = call.then(
      () => "resolved",
      (e: unknown) => e,
    );
    while (retries.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const abortedAt = Date.now();
    controller.abort();
    const error = await outcome;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(Date.now() - abortedAt).toBe(0); // no fake time had to pass
    expect(retries[0]!.delayMs).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    const { client, server } = await clientAgainst(() => {});
    await expect(client.GET("/items", { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(server.requests).toHaveLength(0);
  });
  it("credentials a provider never hands over: a RequestTimeoutError once the timeout is spent, nothing sent", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst((_req, res) => res.end("{}"), {
      timeout: 1000,
      auth: slowAuth(() => new Promise<string>(() => {})),
    });
    const error = await settle(client.GET("/items", { params: { query: { q: "secret-query" } } })).then(
      () => expect.fail("expected a timeout"),
      (e: unknown) => e as RequestTimeoutError,
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, attempts: 0, method: "GET" });
    expect(error.message).toBe(
      `GET ${server.url}/items timed out after 1000 ms waiting for its credentials; nothing was sent`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("credentials a provider never hands over, the caller aborting: no timer of the wait is left to hold the process", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst((_req, res) => res.end("{}"), {
      timeout: 60_000,
      auth: slowAuth(() => new Promise<string>(() => {})),
    });
    const controller = new AbortController();
    const call = client.GET("/items", { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(await call).toBeInstanceOf(RequestAbortedError);
    expect(vi.getTimerCount()).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("credentials ready within the timeout: the attempt then gets its own full timeout", async () => {
    useFakeClock();
    let handedOver = false;
    const provider = () =>
      new Promise<string>((resolve) => setTimeout(() => resolve(SECRET), 800)).finally(() => (handedOver = true));
    const { client, server } = await clientAgainst((_req, res) => void setTimeout(() => res.end("{}"), 800), {
      timeout: 1000,
      auth: slowAuth(provider),
    });
    // The clock waits for the request to reach the server once the provider has handed the key over.
    const { response } = await settle(client.GET("/items"), {
      ready: () => !handedOver || server.requests.length === 1,
    });
    expect(response.status).toBe(200);
    expect(server.requests[0]!.headers["x-api-key"]).toBe(SECRET);
  });

  it("new credentials after a 401 that never come, the caller aborting: no timer of the wait is left", async () => {
    useFakeClock();
    let recovering = false;
    const { client } = await clientAgainst((_req, res) => void res.writeHead(401).end(), {
      timeout: 60_000,
      recover: () => ((recovering = true), new Promise<Headers>(() => {})),
    });
    const controller = new AbortController();
    const call = client.GET("/items", { signal: controller.signal }).catch((e: unknown) => e);
    while (!recovering) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(await call).toBeInstanceOf(RequestAbortedError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("new credentials after a 401 that never come (a session refresh that hangs): a RequestTimeoutError once the timeout is spent", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst((_req, res) => void res.writeHead(401).end(), {
      timeout: 1000,
      recover: () => new Promise<Headers>(() => {}),
    });
    const error = await settle(client.GET("/items")).then(
      () => expect.fail("expected a timeout"),
      (e: unknown) => e as RequestTimeoutError,
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error.message).toBe(
      `GET ${server.url}/items timed out after 1000 ms waiting for new credentials (1 attempt)`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("a provider that fails within the timeout fails the call with its own error", async () => {
    const refused = new Error("vault sealed");
    const { client, server } = await clientAgainst(() => {}, {
      timeout: 1000,
      auth: slowAuth(() => Promise.reject(refused)),
    });
    await expect(client.GET("/items")).rejects.toBe(refused);
    expect(server.requests).toHaveLength(0);
  });
});

/** Answers the headers and the start of a JSON array after `headersMs`, and the rest of it `restMs` later. */
function answerInTwoParts(headersMs: number, restMs: number): Handler {
  return (_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" }).write('[{"id": ');
      setTimeout(() => res.end("1}]"), restMs);
    }, headersMs);
  };
}

/** `apiKeyAuth` whose key comes from an async provider, as a vault or token endpoint hands it over. */
function slowAuth(provider: () => Promise<string>): Authorizer {
  const { headers, redactor } = apiKeyAuth();
  return {
    headers,
    redactor,
    async authorize(request) {
      request.headers.set("X-Api-Key", await provider());
    },
  };
}
