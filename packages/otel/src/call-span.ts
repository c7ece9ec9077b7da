import { toApiError, type CallObserver, type FetchResult, type InstrumentedRequest } from "@keyway/runtime";
import {
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import { mergedAttributes, type RequestPlace, type SpanStart } from "./attributes.js";
import { describeFailure } from "./failure.js";
import type { HttpClientMetrics, RequestMeasurement } from "./request-duration.js";
import type { Scrub } from "./scrub.js";
import { sendingContext, withTraceContext } from "./trace-context.js";
import { reportTracingFailure } from "./tracing-failure.js";

/** How a call ended: it threw `error`, or returned `value` (a failed status is still a failure). */
export type CallOutcome = { readonly error: unknown } | { readonly value: unknown };

/** How an attempt ended, as the transport tells it. */
type AttemptOutcome = Parameters<CallObserver["attemptEnded"]>[0];

/** What a call span needs besides its tracer. */
export interface CallSpanSettings {
  readonly tracer: Tracer;
  readonly scrub: Scrub;
  /** Whether this request may carry trace context: propagation is on and it goes to the API's own origin. */
  readonly propagate: boolean;
  /** Whether trace context is passed on at all: a redirect's target gets it only on the API's own origin. */
  readonly propagateContext: boolean;
  /** Where a redirect's target is: its server, `url.full` and whether it is on the API's origin. */
  readonly placeOf: (url: string) => RequestPlace | undefined;
  /**
   * Whether the span ends when the transport is done. Otherwise the user's call, followed by
   * `aroundCall`, ends it with {@link CallSpan.finish} once its body is read.
   */
  readonly endsWithTransport: boolean;
  /** The name and HTTP attributes (method, `url.template`, server, `url.full`) of each request's CLIENT span. */
  readonly request: SpanStart;
  /** What measures each request's `http.client.request.duration`, when metrics are on. */
  readonly metrics: HttpClientMetrics | undefined;
}

/**
 * One API call as an INTERNAL span, and each attempt (each request sent: a retry, a replay after
 * a session refresh) as a CLIENT child span, as the HTTP semantic conventions ask of an HTTP client
 * span; so the API's SERVER spans sit under the CLIENT span of the request that reached them, and
 * tools that pair CLIENT and SERVER spans (service graphs, HTTP client metrics) see each request.
 * Each retry is also an event on the call span, with its reason and delay, since the attempt span
 * has ended when the transport decides to retry. A redirect keyway follows is a request of its own
 * too: each hop gets a CLIENT span, named by its method alone (the operation's template does not
 * describe the target), and counts in `http.request.resend_count` as the conventions ask.
 *
 * Each method the transport calls catches what tracing throws (the application's span processors and
 * sampler run inside `startSpan` and `end`) and reports it instead: the call goes on untraced.
 *
 * Every span keyway starts is timed on one clock, the wall clock in milliseconds (`Date.now()`): a call span starts
 * when the call does, before any span exists for it, so the SDK's sub-millisecond clock, which its children would
 * otherwise follow, could end an attempt up to a millisecond after its call.
 */
export class CallSpan implements CallObserver {
  readonly span: Span;
  readonly #settings: CallSpanSettings;
  #attempts = 0;
  /** Requests sent: every attempt, and every redirect hop within one. */
  #sent = 0;
  #attempt: Span | undefined;
  /** The duration of the request in flight, when metrics are on. */
  #timer: RequestMeasurement | undefined;
  #retried = false;
  #response: Response | undefined;
  /** The status of the last response an attempt received, which the call may still fail on (a refused redirect). */
  #received: number | undefined;
  /**
   * The attempt that received a 3xx the transport did not follow as a redirect, with the time it did: a final
   * answer (a 304) leaves its status unset, but a redirect keyway refuses (too many, to another origin) fails
   * the request, and the conventions ask for ERROR then. Held until the transport says which.
   */
  #unfollowed:
    | {
        readonly span: Span;
        readonly endTime: number;
        readonly timer: RequestMeasurement | undefined;
        readonly seconds: number | undefined;
        readonly status: number;
      }
    | undefined;
  #finished = false;

  constructor(span: Span, settings: CallSpanSettings) {
    this.span = span;
    this.#settings = settings;
  }

  attempt(headers: Headers): Headers | undefined {
    try {
      if (this.#finished) return undefined; // the caller stopped waiting: what the transport still does is not its call
      this.#endUnfollowed(undefined); // the 3xx was answered by another attempt (a replay after recovery)
      const replay = this.#attempts > 0 && !this.#retried;
      this.#retried = false;
      this.#received = undefined;
      const { request } = this.#settings;
      const attributes = mergedAttributes(request.attributes, { "keyway.attempt": ++this.#attempts });
      // A second attempt that no retry announced replays the request after a recovery (a session refresh).
      if (replay) attributes["keyway.attempt.replay"] = true;
      return this.#send(request.name, attributes, headers, this.#settings.propagate);
    } catch (error) {
      reportTracingFailure(error);
      return undefined;
    }
  }

  redirected(response: Response, next: InstrumentedRequest): Headers | undefined {
    try {
      if (this.#finished || !this.#attempt) return undefined;
      this.#endAttempt({ response }, true);
      const place = this.#settings.placeOf(next.url);
      const attributes = mergedAttributes(place?.attributes ?? {}, {
        "http.request.method": next.method,
        "keyway.attempt": this.#attempts,
      });
      const propagate = this.#settings.propagateContext && place?.sameOrigin === true;
      // The hop's headers are the attempt's, its trace context included: a hop on the API's origin gets its own.
      return this.#send(next.method, attributes, next.headers, propagate);
    } catch (error) {
      reportTracingFailure(error);
      return undefined;
    }
  }

  /** Starts the CLIENT span of one request sent, and returns its headers with that span's trace context. */
  #send(name: string, attributes: Attributes, headers: Headers, propagate: boolean): Headers | undefined {
    if (++this.#sent > 1) attributes["http.request.resend_count"] = this.#sent - 1;
    const parent = trace.setSpan(context.active(), this.span);
    const startTime = Date.now(); // the call's clock (see CallSpan)
    this.#attempt = this.#settings.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes, startTime }, parent);
    this.#timer = this.#settings.metrics?.startRequest(attributes);
    return propagate ? withTraceContext(headers, this.#attempt.spanContext()) : undefined;
  }

  attemptEnded(outcome: AttemptOutcome): void {
    try {
      this.#endAttempt(outcome);
    } catch (error) {
      reportTracingFailure(error);
    }
  }

  /** Ends the attempt in flight; `followed` when its response is a redirect the transport follows. */
  #endAttempt(outcome: AttemptOutcome, followed = false): void {
    const attempt = this.#attempt;
    if (!attempt) return;
    const timer = this.#timer;
    this.#attempt = undefined;
    this.#timer = undefined;
    let status: number | undefined;
    let errorType: string | undefined;
    if ("response" in outcome) {
      status = outcome.response.status;
      // A redirect the transport follows is not an answer the call can fail on: a hop after it that times out has no
      // status of its own.
      this.#received = followed ? undefined : status;
      attempt.setAttribute("http.response.status_code", status);
      if (status >= 400) errorType = String(status);
      else if (status >= 300 && !followed) {
        this.#unfollowed = { span: attempt, endTime: Date.now(), timer, seconds: timer?.elapsed(), status };
        return;
      }
    } else {
      errorType = outcome.failure;
    }
    if (errorType !== undefined) failed(attempt, errorType);
    attempt.end(Date.now());
    timer?.record(status, errorType);
  }

  /** Ends the attempt whose 3xx was not followed: failed, when the call failed on it with `error`. */
  #endUnfollowed(error: unknown): void {
    const unfollowed = this.#unfollowed;
    if (!unfollowed) return;
    this.#unfollowed = undefined;
    const errorType = error === undefined ? undefined : describeFailure(error, this.#settings.scrub).type;
    if (errorType !== undefined) failed(unfollowed.span, errorType);
    unfollowed.span.end(unfollowed.endTime);
    unfollowed.timer?.record(unfollowed.status, errorType, unfollowed.seconds);
  }

  sending<T>(send: () => T): T {
    let sendingIn: Context;
    try {
      sendingIn = sendingContext(context.active(), this.#attempt);
    } catch (error) {
      reportTracingFailure(error);
      return send();
    }
    return context.with(sendingIn, send);
  }

  retrying(reason: string, delayMs: number): void {
    this.#retried = true;
    try {
      this.span.addEvent("keyway.retry", {
        "keyway.retry.attempt": this.#attempts,
        "keyway.retry.reason": reason,
        "keyway.retry.delay_ms": delayMs,
      });
    } catch (error) {
      reportTracingFailure(error);
    }
  }

  /** The transport is done: it returns `response`, or (`response` undefined) throws `error`. */
  end(response: Response | undefined, error?: unknown): void {
    try {
      if (this.#finished) return;
      this.#closeAttempt(error);
      if (this.#sent > 1) this.span.setAttribute("http.request.resend_count", this.#sent - 1);
      if (response) this.#response = response;
      const status = response?.status ?? this.#received;
      if (status !== undefined) this.span.setAttribute("http.response.status_code", status);
      if (this.#settings.endsWithTransport) {
        // Where the context was lost (no context manager), the user's call sees this error too, and must not record it
        // a second time as one that failed before its request.
        if (!response && typeof error === "object" && error !== null) endedWithTransport.add(error);
        this.finish(response ? { value: { response } } : { error });
      }
    } catch (failure) {
      reportTracingFailure(failure);
    }
  }

  /**
   * The call is over. A call that returned a failed status is recorded with the typed error
   * `unwrap` would throw for its result (a Stack Auth known error is a `StackAuthError`).
   */
  finish(outcome: CallOutcome, endTime?: number): void {
    try {
      if (this.#finished) return;
      this.#finished = true;
      this.#closeAttempt("error" in outcome ? outcome.error : undefined);
      if ("error" in outcome) this.#fail(outcome.error);
      else {
        const result = isFetchResult(outcome.value) ? outcome.value : { response: this.#response };
        // The response returned to the caller: a middleware may have put another in place of the transport's.
        if (result.response && result.response !== this.#response)
          this.span.setAttribute("http.response.status_code", result.response.status);
        // A final 3xx (one keyway does not follow, a 304) is not a failure of the span: only 4xx and 5xx are.
        if (result.response && result.response.status >= 400) this.#fail(typedErrorOf(result as FetchResult));
      }
      this.span.end(endTime);
    } catch (error) {
      reportTracingFailure(error);
    }
  }

  /**
   * An attempt still open means the call ended while it was in flight (an abort); one whose 3xx was not
   * followed failed if the call did, with `error`.
   */
  #closeAttempt(error: unknown): void {
    if (this.#attempt) this.attemptEnded({ failure: "aborted" });
    this.#endUnfollowed(error);
  }

  #fail(error: unknown): void {
    recordFailure(this.span, error, this.#settings.scrub);
  }
}

/**
 * The errors a call span ended with because the transport threw them for a request whose call aroundCall could not
 * see (no context manager to carry it): that call's failure is recorded already.
 */
export const endedWithTransport = new WeakSet<object>();

/** Marks a request's span failed with `errorType`; its status code or `error.type` says why, so no description. */
function failed(attempt: Span, errorType: string): void {
  attempt.setAttribute("error.type", errorType);
  attempt.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * Records a failure on a call span by its typed error's name and scrubbed message; never its
 * body, headers or stack. A failed status needs no status description (the status code says it).
 */
export function recordFailure(span: Span, error: unknown, scrub: Scrub): void {
  const failure = describeFailure(error, scrub);
  span.setAttribute("error.type", failure.type);
  const exception: Attributes = { "exception.type": failure.type };
  if (failure.message !== undefined) exception["exception.message"] = failure.message;
  span.addEvent("exception", exception);
  span.setStatus(
    failure.fromStatus || failure.message === undefined
      ? { code: SpanStatusCode.ERROR }
      : { code: SpanStatusCode.ERROR, message: failure.message },
  );
}

/**
 * The typed error of a failed result (`NotFoundError`, `StackAuthError`, …), as `unwrap` builds
 * it. Its body decides its type; only its name and a message without the body are recorded.
 */
function typedErrorOf(result: FetchResult): unknown {
  try {
    return toApiError(result);
  } catch (error) {
    return error;
  }
}

function isFetchResult(value: unknown): value is { readonly response?: Response; readonly error?: unknown } {
  return typeof value === "object" && value !== null && (value as FetchResult).response instanceof Response;
}
