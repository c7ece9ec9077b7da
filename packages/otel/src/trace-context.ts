import {
  createContextKey,
  isSpanContextValid,
  trace,
  type Context,
  type Span,
  type SpanContext,
} from "@opentelemetry/api";

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

/**
 * Where OpenTelemetry's SDK marks a context whose work is not to be traced: `suppressTracing` of `@opentelemetry/core`
 * sets this key, which `createContextKey` makes from its description with `Symbol.for`, the same in every copy.
 */
const SUPPRESS_TRACING = createContextKey("OpenTelemetry SDK Context Key SUPPRESS_TRACING");

/**
 * The context a request keyway traces is sent in: `active` with the request's CLIENT span, and tracing suppressed, so
 * that fetch's own instrumentation (undici's, in auto-instrumentations-node) neither traces it a second time nor adds
 * its propagator's headers (a second `traceparent`, baggage) to it.
 */
export function sendingContext(active: Context, request: Span | undefined): Context {
  return (request ? trace.setSpan(active, request) : active).setValue(SUPPRESS_TRACING, true);
}
