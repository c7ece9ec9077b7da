// With KEYWAY_TRACE=1 (`pnpm demo --trace`), the examples' clients are traced by @keyway/otel
// and printTrace() prints the spans recorded so far as a tree. Without it, both do nothing.
import { openTelemetry } from "@keyway/otel";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";

const exporter = process.env["KEYWAY_TRACE"] ? new InMemorySpanExporter() : undefined;

/** The instrumentation option of the examples' clients: tracing when KEYWAY_TRACE is set. */
export const tracing: { instrumentation?: ReturnType<typeof openTelemetry> } = exporter
  ? {
      instrumentation: openTelemetry({
        tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
      }),
    }
  : {};

/** Prints the spans recorded since the last call as an indented tree, then forgets them. */
export function printTrace(label: string): void {
  if (!exporter) return;
  const spans = exporter.getFinishedSpans();
  exporter.reset();
  console.log(`\ntrace of ${label}:`);
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  const roots = spans.filter((span) => !span.parentSpanContext || !ids.has(span.parentSpanContext.spanId));
  for (const root of byStart(roots)) printSpan(root, spans, "  ");
}

function printSpan(span: ReadableSpan, spans: readonly ReadableSpan[], indent: string): void {
  const durationMs = span.duration[0] * 1e3 + span.duration[1] / 1e6;
  const status =
    span.status.code === SpanStatusCode.ERROR ? ` ERROR${span.status.message ? ` "${span.status.message}"` : ""}` : "";
  // A call and each request it sends share a name: the kind tells them apart (INTERNAL the call, CLIENT a request).
  console.log(`${indent}${span.name}  ${SpanKind[span.kind]} (${durationMs.toFixed(1)} ms)${status}`);
  for (const [key, value] of Object.entries(span.attributes))
    console.log(`${indent}    ${key} = ${JSON.stringify(value)}`);
  for (const event of span.events)
    console.log(`${indent}    event ${event.name} ${JSON.stringify(event.attributes ?? {})}`);
  const children = spans.filter((child) => child.parentSpanContext?.spanId === span.spanContext().spanId);
  for (const child of byStart(children)) printSpan(child, spans, `${indent}  `);
}

function byStart(spans: readonly ReadableSpan[]): ReadableSpan[] {
  return [...spans].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
}
