import { unwrap as unwrapStackAuth } from "@keyway/stack-auth";
import { MissingCredentialError, createStackerClient, unwrap } from "@keyway/stacker";
import { sendJson } from "@keyway/test-server";
import { DiagLogLevel, diag, type DiagLogger } from "@opentelemetry/api";
import { AlwaysOnSampler, BasicTracerProvider, type Sampler, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { INTEGRATION_KEY, ME, RECORD_PARAMS, RECORD_TEMPLATE, expiringSession, tracedStacker } from "./fixtures.js";
import { serverWith } from "./setup.js";

type Stage = "sampler" | "onStart" | "onEnding" | "onEnd";

/** A tracer provider whose sampler or one span processor throws at `stage`, every time. */
function providerThrowingAt(stage: Stage) {
  const fail = (where: string) => {
    throw new Error(`${where} failed`);
  };
  const sampler: Sampler = {
    shouldSample: () => (stage === "sampler" ? fail("sampler") : new AlwaysOnSampler().shouldSample()),
    toString: () => "throwing sampler",
  };
  const processor: SpanProcessor = {
    onStart: () => (stage === "onStart" ? fail("onStart") : undefined),
    onEnding: () => (stage === "onEnding" ? fail("onEnding") : undefined),
    onEnd: () => (stage === "onEnd" ? fail("onEnd") : undefined),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  return new BasicTracerProvider({ sampler, spanProcessors: [processor] });
}

/** What OpenTelemetry's diagnostic logger was told at level error. */
function diagnosedErrors(): unknown[][] {
  const errors: unknown[][] = [];
  const logger: DiagLogger = {
    error: (...args) => void errors.push(args),
    warn: () => {},
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.ERROR, suppressOverrideMessage: true });
  return errors;
}

afterEach(() => diag.disable());

describe("tracing that throws never breaks a call: the caller gets what it would get untraced", () => {
  for (const stage of ["sampler", "onStart", "onEnding", "onEnd"] as const)
    it(`a ${stage === "sampler" ? "sampler" : `span processor's ${stage}`} that throws`, async () => {
      const diagnosed = diagnosedErrors();
      let stacks = 0;
      const server = await serverWith((req, res) => {
        if (req.url.includes("/hello/")) return sendJson(res, 200, { message: "hi" });
        if (req.url === "/api/external/stacks/")
          return stacks++ === 0 ? sendJson(res, 503, {}, { "retry-after-ms": "1" }) : sendJson(res, 200, []);
        sendJson(res, 404, { detail: "no such record" });
      });
      const instrumentation = openTelemetry({ tracerProvider: providerThrowingAt(stage), propagateContext: true });
      const options = { integrationKey: INTEGRATION_KEY, baseUrl: server.url, instrumentation, maxRetries: 1 };
      const stacker = createStackerClient({ ...options, accountId: "acc_8f2d41", stackId: "app785vwedw46e3bx8" });

      expect(await unwrap(stacker.GET("/api/external/hello/"))).toEqual({ message: "hi" });
      expect(await unwrap(stacker.GET("/api/external/stacks/"))).toEqual([]);
      expect((await stacker.GET("/api/external/accounts/")).response.status).toBe(404);
      await expect(createStackerClient(options).GET(RECORD_TEMPLATE, { params: RECORD_PARAMS })).rejects.toBeInstanceOf(
        MissingCredentialError,
      );
      expect(server.requests.map((request) => request.url)).toEqual([
        "/api/external/hello/",
        "/api/external/stacks/",
        "/api/external/stacks/",
        "/api/external/accounts/",
      ]);

      // A session refresh that two calls wait for, traced by the same provider.
      const { stack } = await expiringSession(2, instrumentation);
      expect(await Promise.all([1, 2].map(() => unwrapStackAuth(stack.GET("/users/me"))))).toEqual([ME, ME]);

      expect(diagnosed.length).toBeGreaterThan(0);
      expect(diagnosed.every(([message]) => String(message).startsWith("@keyway/otel: tracing a call failed"))).toBe(
        true,
      );
    });
});

describe("a tracer provider whose getTracer throws", () => {
  it("costs the calls their spans, reported, never the client's creation or its calls; its tracer is asked for again", async () => {
    const diagnosed = diagnosedErrors();
    let broken = true;
    const spans: string[] = [];
    const working = new BasicTracerProvider({
      spanProcessors: [
        {
          onStart: () => {},
          onEnd: (span) => void spans.push(span.name),
          forceFlush: async () => {},
          shutdown: async () => {},
        },
      ],
    });
    const tracerProvider = {
      getTracer: (...args: Parameters<BasicTracerProvider["getTracer"]>) => {
        if (broken) throw new Error("getTracer failed");
        return working.getTracer(...args);
      },
    };
    const { stacker } = await tracedStacker((_req, res) => sendJson(res, 200, { message: "hi" }), { tracerProvider });

    expect(await unwrap(stacker.GET("/api/external/hello/"))).toEqual({ message: "hi" });
    expect(spans).toEqual([]);
    expect(diagnosed.map(([message, error]) => [message, String(error)])).toContainEqual([
      "@keyway/otel: tracing a call failed; the call goes on untraced",
      "Error: getTracer failed",
    ]);

    broken = false;
    expect(await unwrap(stacker.GET("/api/external/hello/"))).toEqual({ message: "hi" });
    expect(spans).toContain("GET /api/external/hello/");
  });
});
