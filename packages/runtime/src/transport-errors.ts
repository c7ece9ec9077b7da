import { KeywayError } from "@keyway/header-auth";

/**
 * The request never got a complete response: DNS failure, refused or reset
 * connection, or a body cut off mid-way. Retried for idempotent requests.
 *
 * @example
 * ```ts
 * await expect(client.GET("/api/external/hello/")).rejects.toBeInstanceOf(ConnectionError);
 * ```
 */
export class ConnectionError extends KeywayError {
  readonly method: string;
  readonly url: string;
  /** How many attempts were made in all. */
  readonly attempts: number;

  constructor(method: string, url: string, attempts: number, message?: string, options?: ErrorOptions) {
    super(message ?? `${method} ${url} failed to connect after ${attempts} attempt${attempts === 1 ? "" : "s"}`, options);
    this.method = method;
    this.url = url;
    this.attempts = attempts;
  }
}

/**
 * No response arrived within the timeout, on every attempt.
 *
 * @example
 * ```ts
 * const fast = client.withOptions({ timeout: 1_000, maxRetries: 0 });
 * await expect(fast.GET("/slow")).rejects.toBeInstanceOf(RequestTimeoutError);
 * ```
 */
export class RequestTimeoutError extends ConnectionError {
  readonly timeoutMs: number;

  constructor(method: string, url: string, attempts: number, timeoutMs: number) {
    super(method, url, attempts, `${method} ${url} timed out after ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? "" : "s"})`);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller aborted the request with its `AbortSignal`. Never retried.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const call = client.GET("/api/external/hello/", { signal: controller.signal });
 * controller.abort();
 * await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
 * ```
 */
export class RequestAbortedError extends KeywayError {
  readonly method: string;
  readonly url: string;

  constructor(method: string, url: string, reason?: unknown) {
    super(`${method} ${url} was aborted by the caller`, reason === undefined ? undefined : { cause: reason });
    this.method = method;
    this.url = url;
  }
}
