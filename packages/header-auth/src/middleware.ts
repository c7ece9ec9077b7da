import type { MiddlewareCallbackParams } from "openapi-fetch";
import { isBrowser } from "./environment.js";
import { ConfigurationError, MissingCredentialError } from "./errors.js";
import { assertSecureTransport } from "./secure-transport.js";
import { validateHeaderValue } from "./header-value.js";
import { operationKey, type ApiMeta, type OperationMeta, type SecuritySchemeMeta } from "./meta.js";
import { Redactor } from "./redaction.js";

type Awaitable<T> = T | PromiseLike<T>;

/** A credential's value; `undefined` or `null` means "not available for this request". */
export type CredentialValue = string | null | undefined;

/**
 * A fixed value, or a function called for every request that needs it (sync or
 * async), so rotating and per-user tokens work.
 */
export type Credential = CredentialValue | (() => Awaitable<CredentialValue>);

export interface HeaderAuthOptions<Scheme extends string> {
  /** The generated metadata of the API (`<spec>.meta.ts`). */
  readonly meta: ApiMeta<Scheme>;
  /** A value or provider per security scheme. Schemes left out are never sent. */
  readonly credentials: { readonly [K in Scheme]?: Credential };
  /**
   * Values for header parameters that operations declare (such as `X-Timezone`),
   * sent only to operations that declare them and only when the call sets none.
   */
  readonly headerDefaults?: { readonly [header: string]: Credential };
  /**
   * Allows secret credentials in a browser, where every visitor can read them.
   * Only for trusted, internal pages.
   */
  readonly dangerouslyAllowBrowser?: boolean;
  /** Shared with the rest of the client, so its errors and logs scrub the same secrets. */
  readonly redactor?: Redactor;
  /** Told which operation each request is, so later layers (the transport) need not look it up again. */
  readonly onOperation?: (request: Request, operation: OperationMeta) => void;
}

/** The openapi-fetch middleware returned by {@link createHeaderAuth}. */
export interface HeaderAuth {
  /**
   * Applies the operation's credentials to the outgoing request: synchronously when every
   * credential it needs is at hand, through a promise when a provider is async.
   */
  onRequest(params: MiddlewareCallbackParams): Request | Promise<Request>;
  /** Scrubs the secrets this middleware sends from text and header maps. */
  readonly redactor: Redactor;
}

/**
 * Creates openapi-fetch middleware that sends, for each operation, exactly the
 * credentials its OpenAPI `security` requirement names, and nothing else.
 *
 * - Credentials are values or (async) providers, resolved for every request.
 * - The first security alternative whose credentials are all available is used;
 *   headers of every other scheme are removed from the request.
 * - Every value is validated (not empty; no CR, LF, NUL) before it is sent.
 * - A secret never goes over plain http to a non-loopback host, and a client with
 *   a non-browser-safe secret refuses to start in a browser unless
 *   `dangerouslyAllowBrowser` is set.
 *
 * @example
 * ```ts
 * import createClient from "openapi-fetch";
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import type { paths } from "./generated/stacker.js";
 * import { apiMeta } from "./generated/stacker.meta.js";
 *
 * const client = createClient<paths>({ baseUrl: "https://api.go.stackerhq.com" });
 * client.use(createHeaderAuth({
 *   meta: apiMeta,
 *   credentials: { IntegrationKey: process.env.STACKER_KEY, AccountId: "acc_1" },
 * }));
 * ```
 */
export function createHeaderAuth<Scheme extends string>(options: HeaderAuthOptions<Scheme>): HeaderAuth {
  const { meta, headerDefaults = {}, dangerouslyAllowBrowser = false } = options;
  const credentials: Partial<Record<string, Credential>> = options.credentials;
  const schemes: ApiMeta["securitySchemes"] = meta.securitySchemes;
  const redactor = options.redactor ?? new Redactor(Object.values(schemes).map((s) => s.header));

  for (const [name, value] of Object.entries(credentials)) {
    const scheme = schemes[name];
    if (!scheme) {
      throw new ConfigurationError(`Unknown security scheme "${name}"; this API has ${Object.keys(schemes).join(", ")}`);
    }
    if (typeof value === "string") {
      validateHeaderValue(scheme.header, value);
      if (scheme.secret) redactor.remember(value);
    }
    if (value != null && scheme.secret && !scheme.browserSafe && isBrowser() && !dangerouslyAllowBrowser) {
      throw new ConfigurationError(
        `Refusing to use the secret "${scheme.header}" in a browser, where every visitor can read it. ` +
          "Call this API from your server, or pass dangerouslyAllowBrowser: true if you understand the risk.",
      );
    }
  }

  for (const [header, value] of Object.entries(headerDefaults)) {
    if (typeof value === "string") validateHeaderValue(header, value);
  }
  const hasHeaderDefaults = Object.keys(headerDefaults).length > 0;

  /** A credential's value for this request; synchronous unless a provider returns a promise. */
  function resolve(name: string, request: Request): string | undefined | PromiseLike<string | undefined> {
    const scheme = schemes[name]!; // the generator only names schemes the spec defines
    const explicit = request.headers.get(scheme.header);
    const credential = explicit ?? credentials[name];
    // Configured strings were validated and remembered when the client was created.
    if (typeof credential === "string" && explicit === null) return credential;
    const value = typeof credential === "function" ? credential() : credential;
    return isPromiseLike(value) ? value.then((v) => checked(scheme, v)) : checked(scheme, value);
  }

  function checked(scheme: SecuritySchemeMeta, value: CredentialValue): string | undefined {
    if (value == null) return undefined;
    validateHeaderValue(scheme.header, value);
    if (scheme.secret) redactor.remember(value);
    return value;
  }

  /**
   * The values of the first security alternative whose credentials are all available.
   * Providers are called lazily, in the order of the alternatives; the result stays
   * synchronous until one of them returns a promise.
   */
  function chooseAlternative(
    operation: OperationMeta,
    request: Request,
    resolved = new Map<string, string | undefined>(),
    from = 0,
  ): Chosen | PromiseLike<Chosen> {
    const alternatives = operation.security;
    for (let index = from; index < alternatives.length; index++) {
      const alternative = alternatives[index]!;
      let complete = true;
      for (const name of alternative) {
        if (!resolved.has(name)) {
          const value = resolve(name, request);
          if (isPromiseLike(value)) {
            return value.then((settled) => {
              resolved.set(name, settled);
              return chooseAlternative(operation, request, resolved, index);
            });
          }
          resolved.set(name, value);
        }
        if (resolved.get(name) === undefined) {
          complete = false;
          break;
        }
      }
      if (complete) return { names: alternative, values: resolved };
    }
    const missing = (alternatives[0] ?? []).filter((name) => resolved.get(name) === undefined);
    throw new MissingCredentialError(operation.id, missing.map((name) => schemes[name]?.header ?? name));
  }

  const schemeEntries = Object.entries(schemes);

  /** Sets the chosen credentials and removes every other scheme's header. */
  function applyCredentials(request: Request, operation: OperationMeta, chosen: Chosen): Request | Promise<Request> {
    let url: string | undefined;
    for (const [name, scheme] of schemeEntries) {
      if (!chosen.names.includes(name)) {
        if (request.headers.has(scheme.header)) request.headers.delete(scheme.header);
        continue;
      }
      const value = chosen.values.get(name)!;
      if (scheme.secret) assertSecureTransport((url ??= request.url), scheme.header);
      request.headers.set(scheme.header, scheme.prefix ? scheme.prefix + value : value);
    }
    return operation.headers && hasHeaderDefaults ? applyHeaderDefaults(request, operation.headers) : request;
  }

  /** Fills the operation's header parameters the call left unset; synchronous unless a provider is async. */
  function applyHeaderDefaults(request: Request, headers: readonly string[]): Request | Promise<Request> {
    const pending: PromiseLike<void>[] = [];
    for (const header of headers) {
      const fallback = headerDefaults[header];
      if (fallback === undefined || request.headers.has(header)) continue;
      const value = typeof fallback === "function" ? fallback() : fallback;
      const apply = (settled: CredentialValue) => {
        if (settled != null) request.headers.set(header, validateHeaderValue(header, settled));
      };
      if (isPromiseLike(value)) pending.push(value.then(apply));
      else apply(value);
    }
    return pending.length > 0 ? Promise.all(pending).then(() => request) : request;
  }

  return {
    redactor,
    onRequest({ request, schemaPath }) {
      try {
        const operation = meta.operations[operationKey(request.method, schemaPath)];
        if (!operation) {
          throw new ConfigurationError(
            `No operation ${operationKey(request.method, schemaPath)} in the API description; ` +
              "the client may be older than the API (regenerate it) or the path is misspelt",
          );
        }
        options.onOperation?.(request, operation);
        const chosen = operation.security.length > 0 ? chooseAlternative(operation, request) : NO_CREDENTIALS;
        return isPromiseLike(chosen)
          ? Promise.resolve(chosen).then((settled) => applyCredentials(request, operation, settled))
          : applyCredentials(request, operation, chosen);
      } catch (error) {
        // Fail the same way whether or not a provider was async: with a rejected promise.
        return Promise.reject(error);
      }
    },
  };
}

/** The security alternative chosen for a request, and the credential values resolved for it. */
interface Chosen {
  readonly names: readonly string[];
  readonly values: ReadonlyMap<string, string | undefined>;
}

const NO_CREDENTIALS: Chosen = { names: [], values: new Map() };

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}
