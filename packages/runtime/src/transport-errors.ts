import { KeywayError } from "./keyway-errors.js";
import { shownSentence } from "./internal/shown.js";

/** What a {@link ConnectionError} knows about its last attempt. */
export interface ConnectionFailure {
  /** The underlying reason, redacted: `"ECONNREFUSED"`, `"ENOTFOUND"`, `"other side closed"`, a certificate error… */
  readonly reason?: string | undefined;
  /**
   * The system or TLS error code, when the runtime gave one (`"ECONNREFUSED"`, `"CERT_HAS_EXPIRED"`); on Deno, which
   * gives none, the system error its message names (`"ECONNREFUSED"`, `"ENOTFOUND"`, `"ENETUNREACH"`, `"EHOSTUNREACH"`).
   */
  readonly code?: string | undefined;
  /**
   * Whether the server may have received the request: `false` only when the connection was never
   * established (refused, DNS, TLS) or fetch refused its port (one the Fetch standard blocks, such as 6000),
   * so a non-idempotent request is known not to have been applied.
   * Node, Bun and Deno say so; workerd and browsers do not tell a refused connection from a lost one,
   * so there it stays `true`.
   */
  readonly maybeReceived?: boolean;
}

/** What a {@link ConnectionError} is built from. */
export interface ConnectionErrorInit extends ConnectionFailure {
  readonly method: string;
  /** Origin and path of the request (never its query). */
  readonly url: string;
  /** How many attempts were made in all. */
  readonly attempts: number;
  /**
   * Replaces the default message: "… failed to connect after N attempts: reason" when no connection was made
   * (`maybeReceived: false`), "… failed after N attempts: reason" otherwise.
   */
  readonly message?: string | undefined;
  /** The runtime's error, redacted. */
  readonly cause?: unknown;
}

/**
 * The request never got a complete response: DNS failure, refused or reset
 * connection, a certificate error, a response that is not valid HTTP, or a body cut
 * off mid-way. Retried for idempotent requests. The message and `reason` say why;
 * `cause` is the runtime's error, redacted.
 *
 * @example
 * ```ts
 * const error = await client.GET("/orders").catch((e: unknown) => e);
 * if (error instanceof ConnectionError) console.log(error.reason); // "ECONNREFUSED"
 * ```
 */
export class ConnectionError extends KeywayError {
  override name = "ConnectionError";
  readonly method: string;
  readonly url: string;
  /** How many attempts were made in all. */
  readonly attempts: number;
  /** The underlying reason, redacted (see {@link ConnectionFailure.reason}). */
  readonly reason: string | undefined;
  /** The system or TLS error code, when there is one. */
  readonly code: string | undefined;
  /** Whether the server may have received the request (see {@link ConnectionFailure.maybeReceived}). */
  readonly maybeReceived: boolean;

  constructor(init: ConnectionErrorInit) {
    const { method, url, attempts, reason } = init;
    const failed = init.maybeReceived === false ? "failed to connect" : "failed";
    super(
      init.message ??
        `${method} ${url} ${failed} after ${attempts} attempt${attempts === 1 ? "" : "s"}${reason ? `: ${shownSentence(reason)}` : ""}`,
      "cause" in init ? { cause: init.cause } : undefined,
    );
    this.method = method;
    this.url = url;
    this.attempts = attempts;
    this.reason = reason;
    this.code = init.code;
    this.maybeReceived = init.maybeReceived ?? true;
  }
}

/**
 * The call's time ran out: no response arrived within the timeout, on every attempt; or its credentials, or new ones
 * after a failed response (a session refresh), were not there within it.
 *
 * @example
 * ```ts
 * const fast = client.withOptions({ timeout: 1_000, maxRetries: 0 });
 * const result = await fast.GET("/orders").catch((error: unknown) => {
 *   if (error instanceof RequestTimeoutError) return undefined; // show the cached orders instead
 *   throw error;
 * });
 * ```
 */
export class RequestTimeoutError extends ConnectionError {
  override name = "RequestTimeoutError";
  readonly timeoutMs: number;

  constructor({
    method,
    url,
    attempts,
    timeoutMs,
    waitingFor,
  }: {
    readonly method: string;
    readonly url: string;
    /** 0 when the call timed out before its first attempt. */
    readonly attempts: number;
    readonly timeoutMs: number;
    /** What the call waited for when it was not a response ("its credentials"). */
    readonly waitingFor?: string;
  }) {
    const waited = waitingFor ? ` waiting for ${waitingFor}` : "";
    const sent = attempts ? ` (${attempts} attempt${attempts === 1 ? "" : "s"})` : "; nothing was sent";
    super({ method, url, attempts, message: `${method} ${url} timed out after ${timeoutMs} ms${waited}${sent}` });
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller aborted the request with its `AbortSignal`. Never retried.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * cancelButton.onclick = () => controller.abort();
 * try {
 *   await client.GET("/orders", { signal: controller.signal });
 * } catch (error) {
 *   if (!(error instanceof RequestAbortedError)) throw error; // canceled by the user: nothing to report
 * }
 * ```
 */
export class RequestAbortedError extends KeywayError {
  override name = "RequestAbortedError";
  readonly method: string;
  readonly url: string;

  /** `cause` is the signal's reason, when it has one. */
  constructor({ method, url, cause }: { readonly method: string; readonly url: string; readonly cause?: unknown }) {
    super(`${method} ${url} was aborted by the caller`, cause === undefined ? undefined : { cause });
    this.method = method;
    this.url = url;
  }
}

/**
 * The response body is larger than the client's `maxResponseBytes` (64 MiB by default), counted as it
 * decodes, so that a hostile or broken server cannot fill memory with an endless or highly compressed
 * body. What arrived is dropped and the connection closed; never retried.
 *
 * @example
 * ```ts
 * const error = await client.GET("/orders").catch((e: unknown) => e);
 * // Raise the limit with withOptions({ maxResponseBytes }), or read such a body with parseAs: "stream".
 * if (error instanceof ResponseTooLargeError) console.log(error.maxBytes); // 67108864
 * ```
 */
export class ResponseTooLargeError extends KeywayError {
  override name = "ResponseTooLargeError";
  readonly method: string;
  /** Origin and path of the request (never its query). */
  readonly url: string;
  /** The limit the body went over, in bytes. */
  readonly maxBytes: number;
  /**
   * The status of the response whose body it is: a failure's (a 404, a 429) says what the server answered, though its
   * body was not read. `undefined` when the error was made without one.
   */
  readonly status: number | undefined;

  constructor({
    method,
    url,
    maxBytes,
    status,
  }: {
    readonly method: string;
    readonly url: string;
    readonly maxBytes: number;
    readonly status?: number | undefined;
  }) {
    super(
      status === undefined || (status >= 200 && status < 300)
        ? `${method} ${url}: the response body is larger than maxResponseBytes (${maxBytes} bytes)`
        : `${method} ${url} answered ${status}, with a body larger than maxResponseBytes (${maxBytes} bytes)`,
    );
    this.method = method;
    this.url = url;
    this.maxBytes = maxBytes;
    this.status = status;
  }
}

/**
 * A redirect keyway will not follow: to another origin that the client does not allow
 * (`allowedRedirectOrigins`), with a `Location` that is not one http(s) URL (two `Location` headers), more than
 * {@link MAX_REDIRECTS} hops, or any redirect in a browser, which hides its target.
 * Nothing was sent to the redirect's target.
 *
 * @example
 * ```ts
 * const error = await client.GET("/orders").catch((error: unknown) => error);
 * if (error instanceof RedirectError) console.log(error.status, error.targetOrigin); // 302 "https://elsewhere.example"
 * ```
 */
export class RedirectError extends KeywayError {
  override name = "RedirectError";
  readonly method: string;
  /** Origin and path of the request that was redirected. */
  readonly url: string;
  /** The redirect's status (0 when a browser hid it). */
  readonly status: number;
  /** Origin of the redirect's target (never its path or query), when it is known. */
  readonly targetOrigin: string | undefined;
  /** Why keyway did not follow it, e.g. "it leads to another origin (allow it with …)". */
  readonly reason: string;

  constructor({
    method,
    url,
    status,
    targetOrigin,
    reason,
  }: {
    readonly method: string;
    readonly url: string;
    readonly status: number;
    readonly targetOrigin?: string | undefined;
    /** Why it is not followed, e.g. "another origin (allow it with allowedRedirectOrigins)". */
    readonly reason: string;
  }) {
    super(
      `${method} ${url} answered ${status === 0 ? "a redirect" : status}${targetOrigin ? ` to ${targetOrigin}` : ""}, which keyway does not follow: ${reason}`,
    );
    this.method = method;
    this.url = url;
    this.status = status;
    this.targetOrigin = targetOrigin;
    this.reason = reason;
  }
}

/** The most redirects one attempt follows before failing with {@link RedirectError}. */
export const MAX_REDIRECTS = 5;
