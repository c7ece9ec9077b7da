import type { Redactor } from "./redaction.js";
import { ApiError, requestIdOf, type ApiErrorInit } from "./errors.js";
import { withoutQuery } from "./internal/url.js";

/** The shape every openapi-fetch call resolves to. */
export interface FetchResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

type SuccessData<R> = R extends { error?: never; data: infer D }
  ? D
  : R extends { error?: never; data?: infer D }
    ? D
    : never;

/** What a keyway client knows about the request behind a response. */
export interface ResponseContext {
  readonly method: string;
  /** The request URL; errors show only its origin and path. */
  readonly url: string;
  readonly redactor: Redactor;
  /** A service's own error types (Stack Auth's known errors); `undefined` falls back to {@link ApiError.from}. */
  readonly toError?: ((init: ApiErrorInit) => ApiError | undefined) | undefined;
  /** The service's request-id response headers, in order of preference. */
  readonly requestIdHeaders?: readonly string[] | undefined;
  /** Whether an attempt before the one answered may have reached the server ({@link ApiError.earlierAttemptMaybeReceived}). */
  readonly earlierAttemptMaybeReceived?: boolean | undefined;
  /** The request that answered, when the call followed a redirect to it (`GET https://api.example.com/jobs/42`). */
  readonly redirectedTo?: string | undefined;
}

const contextByResponse = new WeakMap<Response, ResponseContext>();

/** Called by a keyway client for each response, so errors built from it can name the request and redact it. */
export function registerResponseContext(response: Response, context: ResponseContext): void {
  contextByResponse.set(response, context);
}

/**
 * Gives `replacement`, a response a middleware put in place of `original` (an `onResponse` returning a new `Response`),
 * the context keyway kept for `original`, so that an error built from it names the request and is redacted; the
 * context's redactor, when there was one.
 */
export function adoptResponseContext(replacement: Response, original: Response): Redactor | undefined {
  const context = contextByResponse.get(original);
  if (context) contextByResponse.set(replacement, context);
  return context?.redactor;
}

/** The method and URL (origin and path, as errors show them) of the call that got `response`, a failure or a page. */
export function requestOf(response: Response): { readonly method: string; readonly url: string } | undefined {
  const context = contextByResponse.get(response);
  return context && { method: context.method, url: withoutQuery(context.url) };
}

/** The redactor of the call that got `response`, when keyway kept its context (a failure, or a page). */
export function redactorOf(response: Response): Redactor | undefined {
  return contextByResponse.get(response)?.redactor;
}

/**
 * Turns a failed openapi-fetch result into the matching {@link ApiError} subclass,
 * with secrets redacted from its headers and body text.
 *
 * @example
 * ```ts
 * const result = await client.GET("/orders");
 * if (result.error !== undefined) throw toApiError(result);
 * ```
 */
export function toApiError(result: FetchResult): ApiError {
  const { response } = result;
  const context = contextByResponse.get(response);
  const redactor = context?.redactor;
  const init: ApiErrorInit = {
    status: response.status,
    headers: redactor ? redactor.redactHeaders(response.headers) : Object.fromEntries(response.headers),
    body: redactor ? redactor.redactValue(result.error) : result.error,
    method: context?.method ?? "request",
    url: withoutQuery(context?.url ?? response.url),
    requestId: requestIdOf(response.headers, context?.requestIdHeaders, redactor),
    earlierAttemptMaybeReceived: context?.earlierAttemptMaybeReceived,
    redirectedTo: context?.redirectedTo && withoutQuery(context.redirectedTo),
  };
  return context?.toError?.(init) ?? ApiError.from(init);
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws the typed
 * {@link ApiError} for its status. The data keeps the operation's full type.
 *
 * @example
 * ```ts
 * const orders = await unwrap(client.GET("/orders"));
 * ```
 */
export async function unwrap<R extends FetchResult>(call: Promise<R> | R): Promise<SuccessData<R>> {
  const result = await call;
  if (result.error !== undefined || !result.response.ok) throw toApiError(result);
  return result.data as SuccessData<R>;
}
