import { sendJson } from "@keyway/test-server";
import { unwrap } from "@keyway/stacker";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { RECORD, RECORD_PARAMS, RECORD_TEMPLATE, tracedStacker } from "./fixtures.js";
import { childrenOf, exporter, spanNamed } from "./setup.js";

describe("a CLIENT span per request sent, as the HTTP semantic conventions ask, under the INTERNAL span of the call", () => {
  it("a call retried once after a 503: two CLIENT children with their own request's attributes and traceparent", async () => {
    let calls = 0;
    const { stacker, server, port } = await tracedStacker(
      (_req, res) =>
        calls++ === 0
          ? sendJson(res, 503, { detail: "busy" }, { "retry-after-ms": "5" })
          : sendJson(res, 200, { _sid: "rec7wzphqrc9w7rii7h" }),
      { propagateContext: true },
    );
    await unwrap(stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", { params: RECORD_PARAMS }));

    const call = spanNamed(RECORD);
    expect(call.kind).toBe(SpanKind.INTERNAL);
    const requests = childrenOf(call);
    expect(exporter.getFinishedSpans()).toHaveLength(3);
    const request = {
      "http.request.method": "GET",
      "url.template": RECORD_TEMPLATE,
      "server.address": "127.0.0.1",
      "server.port": port,
      "url.full": `${server.url}/api/external/objects/object.custom.orders/records/rec7wzphqrc9w7rii7h/`,
    };
    expect(requests.map((span) => [span.name, span.kind, span.attributes, span.status])).toEqual([
      [
        RECORD,
        SpanKind.CLIENT,
        { ...request, "keyway.attempt": 1, "http.response.status_code": 503, "error.type": "503" },
        { code: SpanStatusCode.ERROR },
      ],
      [
        RECORD,
        SpanKind.CLIENT,
        { ...request, "keyway.attempt": 2, "http.request.resend_count": 1, "http.response.status_code": 200 },
        { code: SpanStatusCode.UNSET },
      ],
    ]);
    // The API's SERVER span of each request is the child of that request's CLIENT span.
    expect(server.requests.map((received) => received.headers.traceparent)).toEqual(
      requests.map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`),
    );
  });

  it("each redirect keyway follows: a CLIENT span of its own, named by its method, counted as a resend", async () => {
    let hops = 0;
    const { stacker, server, port } = await tracedStacker(
      (_req, res) => {
        if (hops++ === 0) {
          res.writeHead(303, { location: "/api/external/moved/?token=abc" });
          return res.end();
        }
        sendJson(res, 200, { _sid: "rec7wzphqrc9w7rii7h" });
      },
      { propagateContext: true },
    );
    await unwrap(stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", { params: RECORD_PARAMS }));

    const call = spanNamed(RECORD);
    // The call's URL is the one requested, before the redirect, as the conventions ask of a span around every attempt.
    expect(call.attributes).toMatchObject({
      "url.full": `${server.url}/api/external/objects/object.custom.orders/records/rec7wzphqrc9w7rii7h/`,
      "http.response.status_code": 200,
      "http.request.resend_count": 1,
    });
    const onServer = { "server.address": "127.0.0.1", "server.port": port };
    expect(childrenOf(call).map((span) => [span.name, span.kind, span.attributes, span.status])).toEqual([
      [
        RECORD,
        SpanKind.CLIENT,
        {
          "http.request.method": "GET",
          "url.template": RECORD_TEMPLATE,
          ...onServer,
          "url.full": `${server.url}/api/external/objects/object.custom.orders/records/rec7wzphqrc9w7rii7h/`,
          "keyway.attempt": 1,
          "http.response.status_code": 303,
        },
        { code: SpanStatusCode.UNSET },
      ],
      [
        "GET",
        SpanKind.CLIENT,
        {
          "http.request.method": "GET",
          ...onServer,
          // The hop's query values are the server's to choose: each is redacted.
          "url.full": `${server.url}/api/external/moved/?token=REDACTED`,
          "keyway.attempt": 1,
          "http.request.resend_count": 1,
          "http.response.status_code": 200,
        },
        { code: SpanStatusCode.UNSET },
      ],
    ]);
    expect(server.requests.map((received) => received.headers.traceparent)).toEqual(
      childrenOf(call).map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`),
    );
  });
});
