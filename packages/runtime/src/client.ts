import { createHeaderAuth, operationKey, type Credential, type HeaderAuth } from "@keyway/header-auth";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { ClientMeta, ClientOperationMeta } from "./meta.js";
import { createJsonQuerySerializer } from "./query.js";
import { ResponseParseError } from "./errors.js";
import { registerResponseContext, type ResponseContext } from "./result.js";
import { createTransport, type TransportConfig, type TransportOptions } from "./transport.js";

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
  const auth = createHeaderAuth({
    meta: options.meta,
    credentials: options.credentials,
    headerDefaults: options.headerDefaults ?? {},
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser ?? false,
  });
  const operationByRequest = new WeakMap<Request, ClientOperationMeta>();
  const transport = createTransport({
    ...options,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    redactor: auth.redactor,
    isIdempotent: (request) => operationByRequest.get(request)?.idempotent === true,
  });
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: transport,
    ...(options.headers ? { headers: options.headers } : {}),
    querySerializer: createJsonQuerySerializer(options.meta.jsonQueryParameters),
  });
  client.use(auth, operationTagging(options.meta, operationByRequest), responseContext(auth, options.toError));
  return { client: withTypedParseErrors(client), auth };
}

const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** openapi-fetch lets JSON.parse's SyntaxError escape on an invalid body; make it a typed error naming the call. */
function withTypedParseErrors<Paths extends {}>(client: Client<Paths>): Client<Paths> {
  const methods = client as unknown as Record<string, (path: string, init?: unknown) => Promise<unknown>>;
  for (const method of HTTP_METHODS) {
    const call = methods[method]!;
    methods[method] = (path, init) =>
      call(path, init).catch((error: unknown) => {
        throw error instanceof SyntaxError ? new ResponseParseError(method, path, error) : error;
      });
  }
  return client;
}

/** Lets the transport look up the operation behind a request (to retry idempotent POSTs). */
function operationTagging(meta: ClientMeta, operationByRequest: WeakMap<Request, ClientOperationMeta>): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      const operation = meta.operations[operationKey(request.method, schemaPath)];
      if (operation) operationByRequest.set(request, operation);
    },
  };
}

function responseContext(auth: HeaderAuth, toError: ResponseContext["toError"]): Middleware {
  return {
    onResponse({ request, response }) {
      const url = new URL(request.url);
      const context = { method: request.method, url: `${url.origin}${url.pathname}`, redactor: auth.redactor };
      registerResponseContext(response, toError ? { ...context, toError } : context);
    },
  };
}
