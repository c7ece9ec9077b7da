import { sendJson } from "@keyway/test-server";
import { MissingCredentialError, createStackerClient, unwrap } from "@keyway/stacker";
import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { exporter, serverWith, spanNamed, tracerProvider } from "./setup.js";

// This file alone touches the global tracer provider: nothing is registered until the last step.
describe("with the global tracer provider", () => {
  it("does nothing while no SDK is registered, and traces from the moment one is", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 200, { message: "hi" }));
    const options = { integrationKey: "sk_MARKER_integration_5be0c1", baseUrl: server.url };
    const stacker = createStackerClient({ ...options, instrumentation: openTelemetry() });
    const withoutAccount = createStackerClient({ ...options, instrumentation: openTelemetry() });
    const fields = () =>
      withoutAccount.GET("/api/external/objects/{object_sid}/fields/", { params: { path: { object_sid: "orders" } } });

    expect(await unwrap(stacker.GET("/api/external/hello/"))).toEqual({ message: "hi" });
    await expect(fields()).rejects.toBeInstanceOf(MissingCredentialError);
    expect(server.requests[0]!.headers).not.toHaveProperty("traceparent");
    expect(exporter.getFinishedSpans()).toEqual([]);

    trace.setGlobalTracerProvider(tracerProvider);
    await unwrap(stacker.GET("/api/external/hello/"));
    await expect(fields()).rejects.toBeInstanceOf(MissingCredentialError);
    expect(spanNamed("GET /api/external/hello/").attributes["http.response.status_code"]).toBe(200);
    expect(spanNamed("GET /api/external/objects/{object_sid}/fields/").attributes["error.type"]).toBe(
      "MissingCredentialError",
    );
  });
});
