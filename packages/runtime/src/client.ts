import { createHeaderAuth, type Credential, type HeaderAuth } from "@keyway/header-auth";
import createClient, { type Client } from "openapi-fetch";
import type { ClientMeta, ClientOperationMeta } from "./meta.js";
import { createJsonQuerySerializer } from "./query.js";
import { ResponseParseError } from "./errors.js";
import { ConnectionError } from "./transport-errors.js";
import type { ResponseContext } from "./result.js";
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
  /** The client package, named in the `User-Agent`; @keyway/runtime by default. */
  readonly sdk?: SdkIdentity;
}

/** What {@link createApiClient} builds: the typed client and the pieces service factories extend. */
export interface ApiClient<Paths extends {}> {
  readonly client: Client<Paths>;
  readonly auth: HeaderAuth;
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
export function createApiClient<Paths extends {}, Scheme extends string = string>(options: ApiClientOptions<Scheme>): ApiClient<Paths> {
  // Requests of operations the spec marks x-keyway-idempotent (few); an entry for every request would cost every call.
  const idempotentRequests = new WeakSet<Request>();
  const auth = createHeaderAuth({
    meta: options.meta,
    credentials: options.credentials,
    headerDefaults: options.headerDefaults ?? {},
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser ?? false,
    onOperation: (request, operation) => {
      if ((operation as ClientOperationMeta).idempotent) idempotentRequests.add(request);
    },
  });
  const transport = createTransport({
    ...options,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    redactor: auth.redactor,
    isIdempotent: (request) => idempotentRequests.has(request),
  });
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: transport,
    headers: withUserAgent(options.headers, userAgent(options.sdk ?? RUNTIME_SDK, options.userAgent)),
    querySerializer: createJsonQuerySerializer(options.meta.jsonQueryParameters),
  });
  client.use(auth);
  return { client: withTypedBodyErrors(client, options.baseUrl), auth };
}

/** The client's headers with keyway's User-Agent, unless there is none to send or the caller set one. */
function withUserAgent(headers: Record<string, string> = {}, agent: string | undefined): Record<string, string> {
  if (agent === undefined || Object.keys(headers).some((name) => name.toLowerCase() === "user-agent")) return headers;
  return { "User-Agent": agent, ...headers };
}

const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * openapi-fetch reads the body after the transport returns, and lets its failures escape
 * untyped: JSON.parse's SyntaxError on an invalid body, undici's "terminated" TypeError on a
 * connection cut mid-body. Make them typed errors naming the call.
 */
function withTypedBodyErrors<Paths extends {}>(client: Client<Paths>, baseUrl: string): Client<Paths> {
  const methods = client as unknown as Record<string, (path: string, init?: unknown) => Promise<unknown>>;
  for (const method of HTTP_METHODS) {
    const call = methods[method]!;
    methods[method] = (path, init) =>
      call(path, init).catch((error: unknown) => {
        if (error instanceof SyntaxError) throw new ResponseParseError(method, path, error);
        if (error instanceof TypeError && error.message === "terminated") {
          throw new ConnectionError(method, `${baseUrl}${path}`, 1, `${method} ${baseUrl}${path}: the connection was cut while the response body was read`, { cause: error });
        }
        throw error;
      });
  }
  return client;
}
