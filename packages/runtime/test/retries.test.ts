import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { InternalServerError, RateLimitError, unwrap, type RetryEvent } from "../src/index.js";
import { clientAgainst, settle, useFakeClock } from "./harness.js";

/** Answers each request with the next status of the script (the last one repeats), recording when it arrived. */
function scripted(statuses: number[], headers: Record<string, string> = {}) {
  const arrivals: number[] = [];
  let i = 0;
  const handler = (_req: unknown, res: import("node:http").ServerResponse) => {
    arrivals.push(Date.now());
    const status = statuses[Math.min(i++, statuses.length - 1)]!;
    sendJson(res, status, status === 200 ? { ok: true } : { error: `status ${status}` }, status === 200 ? {} : headers);
  };
  return { handler, arrivals };
}

describe("retry policy", () => {
  it("429 with Retry-After: 1 is retried once after at least 1 s", async () => {
    useFakeClock();
    const { handler, arrivals } = scripted([429, 200], { "retry-after": "1" });
    const retries: RetryEvent[] = [];
    const { client, server } = await clientAgainst(handler, { hooks: { onRetry: (e) => retries.push(e) } });
    const { data } = await settle(client.GET("/items"));
    expect(data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
    expect(retries).toEqual([expect.objectContaining({ reason: "status 429", delayMs: 1000, attempt: 1 })]);
  });

  it("Retry-After as an HTTP date and retry-after-ms are honored (up to 60 s)", async () => {
    useFakeClock();
    const delays: number[] = [];
    let i = 0;
    const { client } = await clientAgainst(
      (_req, res) => {
        const step = i++;
        if (step === 0) return sendJson(res, 503, {}, { "retry-after": new Date(Date.now() + 5000).toUTCString() });
        if (step === 1) return sendJson(res, 503, {}, { "retry-after-ms": "1500" });
        sendJson(res, 200, {});
      },
      { hooks: { onRetry: (e) => delays.push(e.delayMs) } },
    );
    await settle(client.GET("/items"));
    // An HTTP date has 1 s resolution, and a little fake time passes while the response travels.
    expect(delays[0]).toBeGreaterThanOrEqual(3900);
    expect(delays[0]).toBeLessThanOrEqual(5000);
    expect(delays[1]).toBe(1500);
  });

  it("a Retry-After over 60 s is not honored: exponential backoff is used instead", async () => {
    useFakeClock();
    const delays: number[] = [];
    const { handler } = scripted([429, 200], { "retry-after": "3600" });
    const { client } = await clientAgainst(handler, { hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    await settle(client.GET("/items"));
    expect(delays[0]).toBeGreaterThanOrEqual(375);
    expect(delays[0]).toBeLessThanOrEqual(500);
  });

  it.each([
    ["-1", "backoff"],
    ["+5", "backoff"],
    ["soon", "backoff"],
    ["5abc", "backoff"],
    ["2, 2", 2000], // the header sent twice (by the app and a proxy), joined by fetch
    ["3, 7", 3000],
  ])("Retry-After %j: waits %s", async (retryAfter, expected) => {
    useFakeClock();
    const delays: number[] = [];
    const { handler } = scripted([503, 200], { "retry-after": retryAfter });
    const { client } = await clientAgainst(handler, { hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    await settle(client.GET("/items"));
    if (expected === "backoff") {
      // Date.parse reads each of these as a date long past, which asked for no wait at all: a retry storm.
      expect(delays[0]).toBeGreaterThanOrEqual(375);
      expect(delays[0]).toBeLessThanOrEqual(500);
    } else expect(delays).toEqual([expected]);
  });

  it("503 twice, then 200: success on the 3rd attempt (maxRetries defaults to 2)", async () => {
    useFakeClock();
    const { handler } = scripted([503, 503, 200]);
    const { client, server } = await clientAgainst(handler);
    const data = await settle(unwrap(client.GET("/items")));
    expect(data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it("503 three times: the 3rd response is returned as a typed error after 2 retries", async () => {
    useFakeClock();
    const { handler } = scripted([503]);
    const { client, server } = await clientAgainst(handler);
    const failure = settle(unwrap(client.GET("/items")));
    await expect(failure).rejects.toBeInstanceOf(InternalServerError);
    await expect(failure).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it("backoff starts near 0.5 s, doubles, and stays under the 8 s cap, with jitter", async () => {
    useFakeClock();
    const delays: number[] = [];
    const { handler } = scripted([500]);
    const { client } = await clientAgainst(handler, {
      maxRetries: 6,
      hooks: { onRetry: (e) => delays.push(e.delayMs) },
    });
    await settle(client.GET("/items"));
    const ceilings = [500, 1000, 2000, 4000, 8000, 8000];
    expect(delays).toHaveLength(6);
    delays.forEach((delay, i) => {
      expect(delay).toBeLessThanOrEqual(ceilings[i]!);
      expect(delay).toBeGreaterThanOrEqual(ceilings[i]! * 0.75);
    });
  });

  it("408, 409, 429 and 500–599 are retried; 400, 401, 403, 404 and 422 are not", async () => {
    for (const status of [408, 409, 429, 500, 502, 599]) {
      useFakeClock();
      const { handler } = scripted([status, 200]);
      const { client, server } = await clientAgainst(handler);
      await settle(client.GET("/items"));
      expect(server.requests, `status ${status}`).toHaveLength(2);
    }
    for (const status of [400, 401, 403, 404, 422]) {
      const { handler } = scripted([status, 200]);
      const { client, server } = await clientAgainst(handler);
      await client.GET("/items");
      expect(server.requests, `status ${status}`).toHaveLength(1);
    }
  });

  it("POST on 503 is not retried by default", async () => {
    const { handler } = scripted([503, 200]);
    const { client, server } = await clientAgainst(handler);
    const { error, response } = await client.POST("/items", { body: { name: "a" } });
    expect(response.status).toBe(503);
    expect(error).toEqual({ error: "status 503" });
    expect(server.requests).toHaveLength(1);
  });

  it("POST on 503 is retried once when the caller opts in with retryNonIdempotent", async () => {
    useFakeClock();
    const { handler } = scripted([503, 200]);
    const { client, server } = await clientAgainst(handler, { retryNonIdempotent: true });
    const { data } = await settle(client.POST("/items", { body: { name: "a" } }));
    expect(data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it("a POST the spec marks idempotent (x-keyway-idempotent) is retried by default", async () => {
    useFakeClock();
    const { handler } = scripted([503, 200]);
    const { client, server } = await clientAgainst(handler);
    await settle(client.POST("/items/search", { body: {} }));
    expect(server.requests).toHaveLength(2);
  });

  it("PUT and DELETE are retried as idempotent methods", async () => {
    useFakeClock();
    const { handler } = scripted([503, 200, 503, 200]);
    const { client, server } = await clientAgainst(handler);
    await settle(client.PUT("/items/{id}", { params: { path: { id: "1" } }, body: {} }));
    await settle(client.DELETE("/items/{id}", { params: { path: { id: "1" } } }));
    expect(server.requests.map((r) => r.method)).toEqual(["PUT", "PUT", "DELETE", "DELETE"]);
  });

  it("maxRetries: 0 turns retries off; x-should-retry: false vetoes a retry", async () => {
    const { handler } = scripted([429, 200]);
    const { client, server } = await clientAgainst(handler, { maxRetries: 0 });
    await expect(unwrap(client.GET("/items"))).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);

    const vetoed = scripted([503, 200], { "x-should-retry": "false" });
    const second = await clientAgainst(vetoed.handler);
    await second.client.GET("/items");
    expect(second.server.requests).toHaveLength(1);
  });

  it("x-should-retry sent twice counts by its first value, as Retry-After does", async () => {
    useFakeClock();
    /** Answers with `status` and two x-should-retry header lines, then 200. */
    const twice = (status: number, values: [string, string]) => {
      let i = 0;
      return (_req: unknown, res: import("node:http").ServerResponse) => {
        if (i++ > 0) return sendJson(res, 200, { ok: true });
        res.setHeader("x-should-retry", values);
        sendJson(res, status, { error: "once" });
      };
    };
    const asked = await clientAgainst(twice(400, ["true", "true"]));
    expect((await settle(asked.client.GET("/items"))).data).toEqual({ ok: true });
    expect(asked.server.requests).toHaveLength(2);
    const vetoed = await clientAgainst(twice(503, ["false", "true"]));
    expect((await settle(vetoed.client.GET("/items"))).response.status).toBe(503);
    expect(vetoed.server.requests).toHaveLength(1);
  });

  it("hooks that throw or reject, sync or async, neither fail the call nor leave an unhandled rejection", async () => {
    useFakeClock();
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const { handler } = scripted([503, 200]);
      const seen: string[] = [];
      const failing = (name: string) => async () => {
        seen.push(name);
        throw new Error(`${name} hook: the metrics backend is down`);
      };
      const { client } = await clientAgainst(handler, {
        hooks: {
          onRequest: failing("onRequest"),
          onRetry: () => {
            seen.push("onRetry");
            throw new Error("onRetry hook: the log is full");
          },
          onResponse: failing("onResponse"),
        },
      });
      const { response } = await settle(client.GET("/items"));
      expect(response.status).toBe(200);
      expect(seen).toEqual(["onRequest", "onResponse", "onRetry", "onRequest", "onResponse"]);
      await new Promise((resolve) => setImmediate(resolve)); // unhandled rejections are reported after a turn
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  it("rejects invalid settings with a clear error", async () => {
    await expect(clientAgainst(() => {}, { maxRetries: -1 })).rejects.toThrow(/maxRetries must be a whole number/);
    await expect(clientAgainst(() => {}, { timeout: 0 })).rejects.toThrow(/timeout must be a positive number/);
  });
  it("refuses a timeout longer than a timer can wait, which runtimes would fire at once", async () => {
    await expect(clientAgainst(() => {}, { timeout: 2 ** 31 })).rejects.toThrow(
      "timeout must be at most 2147483647 ms (a timer's longest wait), got 2147483648",
    );
    const { client } = await clientAgainst((_req, res) => res.end("{}"), { timeout: 2 ** 31 - 1 });
    expect((await client.GET("/items")).response.status).toBe(200);
  });
  it("quotes a setting given as a string, so that it does not read as the number it was meant to be", async () => {
    const fromEnvironment = { timeout: "1000", maxRetries: "2" } as unknown as { timeout: number; maxRetries: number };
    await expect(clientAgainst(() => {}, { timeout: fromEnvironment.timeout })).rejects.toThrow(
      'timeout must be a positive number of milliseconds, got "1000"',
    );
    await expect(clientAgainst(() => {}, { maxRetries: fromEnvironment.maxRetries })).rejects.toThrow(
      'maxRetries must be a whole number of retries (0 or more), got "2"',
    );
  });
  it("a retried 503 whose body never ends does not hold its connection: the body is canceled before the retry", async () => {
    let unfinishedClosed: Promise<void> | undefined;
    let seen = 0;
    const { client, server } = await clientAgainst((_req, res) => {
      if (seen++ > 0) return sendJson(res, 200, { ok: true });
      res.writeHead(503, { "content-type": "text/html", "retry-after": "0" });
      res.write("<html><body>busy"); // and never ends
      unfinishedClosed = new Promise((resolve) => res.on("close", () => resolve()));
    });
    const { data } = await client.GET("/items");
    expect(data).toEqual({ ok: true });
    await expect(unfinishedClosed).resolves.toBeUndefined();
    // Closed by the client, not cut by the test server's own deadline for a handler that never ends its response.
    expect(server.errors).toEqual([]);
  }, 10_000);
});
