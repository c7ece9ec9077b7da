import { isSpanContextValid, type SpanContext } from "@opentelemetry/api";

/**
 * The W3C Trace Context headers (`traceparent`, `tracestate`) of a span, written directly
 * rather than through the global propagator, which may also send baggage or other vendors'
 * headers: only trace context ever goes to the API.
 */
export function withTraceContext(headers: Headers, span: SpanContext): Headers | undefined {
  if (!isSpanContextValid(span)) return undefined;
  const traced = new Headers(headers);
  const flags = (span.traceFlags & 0xff).toString(16).padStart(2, "0");
  traced.set("traceparent", `00-${span.traceId}-${span.spanId}-${flags}`);
  const state = span.traceState?.serialize();
  if (state) traced.set("tracestate", state);
  else traced.delete("tracestate");
  return traced;
}
