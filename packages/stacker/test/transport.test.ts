import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { ConfigurationError, RequestTimeoutError, searchAll } from "../src/index.js";
import { stackerAgainst } from "./setup.js";

/** 503 (asking for an immediate retry, so nothing waits) for the first `failures` requests, then 200. */
function flaky(failures: number, body: unknown = { records: [] }) {
  let seen = 0;
  return (_req: unknown, res: import("node:http").ServerResponse) =>
    seen++ < failures ? sendJson(res, 503, { detail: "busy" }, { "retry-after": "0" }) : sendJson(res, 200, body);
}

describe("Stacker uses the shared transport's defaults", () => {
  it("retries a GET on 503 up to 2 times (maxRetries default 2)", async () => {
    const { stacker, server } = await stackerAgainst(flaky(2, { message: "hello" }));
    const { data } = await stacker.GET("/api/external/hello/");
    expect(data).toEqual({ message: "hello" });
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a record create (POST) by default, and does for a call made through withOptions({ retryNonIdempotent: true })", async () => {
    const { stacker, server } = await stackerAgainst(flaky(1, { _sid: "rec7wzphqrc9w7rii7h" }));
    const params = { path: { object_sid: "object.custom.orders" } };
    const first = await stacker.POST("/api/external/objects/{object_sid}/records/", {
      params,
      body: { orders__status: "new" },
    });
    expect(first.response.status).toBe(503);
    const second = await stacker
      .withOptions({ retryNonIdempotent: true })
      .POST("/api/external/objects/{object_sid}/records/", { params, body: { orders__status: "new" } });
    expect(second.data).toEqual({ _sid: "rec7wzphqrc9w7rii7h" });
    expect(server.requests).toHaveLength(2);
  });

  it("retries a search although it is a POST: the spec marks it x-keyway-idempotent", async () => {
    const { stacker, server } = await stackerAgainst(flaky(1));
    const { data } = await stacker.POST("/api/external/objects/{object_sid}/search/", {
      params: { path: { object_sid: "object.custom.orders" } },
      body: {},
    });
    expect(data).toEqual({ records: [] });
    expect(server.requests).toHaveLength(2);
  });

  it("a call takes its own retryNonIdempotent and maxRetries, for that call only", async () => {
    const { stacker, server } = await stackerAgainst(flaky(1, { _sid: "rec7wzphqrc9w7rii7h" }));
    const params = { path: { object_sid: "object.custom.orders" } };
    const created = await stacker.POST("/api/external/objects/{object_sid}/records/", {
      params,
      body: { orders__status: "new" },
      retryNonIdempotent: true,
    });
    expect(created.data).toEqual({ _sid: "rec7wzphqrc9w7rii7h" });
    expect(server.requests).toHaveLength(2);
    const again = await stackerAgainst(flaky(3, { message: "hello" }));
    expect((await again.stacker.GET("/api/external/hello/", { maxRetries: 0 })).response.status).toBe(503);
    expect((await again.stacker.GET("/api/external/hello/")).data).toEqual({ message: "hello" });
    expect(again.server.requests).toHaveLength(4); // 1, then 3 (the client's 2 retries)
  });

  it("searchAll passes a call's settings to every page's call", async () => {
    const { stacker, server } = await stackerAgainst(flaky(5));
    const failure = await (async () => {
      for await (const _record of searchAll(stacker, "object.custom.orders", {}, { maxRetries: 0 })) break;
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it("a call's setting that cannot be used is refused naming the call, before anything is sent", async () => {
    const { stacker, server } = await stackerAgainst(flaky(0));
    await expect(stacker.GET("/api/external/hello/", { timeout: -1 })).rejects.toThrow(
      new ConfigurationError("GET /api/external/hello/: timeout must be a positive number of milliseconds, got -1"),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("withOptions sets a per-call timeout and retry count (a 200 ms timeout, no retries)", async () => {
    const { stacker, server } = await stackerAgainst(() => {});
    const call = stacker.withOptions({ timeout: 200, maxRetries: 0 }).GET("/api/external/hello/");
    await expect(call).rejects.toBeInstanceOf(RequestTimeoutError);
    await expect(call).rejects.toMatchObject({ timeoutMs: 200, attempts: 1 });
    // On a loaded machine the one attempt may time out before the server has read it.
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });
});
