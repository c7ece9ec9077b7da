import {
  createHeaderAuth,
  KeywayError,
  validateHeaderValues,
  type Credential,
  type HeaderAuth,
  type Redactor,
  type SecuritySchemeMeta,
} from "@keyway/header-auth";
import createClient, { type Client } from "openapi-fetch";
import type { CallObserver, ClientInstrumentation, Instrumentation, ServiceDescription } from "./instrumentation.js";
import type { ClientMeta, ClientOperationMeta } from "./meta.js";
import { createJsonQuerySerializer } from "./query.js";
import { ResponseParseError } from "./errors.js";
import { describeFailure, redactedError } from "./connection-failure.js";
import { serializePath } from "./path-parameters.js";
import { ConnectionError, RequestAbortedError } from "./transport-errors.js";
import type { ResponseContext } from "./result.js";
import { untilAborted } from "./abort.js";
import { createTransport, type TransportConfig, type TransportOptions } from "./transport.js";
import { RUNTIME_SDK, userAgent, type SdkIdentity } from "./user-agent.js";

/** Options every keyway client accepts. */
export interface BaseClientOptions extends TransportOptions {
  /** Override the API's base URL (for a proxy, a regional host or a local mock). */
  readonly baseUrl?: string;
  /** The fetch to use; defaults to `globalThis.fetch`. Handy for tests and custom agents. */
  readonly fetch?: typeof fetch;
  /** Extra headers sent with every request (never credentials: use the credential options). */
  readonly headers?: Record<string, string>;
  /** Allow secret credentials in a browser, where every visitor can read them. */
  readonly dangerouslyAllowBrowser?: boolean;
  /** Observes every call, such as `openTelemetry()` from `@keyway/otel`; none by default. */
  readonly instrumentation?: Instrumentation;
  /**
   * Your application's product token(s), appended to the `User-Agent` keyway sends outside browsers
   * (`keyway-stacker/0.2.0 node/22.23.5 my-app/1.4.0`), e.g. `"my-app/1.4.0"`. A `User-Agent` in
   * `headers` replaces keyway's altogether.
   */
  readonly userAgent?: string;
}

export interface ApiClientOptions<Scheme extends string> extends BaseClientOptions {
  readonly meta: ClientMeta<Scheme>;
  readonly baseUrl: string;
  readonly credentials: { readonly [K in Scheme]?: Credential };
  readonly headerDefaults?: { readonly [header: string]: Credential };
  /** The service's own retry rules, on top of the defaults. */
  readonly isRetryableResponse?: TransportConfig["isRetryableResponse"];
  /** The service's recovery from a failed response, such as refreshing a session (see {@link TransportConfig.recover}). */
  readonly recover?: TransportConfig["recover"];
  /** The service's own error classes for failed responses. */
  readonly toError?: ResponseContext["toError"];
  /** How the service is named to an instrumentation. */
  readonly service?: ServiceDescription;
  /** The client package, named in the `User-Agent`; @keyway/runtime by default. */
  readonly sdk?: SdkIdentity;
}

/** What {@link createApiClient} builds: the typed client and the pieces service factories extend. */
export interface ApiClient<Paths extends {}> {
  readonly client: Client<Paths>;
  readonly auth: HeaderAuth;
  /** The instrumentation's hold on this client, when one was given. */
  readonly instrumentation?: ClientInstrumentation | undefined;
}

/**
 * Builds a typed openapi-fetch client for one API from its generated metadata:
 * header-auth applies each operation's credentials, JSON query parameters are
 * serialized as the spec says, and responses are tagged so that errors built
 * from them are redacted. Service packages wrap this; applications use those.
 *
 * @example
 * ```ts
 * import type { paths } from "./generated/stacker.js";
 * import { apiMeta } from "./generated/stacker.meta.js";
 *
 * const { client } = createApiClient<paths, keyof typeof apiMeta.securitySchemes>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.go.stackerhq.com",
 *   credentials: { IntegrationKey: process.env.STACKER_KEY },
 * });
 * const { data } = await client.GET("/api/external/hello/");
 * ```
 */
export function createApiClient<Paths extends {}, Scheme extends string = string>(
  options: ApiClientOptions<Scheme>,
): ApiClient<Paths> {
  // Requests of operations the spec marks x-keyway-idempotent (few); an entry for every request would cost every call.
  const idempotentRequests = new WeakSet<Request>();
  validateHeaderValues(options.headers);
  const schemes: SecuritySchemeMeta[] = Object.values(options.meta.securitySchemes);
  const auth = createHeaderAuth({
    meta: options.meta,
    credentials: options.credentials,
    headerDefaults: options.headerDefaults ?? {},
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser ?? false,
    onOperation: (request, operation) => {
      if ((operation as ClientOperationMeta).idempotent) idempotentRequests.add(request);
      if (instrumentation) operations.set(request, operation);
    },
  });
  const instrumentation = options.instrumentation?.instrumentClient({
    meta: options.meta,
    baseUrl: options.baseUrl,
    redactor: auth.redactor,
    service: options.service,
  });
  // Filled only when an instrumentation observes the calls.
  const operations = new WeakMap<Request, ClientOperationMeta>();
  const transport = createTransport({
    ...options,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    redactor: auth.redactor,
    isIdempotent: (request) => idempotentRequests.has(request),
    // Trace context, like credentials, never follows a redirect to another origin.
    originBoundHeaders: [
      ...schemes.map((scheme) => scheme.header),
      ...Object.keys(options.headerDefaults ?? {}),
      "traceparent",
      "tracestate",
    ],
    secretHeaders: schemes.filter((scheme) => scheme.secret).map((scheme) => scheme.header),
    observe: instrumentation && ((request) => observeCall(instrumentation, operations.get(request), request)),
  });
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: transport,
    headers: withUserAgent(options.headers, userAgent(options.sdk ?? RUNTIME_SDK, options.userAgent)),
    querySerializer: createJsonQuerySerializer(options.meta.jsonQueryParameters),
    pathSerializer: serializePath,
  });
  client.use(auth);
  return { client: withCallGuards(client, options.baseUrl, auth.redactor, instrumentation), auth, instrumentation };
}

function observeCall(
  instrumentation: ClientInstrumentation,
  operation: ClientOperationMeta | undefined,
  request: Request,
): CallObserver | undefined {
  return operation && instrumentation.startCall(request, operation);
}

/** The client's headers with keyway's User-Agent, unless there is none to send or the caller set one. */
function withUserAgent(headers: Record<string, string> = {}, agent: string | undefined): Record<string, string> {
  if (agent === undefined || Object.keys(headers).some((name) => name.toLowerCase() === "user-agent")) return headers;
  return { "User-Agent": agent, ...headers };
}

const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type CallInit =
  | {
      readonly headers?: unknown;
      readonly params?: { readonly header?: unknown };
      readonly signal?: AbortSignal | null;
    }
  | undefined;

/**
 * What each call needs around openapi-fetch:
 * - the caller's header values are validated before openapi-fetch puts them into `Headers`
 *   (which would trim a trailing line break, or fail with an error echoing the value);
 * - the caller's `signal` ends the call at once at every stage (credential providers, a shared
 *   session refresh, the body), as a `RequestAbortedError`; the race is set up only when a signal is given;
 * - failures openapi-fetch lets escape untyped while it reads the body become typed: JSON.parse's
 *   SyntaxError, undici's "terminated" TypeError on a connection cut mid-body;
 * - an instrumentation's `aroundCall` sees the whole call, so a failure at any of these stages is observed.
 */
function withCallGuards<Paths extends {}>(
  client: Client<Paths>,
  baseUrl: string,
  redactor: Redactor,
  instrumentation: ClientInstrumentation | undefined,
): Client<Paths> {
  const methods = client as unknown as Record<string, (path: string, init?: CallInit) => Promise<unknown>>;
  const aroundCall = instrumentation?.aroundCall?.bind(instrumentation);
  for (const method of HTTP_METHODS) {
    const call = methods[method]!;
    const guarded = (path: string, init?: CallInit) => {
      const signal = init?.signal ?? undefined;
      const typed = (error: unknown): never => {
        if (signal?.aborted && !(error instanceof KeywayError))
          throw new RequestAbortedError(method, `${baseUrl}${path}`, signal.reason);
        if (error instanceof SyntaxError) throw new ResponseParseError(method, path, error);
        if (error instanceof TypeError && error.message === "terminated") {
          const failure = describeFailure(error, redactor);
          throw new ConnectionError(
            method,
            `${baseUrl}${path}`,
            1,
            `${method} ${baseUrl}${path}: the connection was cut while the response body was read (${failure.reason})`,
            { ...failure, cause: redactedError(error, redactor) },
          );
        }
        throw error;
      };
      try {
        validateHeaderValues(init?.headers);
        validateHeaderValues(init?.params?.header);
      } catch (error) {
        return Promise.reject(error);
      }
      const result = call(path, init).catch(typed);
      return signal
        ? untilAborted(result, signal, () => new RequestAbortedError(method, `${baseUrl}${path}`, signal.reason))
        : result;
    };
    methods[method] = aroundCall ? (path, init) => aroundCall(method, path, () => guarded(path, init)) : guarded;
  }
  return client;
}
