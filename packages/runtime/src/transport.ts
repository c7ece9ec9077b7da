import { ConfigurationError, type Redactor } from "@keyway/header-auth";
import { requestIdOf } from "./errors.js";
import { registerResponseContext, type ResponseContext } from "./result.js";
import { withoutQuery } from "./url.js";
import type { TransportHooks } from "./hooks.js";
import type { CallObserver } from "./instrumentation.js";
import { IDEMPOTENT_METHODS, isRetryableStatus, retryDelayMs } from "./retry-policy.js";
import { forwardAbort, sleep, untilAborted } from "./abort.js";
import { describeFailure, redactedError } from "./connection-failure.js";
import { nextHop, type Hop, type RedirectPolicy } from "./redirects.js";
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
  /**
   * Other origins (`"https://files.example.com"`) that a redirect from the API may lead to.
   * No header of a security scheme, no header default, and no `Authorization` or `Cookie`
   * is ever sent there. Default: none, so a redirect to another origin is a `RedirectError`.
   */
  readonly allowedRedirectOrigins?: readonly string[];
}

/** What a service adds to the transport: its own rules on top of the defaults. */
export interface TransportConfig extends TransportOptions {
  readonly fetch: (input: Request, init?: RequestInit) => Promise<Response>;
  readonly redactor: Redactor;
  /** Headers that never leave the API's origin on a redirect: every security scheme's and every header default's. */
  readonly originBoundHeaders?: readonly string[];
  /** Headers never sent over plain http to a non-loopback host, checked again on every redirect. */
  readonly secretHeaders?: readonly string[];
  /** Whether a request is safe to repeat even though its method is not idempotent (e.g. a search sent as POST). */
  readonly isIdempotent?: (request: Request) => boolean;
  /** A service's veto on retrying a response that has a retryable status (Stack Auth: never a KnownError). */
  readonly isRetryableResponse?: (response: Response) => boolean;
  /**
   * Called on each failed (non-2xx) response from the API's origin to a request that has not
   * been replayed yet. Returning new headers replays the request once with them (Stack Auth:
   * refresh an expired access token and resend). Throwing fails the call with that error. The
   * caller's signal ends the wait at once, without cancelling the work `recover` shares with others.
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

type Attempt =
  | { readonly response: Response; readonly hop: Hop }
  | { readonly failure: "timeout" | "connection" | "aborted"; readonly cause: unknown };

/**
 * Wraps fetch with what the network needs and openapi-fetch leaves out: retries
 * with backoff (connection errors, timeouts, 408/409/429/5xx; idempotent methods
 * unless told otherwise; `Retry-After` honoured), a timeout per attempt (until the
 * response headers arrive) combined with the caller's `AbortSignal`, a request body
 * that is replayed byte for byte, redirects followed by keyway itself (never a
 * credential to another origin), typed errors, and redacted hooks.
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
  const allowedOrigins = allowedOriginsOf(config.allowedRedirectOrigins);
  const originBoundHeaders = config.originBoundHeaders ?? [];
  const secretHeaders = config.secretHeaders ?? [];

  return function send(request: Request): Promise<Response> {
    const observer = config.observe?.(request);
    return observer ? observed(deliver(request, observer), observer) : deliver(request, undefined);
  };

  async function deliver(request: Request, observer: CallObserver | undefined): Promise<Response> {
    const method = request.method;
    let describedUrl: string | undefined;
    const describeUrl = () => (describedUrl ??= withoutQuery(request.url));
    const callerSignal = request.signal;
    const aborted = () => new RequestAbortedError(method, describeUrl(), callerSignal.reason);
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const retryable =
      IDEMPOTENT_METHODS.has(method) || config.retryNonIdempotent === true || config.isIdempotent?.(request) === true;
    let policy: RedirectPolicy | undefined;
    let headers = request.headers;
    let replayed = false;
    let maybeReceived = false;

    for (let attempt = 1; ; attempt++) {
      if (callerSignal.aborted) throw aborted();
      const sent = observer?.attempt(headers) ?? headers;
      const outcome = await attemptFollowingRedirects(attempt, {
        url: request.url,
        method,
        headers: sent,
        body,
        leftOrigin: false,
      });
      observer?.attemptEnded(outcome);
      const canRetry = retryable && attempt <= maxRetries;

      if ("response" in outcome) {
        const { response, hop } = outcome;
        if (config.recover && !replayed && !response.ok && !hop.leftOrigin) {
          const replacement = await untilAborted(config.recover(response, request), callerSignal, aborted);
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
          if (!response.ok)
            registerResponseContext(response, { method, url: request.url, redactor, toError: config.toError });
          return response;
        }
        discardBody(response);
        await backOff(attempt, `status ${response.status}`, response.headers);
        continue;
      }

      if (outcome.failure === "aborted") throw aborted();
      const failure = describeFailure(outcome.cause, redactor);
      maybeReceived ||= outcome.failure === "timeout" || failure.maybeReceived;
      if (canRetry) {
        await backOff(attempt, outcome.failure === "timeout" ? "timeout" : "connection error", undefined);
        continue;
      }
      if (outcome.failure === "timeout") throw new RequestTimeoutError(method, describeUrl(), attempt, timeoutMs);
      throw new ConnectionError(method, describeUrl(), attempt, undefined, {
        ...failure,
        maybeReceived,
        cause: redactedError(outcome.cause, redactor),
      });
    }

    /** One attempt: the request, then each redirect keyway agrees to follow. */
    async function attemptFollowingRedirects(attempt: number, first: Hop): Promise<Attempt> {
      let hop = first;
      for (let hops = 0; ; hops++) {
        if (callerSignal.aborted) return { failure: "aborted", cause: callerSignal.reason };
        const hopUrl = hops === 0 ? describeUrl() : withoutQuery(hop.url);
        if (hooks.onRequest)
          notify(hooks.onRequest, {
            method: hop.method,
            url: hopUrl,
            attempt,
            headers: redactor.redactHeaders(hop.headers),
          });
        const started = hooks.onResponse ? Date.now() : 0;
        const outcome = await attemptOnce(fetchImpl, hops === 0 ? request : undefined, hop, callerSignal, timeoutMs);
        if (!("response" in outcome)) return outcome;
        const { response } = outcome;
        if (hooks.onResponse) {
          notify(hooks.onResponse, {
            method: hop.method,
            url: hopUrl,
            attempt,
            status: response.status,
            durationMs: Date.now() - started,
            requestId: requestIdOf(response.headers),
            headers: redactor.redactHeaders(response.headers),
          });
        }
        if ((response.status < 300 || response.status >= 400) && response.type !== "opaqueredirect")
          return { response, hop };
        policy ??= { origin: new URL(request.url).origin, allowedOrigins, originBoundHeaders, secretHeaders };
        let next: Hop | undefined;
        try {
          next = nextHop(response, hop, hops, policy);
        } catch (refusal) {
          discardBody(response);
          throw refusal;
        }
        if (next === undefined) return { response, hop };
        discardBody(response);
        hop = next;
      }
    }

    async function backOff(attempt: number, reason: string, headers: Headers | undefined): Promise<void> {
      const delayMs = retryDelayMs(attempt - 1, headers);
      notify(hooks.onRetry, { method, url: describeUrl(), attempt, reason, delayMs });
      observer?.retrying(reason, delayMs);
      try {
        await sleep(delayMs, callerSignal);
      } catch {
        throw aborted();
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

/**
 * Sends one hop with `redirect: "manual"`, so that fetch never follows a redirect by itself.
 * The first hop reuses openapi-fetch's request; a redirect's target gets a request of its own.
 */
function attemptOnce(
  fetchImpl: TransportConfig["fetch"],
  request: Request | undefined,
  hop: Hop,
  callerSignal: AbortSignal,
  timeoutMs: number,
): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
  const forwarding = forwardAbort(callerSignal, controller);
  const init: RequestInit = { signal: controller.signal, redirect: "manual" };
  if (hop.body !== undefined) init.body = hop.body;
  if (request === undefined || hop.headers !== request.headers) init.headers = hop.headers;
  const sent = fetchSafely(() =>
    request ? fetchImpl(request, init) : fetchImpl(new Request(hop.url, { ...init, method: hop.method })),
  );
  return sent.then(
    (response): Attempt => {
      clearTimeout(timer); // the timeout covers the headers; the caller's abort still reaches the body
      return { response, hop };
    },
    (cause: unknown): Attempt => {
      clearTimeout(timer);
      forwarding.unlink();
      if (controller.signal.reason === TIMED_OUT) return { failure: "timeout", cause };
      if (callerSignal.aborted) return { failure: "aborted", cause };
      return { failure: "connection", cause };
    },
  );
}

/** A custom fetch that throws instead of rejecting still fails the attempt, not the transport. */
function fetchSafely(send: () => Promise<Response>): Promise<Response> {
  try {
    return send();
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

function allowedOriginsOf(origins: readonly string[] | undefined): ReadonlySet<string> {
  const allowed = new Set<string>();
  for (const origin of origins ?? []) {
    if (!URL.canParse(origin) || new URL(origin).origin === "null") {
      throw new ConfigurationError(
        `allowedRedirectOrigins: "${origin}" is not an origin such as "https://files.example.com"`,
      );
    }
    allowed.add(new URL(origin).origin);
  }
  return allowed;
}

function validateSettings(maxRetries: number, timeoutMs: number): void {
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigurationError(`maxRetries must be a whole number of retries (0 or more), got ${maxRetries}`);
  }
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new ConfigurationError(`timeout must be a positive number of milliseconds, got ${timeoutMs}`);
  }
}
