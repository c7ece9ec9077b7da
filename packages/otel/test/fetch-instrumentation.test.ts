// An application that also instruments fetch (auto-instrumentations-node enables undici's instrumentation) sees each
// request keyway sends once, as keyway's CLIENT span, and the API gets keyway's trace context only: no second span
// beside the call's, no second traceparent, no baggage.
import { context, propagation, ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { AlwaysOffSampler, BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD, RECORD_PARAMS, RECORD_TEMPLATE, tracedStacker } from "./fixtures.js";
import { attemptsOf, exporter, serverWith, spanNamed, tracer, tracerProvider } from "./setup.js";

let undici: UndiciInstrumentation;
beforeAll(() => {
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  undici = new UndiciInstrumentation(); // enabled as it is made
  undici.setTracerProvider(tracerProvider);
});
afterAll(() => {
  undici.disable();
  propagation.disable();
});

/** Runs `call` in a span of the application's, with baggage the application does not mean for the API. */
function inAppSpan<T>(call: () => Promise<T>): Promise<T> {
  const baggage = propagation.createBaggage({ user: { value: "ada@example.com" } });
  return tracer.startActiveSpan("app work", {}, propagation.setBaggage(context.active(), baggage), async (span) => {
    try {
      return await call();
    } finally {
      span.end();
    }
  });
}

const clientSpans = () => exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT);

describe("with fetch instrumented too", () => {
  it("traces a plain fetch (the instrumentation is on)", async () => {
    const server = await serverWith((_, response) => response.end("{}"));
    await context.with(ROOT_CONTEXT, () => inAppSpan(() => fetch(server.url).then((response) => response.text())));
    expect(clientSpans().map((span) => span.instrumentationScope.name)).toEqual([
      "@opentelemetry/instrumentation-undici",
    ]);
    expect(server.requests[0]!.headers).toMatchObject({
      traceparent: expect.any(String),
      baggage: "user=ada%40example.com",
    });
  });

  it("sees each request of a keyway call once, as the call's CLIENT span, and adds nothing to it", async () => {
    const { stacker, server } = await tracedStacker((_, response) => response.end("{}"), { propagateContext: true });
    await inAppSpan(() => stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS }));

    const [request] = attemptsOf(spanNamed(RECORD));
    expect(clientSpans()).toEqual([request]);
    const { traceId, spanId } = request!.spanContext();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(server.requests[0]!.headers).not.toHaveProperty("baggage");
  });

  it("adds nothing to a call the sampler drops: no traceparent, no baggage, no span", async () => {
    const unsampled = new BasicTracerProvider({ sampler: new AlwaysOffSampler() });
    const { stacker, server } = await tracedStacker((_, response) => response.end("{}"), { tracerProvider: unsampled });
    await inAppSpan(() => stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS }));

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers).not.toHaveProperty("baggage");
    expect(server.requests[0]!.headers).not.toHaveProperty("traceparent");
    expect(clientSpans()).toEqual([]);
  });

  it("keeps a retried call's every attempt to keyway's spans", async () => {
    let answered = 0;
    const { stacker, server } = await tracedStacker(
      (_, response) => {
        response.statusCode = answered++ === 0 ? 503 : 200;
        response.setHeader("retry-after", "0");
        response.end("{}");
      },
      { propagateContext: true },
    );
    await inAppSpan(() => stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS }));

    const attempts = attemptsOf(spanNamed(RECORD));
    expect(attempts).toHaveLength(2);
    expect(clientSpans()).toEqual(attempts);
    expect(server.requests.map((each) => each.headers.traceparent)).toEqual(
      attempts.map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`),
    );
  });
});
