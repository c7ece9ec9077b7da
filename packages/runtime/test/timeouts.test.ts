import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { RequestAbortedError, RequestTimeoutError, type RetryEvent } from "../src/index.js";
import { clientAgainst, settle, useFakeClock } from "./harness.js";

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
});
