// An SDK with a tight attribute count limit keeps the first attributes a span is given: the conventions' required
// ones (method, server, url.full) come before the recommended and keyway's own.
import { SpanKind } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { RECORD_PARAMS, RECORD_TEMPLATE, tracedStacker } from "./fixtures.js";

const REQUIRED = ["http.request.method", "server.address", "server.port", "url.full"];

describe("under an attribute count limit of four", () => {
  it("every span of a call keeps the required HTTP attributes, a redirect hop's too", async () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
      spanLimits: { attributeCountLimit: REQUIRED.length },
    });
    let answered = 0;
    const { stacker } = await tracedStacker(
      (req, response) => {
        if (answered++ === 0) {
          response.writeHead(307, { location: `${req.url}?moved=1` });
          return response.end();
        }
        response.end("{}");
      },
      { tracerProvider },
    );
    await stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.kind)).toEqual([SpanKind.CLIENT, SpanKind.CLIENT, SpanKind.INTERNAL]);
    for (const span of spans) expect(Object.keys(span.attributes).sort()).toEqual([...REQUIRED].sort());
  });
});
