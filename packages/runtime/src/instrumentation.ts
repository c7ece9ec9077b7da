import type { Redactor } from "./redaction.js";
import type { ClientMeta, ClientOperationMeta } from "./meta.js";
import type { SecretParameterOption } from "./secret-parameters.js";

/**
 * An observer of everything a client sends, such as `@keyway/otel`'s tracing. Pass it as the
 * `instrumentation` option of any keyway client; without one, nothing is observed and nothing is paid.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { openTelemetry } from "@keyway/otel";
 * import { createApiClient } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   instrumentation: openTelemetry(),
 * });
 * ```
 */
export interface Instrumentation {
  /** Called once for each client created with this instrumentation. */
  instrumentClient(client: InstrumentedClient): ClientInstrumentation;
}

/** What an instrumentation is told about a client when it is created. */
export interface InstrumentedClient {
  readonly meta: ClientMeta;
  readonly baseUrl: string;
  /** Scrubs the client's secrets; run every text taken from a request or an error through it. */
  readonly redactor: Redactor;
  /** The client's service and what sets it apart (Stack Auth's access type). */
  readonly service: ServiceDescription | undefined;
  /**
   * The client's `secretParameters` option: names of parameters whose values are secrets, on top of those named like
   * one in any API, or `{ add, except }` (see `secretParameters` of `@keyway/runtime`), already checked. Hide them as
   * the client hides them in its errors.
   */
  readonly secretParameters?: SecretParameterOption | undefined;
}

/** Names a client's service for its observers, such as `{ name: "stack-auth", attributes: { "keyway.stack_auth.access_type": "server" } }`. */
export interface ServiceDescription {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** What an instrumentation reads of a request a call sends: its secret headers are there, never record them. */
export interface InstrumentedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
}

/** An instrumentation's hold on one client. */
export interface ClientInstrumentation {
  /** A call's transport starts, its credentials set: observe it, or return `undefined`. */
  startCall(request: InstrumentedRequest, operation: ClientOperationMeta): CallObserver | undefined;
  /** Work that calls of this client wait for together, such as a session refresh. */
  startSharedWork?(name: string): SharedWorkObserver;
  /**
   * Runs `call`, one call the user made (`client.GET(template, init)`), whole: from checking its
   * parameters and credentials to reading its response body. An instrumentation sees through it the
   * calls that fail before a request exists (a missing credential, an invalid path parameter) or after
   * the response arrived (a body that is not JSON), with the error the caller gets. `startCall`, for
   * the request the call sends, runs within `call`. Return `call()`'s promise, or one that settles the same way.
   *
   * `options` is the call's `init` as the caller gave it, for its own `baseUrl` (unchecked: the call may fail on it), so
   * that a call failing before its request exists can still be told where it was going: that `baseUrl` when given, else
   * its operation's server when `operationServers` sends it there, else the client's. It is the caller's whole `init`,
   * whose parameters and headers may hold secrets: read `baseUrl` alone, and never record it as it is.
   */
  aroundCall?<T>(
    method: string,
    template: string,
    call: () => Promise<T>,
    options?: { readonly baseUrl?: unknown },
  ): Promise<T>;
}

/** Follows one call through its attempts, retries and end. */
export interface CallObserver {
  /**
   * An attempt is about to be sent with `headers`. Returning headers sends those instead
   * (with trace context added); the request's own are never changed.
   */
  attempt(headers: Headers): Headers | undefined;
  /** The attempt got a response, or failed without one. */
  attemptEnded(
    outcome: { readonly response: Response } | { readonly failure: "timeout" | "connection" | "aborted" },
  ): void;
  /**
   * The attempt's `response` is a redirect keyway follows: `next` is the request it sends now, within the same
   * attempt (its deadline, its number). Returning headers sends those instead (with the hop's own trace context);
   * `next`'s are never changed. Without this method, an observer sees an attempt's hops as one request.
   */
  redirected?(response: Response, next: InstrumentedRequest): Headers | undefined;
  /**
   * Runs `send`, the `fetch` of the request in flight (an attempt or a redirect hop), and returns what it returns: an
   * observer runs it where fetch's own instrumentation sees the request as this call's (a tracer keeps it from tracing
   * the request a second time). Without this method, the transport calls fetch as it is.
   */
  sending?<T>(send: () => T): T;
  /** The transport will wait `delayMs` and try again, because of `reason` (`"status 503"`, `"timeout"`). */
  retrying(reason: string, delayMs: number): void;
  /** The call is over: the transport returns `response`, or (`response` undefined) throws `error`. */
  end(response: Response | undefined, error?: unknown): void;
}

/** Follows work several calls share (single-flight), and which calls waited for it. */
export interface SharedWorkObserver {
  /** The call that sent `request` waits for this work. */
  waitedBy(request: InstrumentedRequest): void;
  /** Runs the work, so that the calls it makes are seen as part of it. */
  run<T>(work: () => Promise<T>): Promise<T>;
}
