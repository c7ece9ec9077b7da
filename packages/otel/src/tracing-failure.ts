import { diag } from "@opentelemetry/api";

/**
 * Reports an error that tracing a call threw, which the call never sees. The application's SDK runs its
 * sampler and span processors inside `startSpan` and `span.end()`, and the SDK does not catch what they
 * throw: it must cost the caller a span, never its call. It goes to OpenTelemetry's diagnostic logger, as
 * the SDK's own errors do.
 */
export function reportTracingFailure(error: unknown): void {
  try {
    diag.error("@keyway/otel: tracing a call failed; the call goes on untraced", error);
  } catch {
    // A diagnostic logger that throws has nowhere left to report to.
  }
}
