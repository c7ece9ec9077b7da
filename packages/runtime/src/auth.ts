import type { OperationMeta } from "./meta.js";
import type { Redactor } from "./redaction.js";

/** What credentials are applied to: a request with a URL and mutable `Headers` (a keyway call's, or a fetch `Request`). */
export interface AuthorizableRequest {
  readonly url: string;
  readonly headers: Headers;
  /** The call's signal, which credential providers may follow. */
  readonly signal?: AbortSignal | null | undefined;
}

/**
 * Sets the credentials of each call a keyway client sends. A client package builds one, such as
 * `createHeaderAuth()` from `@keyway/header-auth`, and hands it to {@link createApiClient} as `auth`.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const auth = createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } });
 * const { client } = createApiClient<paths>({ meta: apiMeta, baseUrl: "https://api.example.com", auth });
 * const { data } = await client.GET("/orders");
 * ```
 */
export interface Authorizer {
  /**
   * Sets the credentials `operation` needs on `request.headers`: synchronously when every one is at
   * hand, through a promise when a provider is async. Called once per call, before its first attempt.
   * `callerHeaders: false` promises that nothing but the client set the request's headers.
   */
  authorize(request: AuthorizableRequest, operation: OperationMeta, callerHeaders?: boolean): void | Promise<void>;
  /** Every header it may set; none of them follows a redirect to another origin. */
  readonly headers: readonly string[];
  /** Scrubs the secrets it sends; the client's errors, hooks and instrumentation share it. */
  readonly redactor: Redactor;
}
