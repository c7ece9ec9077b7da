import type { InstrumentedRequest, SharedWorkObserver } from "@keyway/runtime";
import { SpanKind, SpanStatusCode, context, trace, type Link, type Span, type Tracer } from "@opentelemetry/api";
import { reportTracingFailure } from "./tracing-failure.js";

/**
 * Work several calls wait for (Stack Auth's session refresh) as one INTERNAL span: a child of
 * the first call that needed it, linked to every call that waited for it, and parent of the
 * calls the work makes (the refresh request). Each waiting call gets an event pointing at it.
 * What the application's sampler or span processors throw as the span starts or ends is reported,
 * never thrown: the work runs, untraced if need be, and settles as it would without tracing.
 */
export function sharedWorkSpan(
  tracer: Tracer,
  name: string,
  spanOf: (request: InstrumentedRequest) => Span | undefined,
): SharedWorkObserver {
  const waiters: Span[] = [];
  let span: Span | undefined;

  return {
    waitedBy(request) {
      const waiter = spanOf(request);
      if (!waiter) return;
      waiters.push(waiter);
      if (span) {
        span.addLink(linkTo(waiter));
        waiter.addEvent("keyway.wait", { "keyway.wait.for": name, "keyway.wait.span_id": span.spanContext().spanId });
      }
    },
    run(work) {
      const parent = waiters[0] ? trace.setSpan(context.active(), waiters[0]) : context.active();
      let started: Span;
      try {
        const startTime = Date.now(); // the calls' clock, which its own calls' spans follow
        started = tracer.startSpan(name, { kind: SpanKind.INTERNAL, links: waiters.map(linkTo), startTime }, parent);
      } catch (error) {
        reportTracingFailure(error);
        return work();
      }
      span = started;
      for (const waiter of waiters)
        waiter.addEvent("keyway.wait", {
          "keyway.wait.for": name,
          "keyway.wait.span_id": started.spanContext().spanId,
        });
      return context.with(trace.setSpan(parent, started), work).then(
        (value) => {
          endQuietly(started, undefined);
          return value;
        },
        (error: unknown) => {
          endQuietly(started, error instanceof Error ? error.name : "_OTHER");
          throw error;
        },
      );
    },
  };
}

/** Ends the work's span, as failed with `errorType` when it is set; what the SDK throws meanwhile is reported. */
function endQuietly(span: Span, errorType: string | undefined): void {
  try {
    if (errorType !== undefined) {
      span.setAttribute("error.type", errorType);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end(Date.now());
  } catch (error) {
    reportTracingFailure(error);
  }
}

function linkTo(span: Span): Link {
  return { context: span.spanContext() };
}
