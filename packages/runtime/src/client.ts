import type { Authorizer } from "./auth.js";
import { ConfigurationError, KeywayError } from "./keyway-errors.js";
import type { Redactor } from "./redaction.js";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { CallObserver, ClientInstrumentation, Instrumentation, ServiceDescription } from "./instrumentation.js";
import {
  findOperation,
  type ClientMeta,
  type ClientOperationMeta,
  type FormBodyMeta,
  type SecuritySchemeMeta,
} from "./meta.js";
import { createQuerySerializer } from "./internal/query.js";
import { ResponseParseError } from "./errors.js";
import { describeFailure, redactedError } from "./internal/connection-failure.js";
import { firstPathParameter, missingPathParameters, serializePath } from "./internal/path-parameters.js";
import { serializeBody } from "./internal/json-body.js";
import { ConnectionError, RequestAbortedError, RequestTimeoutError } from "./transport-errors.js";
import type { FetchResult, ResponseContext } from "./result.js";
import { followAbort, untilAborted } from "./internal/abort.js";
import { shownSentence } from "./internal/shown.js";
import { followedStream } from "./internal/streamed-body.js";
import { withReplacedResponse } from "./internal/failed-body.js";
import { readNothing } from "./response-size.js";
import { bodyExpectedOf, emptyBodyResult, unpromisedBodyResult, type BodyExpected } from "./internal/empty-body.js";
import {
  createTransport,
  DEFAULT_TIMEOUT_MS,
  FalsyRejection,
  rethrowKeepingFalsy,
  type OutgoingRequest,
  type ResponseStep,
  type TransportConfig,
  type TransportOptions,
} from "./transport.js";
import { literalQueryIndex, splitFragment } from "./internal/path-template.js";
import { shownUrl, withoutQuery } from "./internal/url.js";
import {
  secretParameters,
  secretSegmentsOf,
  type IsSecretParameter,
  type SecretParameterOption,
} from "./secret-parameters.js";
import { checkedBaseUrl } from "./base-url.js";
import {
  checkedCallOptions,
  readAsDeclared,
  refuseWhatFetchNeverSends,
  type CallOptions,
} from "./internal/call-options.js";
import { API_CLIENT_OPTIONS, checkOptions, checkRequiredOptions, namingFactory } from "./internal/option-names.js";
import { checkOptionValues } from "./internal/option-values.js";
import { isBrowser } from "./environment.js";
import { BODY_DEADLINE, CALL, CallRequest, type CallFacts } from "./internal/request.js";
import { BodyDeadline, settledWithin } from "./internal/deadline.js";
import { attemptSignals, type AttemptSignals } from "./internal/attempt-signals.js";
import { RUNTIME_SDK, userAgent } from "./internal/user-agent.js";
import type { FormCall } from "./form-body.js";
import type { CookieCall, CookieStyles } from "./cookie-parameters.js";
import type { HeaderCall, HeaderStyles } from "./header-parameters.js";
import type { operationServers } from "./operation-servers.js";
import type { KeywayClient } from "./call-settings-client.js";

/** The package a client is, for its `User-Agent`: its npm name and version. */
export interface SdkIdentity {
  readonly name: string;
  readonly version: string;
}

/** Options every keyway client accepts. */
export interface BaseClientOptions extends TransportOptions {
  /** Override the API's base URL (for a proxy, a regional host or a local mock), as text or a `URL`. */
  readonly baseUrl?: string | URL | undefined;
  /**
   * The fetch to use; defaults to `globalThis.fetch`. Handy for tests and custom agents. It is the network boundary:
   * whatever it throws, of any type, is the network's failure (a `ConnectionError`, retried as one, its text
   * redacted). Code of your own whose error must reach you as thrown belongs in a middleware. It must pass `init` on
   * whole: keyway follows redirects itself (`redirect: "manual"`), and a call whose fetch followed one fails with a
   * `ConfigurationError`.
   */
  readonly fetch?: typeof fetch | undefined;
  /** Extra headers sent with every request (never credentials: use the credential options). */
  readonly headers?: Record<string, string> | undefined;
  /** Allow secret credentials in a browser, where every visitor can read them (the client package hands it to its `auth`). */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
  /** Observes every call, such as `openTelemetry()` from `@keyway/otel`; none by default. */
  readonly instrumentation?: Instrumentation | undefined;
  /**
   * Your application's product token(s), appended to the `User-Agent` keyway sends outside browsers
   * (`keyway-stacker/0.2.0 node/22.23.5 my-app/1.4.0`), e.g. `"my-app/1.4.0"`. A `User-Agent` in
   * `headers` replaces keyway's altogether.
   */
  readonly userAgent?: string | undefined;
  /**
   * Which path, query and header parameters hold secrets. By default those named like one in any API (`code`, `token`,
   * `client_secret`, `password`, `key`, …, see {@link secretParameters}); a list of names adds to them, and
   * `{ add, except }` also takes names out (an object store's `key`, a country `code`). The path segment that holds
   * one reads `REDACTED` in the URL every error and hook event shows
   * (`GET https://api.example.com/v1/invites/REDACTED answered 404`); the value a call sends for one (4 characters or
   * more) reads `[REDACTED]` wherever its server echoes it in that call's error (body, message, headers, request id) and
   * hook events; an instrumentation such as `openTelemetry()` hides them in its spans too.
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
   *   secretParameters: { add: ["invite_id"], except: ["key"] }, // invite ids are secret, object keys are not
   * });
   * ```
   */
  readonly secretParameters?: SecretParameterOption | undefined;
}

export interface ApiClientOptions<Scheme extends string> extends BaseClientOptions {
  readonly meta: ClientMeta<Scheme>;
  readonly baseUrl: string | URL;
  /** Sets each call's credentials, such as `createHeaderAuth()` from `@keyway/header-auth`. */
  readonly auth: Authorizer;
  /** The service's own retry rules, on top of the defaults. */
  readonly isRetryableResponse?: TransportConfig["isRetryableResponse"] | undefined;
  /** The service's recovery from a failed response, such as refreshing a session (see {@link TransportConfig.recover}). */
  readonly recover?: TransportConfig["recover"] | undefined;
  /** The service's own error classes for failed responses. */
  readonly toError?: ResponseContext["toError"] | undefined;
  /**
   * How the service reads each response, within its attempt, whichever fetch sent the request: the client's `fetch`
   * or a call's own (see {@link ResponseStep}). A service's reading wrapped around the client's `fetch` instead would
   * miss every call that brings its own.
   */
  readonly readResponse?: ResponseStep | undefined;
  /** The response headers that carry the service's request id, in order of preference (default `x-request-id`). */
  readonly requestIdHeaders?: readonly string[] | undefined;
  /** How the service is named to an instrumentation. */
  readonly service?: ServiceDescription | undefined;
  /**
   * The client package, named in the `User-Agent`; @keyway/runtime by default. A client package's factory, which passes
   * its own options on with these, checks their names itself ({@link checkOptions}); without `sdk`, a name these
   * options do not declare is a `ConfigurationError`.
   */
  readonly sdk?: SdkIdentity | undefined;
  /**
   * How calls of operations that take only forms (`formBody` in the metadata) send their bodies: pass
   * {@link formBodies}. Required when the API has such operations; a client of a JSON-only API leaves it out of its
   * bundle.
   */
  readonly formBodies?: ((meta: FormBodyMeta) => FormCall) | undefined;
  /**
   * How calls of operations whose body is in no JSON media type and not only a form (`bodyMedia` in the metadata: an
   * upload, a `text/csv` body, a `multipart/form-data` form) send their bodies: pass {@link mediaBodies}. Required when
   * the API has such operations; a client of a JSON-only API leaves it out of its bundle.
   *
   * @example
   * ```ts
   * import { createHeaderAuth } from "@keyway/header-auth";
   * import { createApiClient, mediaBodies } from "@keyway/runtime";
   * import { readFile } from "node:fs/promises";
   * import type { paths } from "./generated/orders.js";
   * import { apiMeta } from "./generated/orders.meta.js";
   *
   * const { client } = createApiClient<paths>({
   *   meta: apiMeta,
   *   baseUrl: "https://api.example.com",
   *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
   *   mediaBodies,
   * });
   * const invoice = new File([await readFile("invoice.pdf")], "invoice.pdf", { type: "application/pdf" });
   * await client.PUT("/orders/{order_id}/attachments/{name}", {
   *   params: { path: { order_id: "ord_1", name: invoice.name } },
   *   body: invoice, // its bytes as they are, as application/octet-stream
   * });
   * ```
   */
  readonly mediaBodies?: ((mediaType: string, encoding?: FormBodyMeta) => FormCall) | undefined;
  /**
   * How calls of operations with cookie parameters (`cookie` in the metadata) send them: pass {@link cookieParameters}.
   * Required when the API has such operations; a client of an API without them leaves it out of its bundle.
   */
  readonly cookieParameters?:
    | ((styles: CookieStyles, clientHeaders?: Readonly<Record<string, string>>) => CookieCall)
    | undefined;
  /**
   * How calls of operations with header parameters that may be objects (`header` in the metadata) write them: pass
   * {@link headerParameters}. Required when the API has such operations; a client of an API without them leaves it out
   * of its bundle.
   */
  readonly headerParameters?: ((styles: HeaderStyles) => HeaderCall) | undefined;
  /**
   * How calls of operations whose spec names a server of their own (`server` in the metadata) reach it: pass
   * {@link operationServers}. Required when the API has such operations; a client of an API without them leaves it out
   * of its bundle.
   */
  readonly operationServers?: typeof operationServers | undefined;
}

/** What {@link createApiClient} builds: the typed client and the pieces service factories extend. */
export interface ApiClient<Paths extends {}> {
  /** The typed client, whose calls also take their own `CallSettings` (`timeout`, `maxRetries`, …). */
  readonly client: KeywayClient<Paths>;
  /** The instrumentation's hold on this client, when one was given. */
  readonly instrumentation?: ClientInstrumentation | undefined;
}

/**
 * Builds a typed openapi-fetch client for one API from its generated metadata: `auth` sets each
 * operation's credentials, JSON query parameters are serialized as the spec says, and responses are
 * tagged so that errors built from them are redacted. Client packages wrap this; applications use those.
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
 * });
 * const { data } = await client.GET("/orders");
 * ```
 */
export function createApiClient<Paths extends {}, Scheme extends string = string>(
  options: ApiClientOptions<Scheme>,
): ApiClient<Paths> {
  // A client package's factory (one that passes `sdk`) names itself, with namingFactory; createApiClient never does in
  // its stead.
  const make = () => apiClientOf<Paths, Scheme>(options);
  return options?.sdk === undefined ? namingFactory("createApiClient", make) : make();
}

function apiClientOf<Paths extends {}, Scheme extends string>(options: ApiClientOptions<Scheme>): ApiClient<Paths> {
  if (options?.sdk === undefined) {
    checkOptions("createApiClient", options, API_CLIENT_OPTIONS);
    checkRequiredOptions("createApiClient", options, API_CLIENT_OPTIONS);
  }
  checkOptionValues(options);
  const headers = options.headers ?? undefined; // null leaves it unset, as every option
  const secretRule = options.secretParameters ?? undefined; // null leaves it unset, as every option
  const isSecret = secretParameters(secretRule);
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const schemes: SecuritySchemeMeta[] = Object.values(options.meta.securitySchemes);
  const { auth } = options;
  const signals = attemptSignals();
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const instrumentation = options.instrumentation?.instrumentClient({
    meta: options.meta,
    baseUrl,
    redactor: auth.redactor,
    service: options.service,
    secretParameters: secretRule,
  });
  const transport = createTransport({
    ...options,
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    redactor: auth.redactor,
    // Trace context, like credentials, never follows a redirect to another origin.
    originBoundHeaders: [...schemes.map((scheme) => scheme.header), ...auth.headers, "traceparent", "tracestate"],
    secretHeaders: schemes.filter((scheme) => scheme.secret).map((scheme) => scheme.header),
    observe: instrumentation && ((request) => observeCall(instrumentation, request)),
    signals,
    isSecretParameter: isSecret,
  });
  const client = createClient<Paths>({
    baseUrl,
    Request: CallRequest as unknown as typeof Request,
    // Credentials are set here rather than in a middleware: openapi-fetch gives every middleware
    // a random id and a frozen options object per call, and awaits it.
    fetch: ((request: OutgoingRequest) => {
      if (!(request instanceof CallRequest) || !request.operation) return Promise.reject(replacedRequest());
      let authorized: void | Promise<void>;
      try {
        authorized = auth.authorize(request, request.operation, request.callerHeaders);
      } catch (error) {
        return rethrowKeepingFalsy(error);
      }
      if (authorized === undefined) return transport(request);
      const { method } = request;
      const waitMs = request.settings?.timeout ?? timeoutMs;
      const expired = () =>
        new RequestTimeoutError({
          method,
          url: auth.redactor.redactText(shownUrl(request)),
          attempts: 0,
          timeoutMs: waitMs,
          waitingFor: "its credentials",
        });
      return settledWithin(authorized, waitMs, expired, request.signal).then(
        () => transport(request),
        rethrowKeepingFalsy,
      );
    }) as unknown as typeof fetch,
    headers: withUserAgent(headers, userAgent(options.sdk ?? RUNTIME_SDK, options.userAgent)),
    querySerializer: createQuerySerializer(),
    pathSerializer: serializePath,
    bodySerializer: serializeBody,
    // In a browser, calls send no cookies unless the caller sets `credentials`: the API authenticates by headers, and
    // fetch would otherwise hold a same-origin 401 with `WWW-Authenticate: Basic` for the browser's login prompt until
    // the call timed out. Only there: workerd refuses the option.
    ...(isBrowser() ? { credentials: "omit" } : {}),
  });
  const schemeHeaders = new Set(schemes.map((scheme) => scheme.header.toLowerCase()));
  const clientHeaders = Object.keys(headers ?? {}).map((name) => name.toLowerCase());
  const clientSetsSchemeHeader = clientHeaders.some((name) => schemeHeaders.has(name));
  const guarded = withCallGuards(
    client,
    options.meta,
    baseUrl,
    auth.redactor,
    signals,
    clientSetsSchemeHeader,
    instrumentation,
    {
      ...bodyOptionsOf(options),
      acceptSet: clientHeaders.includes("accept"),
      headers,
      baseUrl,
      isSecret,
    },
  );
  return { client: guarded, instrumentation };
}

/**
 * How a client of this API sends bodies that are not JSON and cookie parameters, or a `ConfigurationError` when it
 * needs to and was not told.
 */
function bodyOptionsOf(options: ApiClientOptions<string>): BodyOptions {
  const { formBodies, mediaBodies, cookieParameters, headerParameters, operationServers, meta } = options;
  for (const { formBody, bodyMedia, cookie, header, server } of Object.values(meta.operations)) {
    const missing =
      (formBody && !formBodies && "form bodies: pass formBodies") ||
      (bodyMedia && !mediaBodies && "bodies that are not JSON: pass mediaBodies") ||
      (cookie && !cookieParameters && "cookie parameters: pass cookieParameters") ||
      (header && !headerParameters && "header parameters that may be objects: pass headerParameters") ||
      (server && !operationServers && "operations on servers of their own: pass operationServers");
    if (missing)
      throw new ConfigurationError(
        `This API takes ${missing} (from "@keyway/runtime") to createApiClient, as pnpm new-client does`,
      );
  }
  return { formBodies, mediaBodies, cookieParameters, headerParameters, operationServers };
}

/**
 * The client's options for bodies that are not JSON, cookie parameters, object header parameters and operations
 * served elsewhere.
 */
type BodyOptions = Pick<
  ApiClientOptions<string>,
  "formBodies" | "mediaBodies" | "cookieParameters" | "headerParameters" | "operationServers"
>;

function observeCall(instrumentation: ClientInstrumentation, request: OutgoingRequest): CallObserver | undefined {
  const operation = request instanceof CallRequest ? request.operation : undefined;
  return operation && instrumentation.startCall(request, operation);
}

/** What `client.request` gives a caller whose method is not one openapi-fetch's client sends. */
function unknownMethod(method: unknown): ConfigurationError {
  const known = HTTP_METHODS.join(", ").toLowerCase();
  return new ConfigurationError(
    `client.request: ${JSON.stringify(method)} is not an HTTP method; give one of ${known}`,
  );
}

function replacedRequest(): ConfigurationError {
  return new ConfigurationError(
    "A middleware replaced the request of a keyway client with a new Request; change request.headers instead",
  );
}

/**
 * Whether `error` is openapi-fetch's refusal of what an `onRequest` middleware returned: anything but the client's own
 * request class or a `Response`, so a fetch `Request` too, which its message tells the caller to return.
 */
function refusedMiddlewareResult(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("onRequest: must return new Request()");
}

/** The client's headers with keyway's User-Agent, unless there is none to send or the caller set one. */
function withUserAgent(headers: Record<string, string> = {}, agent: string | undefined): Record<string, string> {
  if (agent === undefined || Object.keys(headers).some((name) => name.toLowerCase() === "user-agent")) return headers;
  return { "User-Agent": agent, ...headers };
}

const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type CallInit =
  | (CallOptions & {
      readonly params?: { readonly header?: unknown; readonly path?: Record<string, unknown> };
      readonly querySerializer?: unknown;
      readonly pathSerializer?: unknown;
      readonly middleware?: readonly Middleware[];
      readonly [CALL]?: CallFacts;
      readonly [BODY_DEADLINE]?: BodyDeadline | undefined;
    })
  | undefined;

type Call = (path: string, init?: CallInit) => Promise<unknown>;

/**
 * What each call needs around openapi-fetch:
 * - its operation, found from the method and path template once per client, travels with its request;
 * - the call's options are checked before anything is sent ({@link checkedCallOptions}): header values before
 *   openapi-fetch puts them into `Headers` (which would trim a trailing line break, or fail with an error echoing the
 *   value), a `baseUrl` kept on the client's origin (with its credentials), `parseAs` and `signal`; a call's own
 *   `fetch` sends its attempts, with retries, timeouts and redirect checks as the client's would;
 * - the caller's `signal` ends the call at once at every stage (credential providers, a shared
 *   session refresh, the body), as a `RequestAbortedError`; the call follows it through a signal
 *   of its own, so nothing of the call stays on a signal the caller keeps;
 * - the last attempt's timeout keeps running while openapi-fetch reads the body (unless the caller
 *   streams it), so a body that stalls fails the call with a `RequestTimeoutError`;
 * - failures openapi-fetch lets escape untyped while it reads the body become typed: JSON.parse's
 *   SyntaxError, and whatever the runtime throws when the body cannot be read (a connection cut mid-body,
 *   a body that does not decompress); what a middleware throws reaches the caller as it was thrown, even once it has
 *   read the body ({@link BODY_READ_MARK} tells the two apart);
 * - an empty body gives one answer however it was framed (with a `Content-Length`, chunked, ended by the connection's
 *   close, or compressed to nothing): a success whose operation declares a body for its status (and no success
 *   without one, which types `data` as possibly `undefined`), read as JSON, fails with a `ResponseParseError` instead
 *   of giving `data: undefined`; read as text, a Blob, bytes or a stream it is what that read gives (`""`, empty, the
 *   body's stream); 204 and HEAD give `data: undefined` ({@link emptyBodyResult});
 * - an instrumentation's `aroundCall` sees the whole call, so a failure at any of these stages is observed, and the
 *   call's options, so a call that fails before its request exists can still be named by where it was going.
 */
function withCallGuards<Paths extends {}>(
  client: Client<Paths>,
  meta: ClientMeta,
  baseUrl: string,
  redactor: Redactor,
  signals: AttemptSignals,
  clientSetsSchemeHeader: boolean,
  instrumentation: ClientInstrumentation | undefined,
  operationOptions: OperationOptions,
): KeywayClient<Paths> {
  const aroundCall = instrumentation?.aroundCall?.bind(instrumentation);
  const hasMiddleware = markedMiddleware(client);
  const aborted = (method: string, init: CallInit, facts: CallFacts, signal: AbortSignal) =>
    new RequestAbortedError({ method, url: redactor.redactText(callUrl(baseUrl, init, facts)), cause: signal.reason });
  const methods = client as unknown as Record<string, Call> & {
    request: (method: string, path: string, init?: CallInit) => Promise<unknown>;
  };
  for (const method of HTTP_METHODS) {
    const call = methods[method]!;
    /** Per path template of this method, its operation's {@link kindsOfCall}. */
    const callsByPath = new Map<string, readonly ReadFacts[]>();
    const guarded: Call = (path, init) => {
      let calls = callsByPath.get(path);
      try {
        if (calls === undefined)
          callsByPath.set(
            path,
            (calls = kindsOfCall(meta, method, path, findOperation(meta, method, path), operationOptions)),
          );
        refuseWhatFetchNeverSends(method, path, (init as { body?: unknown } | undefined)?.body);
        const { pathParameter, withHeaderObjects, withCookies, readAsDeclared, atServer } = calls[0]!;
        // Before the check, which finds a header value that is an object no header can hold.
        if (withHeaderObjects && init) init = withHeaderObjects(init);
        if (init) init = checkedCallOptions(init, baseUrl, method, path);
        if (pathParameter !== undefined && !init?.params?.path) throw missingPathParameters(pathParameter);
        if (withCookies && init) init = withCookies(init);
        if (readAsDeclared) init = readAsDeclared(init);
        if (atServer) init = atServer(init);
      } catch (error) {
        return Promise.reject(error);
      }
      const signal = init?.signal ?? undefined;
      const callerHeaders = clientSetsSchemeHeader || init?.headers !== undefined || init?.params?.header !== undefined;
      const streamed = init?.parseAs === "stream";
      const facts = calls[kindOfCall(streamed, callerHeaders)]!;
      if (facts.asForm && init) init = facts.asForm(init);
      // A streamed call gets one too: openapi-fetch reads a failed response's body itself.
      const deadline = new BodyDeadline();
      const ownMiddleware = init?.middleware?.length ? init.middleware : undefined;
      if (ownMiddleware || hasMiddleware()) {
        middlewareRunning.add(deadline);
        deadline.mayBeReplaced = true;
        if (ownMiddleware && !hasMiddleware()) init = { ...init, middleware: [BODY_READ_MARK, ...ownMiddleware] };
      }
      const ended = (value: unknown, unfollow?: () => void) => {
        deadline.end();
        signals.callEnded();
        const { response } = deadline;
        if (response && (value as FetchResult).response !== response)
          value = withReplacedResponse(value as FetchResult, response);
        // A streamed body fails as a read one does, and ends the call's following of the caller's signal when it ends;
        // the closures are made for a streamed call only.
        if (streamed) {
          const unreadable = (error: unknown) =>
            signal?.aborted && !(error instanceof KeywayError)
              ? aborted(method, init, facts, signal)
              : typedError(error, method, path, deadline, redactor);
          value = followedStream(value as FetchResult, unreadable, unfollow ?? (() => {}));
        } else unfollow?.();
        if ((value as FetchResult).data !== undefined) return value;
        return emptyBodyResult(value as FetchResult, method, path, init?.parseAs, facts.bodyExpected, redactor);
      };
      const typed = (error: unknown): FetchResult | Promise<FetchResult> => {
        if (error instanceof FalsyRejection) error = error.value;
        deadline.end();
        signals.callEnded();
        // What a middleware throws is the caller's, as thrown; a failed read of the body is the call's to answer.
        if (!middlewareRunning.has(deadline)) {
          const { response } = deadline;
          if (error instanceof SyntaxError && response?.ok && readNothing(response))
            return emptyBodyResult(
              { data: undefined, response },
              method,
              path,
              init?.parseAs,
              facts.bodyExpected,
              redactor,
            );
          const unpromised = deadline.bodyRead
            ? unpromisedBodyResult(error, response, init?.parseAs, facts.successesWithBody)
            : undefined;
          if (unpromised) return unpromised;
        }
        const failure =
          deadline.timeoutError() ??
          (signal?.aborted && !(error instanceof KeywayError)
            ? aborted(method, init, facts, signal)
            : typedError(error, method, path, deadline, redactor));
        deadline.discardUnreadBody(); // after typedError, which asks whether the body was being read
        throw failure;
      };
      signals.callStarted();
      if (!signal) return call(facts.path, callInit(facts, deadline, init)).then(ended, typed);
      // The call follows the caller's signal through one of its own, which nothing listens to once the call is over.
      const followed = new AbortController();
      const follow = () => followed.abort(signal.reason);
      let unfollow = () => {};
      if (signal.aborted) follow();
      else unfollow = followAbort(signal, follow);
      const result = call(facts.path, callInit(facts, deadline, init, followed.signal));
      const settled = result.then(
        (value) => ended(value, unfollow),
        (error: unknown) => (unfollow(), typed(error)),
      );
      return untilAborted(settled, followed.signal, () => aborted(method, init, facts, signal));
    };
    methods[method] = aroundCall ? (path, init) => aroundCall(method, path, () => guarded(path, init), init) : guarded;
  }
  methods.request = (method, path, init) => {
    const upper = typeof method === "string" ? method.toUpperCase() : "";
    if (!(HTTP_METHODS as readonly string[]).includes(upper)) return Promise.reject(unknownMethod(method));
    return methods[upper]!(path, init);
  };
  // Its methods now take a call's settings (checkedCallOptions), as KeywayClient types them.
  return client as KeywayClient<Paths>;
}

/**
 * Calls whose caller's middleware may still be running: entered as a call with middleware starts, left once
 * {@link BODY_READ_MARK} has run. What such a call fails with is the caller's, whether or not the body was read.
 */
const middlewareRunning = new WeakSet<BodyDeadline>();

/**
 * keyway's middleware, first of the client's (or of a call's, when the client has none), so that openapi-fetch runs
 * its `onResponse` after every other. After it, openapi-fetch only reads the body: a failure then is the body's (a
 * connection cut, JSON that does not parse), not the caller's own error thrown by a middleware that had read it.
 */
const BODY_READ_MARK: Middleware = {
  onResponse({ request }) {
    if (request instanceof CallRequest && request.bodyDeadline) middlewareRunning.delete(request.bodyDeadline);
  },
};

/**
 * Keeps {@link BODY_READ_MARK} first among the client's middleware while the caller has registered any, and out of
 * the list otherwise: openapi-fetch makes an id and a frozen object for every call through middleware. Returns whether
 * the caller's middleware is registered.
 */
function markedMiddleware(client: Client<{}>): () => boolean {
  const { use, eject } = client;
  const registered: Middleware[] = []; // the caller's, as openapi-fetch holds them
  const unmarkIfNone = () => {
    if (registered.length === 0) eject(BODY_READ_MARK);
  };
  client.use = (...middleware) => {
    if (registered.length === 0) use(BODY_READ_MARK);
    try {
      // One at a time, as openapi-fetch adds them: those before one it refuses stay.
      for (const each of middleware) {
        if (!each) continue;
        use(each);
        registered.push(each);
      }
    } finally {
      unmarkIfNone();
    }
  };
  client.eject = (...middleware) => {
    eject(...middleware);
    for (const each of middleware) {
      const index = registered.indexOf(each);
      if (index !== -1) registered.splice(index, 1);
    }
    unmarkIfNone();
  };
  return () => registered.length > 0;
}

/**
 * The URL a call names in its errors, as the transport names a request: the call's base URL and the path with its
 * parameters in their styles, without the query. The path template, when the parameters cannot be sent (their own
 * error says why).
 */
function callUrl(baseUrl: string, init: CallInit, { path, operation, secretPath }: CallFacts): string {
  let url: string;
  try {
    url = `${init?.baseUrl ?? baseUrl}${serializePath(path, init?.params?.path, operation.path)}`;
  } catch {
    url = `${init?.baseUrl ?? baseUrl}${path}`;
  }
  return withoutQuery(url, secretPath);
}

/**
 * The init a method hands openapi-fetch: the caller's, with the call's facts under {@link CALL}, its body deadline
 * under {@link BODY_DEADLINE}, its operation's serializers (unless the caller brought their own), and the signal the
 * call follows, if any.
 *
 * It is made non-extensible, with the facts and deadline as its first properties, for Node 20's V8 (11.3). There,
 * copying an extensible object by a spread and then adding a property, as openapi-fetch's `{ ...init, method }` does, gives
 * each copy a hidden class of its own, so every property read after it misses its cache. That cost bare
 * openapi-fetch and keyway 2–5 µs a call, a tenth of a call in memory. A non-extensible init is copied the other way,
 * into one class for every call. Newer engines pay about 0.1 µs for this.
 */
function callInit(facts: CallFacts, deadline: BodyDeadline, init: CallInit, signal?: AbortSignal): CallInit {
  const { querySerializer, pathSerializer } = facts;
  return Object.preventExtensions(
    signal
      ? { [CALL]: facts, [BODY_DEADLINE]: deadline, querySerializer, pathSerializer, ...init, signal }
      : { [CALL]: facts, [BODY_DEADLINE]: deadline, querySerializer, pathSerializer, ...init },
  );
}

/** What the client's options decide for every operation's calls. */
interface OperationOptions extends BodyOptions {
  /** The client's `headers` option sets `Accept`, for every call. */
  readonly acceptSet: boolean;
  /** The client's `headers` option, whose `Cookie` a call's cookie parameters are sent after. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The client's base URL, which tells whether it is on the spec's first server. */
  readonly baseUrl: string;
  /** Which path parameters hold secrets, hidden in the URLs errors and hooks show. */
  readonly isSecret: IsSecretParameter;
}

/** A kind of call's facts, and what the call needs to read its response. */
interface ReadFacts extends CallFacts {
  /** Which of its successes must come with a body (read as JSON), when its operation's spec says. */
  readonly bodyExpected: BodyExpected | undefined;
  /** Its operation's successes declared with a body (`""` for none), when the metadata says. */
  readonly successesWithBody: string | undefined;
}

/**
 * Every kind of call to `operation`, made once so that a call allocates none: the index is {@link kindOfCall}'s.
 * Calls pass theirs to openapi-fetch under one symbol, since each spread openapi-fetch makes copies every property.
 */
function kindsOfCall(
  meta: ClientMeta,
  method: string,
  template: string,
  operation: ClientOperationMeta,
  {
    formBodies,
    mediaBodies,
    cookieParameters,
    headerParameters,
    operationServers,
    acceptSet,
    headers,
    baseUrl,
    isSecret,
  }: OperationOptions,
): readonly ReadFacts[] {
  const [path] = splitFragment(template);
  const secretPath = secretSegmentsOf(path, isSecret);
  const pathParameter = firstPathParameter(path);
  const literalQuery = literalQueryIndex(path) !== -1;
  const { formBody, bodyMedia, bodyEncoding } = operation;
  const asForm = formBody ? formBodies?.(formBody) : bodyMedia ? mediaBodies?.(bodyMedia, bodyEncoding) : undefined;
  const withCookies = operation.cookie && cookieParameters?.(operation.cookie, headers);
  const withHeaderObjects = operation.header && headerParameters?.(operation.header);
  const accept = acceptSet ? undefined : (operation.accept ?? meta.accept);
  const readAs = readAsDeclared(operation, method, template);
  const successesWithBody = operation.successesWithBody ?? meta.successesWithBody;
  const bodyExpected = operation.successMayBeEmpty ? undefined : bodyExpectedOf(successesWithBody);
  const atServer = operationServers?.(meta, operation, baseUrl, method, template);
  // Serializers of the operation's own parameter styles, where it has any; openapi-fetch uses the client's otherwise.
  const { query: queryStyles, path: pathStyles } = operation;
  const querySerializer = queryStyles && createQuerySerializer(queryStyles);
  const pathSerializer =
    pathStyles && ((url: string, parameters?: Record<string, unknown>) => serializePath(url, parameters, pathStyles));
  return [false, true].flatMap((streamed) =>
    [false, true].map((callerHeaders) =>
      Object.freeze({
        operation,
        path,
        pathParameter,
        literalQuery,
        secretPath,
        streamed,
        callerHeaders,
        asForm,
        withCookies,
        withHeaderObjects,
        querySerializer,
        pathSerializer,
        accept,
        readAsDeclared: readAs,
        atServer,
        bodyExpected,
        successesWithBody,
      }),
    ),
  );
}

function kindOfCall(streamed: boolean, callerHeaders: boolean): number {
  return (streamed ? 2 : 0) + (callerHeaders ? 1 : 0);
}

/**
 * The typed error for what openapi-fetch let escape while it read a body: a `ResponseParseError` for
 * JSON.parse's SyntaxError, and a `ConnectionError` for whatever the runtime threw when the body could not
 * be read (undici's "terminated", Deno's "error reading a body from connection", Bun's ECONNRESET, a
 * body that does not decompress); any other error as it is. Only a call whose `deadline` holds its
 * response reads a body, so an error thrown before (a request body that does not serialize) stays what it is.
 */
function typedError(error: unknown, method: string, path: string, deadline: BodyDeadline, redactor: Redactor): unknown {
  // What a middleware throws, before the body is read or after it read the body itself, is the caller's to see as it
  // was thrown.
  if (refusedMiddlewareResult(error)) return replacedRequest();
  const responseUrl = deadline.responseUrl;
  if (
    responseUrl === undefined ||
    !deadline.bodyRead ||
    middlewareRunning.has(deadline) ||
    !(error instanceof Error) ||
    error instanceof KeywayError
  )
    return error;
  if (error instanceof SyntaxError)
    return new ResponseParseError({
      method,
      path,
      cause: error,
      // A server may echo a credential anywhere, its headers too.
      contentType: deadline.responseContentType && redactor.redactText(deadline.responseContentType),
      contentEncoding: deadline.responseContentEncoding && redactor.redactText(deadline.responseContentEncoding),
    });
  const failure = describeFailure(error, redactor);
  return new ConnectionError({
    method,
    url: responseUrl,
    attempts: deadline.attempts,
    message: `${method} ${responseUrl}: the response body could not be read (${shownSentence(failure.reason)})`,
    ...failure,
    cause: redactedError(error, redactor),
  });
}
