import { createStackerClient, unwrap } from "@keyway/stacker";
import { Redactor } from "@keyway/runtime";
import { sendJson } from "@keyway/test-server";
import { trace } from "@opentelemetry/api";
import { AlwaysOffSampler, BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { childrenOf, exporter, serverWith, spanNamed, tracer, tracerProvider } from "./setup.js";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: { "GET /items": { id: "listItems", security: [["ApiKey"]] } },
};

async function stackerWith(propagateContext: boolean | undefined) {
  const server = await serverWith((_req, res) => sendJson(res, 200, { message: "hi" }));
  const stacker = createStackerClient({
    integrationKey: "sk_MARKER_integration_5be0c1",
    baseUrl: server.url,
    instrumentation: openTelemetry({ tracerProvider, ...(propagateContext === undefined ? {} : { propagateContext }) }),
  });
  return { stacker, server };
}

describe("trace context propagation", () => {
  it("is off by default: no traceparent or tracestate leaves the process", async () => {
    const { stacker, server } = await stackerWith(undefined);
    await tracer.startActiveSpan("job", async (span) => {
      await unwrap(stacker.GET("/api/external/hello/"));
      span.end();
    });
    expect(server.requests[0]!.headers).not.toHaveProperty("traceparent");
    expect(server.requests[0]!.headers).not.toHaveProperty("tracestate");
  });

  it("when enabled, each request carries the traceparent of its attempt span", async () => {
    const { stacker, server } = await stackerWith(true);
    await unwrap(stacker.GET("/api/external/hello/"));
    const [attempt] = childrenOf(spanNamed("GET /api/external/hello/"));
    const { traceId, spanId } = attempt!.spanContext();
    expect(server.requests[0]!.headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(server.requests[0]!.headers).not.toHaveProperty("tracestate");
  });

  it("a call the sampler drops records nothing, and still tells the API it was not sampled", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 200, { message: "hi" }));
    const unsampled = new BasicTracerProvider({ sampler: new AlwaysOffSampler() });
    const stacker = createStackerClient({
      integrationKey: "sk_MARKER_integration_5be0c1",
      baseUrl: server.url,
      instrumentation: openTelemetry({ tracerProvider: unsampled, propagateContext: true }),
    });
    await unwrap(stacker.GET("/api/external/hello/"));
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(server.requests[0]!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  });

  it("is never added to a request for another origin than the client's base URL", () => {
    const client = openTelemetry({ tracerProvider, propagateContext: true }).instrumentClient({
      meta,
      baseUrl: "https://api.example.com",
      redactor: new Redactor(["X-Api-Key"]),
      service: undefined,
    });
    const headers = new Headers({ "x-api-key": "sk_MARKER_integration_5be0c1" });
    const sameOrigin = client.startCall(
      new Request("https://api.example.com/items", { headers }),
      meta.operations["GET /items"],
    );
    const otherOrigin = client.startCall(
      new Request("https://evil.example.net/items", { headers }),
      meta.operations["GET /items"],
    );
    expect(sameOrigin!.attempt(headers)?.get("traceparent")).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(otherOrigin!.attempt(headers)).toBeUndefined();
  });

  it("url.template starts with the base URL's path, and so does the span's name", () => {
    const client = openTelemetry({ tracerProvider }).instrumentClient({
      meta,
      baseUrl: "https://api.example.com/api/v1/",
      redactor: new Redactor([]),
      service: undefined,
    });
    client
      .startCall(new Request("https://api.example.com/api/v1/items"), meta.operations["GET /items"])!
      .end(new Response(null, { status: 204 }));
    const span = spanNamed("GET /api/v1/items");
    expect(span.attributes["url.template"]).toBe("/api/v1/items");
    expect(span.attributes["url.full"]).toBe("https://api.example.com/api/v1/items");
  });

  it("uses the global tracer provider when none is given", async () => {
    trace.setGlobalTracerProvider(tracerProvider);
    const server = await serverWith((_req, res) => sendJson(res, 200, { message: "hi" }));
    const stacker = createStackerClient({
      integrationKey: "sk_MARKER_integration_5be0c1",
      baseUrl: server.url,
      instrumentation: openTelemetry(),
    });
    await unwrap(stacker.GET("/api/external/hello/"));
    expect(spanNamed("GET /api/external/hello/").attributes["keyway.operation.id"]).toBe("getHello");
  });
});
