import type { Redactor } from "@keyway/header-auth";
import { toApiError, type CallObserver } from "@keyway/runtime";
import { SpanKind, SpanStatusCode, context, trace, type Attributes, type Span, type Tracer } from "@opentelemetry/api";
import { withTraceContext } from "./trace-context.js";

/** What a call span needs besides its tracer. */
export interface CallSpanSettings {
  readonly tracer: Tracer;
  readonly redactor: Redactor;
  /** Whether this request may carry trace context: propagation is on and it goes to the API's own origin. */
  readonly propagate: boolean;
}

/**
 * One API call as a CLIENT span, and each attempt as an INTERNAL child span. A child span per
 * attempt (rather than an event) shows how long each attempt took and, by the gap between two,
 * the backoff; it also gives each attempt its own `traceparent`, so the server's spans land
 * under the attempt that reached it. Each retry is also an event on the call span, with its
 * reason and delay, since the attempt span has ended when the transport decides to retry.
 */
export class CallSpan implements CallObserver {
  readonly span: Span;
  readonly #settings: CallSpanSettings;
  #attempts = 0;
  #attempt: Span | undefined;
  #retried = false;

  constructor(span: Span, settings: CallSpanSettings) {
    this.span = span;
    this.#settings = settings;
  }

  attempt(headers: Headers): Headers | undefined {
    const replay = this.#attempts > 0 && !this.#retried;
    this.#retried = false;
    const attributes: Attributes = { "keyway.attempt": ++this.#attempts };
    if (this.#attempts > 1) attributes["http.request.resend_count"] = this.#attempts - 1;
    // A second attempt that no retry announced replays the request after a recovery (a session refresh).
    if (replay) attributes["keyway.attempt.replay"] = true;
    const parent = trace.setSpan(context.active(), this.span);
    this.#attempt = this.#settings.tracer.startSpan(
      `attempt ${this.#attempts}`,
      { kind: SpanKind.INTERNAL, attributes },
      parent,
    );
    return this.#settings.propagate ? withTraceContext(headers, this.#attempt.spanContext()) : undefined;
  }

  attemptEnded(
    outcome: { readonly response: Response } | { readonly failure: "timeout" | "connection" | "aborted" },
  ): void {
    const attempt = this.#attempt;
    if (!attempt) return;
    this.#attempt = undefined;
    if ("response" in outcome) {
      const { status } = outcome.response;
      attempt.setAttribute("http.response.status_code", status);
      if (status >= 400) {
        attempt.setAttribute("error.type", String(status));
        attempt.setStatus({ code: SpanStatusCode.ERROR });
      }
    } else {
      attempt.setAttribute("error.type", outcome.failure);
      attempt.setStatus({ code: SpanStatusCode.ERROR });
    }
    attempt.end();
  }

  retrying(reason: string, delayMs: number): void {
    this.#retried = true;
    this.span.addEvent("keyway.retry", {
      "keyway.retry.attempt": this.#attempts,
      "keyway.retry.reason": reason,
      "keyway.retry.delay_ms": delayMs,
    });
  }

  end(response: Response | undefined, error?: unknown): void {
    // An attempt still open means the call failed while it was in flight (an abort).
    if (this.#attempt) this.attemptEnded({ failure: "aborted" });
    const { span } = this;
    if (this.#attempts > 1) span.setAttribute("http.request.resend_count", this.#attempts - 1);
    if (response) {
      span.setAttribute("http.response.status_code", response.status);
      if (response.status >= 400) this.#fail(errorOfResponse(response));
    } else {
      this.#fail(error);
    }
    span.end();
  }

  /** Records a failure by its typed error's name and redacted message; never its body, headers or stack. */
  #fail(error: unknown): void {
    const type = errorName(error);
    const message = this.#settings.redactor.redactText(error instanceof Error ? error.message : String(error));
    this.span.setAttribute("error.type", type);
    this.span.addEvent("exception", { "exception.type": type, "exception.message": message });
    this.span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
}

/**
 * The typed error a failed response becomes (`NotFoundError`, …), built from its status and
 * headers only: the body has not been read yet, and never goes into a span.
 */
function errorOfResponse(response: Response): unknown {
  try {
    return toApiError({ response });
  } catch (error) {
    return error;
  }
}

function errorName(error: unknown): string {
  if (error instanceof Error) return error.name || error.constructor.name;
  return "_OTHER";
}
