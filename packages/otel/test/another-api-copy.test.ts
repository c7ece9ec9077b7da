import { createStackerClient, unwrap } from "@keyway/stacker";
import { sendJson, startTestServer } from "@keyway/test-server";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
// The application's own copy of the API, of a later minor version than the one @keyway/otel resolves (1.9).
import * as appApi from "opentelemetry-api-1.10";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";

// This file alone registers globals, and through the other copy: nothing is registered until the test does it.
describe("an application whose @opentelemetry/api is another copy than keyway's", () => {
  it("registers its SDK after the clients were made: their next calls are traced, under the application's spans", async () => {
    const server = await startTestServer((_req, res) => sendJson(res, 200, { message: "hi" }));
    const options = { integrationKey: "sk_MARKER_integration_5be0c1", baseUrl: server.url };
    const quiet = createStackerClient({ ...options, instrumentation: openTelemetry() });
    const propagating = createStackerClient({ ...options, instrumentation: openTelemetry({ propagateContext: true }) });
    await unwrap(quiet.GET("/api/external/hello/"));

    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    expect(appApi.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())).toBe(true);
    expect(appApi.trace.setGlobalTracerProvider(provider)).toBe(true);
    await appApi.trace.getTracer("orders-api").startActiveSpan("job", async (job) => {
      await unwrap(quiet.GET("/api/external/hello/"));
      await unwrap(propagating.GET("/api/external/hello/"));
      job.end();
    });
    await server.close();

    const spans = exporter.getFinishedSpans();
    const job = spans.find((span) => span.name === "job")!;
    const calls = spans.filter(
      (span) => span.name === "GET /api/external/hello/" && span.attributes["keyway.attempt"] === undefined,
    );
    expect(calls.map((call) => call.parentSpanContext?.spanId)).toEqual([
      job.spanContext().spanId,
      job.spanContext().spanId,
    ]);
    const attempt = spans.find(
      (span) =>
        span.attributes["keyway.attempt"] === 1 && span.parentSpanContext?.spanId === calls[1]!.spanContext().spanId,
    )!;
    expect(server.requests.map((request) => request.headers.traceparent)).toEqual([
      undefined,
      undefined,
      `00-${job.spanContext().traceId}-${attempt.spanContext().spanId}-01`,
    ]);
  });
});
