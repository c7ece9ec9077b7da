import type { Redactor } from "./redaction.js";
import { KeywayError } from "./keyway-errors.js";
import { serverRequestedDelayMs } from "./retry-policy.js";
import { shownExcerpt, shownToken } from "./internal/shown.js";

/** The response header that carries a request id when a service declares none of its own. */
const REQUEST_ID_HEADERS = ["x-request-id"];

/**
 * The request id of a response, from the first of the service's `names` that its server sent, with every secret the
 * `redactor` knows scrubbed: a server may build its ids from what it received.
 */
export function requestIdOf(
  headers: Headers,
  names: readonly string[] | undefined,
  redactor: Redactor | undefined,
): string | undefined {
  for (const name of names ?? REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return redactor ? redactor.redactText(value) : value;
  }
  return undefined;
}

/** What an {@link ApiError} is built from. */
export interface ApiErrorInit {
  readonly status: number;
  /** Response headers, secrets already redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed error body (JSON), or its text. */
  readonly body: unknown;
  readonly method: string;
  /** The request URL, without credentials. */
  readonly url: string;
  readonly requestId?: string | undefined;
  /** Replaces the default message (`GET <url> answered 404 (request id …): <body>`). */
  readonly message?: string | undefined;
  /** See {@link ApiError.earlierAttemptMaybeReceived}; `false` when not given. */
  readonly earlierAttemptMaybeReceived?: boolean | undefined;
  /** The request that answered, when the call was redirected to it: `GET <url>`, named in the default message. */
  readonly redirectedTo?: string | undefined;
}

/**
 * The server answered with a non-2xx status. One subclass per common status
 * lets callers branch with `instanceof`; `status`, `body`, `headers` and
 * `requestId` are always there, with secrets redacted. Its message quotes the start of the body as JSON (a text body in
 * quotes) on one line: a line break, a terminal's escape or a bidirectional control the server sent is written as an
 * escape (`\n`, `\u001b`), so the message cannot forge a log line; `body` keeps the text as it came.
 *
 * @example
 * ```ts
 * try {
 *   const order = await unwrap(client.GET("/orders/{order_id}", { params: { path: { order_id } } }));
 * } catch (error) {
 *   if (error instanceof NotFoundError) console.log("gone", error.requestId);
 *   else throw error;
 * }
 * ```
 */
export class ApiError extends KeywayError {
  override name = "ApiError";
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;
  /**
   * Whether the server may have received the call's request before the answer this describes: an earlier attempt
   * timed out, lost its connection once sent, or was answered with a status that is retried (a 503), or the request
   * was answered with a redirect to its result whose target gave this answer (a 303 after a POST: a 307 or 308 asks
   * for the same request elsewhere instead). A request that is not idempotent may then have been applied, even where
   * this answer refuses it (a 429, or the target's 405).
   */
  readonly earlierAttemptMaybeReceived: boolean;

  constructor(init: ApiErrorInit) {
    super(init.message ?? describeApiError(init));
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.requestId;
    this.earlierAttemptMaybeReceived = init.earlierAttemptMaybeReceived ?? false;
  }

  /**
   * Builds the subclass that matches `init.status`.
   *
   * @example
   * ```ts
   * const response = await fetch(url);
   * if (!response.ok) throw ApiError.from({ status: response.status, headers: {}, body: await response.text(), method: "GET", url });
   * ```
   */
  static from(init: ApiErrorInit): ApiError {
    const ErrorClass = STATUS_CLASSES[init.status] ?? (init.status >= 500 ? InternalServerError : ApiError);
    return new ErrorClass(init);
  }
}

/** 400 Bad Request. */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
/** 401 Unauthorized: the credentials are missing, wrong or expired. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
/** 403 Forbidden: the credentials are valid but lack the rights. */
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
/** 404 Not Found. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** 409 Conflict. */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
/** 422 Unprocessable Entity. */
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
}
/** 429 Too Many Requests; `retryAfterMs` says how long the server asked to wait, when it did. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  /** The wait the server asked for (`retry-after-ms`, or `Retry-After` in seconds or as a date), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    const lowerCased = new Map(Object.entries(init.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const requested = serverRequestedDelayMs((name) => lowerCased.get(name) ?? null, Date.now());
    this.retryAfterMs = requested !== undefined && requested >= 0 ? requested : undefined;
  }
}
/** Any 5xx status. */
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

const STATUS_CLASSES: Partial<Record<number, new (init: ApiErrorInit) => ApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The message of an {@link ApiError}: the body quoted as JSON (a text body in quotes), on one line and cut short. */
function describeApiError({ status, body, method, url, requestId, redirectedTo }: ApiErrorInit): string {
  const detail = body === "" ? "" : shownExcerpt(body);
  const request = redirectedTo ? `${method} ${url}, redirected to ${redirectedTo},` : `${method} ${url}`;
  return `${request} answered ${status}${requestIdShown(requestId)}${detail ? `: ${detail}` : ""}`;
}

/**
 * ` (request id …)` for a message, the id as {@link shownToken} shows it; `""` without one.
 *
 * @example
 * ```ts
 * import { requestIdShown } from "@keyway/runtime";
 *
 * const response = await fetch("https://api.example.com/orders");
 * if (!response.ok) {
 *   const requestId = response.headers.get("x-request-id") ?? undefined;
 *   console.warn(`GET /orders answered ${response.status}${requestIdShown(requestId)}`); // … 503 (request id req_8f2c)
 * }
 * ```
 */
export function requestIdShown(requestId: string | undefined): string {
  return requestId ? ` (request id ${shownToken(requestId)})` : "";
}

/**
 * The response arrived but its body could not be read as the operation
 * promises (for example invalid JSON on a 200, or no body on a 200 whose spec declares one, a
 * message naming the status). Neither its message nor its `cause` quotes the body: JSON.parse's
 * own message does (`Unexpected token 'i', "ik_live_12"... is not valid JSON`), and a server may
 * echo a credential there, cut where no redaction finds it.
 * A body read as JSON whose `Content-Type` says it is something else (a CSV export, a PDF, an
 * event stream) names that type and the `parseAs` that reads it.
 *
 * @example
 * ```ts
 * try {
 *   await client.GET("/orders");
 * } catch (error) {
 *   if (error instanceof ResponseParseError) console.error(`${error.method} ${error.path}: not JSON`);
 *   else throw error;
 * }
 * ```
 */
export class ResponseParseError extends KeywayError {
  override name = "ResponseParseError";
  readonly method: string;
  /** The operation's path template. */
  readonly path: string;
  /** The response's `Content-Type`, when it had one. */
  readonly contentType: string | undefined;

  constructor({
    method,
    path,
    cause,
    contentType,
    contentEncoding,
    emptyBodyStatus,
  }: {
    readonly method: string;
    readonly path: string;
    readonly cause: unknown;
    readonly contentType?: string | undefined;
    /** The response's `Content-Encoding`, when it had one: a runtime's fetch hands over the bytes of one it cannot decode. */
    readonly contentEncoding?: string | undefined;
    /** The status of a success that came with an empty body where the operation's spec declares one. */
    readonly emptyBodyStatus?: number | undefined;
  }) {
    const problem = cause instanceof Error ? withoutExcerpt(cause.message) : "";
    const type = contentType?.split(";")[0]?.trim();
    super(
      emptyBodyStatus !== undefined
        ? `${method} ${path} answered ${emptyBodyStatus} with an empty body${
            contentEncoding
              ? ` once decoded from its Content-Encoding, ${shownToken(contentEncoding)} (which may be corrupt)`
              : ""
          }, where its spec declares one`
        : type && !/json/i.test(type)
          ? `${method} ${path} answered ${shownToken(type)}, not JSON: read it with parseAs "text", "blob" or "stream"`
          : `${method} ${path} answered with a body that is not valid JSON${problem ? `: ${problem}` : ""}${
              contentEncoding
                ? ` (its Content-Encoding, ${shownToken(contentEncoding)}, may not have been decoded)`
                : ""
            }`,
      { cause: cause instanceof SyntaxError ? unquotedSyntaxError(cause) : cause },
    );
    this.method = method;
    this.path = path;
    this.contentType = contentType;
  }
}

/**
 * A copy of JSON.parse's `SyntaxError` that says what is wrong without quoting the text it parsed: V8's message
 * quotes it (`Unexpected token 'i', "ik_live_12"... is not valid JSON`), and text from a server or a webhook may
 * carry a secret, cut where no redaction recognizes it. Keep it, not the original, in a `cause`.
 *
 * @example
 * ```ts
 * function parseCallback(body: string): unknown {
 *   try {
 *     return JSON.parse(body);
 *   } catch (error) {
 *     if (!(error instanceof SyntaxError)) throw error;
 *     throw new Error("The callback body is not JSON", { cause: unquotedSyntaxError(error) });
 *   }
 * }
 * ```
 */
export function unquotedSyntaxError(error: SyntaxError): SyntaxError {
  return new SyntaxError(withoutExcerpt(error.message) || "not valid JSON");
}

/**
 * A JSON.parse message up to the excerpt of the text it quotes in double quotes, without the
 * offending character either: "Unexpected token", "Expected ',' or '}' after property value in JSON
 * at position 31"; empty when the message starts with the excerpt.
 */
function withoutExcerpt(message: string): string {
  return message
    .split('"', 1)[0]!
    .replace(/\s*'[^']*'[\s,]*$/, "")
    .replace(/[\s,]+$/, "");
}

/**
 * A parameter's value cannot be written into the URL as the spec says. Thrown before anything is sent, and never
 * quoting the value (it may be user input or a secret). Catch this to answer a visitor's bad input with a 400; its
 * subclasses name where the parameter goes.
 *
 * @example
 * ```ts
 * // In a request handler, with the order id from the URL the visitor typed:
 * try {
 *   await client.GET("/orders/{order_id}", { params: { path: { order_id: userInput } } });
 * } catch (error) {
 *   if (!(error instanceof InvalidParameterError)) throw error;
 *   console.warn(`bad order id: ${error.parameter} ${error.reason}`); // answer 400, not 500
 * }
 * ```
 */
export class InvalidParameterError extends KeywayError {
  override name = "InvalidParameterError";
  /** The parameter's name in the spec, e.g. `"user_id"`. */
  readonly parameter: string;
  /** Why it was refused, e.g. `'is ".." (a dot segment)'`. */
  readonly reason: string;

  constructor({ parameter, reason }: { readonly parameter: string; readonly reason: string }, message: string) {
    super(message);
    this.parameter = parameter;
    this.reason = reason;
  }
}

/**
 * A path parameter would change the route instead of naming one resource: it is empty, `"."` or `".."`, missing,
 * a list or an object the spec does not declare, or not a string or number. Every other value is sent
 * percent-encoded as exactly one path segment.
 *
 * @example
 * ```ts
 * try {
 *   await client.GET("/orders/{order_id}", { params: { path: { order_id: userInput } } });
 * } catch (error) {
 *   if (error instanceof InvalidPathParameterError) console.warn(error.message); // Path parameter "order_id" is empty; …
 * }
 * ```
 */
export class InvalidPathParameterError extends InvalidParameterError {
  override name = "InvalidPathParameterError";
  constructor(init: { readonly parameter: string; readonly reason: string }) {
    super(init, `Path parameter "${init.parameter}" ${init.reason}; it must name exactly one path segment`);
  }
}

/**
 * A request body cannot be sent in its operation's media type. As JSON: it holds a `BigInt`, contains itself, a
 * `toJSON` in it throws, or it is binary (a `Blob`, `ArrayBuffer`, typed array or stream) given to an operation that
 * takes JSON; or it holds what JSON would write as something else: `NaN` or `Infinity` (as `null`), a `Map`, `Set`,
 * `Blob`, typed array, `RegExp` or other built-in whose data is not in properties (as `{}`), a function or symbol in a
 * list (as `null`). A function or symbol as a property is left out, as `undefined` is. In another media type (`application/octet-stream`, `text/csv`): it is not a Blob, bytes, a stream or
 * text. Thrown before anything is sent, naming where in the body the value is and never quoting it (it may be user
 * input or a secret).
 *
 * @example
 * ```ts
 * try {
 *   await client.POST("/orders/bulk", { body: orders });
 * } catch (error) {
 *   if (error instanceof InvalidRequestBodyError) console.warn(error.at, error.reason); // body[3].total is a BigInt (…)
 * }
 * ```
 */
export class InvalidRequestBodyError extends KeywayError {
  override name = "InvalidRequestBodyError";
  /** Where in the body the value is, e.g. `"body.items[0].total"`; `"body"` when the body itself is. */
  readonly at: string;
  /** Why it has no JSON form, e.g. `"is a BigInt (send it as a string or a number)"` or `"contains itself"`. */
  readonly reason: string;
  /** The media type it was to be sent as: `"application/json"`, or the operation's own (`"application/octet-stream"`). */
  readonly mediaType: string;

  constructor({
    at,
    reason,
    cause,
    mediaType,
  }: {
    readonly at: string;
    readonly reason: string;
    readonly cause?: unknown;
    readonly mediaType?: string;
  }) {
    super(`The request body cannot be sent as ${mediaType ?? "JSON"}: ${at} ${reason}`, { cause });
    this.at = at;
    this.reason = reason;
    this.mediaType = mediaType ?? "application/json";
  }
}

/**
 * A query parameter's value has no form in its spec's style: a list or an object nested where the style sends only
 * plain values, a number that is not finite, or text with a lone UTF-16 surrogate.
 *
 * @example
 * ```ts
 * try {
 *   await client.GET("/orders", { params: { query: { cursor: userInput } } });
 * } catch (error) {
 *   if (error instanceof InvalidQueryParameterError) console.warn(error.message); // Query parameter "cursor" contains a lone UTF-16 surrogate, …
 * }
 * ```
 */
export class InvalidQueryParameterError extends InvalidParameterError {
  override name = "InvalidQueryParameterError";
  constructor(init: { readonly parameter: string; readonly reason: string }) {
    super(init, `Query parameter "${init.parameter}" ${init.reason}`);
  }
}

/**
 * Paging stopped because the server sent it round in a loop: a cursor already seen in
 * this iteration, or an offset page identical to the one before (a server that ignores
 * the offset). The items handed out before stay valid; nothing more is fetched.
 *
 * @example
 * ```ts
 * try {
 *   for await (const order of paginate(pagination, (init) => client.GET("/orders", init))) handle(order);
 * } catch (error) {
 *   if (error instanceof PaginationLoopError) console.warn(error.message);
 * }
 * ```
 */
export class PaginationLoopError extends KeywayError {
  override name = "PaginationLoopError";
}
