import { sendJson } from "@keyway/test-server";
import { RequestAbortedError, createStackerClient } from "@keyway/stacker";
import { BasicTracerProvider, SimpleSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { exporter, serverWith, spansNamed, spansOutsideTheirParent } from "./setup.js";

/** A tracer provider that also counts the spans started and ended, so that a span never ended shows. */
function countingProvider() {
  const counts = { started: 0, ended: 0 };
  const counter: SpanProcessor = {
    onStart: () => void counts.started++,
    onEnd: () => void counts.ended++,
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  return {
    counts,
    tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), counter] }),
  };
}

describe("every span started is ended, once", () => {
  it("a call whose signal is already aborted: one span with RequestAbortedError, none left open", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 200, { message: "hi" }));
    const { counts, tracerProvider } = countingProvider();
    const stacker = createStackerClient({
      integrationKey: "sk_MARKER_integration_5be0c1",
      baseUrl: server.url,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    const controller = new AbortController();
    controller.abort();
    for (let i = 0; i < 5; i++)
      await expect(stacker.GET("/api/external/hello/", { signal: controller.signal })).rejects.toBeInstanceOf(
        RequestAbortedError,
      );
    // What the call set going before it was abandoned settles within a few ticks.
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(server.requests).toHaveLength(0);
    expect(spansNamed("GET /api/external/hello/").map((span) => span.attributes["error.type"])).toEqual(
      Array(5).fill("RequestAbortedError"),
    );
    expect(counts).toEqual({ started: 5, ended: 5 });
  });

  it("calls that succeed, retry, time out, are aborted in flight or fail at any stage leave no span open", async () => {
    let calls = 0;
    const server = await serverWith((req, res) => {
      if (req.url.includes("/stacks/"))
        return calls++ === 0 ? sendJson(res, 503, {}, { "retry-after-ms": "1" }) : sendJson(res, 200, []);
      if (req.url.includes("/slow/")) return new Promise(() => {});
      if (req.url.includes("/not-json/")) return res.end("not json");
      sendJson(res, req.url.includes("/accounts/") ? 404 : 200, {});
    });
    const { counts, tracerProvider } = countingProvider();
    const stacker = createStackerClient({
      integrationKey: "sk_MARKER_integration_5be0c1",
      accountId: "acc_8f2d41",
      stackId: "app785vwedw46e3bx8",
      baseUrl: server.url,
      maxRetries: 1,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    const fields = (object_sid: string, signal?: AbortSignal, client = stacker) =>
      client.GET("/api/external/objects/{object_sid}/fields/", { params: { path: { object_sid } }, signal });
    const inFlight = new AbortController();
    setTimeout(() => inFlight.abort(), 20);
    const outcomes = await Promise.allSettled([
      stacker.GET("/api/external/hello/"),
      stacker.GET("/api/external/accounts/"),
      stacker.GET("/api/external/stacks/"),
      fields("slow", undefined, stacker.withOptions({ timeout: 50 })),
      fields("slow", inFlight.signal),
      fields("not-json"),
      fields(".."),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
    ]);
    expect(counts.started).toBeGreaterThan(10);
    expect(counts.ended).toBe(counts.started);
  });

  it("a call abandoned while its credential provider works: its one span ends, the request is never traced", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 200, []));
    const { counts, tracerProvider } = countingProvider();
    const controller = new AbortController();
    let answered: Promise<string> | undefined;
    const stacker = createStackerClient({
      integrationKey: "sk_MARKER_integration_5be0c1",
      // The caller gives up while the provider works, and the provider answers after that, whatever the
      // machine's speed (timers racing each other would let a busy machine answer first).
      accountId: () => {
        answered = new Promise((resolve) => {
          setTimeout(() => {
            controller.abort();
            setTimeout(() => resolve("acc_8f2d41"));
          });
        });
        return answered;
      },
      stackId: "app785vwedw46e3bx8",
      baseUrl: server.url,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    const call = stacker.GET("/api/external/objects/{object_sid}/fields/", {
      params: { path: { object_sid: "orders" } },
      signal: controller.signal,
    });
    await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    expect(answered).toBeDefined(); // the provider was asked, so the call was abandoned while it worked
    await answered;
    // What the provider's answer sets going settles within a few ticks.
    await new Promise((resolve) => setTimeout(resolve, 20));

    const [span, ...others] = spansNamed("GET /api/external/objects/{object_sid}/fields/");
    expect(others).toEqual([]);
    expect(span!.attributes["error.type"]).toBe("RequestAbortedError");
    expect(counts).toEqual({ started: 1, ended: 1 });
  });
});

describe("every span keyway starts lies within its parent", () => {
  it("the attempts of 200 calls, retried or not, start and end within their call's span (one clock for both)", async () => {
    let answered = 0;
    const server = await serverWith((_req, res) =>
      sendJson(res, ++answered % 3 === 0 ? 503 : 200, { message: "hi" }, { "retry-after-ms": "0" }),
    );
    const stacker = createStackerClient({
      integrationKey: "sk_MARKER_integration_5be0c1",
      baseUrl: server.url,
      instrumentation: openTelemetry({
        tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
      }),
    });
    for (let i = 0; i < 200; i++) await stacker.GET("/api/external/hello/");
    expect(exporter.getFinishedSpans().length).toBeGreaterThan(400);
    expect(spansOutsideTheirParent()).toEqual([]);
  });
});
