import { createStackerClient, unwrap } from "@keyway/stacker";
import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { ROOT_CONTEXT, TraceFlags, context, trace, type Context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";

/** The context manager NodeSDK registers, counting the contexts code enters through the API. */
class CountingContextManager extends AsyncLocalStorageContextManager {
  entered = 0;
  override with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    active: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    this.entered++;
    return super.with(active, fn, thisArg, ...args);
  }
}

// A context manager but no tracer provider: the API's spans are no-ops, as before an SDK starts.
const contextManager = new CountingContextManager();
let server: TestServer;
beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  server = await startTestServer((_req, res) => sendJson(res, 200, { message: "hi" }));
});
afterAll(async () => {
  context.disable();
  await server.close();
});

function propagatingStacker() {
  return createStackerClient({
    integrationKey: "sk_MARKER_integration_5be0c1",
    baseUrl: server.url,
    instrumentation: openTelemetry({ propagateContext: true }),
  });
}

describe("propagation with no SDK registered", () => {
  it("a call with no trace to pass on enters no context of its own and sends no traceparent", async () => {
    const stacker = propagatingStacker();
    const before = contextManager.entered;
    await unwrap(stacker.GET("/api/external/hello/"));

    expect(contextManager.entered - before).toBe(0);
    expect(server.requests.at(-1)!.headers).not.toHaveProperty("traceparent");
  });

  it("a trace carried into the call without an SDK is passed on to the API", async () => {
    const stacker = propagatingStacker();
    const carried = {
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
      traceFlags: TraceFlags.SAMPLED,
    };
    await context.with(trace.setSpanContext(ROOT_CONTEXT, carried), () => unwrap(stacker.GET("/api/external/hello/")));

    expect(server.requests.at(-1)!.headers.traceparent).toBe(`00-${carried.traceId}-${carried.spanId}-01`);
  });
});
