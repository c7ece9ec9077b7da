/** What every hook event says about the request. Headers are redacted. */
export interface RequestEventBase {
  readonly method: string;
  /** Origin and path, without the query string. */
  readonly url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
}

export interface RequestStartEvent extends RequestEventBase {
  /** The request's headers, credentials replaced by `[REDACTED]`. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface RetryEvent extends RequestEventBase {
  /** Why the attempt is repeated: `"status 503"`, `"connection error"`, `"timeout"`. */
  readonly reason: string;
  /** How long the transport waits before the next attempt. */
  readonly delayMs: number;
}

export interface ResponseEvent extends RequestEventBase {
  readonly status: number;
  readonly durationMs: number;
  readonly requestId: string | undefined;
  /** The response's headers, secrets redacted. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Logging and metrics hooks. They receive redacted data only and are called synchronously, never awaited; an
 * exception a hook throws, or a promise it returns that rejects, is ignored rather than failing the request.
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
 *   hooks: {
 *     onRetry: ({ method, url, reason, delayMs }) => console.warn(`${method} ${url}: ${reason}, retrying in ${delayMs} ms`),
 *     onResponse: ({ status, durationMs }) => metrics.timing("orders_api.latency", durationMs, { status }),
 *   },
 * });
 * ```
 */
export interface TransportHooks {
  onRequest?(event: RequestStartEvent): void;
  onRetry?(event: RetryEvent): void;
  onResponse?(event: ResponseEvent): void;
}
