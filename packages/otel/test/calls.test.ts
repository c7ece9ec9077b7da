import { sendJson } from "@keyway/test-server";
import { NotFoundError, RequestAbortedError, RequestTimeoutError, unwrap } from "@keyway/stacker";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { INTEGRATION_KEY, RECORD, RECORD_PARAMS, tracedStacker } from "./fixtures.js";
import { attemptsOf, spanNamed } from "./setup.js";

const params = RECORD_PARAMS;

describe("one INTERNAL span per API call, over a CLIENT span per request it sent", () => {
  it("a success: named by the operation's template, with the HTTP semantic-convention and keyway attributes", async () => {
    const { stacker, server, port } = await tracedStacker((_req, res) =>
      sendJson(res, 200, { _sid: "rec7wzphqrc9w7rii7h" }),
    );
    await unwrap(
      stacker.GET(RECORD.slice(4) as "/api/external/objects/{object_sid}/records/{record_sid}/", { params }),
    );

    const span = spanNamed(RECORD);
    expect(span.kind).toBe(SpanKind.INTERNAL);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    const request = {
      "http.request.method": "GET",
      "url.template": "/api/external/objects/{object_sid}/records/{record_sid}/",
      "server.address": "127.0.0.1",
      "server.port": port,
      "url.full": `${server.url}/api/external/objects/object.custom.orders/records/rec7wzphqrc9w7rii7h/`,
      "http.response.status_code": 200,
    };
    expect(span.attributes).toEqual({
      ...request,
      "keyway.operation.id": "getRecord",
      "keyway.service": "stacker",
      "keyway.security.schemes": ["IntegrationKey", "AccountId", "StackId"],
    });
    expect(attemptsOf(span).map((a) => [a.name, a.kind, a.attributes])).toEqual([
      [RECORD, SpanKind.CLIENT, { ...request, "keyway.attempt": 1 }],
    ]);
    expect(server.requests[0]!.headers).not.toHaveProperty("traceparent");
  });

  it("the security schemes are the ones the operation used: /hello/ sends only the integration key", async () => {
    const { stacker } = await tracedStacker((_req, res) => sendJson(res, 200, { message: "hi" }));
    await stacker.GET("/api/external/hello/");
    expect(spanNamed("GET /api/external/hello/").attributes["keyway.security.schemes"]).toEqual(["IntegrationKey"]);
  });

  it("a 404: status ERROR, error.type is the typed error's name, the exception message names the call without the body", async () => {
    const { stacker, server } = await tracedStacker((_req, res) =>
      sendJson(res, 404, { detail: `no such record for ${INTEGRATION_KEY}` }, { "x-request-id": "req_42" }),
    );
    await expect(
      unwrap(stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", { params })),
    ).rejects.toBeInstanceOf(NotFoundError);

    const span = spanNamed(RECORD);
    expect(span.attributes["http.response.status_code"]).toBe(404);
    expect(span.attributes["error.type"]).toBe("NotFoundError");
    const message = `GET ${server.url}/api/external/objects/object.custom.orders/records/rec7wzphqrc9w7rii7h/ answered 404 (request id req_42)`;
    // The status code says why: no status description (semantic conventions); the event has the message.
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(span.events.map((e) => [e.name, e.attributes])).toEqual([
      ["exception", { "exception.type": "NotFoundError", "exception.message": message }],
    ]);
    expect(attemptsOf(span).map((a) => [a.attributes["error.type"], a.status.code])).toEqual([
      ["404", SpanStatusCode.ERROR],
    ]);
  });

  it("a retried 503: one call span with resend_count 1, a retry event with its delay, and a CLIENT span per attempt", async () => {
    let calls = 0;
    const { stacker } = await tracedStacker((_req, res) =>
      calls++ === 0
        ? sendJson(res, 503, { detail: "busy" }, { "retry-after-ms": "5" })
        : sendJson(res, 200, { _sid: "rec7wzphqrc9w7rii7h" }),
    );
    await unwrap(stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", { params }));

    const span = spanNamed(RECORD);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toMatchObject({ "http.response.status_code": 200, "http.request.resend_count": 1 });
    expect(span.attributes).not.toHaveProperty("error.type");
    expect(span.events.map((e) => [e.name, e.attributes])).toEqual([
      ["keyway.retry", { "keyway.retry.attempt": 1, "keyway.retry.reason": "status 503", "keyway.retry.delay_ms": 5 }],
    ]);
    // Each attempt's own attributes: test/client-span-per-request.test.ts.
    expect(attemptsOf(span).map((a) => [a.name, a.kind, a.status.code])).toEqual([
      [RECORD, SpanKind.CLIENT, SpanStatusCode.ERROR],
      [RECORD, SpanKind.CLIENT, SpanStatusCode.UNSET],
    ]);
  });

  it("a timeout: RequestTimeoutError on the call span, each attempt marked timeout", async () => {
    const { stacker } = await tracedStacker(() => new Promise(() => {}), { timeout: 50, maxRetries: 1 });
    await expect(
      stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", { params }),
    ).rejects.toBeInstanceOf(RequestTimeoutError);

    const span = spanNamed(RECORD);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toMatch(/timed out after 50 ms \(2 attempts\)$/);
    expect(span.attributes["error.type"]).toBe("RequestTimeoutError");
    expect(span.attributes["http.request.resend_count"]).toBe(1);
    expect(span.attributes).not.toHaveProperty("http.response.status_code");
    expect(attemptsOf(span).map((a) => a.attributes["error.type"])).toEqual(["timeout", "timeout"]);
  });

  it("an abort: RequestAbortedError on the call span, the attempt in flight marked aborted", async () => {
    const controller = new AbortController();
    const { stacker, server } = await tracedStacker(() => {
      controller.abort();
      return new Promise(() => {});
    });
    await expect(
      stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", { params, signal: controller.signal }),
    ).rejects.toBeInstanceOf(RequestAbortedError);
    expect(server.requests).toHaveLength(1);

    const span = spanNamed(RECORD);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes["error.type"]).toBe("RequestAbortedError");
    expect(attemptsOf(span).map((a) => a.attributes["error.type"])).toEqual(["aborted"]);
  });

  it("query values never reach url.full", async () => {
    const { stacker, server } = await tracedStacker((_req, res) => sendJson(res, 200, []));
    await stacker.GET("/api/external/objects/{object_sid}/fields/", {
      params: { path: { object_sid: "object.custom.orders" } },
      querySerializer: () => "email=ada%40example.com&token=abc",
    } as never);
    expect(server.requests[0]!.url).toContain("email=ada%40example.com");
    const span = spanNamed("GET /api/external/objects/{object_sid}/fields/");
    const redacted = `${server.url}/api/external/objects/object.custom.orders/fields/?email=REDACTED&token=REDACTED`;
    expect([span, ...attemptsOf(span)].map((each) => each.attributes["url.full"])).toEqual([redacted, redacted]);
  });
});
