import type { InstrumentedRequest, SharedWorkObserver } from "@keyway/runtime";
import { SpanKind, SpanStatusCode, context, trace, type Link, type Span, type Tracer } from "@opentelemetry/api";

/**
 * Work several calls wait for (Stack Auth's session refresh) as one INTERNAL span: a child of
 * the first call that needed it, linked to every call that waited for it, and parent of the
 * calls the work makes (the refresh request). Each waiting call gets an event pointing at it.
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
      const started = tracer.startSpan(name, { kind: SpanKind.INTERNAL, links: waiters.map(linkTo) }, parent);
      span = started;
      for (const waiter of waiters)
        waiter.addEvent("keyway.wait", {
          "keyway.wait.for": name,
          "keyway.wait.span_id": started.spanContext().spanId,
        });
      return context.with(trace.setSpan(parent, started), work).then(
        (value) => {
          started.end();
          return value;
        },
        (error: unknown) => {
          const type = error instanceof Error ? error.name : "_OTHER";
          started.setAttribute("error.type", type);
          started.setStatus({ code: SpanStatusCode.ERROR });
          started.end();
          throw error;
        },
      );
    },
  };
}

function linkTo(span: Span): Link {
  return { context: span.spanContext() };
}
