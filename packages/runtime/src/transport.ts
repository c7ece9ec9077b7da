import { ConfigurationError, type Redactor } from "@keyway/header-auth";
import { requestIdOf } from "./errors.js";
import { registerResponseContext, type ResponseContext } from "./result.js";
import { withoutQuery } from "./url.js";
import type { TransportHooks } from "./hooks.js";
import type { CallObserver } from "./instrumentation.js";
import { IDEMPOTENT_METHODS, isRetryableStatus, retryDelayMs } from "./retry-policy.js";
import { ConnectionError, RequestAbortedError, RequestTimeoutError } from "./transport-errors.js";

/** Transport settings a caller may set per client or, with `withOptions`, per call. */
export interface TransportOptions {
  /** Retries after the first attempt. Default 2. */
  readonly maxRetries?: number;
  /** Time allowed for each attempt, in milliseconds, until the response headers arrive. Default 60 000. */
  readonly timeout?: number;
  /** Also retry non-idempotent requests (POST, PATCH). Default false. */
  readonly retryNonIdempotent?: boolean;
  /** Logging and metrics hooks; they only ever see redacted data. */
  readonly hooks?: TransportHooks;
}

/** What a service adds to the transport: its own rules on top of the defaults. */
export interface TransportConfig extends TransportOptions {
  readonly fetch: (input: Request, init?: RequestInit) => Promise<Response>;
  readonly redactor: Redactor;
  /** Whether a request is safe to repeat even though its method is not idempotent (e.g. a search sent as POST). */
  readonly isIdempotent?: (request: Request) => boolean;
  /** A service's veto on retrying a response that has a retryable status (Stack Auth: never a KnownError). */
  readonly isRetryableResponse?: (response: Response) => boolean;
  /**
   * Called on each failed (non-2xx) response of a request that has not been replayed yet. Returning new
   * headers replays the request once with them (Stack Auth: refresh an expired access token
   * and resend). Throwing fails the call with that error.
   */
  readonly recover?: (response: Response, request: Request) => Promise<Headers | undefined>;
  /** The service's own error classes, used when a response becomes an error (see {@link toApiError}). */
  readonly toError?: ResponseContext["toError"];
  /** The observer of a request's call (tracing), if an instrumentation follows it. */
  readonly observe?: (request: Request) => CallObserver | undefined;
}

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 60_000;

const TIMED_OUT = Symbol("timed out");

type Attempt = { readonly response: Response } | { readonly failure: "timeout" | "connection" | "aborted"; readonly cause: unknown };

/**
 * Wraps fetch with what the network needs and openapi-fetch leaves out: retries
 * with backoff (connection errors, timeouts, 408/409/429/5xx; idempotent methods
 * unless told otherwise; `Retry-After` honoured), a timeout per attempt (until the
 * response headers arrive) combined with the caller's `AbortSignal`, a request body
 * that is replayed byte for byte, typed errors, and redacted hooks.
 *
 * @example
 * ```ts
 * const transport = createTransport({ fetch: globalThis.fetch, redactor, maxRetries: 3, timeout: 10_000 });
 * const client = createClient<paths>({ baseUrl, fetch: transport });
 * ```
 */
export function createTransport(config: TransportConfig): (request: Request) => Promise<Response> {
  const { fetch: fetchImpl, redactor, hooks = {} } = config;
  const maxRetries = config.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeoutMs = config.timeout ?? DEFAULT_TIMEOUT_MS;
  validateSettings(maxRetries, timeoutMs);

  return function send(request: Request): Promise<Response> {
    const observer = config.observe?.(request);
    return observer ? observed(deliver(request, observer), observer) : deliver(request, undefined);
  };

  async function deliver(request: Request, observer: CallObserver | undefined): Promise<Response> {
    const method = request.method;
    let describedUrl: string | undefined;
    const describeUrl = () => (describedUrl ??= withoutQuery(request.url));
    const callerSignal = request.signal;
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const retryable = IDEMPOTENT_METHODS.has(method) || config.retryNonIdempotent === true || config.isIdempotent?.(request) === true;
    let headers = request.headers;
    let replayed = false;

    for (let attempt = 1; ; attempt++) {
      if (callerSignal.aborted) throw new RequestAbortedError(method, describeUrl(), callerSignal.reason);
      if (hooks.onRequest) notify(hooks.onRequest, { method, url: describeUrl(), attempt, headers: redactor.redactHeaders(headers) });
      const started = hooks.onResponse ? Date.now() : 0;
      const sent = observer?.attempt(headers) ?? headers;
      const outcome = await attemptOnce(fetchImpl, request, { body, headers: sent }, callerSignal, timeoutMs);
      observer?.attemptEnded(outcome);
      const canRetry = retryable && attempt <= maxRetries;

      if ("response" in outcome) {
        const { response } = outcome;
        if (hooks.onResponse) {
          notify(hooks.onResponse, {
            method,
            url: describeUrl(),
            attempt,
            status: response.status,
            durationMs: Date.now() - started,
            requestId: requestIdOf(response.headers),
            headers: redactor.redactHeaders(response.headers),
          });
        }
        if (config.recover && !replayed && !response.ok) {
          const replacement = await config.recover(response, request);
          if (replacement) {
            discardBody(response);
            headers = replacement;
            replayed = true;
            attempt--; // a replay after recovery is not one of the caller's retries
            continue;
          }
        }
        if (!canRetry || !shouldRetryResponse(response, config)) {
          // Only a failed response can become an error (toApiError); a successful one needs no context.
          if (!response.ok) registerResponseContext(response, { method, url: request.url, redactor, toError: config.toError });
          return response;
        }
        discardBody(response);
        await backOff(attempt, `status ${response.status}`, response.headers);
        continue;
      }

      if (outcome.failure === "aborted") throw new RequestAbortedError(method, describeUrl(), callerSignal.reason);
      if (canRetry) {
        await backOff(attempt, outcome.failure === "timeout" ? "timeout" : "connection error", undefined);
        continue;
      }
      if (outcome.failure === "timeout") throw new RequestTimeoutError(method, describeUrl(), attempt, timeoutMs);
      throw new ConnectionError(method, describeUrl(), attempt, undefined, { cause: redactedCause(outcome.cause, redactor) });
    }

    async function backOff(attempt: number, reason: string, headers: Headers | undefined): Promise<void> {
      const delayMs = retryDelayMs(attempt - 1, headers);
      notify(hooks.onRetry, { method, url: describeUrl(), attempt, reason, delayMs });
      observer?.retrying(reason, delayMs);
      try {
        await sleep(delayMs, callerSignal);
      } catch {
        throw new RequestAbortedError(method, describeUrl(), callerSignal.reason);
      }
    }
  }
}

/** Tells the observer how the call ended. */
function observed(call: Promise<Response>, observer: CallObserver): Promise<Response> {
  return call.then(
    (response) => (observer.end(response), response),
    (error: unknown) => {
      observer.end(undefined, error);
      throw error;
    },
  );
}

function attemptOnce(
  fetchImpl: TransportConfig["fetch"],
  request: Request,
  { body, headers }: { readonly body: ArrayBuffer | undefined; readonly headers: Headers },
  callerSignal: AbortSignal,
  timeoutMs: number,
): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
  const forwardAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", forwardAbort, { once: true });
  const settle = () => {
    clearTimeout(timer);
    callerSignal.removeEventListener("abort", forwardAbort);
  };
  const init: RequestInit = { signal: controller.signal };
  if (body !== undefined) init.body = body;
  if (headers !== request.headers) init.headers = headers;
  return fetchSafely(fetchImpl, request, init).then(
    (response): Attempt => {
      settle();
      return { response };
    },
    (cause: unknown): Attempt => {
      settle();
      if (controller.signal.reason === TIMED_OUT) return { failure: "timeout", cause };
      if (callerSignal.aborted) return { failure: "aborted", cause };
      return { failure: "connection", cause };
    },
  );
}

/** A custom fetch that throws instead of rejecting still fails the attempt, not the transport. */
function fetchSafely(fetchImpl: TransportConfig["fetch"], request: Request, init: RequestInit): Promise<Response> {
  try {
    return fetchImpl(request, init);
  } catch (error) {
    return Promise.reject(error);
  }
}

function shouldRetryResponse(response: Response, config: TransportConfig): boolean {
  if (response.ok) return false;
  const override = response.headers.get("x-should-retry");
  if (override === "true") return true;
  if (override === "false") return false;
  return isRetryableStatus(response.status) && (config.isRetryableResponse?.(response) ?? true);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Frees the connection of a response that is not returned (a retry or a replay follows), without reading its body. */
function discardBody(response: Response): void {
  response.body?.cancel().catch(() => {});
}

function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // A failing log or metrics hook must not fail the request it observes.
  }
}


function redactedCause(cause: unknown, redactor: Redactor): unknown {
  if (!(cause instanceof Error)) return cause;
  const copy = new Error(redactor.redactText(cause.message));
  copy.name = cause.name;
  const code = (cause.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") Object.assign(copy, { code });
  return copy;
}

function validateSettings(maxRetries: number, timeoutMs: number): void {
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigurationError(`maxRetries must be a whole number of retries (0 or more), got ${maxRetries}`);
  }
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new ConfigurationError(`timeout must be a positive number of milliseconds, got ${timeoutMs}`);
  }
}
