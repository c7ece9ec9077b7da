import { ConfigurationError } from "./keyway-errors.js";
import { assertSecureTransport } from "./secure-transport.js";
import { isLoopbackHost } from "./environment.js";
import type { Redactor } from "./redaction.js";
import type { OperationMeta } from "./meta.js";
import { requestIdOf } from "./errors.js";
import { registerResponseContext, type ResponseContext } from "./result.js";
import { shownUrl, withSecretValuesHidden } from "./internal/url.js";
import type { TransportHooks } from "./hooks.js";
import type { CallObserver } from "./instrumentation.js";
import {
  DEFAULT_MAX_RETRIES,
  isRepeatable,
  isRetryableResponse,
  retryDelayMs,
  type RetryRules,
} from "./retry-policy.js";
import { CallRequest } from "./internal/request.js";
import type { AttemptSignals } from "./internal/attempt-signals.js";
import { forwardAbort, sleep, untilAborted } from "./internal/abort.js";
import { AttemptDeadline, settledWithin } from "./internal/deadline.js";
import { checkSettings } from "./internal/option-values.js";
import { describeFailure, redactedError } from "./internal/connection-failure.js";
import { nextHop, secretValuesOf, type Hop, type RedirectPolicy } from "./internal/redirects.js";
import { boundBody, DEFAULT_MAX_RESPONSE_BYTES } from "./response-size.js";
import { ConnectionError, RequestAbortedError, RequestTimeoutError } from "./transport-errors.js";
import { kindOf } from "./internal/shown.js";
import { streamBytes } from "./internal/request-stream.js";
import { redactFailedBody } from "./internal/failed-body.js";
import { secretParameters, secretValuesSent, type IsSecretParameter, type SecretSegment } from "./secret-parameters.js";

/**
 * Transport settings a caller may set per client, per call (overriding the client's for that call only), or with
 * `withOptions` for a copy of the client. `null` leaves one unset.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   timeout: 30_000,
 * });
 * // This call only: 5 s an attempt, no retry; the client's next call has 30 s and 2 retries again.
 * const { data } = await client.GET("/orders", { timeout: 5_000, maxRetries: 0 });
 * ```
 */
export interface CallSettings {
  /** Retries after the first attempt. Default 2. */
  readonly maxRetries?: number | undefined;
  /**
   * Time allowed for each attempt, in milliseconds, from sending the request until the response body is read
   * (until the headers arrive when the body is read as a stream, `parseAs: "stream"`). Default 60 000, at most
   * 2 147 483 647 (about 24.8 days). Credentials that a provider returns asynchronously get as long again before the
   * first attempt: a provider that has not settled by then fails the call with a `RequestTimeoutError`, nothing sent.
   */
  readonly timeout?: number | undefined;
  /** Also retry non-idempotent requests (POST, PATCH). Default false. */
  readonly retryNonIdempotent?: boolean | undefined;
  /**
   * The most bytes of a response body keyway reads for a call, counted as the body decodes: a larger one fails the
   * call with a `ResponseTooLargeError` and its connection is closed, so that an endless or highly compressed body
   * cannot fill memory. Default 64 MiB; `Infinity` for no limit. A body the caller reads as a stream
   * (`parseAs: "stream"`) is the caller's to bound.
   */
  readonly maxResponseBytes?: number | undefined;
}

/**
 * Transport settings a caller may set per client or, with `withOptions`, for a copy of the client: the
 * {@link CallSettings}, which a call takes too, and those only a client takes.
 */
export interface TransportOptions extends CallSettings {
  /** Logging and metrics hooks; they only ever see redacted data. */
  readonly hooks?: TransportHooks | undefined;
  /**
   * Other origins (`"https://files.example.com"`) that a redirect from the API may lead to. A request takes only its
   * `Accept…`, `Content-…` and conditional `If-…` headers, `Range`, `Cache-Control` and `User-Agent` there: no header
   * of a security scheme, no header default, no other header of the call's or a middleware's, no `Authorization` or
   * `Cookie`. Default: none, so a redirect to another origin is a `RedirectError`.
   */
  readonly allowedRedirectOrigins?: readonly string[] | undefined;
}

/** What a service adds to the transport: its own rules on top of the defaults. */
export interface TransportConfig extends TransportOptions {
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly redactor: Redactor;
  /** Headers that never leave the API's origin on a redirect: every security scheme's and every header default's. */
  readonly originBoundHeaders?: readonly string[];
  /** Headers never sent over plain http to a non-loopback host, checked again on every redirect. */
  readonly secretHeaders?: readonly string[];
  /** A service's veto on retrying a response that has a retryable status (Stack Auth: never a KnownError). */
  readonly isRetryableResponse?: (response: Response) => boolean;
  /**
   * Called on each failed (non-2xx) response from the API's origin to a request that has not
   * been replayed yet, with the request's operation (`undefined` for a request a middleware replaced). Returning new
   * headers replays the request once with them (Stack Auth: refresh an expired access token and resend). Throwing
   * fails the call with that error. The caller's signal ends the wait at once, and the timeout after as long as an
   * attempt has (a `RequestTimeoutError`), without canceling the work `recover` shares with others.
   */
  readonly recover?: (
    response: Response,
    request: OutgoingRequest,
    operation: OperationMeta | undefined,
  ) => Promise<Headers | undefined>;
  /** The service's own error classes, used when a response becomes an error (see {@link toApiError}). */
  readonly toError?: ResponseContext["toError"];
  /** How the service reads each response, whichever fetch sent its request (see {@link ResponseStep}). */
  readonly readResponse?: ResponseStep | undefined;
  /** The observer of a request's call (tracing), if an instrumentation follows it. */
  readonly observe?: (request: OutgoingRequest) => CallObserver | undefined;
  /** Where attempts get their abort controller; one of their own each when not given. */
  readonly signals?: AttemptSignals | undefined;
  /** Response headers that carry the service's request id, in order of preference (default `x-request-id`). */
  readonly requestIdHeaders?: readonly string[] | undefined;
  /**
   * Which path, query and header parameters hold secrets (the client's `secretParameters` rule): the values a call
   * sends for them are hidden in what it shows wherever its server echoes them. The rule's default when not given.
   */
  readonly isSecretParameter?: IsSecretParameter | undefined;
}

/**
 * A service's reading of every response its API sends, within the attempt that received it: the client's `fetch`
 * and a call's own (`client.GET(path, { fetch })`) alike answer through it, and it answers in their place. `init` is
 * what the hop was sent with (its `headers`, and the attempt's `signal`, which the timeout and the caller's abort end).
 * Throwing fails the attempt as a fetch that failed (a timeout, an abort or a `ConnectionError`, retried as one).
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient, type ResponseStep } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * // A gateway in front of the Orders API answers some failures 200, with their status in a header.
 * const restoringStatus: ResponseStep = (response) => {
 *   const actual = Number(response.headers.get("X-Actual-Status"));
 *   if (response.status !== 200 || !(actual >= 400 && actual <= 599)) return response;
 *   return new Response(response.body, { status: actual, headers: response.headers });
 * };
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   readResponse: restoringStatus,
 * });
 * // Read as a failure, whichever fetch sent it: the client's, or this call's own.
 * const { error } = await client.GET("/orders", { fetch: (request) => fetch(request) });
 * ```
 */
export type ResponseStep = (response: Response, init: RequestInit) => Response | Promise<Response>;

/** What the transport sends: keyway's {@link CallRequest}, or a fetch `Request` a middleware put in its place. */
export type OutgoingRequest = CallRequest | Request;

export const DEFAULT_TIMEOUT_MS = 60_000;

/** An attempt that got a response: the hop that answered, and its control, whose deadline still runs over its body. */
type Received = { readonly response: Response; readonly hop: Hop; readonly control: AttemptControl };

type Attempt = Received | { readonly failure: "timeout" | "connection" | "aborted"; readonly cause: unknown };

/**
 * Wraps fetch with what the network needs and openapi-fetch leaves out: retries
 * with backoff (connection errors, timeouts, 408/409/429/5xx; idempotent methods
 * unless told otherwise; `Retry-After` honored), a timeout per attempt (until the
 * response body is read) combined with the caller's `AbortSignal`, a request body
 * that is replayed byte for byte, redirects followed by keyway itself (never a
 * credential to another origin), typed errors, and redacted hooks. Each hop is one
 * `fetch(url, init)`: no `Request` is built on the way.
 */
export function createTransport(config: TransportConfig): (request: OutgoingRequest) => Promise<Response> {
  const { fetch: fetchImpl, redactor } = config;
  const hooks = config.hooks ?? {};
  checkSettings(config);
  const clientTimeoutMs = config.timeout ?? DEFAULT_TIMEOUT_MS;
  const clientRules: RetryRules = {
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    retryNonIdempotent: config.retryNonIdempotent === true,
    isRetryableResponse: config.isRetryableResponse,
  };
  const clientMaxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const allowedOrigins = allowedOriginsOf(config.allowedRedirectOrigins);
  const originBoundHeaders = config.originBoundHeaders ?? [];
  const secretHeaders = config.secretHeaders ?? [];
  const isSecretParameter = config.isSecretParameter ?? secretParameters();

  // The plain-http origin on this machine (a local server, a test's) calls last went to, whose headers need no check.
  let loopback: string | undefined;

  /**
   * Holds a header named like a secret (a header parameter, a header default, one a middleware set) to a secret
   * security scheme's rule: never over plain http to a host that is not on this machine.
   */
  function checkPlainHttp({ url, headers }: OutgoingRequest): void {
    const { hostname, origin } = new URL(url);
    if (isLoopbackHost(hostname)) loopback = `${origin}/`;
    else for (const name of secretHeadersOf(headers, isSecretParameter)) assertSecureTransport(url, name);
  }

  /**
   * What an error built from a call's response reads of the call (see {@link registerResponseContext}): its URL as
   * errors show it (`shown`, the call's own, made once) and its redactor, made when first read, since a page's context
   * is read only when the page is not one. Made apart from `deliver`, it holds the request's URL and headers, not the
   * call's scope: a context that led back to its response (the weak map's key, which the call's scope holds) would
   * survive every young-generation collection and wait for a full one, page after page.
   */
  function contextOfCall(
    method: string,
    shown: string,
    { url, headers }: OutgoingRequest,
    secretPath: readonly SecretSegment[] | undefined,
    callRedactor: Redactor | undefined,
    earlierAttemptMaybeReceived: boolean,
    redirectedTo: Hop | undefined,
  ): ResponseContext {
    if (redirectedTo) callRedactor ??= redactorOfCall({ url, headers }, secretPath, redactor, isSecretParameter);
    return {
      method,
      url: shown,
      earlierAttemptMaybeReceived,
      redirectedTo: redirectedTo && `${redirectedTo.method} ${callRedactor!.redactText(shownUrl(redirectedTo))}`,
      get redactor() {
        return (callRedactor ??= redactorOfCall({ url, headers }, secretPath, redactor, isSecretParameter));
      },
      toError: config.toError,
      requestIdHeaders: config.requestIdHeaders,
    };
  }

  return function send(request: OutgoingRequest): Promise<Response> {
    // A call its caller gave up on before it reached the transport (say, while a credential provider worked)
    // is neither sent nor observed: its caller already has its RequestAbortedError.
    const { signal } = request;
    if (signal?.aborted)
      return Promise.reject(
        new RequestAbortedError({
          method: request.method,
          url: redactor.redactText(shownUrl(request)),
          cause: signal.reason,
        }),
      );
    const observer = config.observe?.(request);
    return observer ? observed(deliver(request, observer), observer) : deliver(request, undefined);
  };

  async function deliver(request: OutgoingRequest, observer: CallObserver | undefined): Promise<Response> {
    const { method, url } = request;
    if (!url.startsWith("https:") && !(loopback !== undefined && url.startsWith(loopback))) checkPlainHttp(request);
    const secretPath = request instanceof CallRequest ? request.secretPath : undefined;
    // The call's own settings, where it gave any, over the client's (checked before it was sent).
    const settings = request instanceof CallRequest ? request.settings : undefined;
    const timeoutMs = settings?.timeout ?? clientTimeoutMs;
    const rules = settings ? rulesOfCall(settings, clientRules) : clientRules;
    const maxResponseBytes = settings?.maxResponseBytes ?? clientMaxResponseBytes;
    let describedUrl: string | undefined;
    // A credential the client knows may sit in the base URL's path (a gateway's key): hidden there too.
    const describeUrl = () => (describedUrl ??= redactor.redactText(shownUrl({ url, secretPath })));
    // What the call shows (an error, a hook's event) is scrubbed of the values it sent for secret parameters too. Made
    // when first needed (no closure: a call allocates nothing for it), so a call that succeeds without hooks never
    // reads its URL or headers for them.
    let callRedactor: Redactor | undefined;
    const callerSignal = request.signal ?? undefined;
    const aborted = () => new RequestAbortedError({ method, url: describeUrl(), cause: callerSignal?.reason });
    const body = request.body === null ? undefined : await replayable(request, timeoutMs, describeUrl, aborted);
    // The caller's other fetch options (`cache`, `credentials`, …) go with every hop. The first hop sends
    // the init openapi-fetch built for this call (no copy); every later one a copy, so that a fetch that
    // holds on to an init never sees it change.
    const options = request instanceof CallRequest ? request.init : undefined;
    const callFetch = request instanceof CallRequest ? request.fetch : undefined;
    const fetchDirect: TransportConfig["fetch"] = callFetch
      ? (url, init) => callFetch(new Request(url, init))
      : fetchImpl;
    const fetchOnce: TransportConfig["fetch"] = observer?.sending
      ? (url, init) => observer.sending!(() => fetchDirect(url, init))
      : fetchDirect;
    let unsent = options;
    const ownBody = !(request instanceof CallRequest) || request.streamed;
    const operation = request instanceof CallRequest ? request.operation : undefined;
    const repeatable = isRepeatable(method, operation, rules);
    let policy: RedirectPolicy | undefined;
    let headers = request.headers;
    let replayed = false;
    let maybeReceived = false;

    for (let attempt = 1; ; attempt++) {
      if (callerSignal?.aborted) throw aborted();
      const sent = observer?.attempt(headers) ?? headers;
      const first: Hop = { url, method, headers: sent, body, leftOrigin: false, secretPath };
      const outcome = await sendHop(attempt, 0, first);
      observer?.attemptEnded(outcome);
      const canRetry = repeatable && attempt <= rules.maxRetries;

      if ("response" in outcome) {
        const { response, hop } = outcome;
        let replacement: Headers | undefined;
        let retry: boolean;
        try {
          if (config.recover && !replayed && !response.ok && !hop.leftOrigin) {
            const waitingFor = "new credentials";
            const expired = () =>
              new RequestTimeoutError({ method, url: describeUrl(), attempts: attempt, timeoutMs, waitingFor });
            const recovered = config.recover(response, request, operation);
            const recovery = settledWithin(recovered, timeoutMs, expired, callerSignal);
            replacement = await (callerSignal ? untilAborted(recovery, callerSignal, aborted) : recovery);
          }
          retry = !replacement && canRetry && isRetryableResponse(response, rules);
        } catch (error) {
          drop(outcome); // the recovery failed, the caller gave up waiting for it, or a service's veto threw
          // Not through rethrowKeepingFalsy: a call here left V8 allocating some 250 bytes more per call (heap budgets).
          throw error || new FalsyRejection(error);
        }
        if (replacement) {
          drop(outcome);
          headers = replacement;
          replayed = true;
          attempt--; // a replay after recovery is not one of the caller's retries
          continue;
        }
        if (retry) {
          drop(outcome);
          maybeReceived = true; // a status that is retried (a 500, a 503) may come after the request was applied
          await backOff(attempt, `status ${response.status}`, response.headers);
          continue;
        }
        // A streamed call's caller reads a successful body; openapi-fetch reads a failed one (the error) itself.
        const callerReadsBody = ownBody && response.ok;
        if (!callerReadsBody) {
          try {
            boundBody(
              response,
              {
                method,
                url,
                maxBytes: maxResponseBytes,
                // An aborted attempt fails the read even where the stream then reports its end (a clone's other copy,
                // on Node 20). A body the runtime decodes can fail in a way its request's abort no longer reaches (Node
                // 20's fetch): only that read has the abort cancel it, a listener that costs every call that has one.
                signal: outcome.control.deadline.signal,
                cancelOnAbort: response.headers.has("content-encoding"),
              },
              secretPath,
              redactor,
            );
          } catch (tooLarge) {
            outcome.control.deadline.disarm(); // limitResponseBody has canceled the body
            throw tooLarge;
          }
        }
        // A failed response can become an error (toApiError), and a page be described by its keys, as can a success
        // that a middleware may turn into a failure; no other response needs a context.
        if (
          !response.ok ||
          (request instanceof CallRequest && (request.paged || request.bodyDeadline?.mayBeReplaced === true))
        ) {
          const redirectedTo = hop === first ? undefined : hop;
          const context = contextOfCall(
            method,
            describeUrl(),
            request,
            secretPath,
            callRedactor,
            maybeReceived,
            redirectedTo,
          );
          registerResponseContext(response, context);
          if (!response.ok) redactFailedBody(response, (callRedactor = context.redactor));
        }
        const bodyDeadline = request instanceof CallRequest ? request.bodyDeadline : undefined;
        bodyDeadline?.hold(
          outcome.control.deadline,
          response,
          method,
          { url, secretPath },
          attempt,
          timeoutMs,
          redactor,
        );
        // The caller reads the body as a stream, which its own signal bounds; what fails it is still named by the call.
        if (!bodyDeadline || callerReadsBody) outcome.control.deadline.disarm();
        return response;
      }

      if (outcome.failure === "aborted") throw aborted();
      callRedactor ??= redactorOfCall(request, secretPath, redactor, isSecretParameter);
      const failure = describeFailure(outcome.cause, callRedactor);
      maybeReceived ||= outcome.failure === "timeout" || failure.maybeReceived;
      if (canRetry && !failure.final) {
        await backOff(attempt, outcome.failure === "timeout" ? "timeout" : "connection error", undefined);
        continue;
      }
      if (outcome.failure === "timeout")
        throw new RequestTimeoutError({ method, url: describeUrl(), attempts: attempt, timeoutMs });
      throw new ConnectionError({
        method,
        url: describeUrl(),
        attempts: attempt,
        ...failure,
        maybeReceived,
        cause: redactedError(outcome.cause, callRedactor),
      });
    }

    /**
     * One hop of an attempt (the request, or a redirect's target), then each further redirect
     * keyway agrees to follow. Chained on the hop's promise: the common one-hop attempt costs no
     * more awaits than the fetch itself.
     */
    function sendHop(attempt: number, hops: number, hop: Hop, ongoing?: AttemptControl): Promise<Attempt> {
      if (callerSignal?.aborted) {
        if (ongoing) endAttempt(ongoing);
        return Promise.resolve({ failure: "aborted", cause: callerSignal.reason });
      }
      // A redirect's target is the server's to choose, and may echo a secret in its path.
      const hooked = hooks.onRequest !== undefined || hooks.onResponse !== undefined;
      const shownBy = hooked
        ? (callRedactor ??= redactorOfCall(request, secretPath, redactor, isSecretParameter))
        : redactor;
      const hopUrl = hooked ? shownBy.redactText(hops === 0 ? describeUrl() : shownUrl(hop)) : "";
      if (hooks.onRequest)
        notify(hooks.onRequest, {
          method: hop.method,
          url: hopUrl,
          attempt,
          headers: shownBy.redactHeaders(hop.headers),
        });
      const started = hooks.onResponse ? Date.now() : 0;
      const init: RequestInit = unsent ?? { ...options };
      unsent = undefined;
      // Every hop of an attempt follows one controller and one deadline: redirects do not buy a server more time.
      const control = ongoing ?? startAttempt();
      return attemptOnce(fetchOnce, init, control, hop, callerSignal, config.readResponse, redactor).then((outcome) => {
        if (!("response" in outcome)) return outcome;
        const { response } = outcome;
        if (hooks.onResponse) {
          notify(hooks.onResponse, {
            method: hop.method,
            url: hopUrl,
            attempt,
            status: response.status,
            durationMs: Date.now() - started,
            requestId: requestIdOf(response.headers, config.requestIdHeaders, shownBy),
            headers: withSecretValuesHidden(shownBy.redactHeaders(response.headers), secretValuesOf(hop)),
          });
        }
        if (
          (response.status < 300 || response.status >= 400) &&
          response.type !== "opaqueredirect" &&
          !response.redirected
        )
          return outcome;
        policy ??= {
          origin: new URL(url).origin,
          allowedOrigins,
          originBoundHeaders: [...originBoundHeaders, ...secretHeadersOf(request.headers, isSecretParameter)],
          secretHeaders,
          redactor: (callRedactor ??= redactorOfCall(request, secretPath, redactor, isSecretParameter)),
        };
        let next: Hop | undefined;
        try {
          next = nextHop(response, hop, hops, policy);
        } catch (refusal) {
          observer?.attemptEnded(outcome); // the attempt got its answer: the call fails on what it answered
          drop(outcome);
          throw refusal;
        }
        if (next === undefined) return outcome;
        // A 303 (or a POST's 301/302) points to the result of a request the server acted on, whatever its target answers;
        // a 307/308 asks for the same request elsewhere, which only the target may act on.
        if (next.method !== hop.method) maybeReceived = true;
        discardBody(response);
        const traced = observer?.redirected?.(response, next);
        return sendHop(attempt, hops + 1, traced ? { ...next, headers: traced } : next, control);
      });
    }

    function startAttempt(): AttemptControl {
      const controller = config.signals?.controllerFor(ownBody) ?? new AbortController();
      return {
        controller,
        deadline: new AttemptDeadline(controller, timeoutMs),
        forwarding: callerSignal && forwardAbort(callerSignal, controller),
      };
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

/**
 * The client's redactor, with the values `request` sends for its secret parameters too, and its headers named like
 * secrets hidden whatever their value (see {@link Redactor.forCall}).
 */
function redactorOfCall(
  request: { readonly url: string; readonly headers: Headers },
  secretPath: readonly SecretSegment[] | undefined,
  redactor: Redactor,
  isSecret: IsSecretParameter,
): Redactor {
  const values = secretValuesSent(request.url, request.headers, secretPath ?? [], isSecret);
  return redactor.forCall(values, secretHeadersOf(request.headers, isSecret));
}

/** The names of the headers in `headers` named like secrets (`X-Webhook-Secret`), which never leave the API's origin. */
function secretHeadersOf(headers: Headers, isSecret: IsSecretParameter): string[] {
  return [...headers.keys()].filter(isSecret);
}

/**
 * The request's body in a form fetch can send again on a retry or a 307/308: strings, bytes,
 * forms and blobs as they are; a stream (a `Request`'s own, the caller's, or a custom serializer's) read once,
 * within the timeout and until the caller aborts.
 */
function replayable(
  request: OutgoingRequest,
  timeoutMs: number,
  describeUrl: () => string,
  aborted: () => Error,
): BodyInit | Promise<BodyInit> {
  const body = request.body!;
  if (!(body instanceof ReadableStream)) return body;
  // Made only for a stream: a call with any other body, or none, allocates nothing for this wait.
  const expired = () =>
    new RequestTimeoutError({
      method: request.method,
      url: describeUrl(),
      attempts: 0,
      timeoutMs,
      waitingFor: "its request body",
    });
  const signal = request.signal ?? undefined;
  // The stream may be the caller's, and fail with whatever its source throws.
  return streamBytes(body, request.headers.get("content-type"), timeoutMs, expired, signal, aborted).catch(
    rethrowKeepingFalsy,
  );
}

/**
 * A falsy value (`undefined`, `null`, `""`) that a caller's code (a session refresh, a credential provider, a request
 * body stream's source) threw, carried to the call, which rethrows {@link value}: openapi-fetch drops a falsy rejection
 * of its fetch, then fails on the response it does not have with a TypeError of its own.
 */
export class FalsyRejection extends Error {
  constructor(readonly value: unknown) {
    super(`rejected with ${String(value)}`);
    this.name = "FalsyRejection"; // a minifier renames the class
  }
}

/** Throws `error`, or a {@link FalsyRejection} carrying it when it is falsy. */
export function rethrowKeepingFalsy(error: unknown): never {
  throw error || new FalsyRejection(error);
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

/** What the hops of one attempt share: the controller their fetches follow, its deadline, the caller's abort forwarded. */
interface AttemptControl {
  readonly controller: AbortController;
  readonly deadline: AttemptDeadline;
  readonly forwarding: { unlink(): void } | undefined;
}

/** Ends an attempt that failed: its deadline stops, and the caller's abort no longer reaches its controller. */
function endAttempt({ deadline, forwarding }: AttemptControl): void {
  deadline.disarm();
  forwarding?.unlink();
}

/**
 * Sends one hop with `init`, set to `redirect: "manual"` so that fetch never follows a redirect by itself, and has the
 * service's `readResponse` read what it answers.
 */
function attemptOnce(
  fetchImpl: TransportConfig["fetch"],
  init: RequestInit,
  control: AttemptControl,
  hop: Hop,
  callerSignal: AbortSignal | undefined,
  readResponse: ResponseStep | undefined,
  redactor: Redactor,
): Promise<Attempt> {
  const { controller, deadline } = control;
  init.method = hop.method;
  init.headers = hop.headers;
  init.body = hop.body ?? null;
  init.signal = controller.signal;
  init.redirect = "manual";
  const failed = (cause: unknown): Attempt => {
    endAttempt(control);
    if (deadline.expired) return { failure: "timeout", cause };
    if (callerSignal?.aborted) return { failure: "aborted", cause };
    return { failure: "connection", cause };
  };
  return fetchSafely(() => fetchImpl(hop.url, init)).then((response): Attempt | Promise<Attempt> => {
    if (typeof (response as Partial<Response> | null)?.status !== "number") {
      deadline.disarm();
      throw new ConfigurationError(
        `${hop.method} ${redactor.redactText(shownUrl(hop))}: fetch returned ${kindOf(response)}, not a Response (or a promise of one)`,
      );
    }
    if (!hasHttpStatus(response)) {
      drop({ response, hop, control });
      return failed(new TypeError(`the response is not valid HTTP (status ${response.status})`));
    }
    // The deadline and the caller's abort still reach the body, until the response is dropped or the call has read it.
    if (!readResponse) return { response, hop, control };
    return fetchSafely(() => readResponse(response, init)).then(
      (read): Attempt => ({ response: read, hop, control }),
      (error: unknown) => {
        discardBody(response);
        return failed(error);
      },
    );
  }, failed);
}

/**
 * Whether a response has a status HTTP defines for a final response (200–599), or is one of the browser's opaque
 * responses (status 0). Node's fetch passes 600–999 through and Bun's any status at all; Node's rejects a status
 * under 100 as a broken response, and keyway fails every one of them alike.
 */
function hasHttpStatus(response: Response): boolean {
  const { status } = response;
  return (status >= 200 && status < 600) || response.type === "opaqueredirect" || response.type === "opaque";
}

/** A custom fetch (or a service's response step) that throws instead of rejecting still fails the attempt, not the transport. */
function fetchSafely(send: () => Response | Promise<Response>): Promise<Response> {
  try {
    // A fetch that returns its answer itself, not a promise of it, is read as one that resolved.
    return Promise.resolve(send());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Drops a response that is not returned (a retry, a replay or a refused redirect follows): ends its attempt, so that
 * neither its deadline nor the caller's abort reaches it, and frees its connection without reading its body.
 */
function drop({ response, control }: Received): void {
  endAttempt(control);
  discardBody(response);
}

/** Frees a response's connection without reading its body. */
function discardBody(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/** Calls a hook without waiting for it: a failing log or metrics hook, async or not, must not fail the request it observes. */
function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    const pending: unknown = hook(event);
    // An async hook's rejection is caught too: unhandled, it would end a Node process.
    if (pending) Promise.resolve(pending).catch(() => {});
  } catch {}
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

/** `rules` with what a call's own settings change in them. */
function rulesOfCall({ maxRetries, retryNonIdempotent }: CallSettings, rules: RetryRules): RetryRules {
  return {
    maxRetries: maxRetries ?? rules.maxRetries,
    retryNonIdempotent: retryNonIdempotent ?? rules.retryNonIdempotent,
    isRetryableResponse: rules.isRetryableResponse,
  };
}
