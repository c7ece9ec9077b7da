import {
  assertSecureTransport,
  checkOptions,
  ConfigurationError,
  checkPathSegment,
  findOperation,
  isBrowser,
  MissingCredentialError,
  Redactor,
  validateHeaderValue,
  type ApiMeta,
  type AuthorizableRequest,
  type Authorizer,
  type OperationMeta,
  type OptionNames,
  type SecuritySchemeMeta,
  unsendableOperationError,
  untilAborted,
} from "@keyway/runtime";
import type { MiddlewareCallbackParams } from "openapi-fetch";
import { encodeBasicCredentials, isBasicCredentials, type BasicCredentials } from "./basic-auth.js";
import {
  browserRefusal,
  namingOption,
  UnsendableCredentialError,
  validateOptionValue,
  type OptionOrigin,
} from "./credential-errors.js";

type Awaitable<T> = T | PromiseLike<T>;

/**
 * A credential's value: a string (an API key, a bearer token), or `{ username, password }` for an
 * HTTP basic scheme. `undefined` or `null` means "not available for this request".
 */
export type CredentialValue = string | BasicCredentials | null | undefined;

/**
 * What a credential provider is told about the request it is asked for.
 */
export interface CredentialContext {
  /**
   * Aborted when the caller aborts the call (its `signal`), so that a provider fetching a token can stop
   * waiting too; `undefined` when the call has no signal.
   */
  readonly signal: AbortSignal | undefined;
}

/**
 * A fixed value, or a function called for every request that needs it (sync or
 * async), so rotating and per-user tokens work.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 *
 * const auth = createHeaderAuth({
 *   meta: apiMeta,
 *   // Read for every request; a caller that aborts its call aborts the read too.
 *   credentials: { ApiKey: ({ signal }) => vault.read("orders-api-key", { signal }) },
 * });
 * ```
 */
export type Credential = CredentialValue | ((context: CredentialContext) => Awaitable<CredentialValue>);

export interface HeaderAuthOptions<Scheme extends string> {
  /** The generated metadata of the API (`<spec>.meta.ts`). */
  readonly meta: ApiMeta<Scheme>;
  /** A value or provider per security scheme. Schemes left out are never sent. */
  readonly credentials: { readonly [K in Scheme]?: Credential };
  /**
   * The option of your own client that sets each scheme's credential (`{ IntegrationKey: "integrationKey" }`), so
   * that an error about a credential's value names the option the application passed (`integrationKey (sent as the
   * "X-Integration-Key" header) is a number, not a string`), or its provider, rather than the header alone.
   */
  readonly credentialNames?: { readonly [K in Scheme]?: string } | undefined;
  /**
   * What is wrong, and what to do, when a call needs a scheme's credential and none is at hand, where the client knows
   * better than "no value is configured": a session's token after signing out (`{ SessionToken: "no user is signed in:
   * sign in first" }`). A `MissingCredentialError` says it in place of the advice to configure the credential.
   */
  readonly missingCredentialHints?: { readonly [K in Scheme]?: string } | undefined;
  /**
   * Values for header parameters that operations declare (such as `X-Timezone`),
   * sent only to operations that declare them and only when the call sets none.
   */
  readonly headerDefaults?: { readonly [header: string]: Credential } | undefined;
  /**
   * The option of your own client that sets each of `headerDefaults` (`{ "X-Timezone": "timezone" }`), so that an
   * error about its value names that option, as `credentialNames` does a credential's.
   */
  readonly headerDefaultNames?: { readonly [header: string]: string } | undefined;
  /**
   * The function of your own client that the application called with these options (`"createOrdersClient"`): an
   * error about a named option's value starts with it, also one refusing what a provider returned for a call, long
   * after the client was made (`createOrdersClient: apiKey's provider returned a value (for the "X-Api-Key" header)
   * that is empty`).
   */
  readonly factory?: string | undefined;
  /**
   * Allows secret credentials in a browser, where every visitor can read them.
   * Only for trusted, internal pages.
   */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
  /** Shared with the rest of the client, so its errors and logs scrub the same secrets. */
  readonly redactor?: Redactor | undefined;
}

/** Every option {@link createHeaderAuth} takes. */
const HEADER_AUTH_OPTIONS: OptionNames<HeaderAuthOptions<string>> = {
  meta: "required",
  credentials: "required",
  credentialNames: "optional",
  missingCredentialHints: "optional",
  headerDefaults: "optional",
  headerDefaultNames: "optional",
  factory: "optional",
  dangerouslyAllowBrowser: "optional",
  redactor: "optional",
};

/**
 * The openapi-fetch middleware returned by {@link createHeaderAuth}, also the `auth` of a keyway
 * client (`createApiClient` from `@keyway/runtime`), which calls `authorize` from its transport.
 */
export interface HeaderAuth extends Authorizer {
  /**
   * Applies the operation's credentials to the outgoing request: synchronously when every
   * credential it needs is at hand, through a promise when a provider is async. A request that
   * carries a secret is sent with `redirect: "manual"`, so that fetch never takes it to wherever a
   * redirect points: a redirect comes back as its 3xx response (`response.headers.get("location")`).
   */
  onRequest(params: MiddlewareCallbackParams): Request | Promise<Request>;
  /**
   * Sets the credentials `operation` needs on `request.headers` (what `onRequest` does once it has
   * found the operation): synchronously when every credential is at hand, through a promise when a
   * provider is async. A keyway client calls it from its transport, without a middleware step.
   * `callerHeaders: false` promises that nothing but the client set the request's headers, so no
   * scheme header is there to honor or remove (fewer header look-ups); default `true`. Throws a
   * `ConfigurationError` for an operation keyway cannot authenticate (`unsendable`).
   */
  authorize(request: AuthorizableRequest, operation: OperationMeta, callerHeaders?: boolean): void | Promise<void>;
  /** The headers it may set: every security scheme's, and those of `headerDefaults`. */
  readonly headers: readonly string[];
  /** Scrubs the secrets this middleware sends from text and header maps. */
  readonly redactor: Redactor;
}

/** The options that map a security scheme or a header to something: a string there would be read letter by letter. */
const MAPS = [
  "credentials",
  "credentialNames",
  "missingCredentialHints",
  "headerDefaults",
  "headerDefaultNames",
] as const;

/**
 * Creates openapi-fetch middleware that sends, for each operation, exactly the
 * credentials its OpenAPI `security` requirement names, and nothing else.
 *
 * - Credentials are values or (async) providers, resolved for every request.
 * - The first security alternative whose credentials are all available is used;
 *   headers of every other scheme are removed from the request, except a header the chosen
 *   alternative itself fills (two schemes may share one, such as `Authorization`).
 * - HTTP basic schemes take `{ username, password }` and send `Basic base64(username:password)`.
 * - An operation that keyway cannot authenticate (`unsendable` in the metadata: its spec names only schemes keyway
 *   does not send, such as a key in the query string) is refused with a `ConfigurationError` naming it and its
 *   schemes, before anything is sent, even when the caller set a header of its own.
 * - Every value is validated (not empty; no CR, LF, NUL) before it is sent.
 * - A secret never goes over plain http to a non-loopback host, and a client with
 *   a non-browser-safe secret refuses to start in a browser unless
 *   `dangerouslyAllowBrowser` is set.
 *
 * @example
 * ```ts
 * import createClient from "openapi-fetch";
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const client = createClient<paths>({ baseUrl: "https://api.example.com" });
 * client.use(createHeaderAuth({
 *   meta: apiMeta,
 *   credentials: { ApiKey: process.env["ORDERS_API_KEY"], AccountId: () => currentAccount() },
 * }));
 * ```
 */
export function createHeaderAuth<Scheme extends string>(options: HeaderAuthOptions<Scheme>): HeaderAuth {
  checkOptions("createHeaderAuth", options, HEADER_AUTH_OPTIONS);
  const { meta, dangerouslyAllowBrowser = false, factory } = options;
  // "false" read from the environment would otherwise allow secrets in a browser.
  if (typeof dangerouslyAllowBrowser !== "boolean" && dangerouslyAllowBrowser !== null)
    throw new ConfigurationError(
      `createHeaderAuth: dangerouslyAllowBrowser must be true or false, not a value of type ${typeof dangerouslyAllowBrowser}`,
    );
  for (const name of MAPS) {
    const map: unknown = options[name];
    if ((map != null || name === "credentials") && (typeof map !== "object" || map === null || Array.isArray(map)))
      throw new ConfigurationError(
        `createHeaderAuth: ${name} must be an object, not ${Array.isArray(map) ? "an array" : map === null ? "null" : `a ${typeof map}`}`,
      );
  }
  const credentials = ownEntries<Credential>(options.credentials);
  const credentialNames = ownEntries<string>(options.credentialNames);
  const missingCredentialHints = ownEntries<string>(options.missingCredentialHints);
  const headerDefaultNames = ownEntries<string>(options.headerDefaultNames);
  const headerDefaults = ownEntries<Credential>(options.headerDefaults);
  /** Where the value of a scheme's credential or a header default came from (`provided`: for a call, by its provider). */
  const originOf = (option: string | undefined, provided = false): OptionOrigin | undefined =>
    option === undefined ? undefined : { option, factory, provided };
  const schemes = ownEntries(meta.securitySchemes) as ApiMeta["securitySchemes"];
  const redactor = options.redactor ?? new Redactor(Object.values(schemes).map((s) => s.header));

  /** Wire values (without prefix) of the credentials configured as fixed values, validated once. */
  const fixed = new Map<string, string>();
  for (const [name, value] of Object.entries(credentials)) {
    const scheme = schemes[name];
    if (!scheme) {
      throw new ConfigurationError(
        `Unknown security scheme "${name}"; this API has ${Object.keys(schemes).join(", ")}`,
      );
    }
    if (typeof value !== "function") {
      const wire = optionsWireValue(name, scheme, value, false, true);
      if (wire !== undefined) fixed.set(name, wire);
    }
    if (value != null && scheme.secret && !scheme.browserSafe && isBrowser() && !dangerouslyAllowBrowser) {
      throw browserRefusal(scheme.header, originOf(credentialNames[name]));
    }
  }

  // A fixed default that cannot be sent fails here, once, rather than every call that would send it. Where each
  // default's value comes from, for an error about it, is found here too: not for every call.
  const defaultOrigins: Partial<Record<string, OptionOrigin>> = {};
  for (const [header, value] of Object.entries(headerDefaults)) {
    const provided = typeof value === "function";
    const origin = (defaultOrigins[header] = originOf(headerDefaultNames[header], provided));
    if (value != null && !provided) validateOptionValue(header, value, origin);
  }
  const hasHeaderDefaults = Object.keys(headerDefaults).length > 0;

  /** A credential's wire value for this request; synchronous unless a provider returns a promise. */
  function resolve(
    name: string,
    request: AuthorizableRequest,
    callerHeaders: boolean,
  ): string | undefined | PromiseLike<string | undefined> {
    const scheme = schemes[name]!; // the generator only names schemes the spec defines
    const explicit = callerHeaders ? request.headers.get(scheme.header) : null;
    if (explicit !== null) {
      // The caller's own `Basic …` is the basic scheme's value, never a bearer scheme's on the same header.
      if (isAnotherSchemesValue(explicit, scheme, schemes)) return undefined;
      // A caller's own header value is the whole value: the scheme's prefix, when it has one, is added back once.
      return wireValue(scheme, withoutPrefix(explicit, scheme.prefix));
    }
    if (fixed.has(name)) return fixed.get(name);
    const credential = credentials[name];
    if (typeof credential !== "function") return undefined; // a fixed value is in `fixed` unless it is none
    const value = credential(contextOf(request));
    return isPromiseLike(value)
      ? value.then((v) => optionsWireValue(name, scheme, v, true))
      : optionsWireValue(name, scheme, value, true);
  }

  /**
   * The wire value of the credential the options give scheme `name`, or that its provider returned (`provided`): a
   * refusal names the client option that set it, when `credentialNames` does.
   */
  function optionsWireValue(
    name: string,
    scheme: SecuritySchemeMeta,
    value: CredentialValue,
    provided: boolean,
    fixedForLife = false,
  ): string | undefined {
    try {
      return wireValue(scheme, value, fixedForLife);
    } catch (error) {
      throw namingOption(error, originOf(credentialNames[name], provided), scheme.header);
    }
  }

  /**
   * The validated value sent after the scheme's prefix, remembered for redaction when secret: for as long as the client
   * lives when it is `fixedForLife` (remembered once, sent with every call).
   */
  function wireValue(scheme: SecuritySchemeMeta, value: CredentialValue, fixedForLife = false): string | undefined {
    if (value == null) return undefined;
    const basic = scheme.encoding === "basic";
    if (basic ? typeof value === "string" && value.includes(":") : isBasicCredentials(value)) {
      throw new UnsendableCredentialError(
        scheme.header,
        basic ? 'is text with ":", not { username, password }' : "is { username, password }, not a string",
      );
    }
    const wire = isBasicCredentials(value)
      ? encodeBasicCredentials(scheme.header, value)
      : validateHeaderValue(scheme.header, value);
    if (scheme.secret) {
      if (isBasicCredentials(value)) redactor.remember(value.password, fixedForLife);
      redactor.remember(wire, fixedForLife);
    }
    return wire;
  }

  /**
   * The values of the first security alternative whose credentials are all available; an empty
   * alternative (the operation is open to anonymous calls) only when no other one is, since a
   * credential the caller configured is meant to be sent where the operation takes it.
   * Providers are called lazily, in the order of the alternatives; the result stays
   * synchronous until one of them returns a promise.
   */
  function chooseAlternative(
    operation: OperationMeta,
    request: AuthorizableRequest,
    callerHeaders: boolean,
    resolved = new Map<string, string | undefined>(),
    from = 0,
  ): Chosen | PromiseLike<Chosen> {
    const alternatives = operation.security;
    for (let index = from; index < alternatives.length; index++) {
      const alternative = alternatives[index]!;
      if (alternative.length === 0) continue;
      let complete = true;
      for (const name of alternative) {
        if (!resolved.has(name)) {
          const value = resolve(name, request, callerHeaders);
          if (isPromiseLike(value)) {
            return value.then((settled) => {
              resolved.set(name, settled);
              return chooseAlternative(operation, request, callerHeaders, resolved, index);
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
    if (alternatives.some((alternative) => alternative.length === 0)) return NO_CREDENTIALS;
    // Names no alternative reached are looked up where that calls no provider, so the error names what is missing.
    for (const name of new Set(alternatives.flat()))
      if (!resolved.has(name) && typeof credentials[name] !== "function")
        resolved.set(name, resolve(name, request, callerHeaders) as string | undefined);
    const missing = fewestMissing(alternatives, resolved);
    const hints = missing.map((name) => missingCredentialHints[name]);
    throw new MissingCredentialError({
      operation: operation.id,
      headers: missing.map((name) => schemes[name]?.header ?? name),
      options: missing.map((name) => credentialNames[name]),
      factory,
      reason: hints.every((hint) => hint !== undefined) ? [...new Set(hints)].join("; ") : undefined,
    });
  }

  // Per operation and security alternative (the metadata's own objects), the headers of every other scheme, except
  // a header the alternative itself fills (two schemes may share one, such as `Authorization`) and one the operation
  // declares as a parameter of its own (Apideck's consumer id is both a scheme and a parameter).
  const foreignHeaders = new WeakMap<OperationMeta, WeakMap<readonly string[], readonly string[]>>();
  function foreignHeadersOf(operation: OperationMeta, alternative: readonly string[]): readonly string[] {
    let byAlternative = foreignHeaders.get(operation);
    if (!byAlternative) foreignHeaders.set(operation, (byAlternative = new WeakMap()));
    let headers = byAlternative.get(alternative);
    if (headers) return headers;
    const kept = new Set([
      ...alternative.map((name) => schemes[name]!.header.toLowerCase()),
      ...(operation.headers ?? []).map((header) => header.toLowerCase()),
    ]);
    headers = [...new Set(Object.values(schemes).map((scheme) => scheme.header.toLowerCase()))].filter(
      (header) => !kept.has(header),
    );
    byAlternative.set(alternative, headers);
    return headers;
  }

  /**
   * Sets the chosen credentials and removes every other scheme's header the caller set, unless
   * the chosen alternative fills that header itself or the operation takes it as a parameter.
   */
  function applyCredentials(
    request: AuthorizableRequest,
    operation: OperationMeta,
    chosen: Chosen,
    callerHeaders: boolean,
  ): void | Promise<void> {
    if (callerHeaders) for (const header of foreignHeadersOf(operation, chosen.names)) request.headers.delete(header);
    let url: string | undefined;
    for (const name of chosen.names) {
      const scheme = schemes[name]!;
      if (scheme.secret) assertSecureTransport((url ??= request.url), scheme.header);
      const value = chosen.values.get(name)!;
      request.headers.set(scheme.header, scheme.prefix ? scheme.prefix + value : value);
    }
    if (operation.headers && hasHeaderDefaults) return applyHeaderDefaults(request, operation.headers);
  }

  /** Fills the operation's header parameters the call left unset; synchronous unless a provider is async. */
  function applyHeaderDefaults(request: AuthorizableRequest, headers: readonly string[]): void | Promise<void> {
    const pending: PromiseLike<void>[] = [];
    for (const header of headers) {
      const fallback = headerDefaults[header];
      if (fallback === undefined || request.headers.has(header)) continue;
      const value = typeof fallback === "function" ? fallback(contextOf(request)) : fallback;
      const apply = (settled: CredentialValue) => {
        if (settled != null) request.headers.set(header, validateOptionValue(header, settled, defaultOrigins[header]));
      };
      if (isPromiseLike(value)) pending.push(value.then(apply));
      else apply(value);
    }
    if (pending.length > 0) return Promise.all(pending).then(() => {});
  }

  function authorize(
    request: AuthorizableRequest,
    operation: OperationMeta,
    callerHeaders = true,
  ): void | Promise<void> {
    // Its spec's schemes are all ones keyway does not send: refused even when the caller set a header of its own, which
    // the spec does not say authenticates it.
    if (operation.unsendable) throw unsendableOperationError(meta, operation);
    const chosen =
      operation.security.length > 0 ? chooseAlternative(operation, request, callerHeaders) : NO_CREDENTIALS;
    return isPromiseLike(chosen)
      ? Promise.resolve(chosen).then((settled) => applyCredentials(request, operation, settled, callerHeaders))
      : applyCredentials(request, operation, chosen, callerHeaders);
  }

  const secretHeaders = Object.values(schemes)
    .filter((scheme) => scheme.secret)
    .map((scheme) => scheme.header);
  /**
   * The request, sent with `redirect: "manual"` when it carries a secret: fetch follows a redirect to any origin with
   * every header but `Authorization` and `Cookie`, so a custom credential header would go wherever a redirect points.
   * (keyway's clients follow redirects themselves, never with a credential to another origin.)
   */
  function unredirected(request: Request): Request {
    if (request.redirect !== "follow" || !secretHeaders.some((header) => request.headers.has(header))) return request;
    // Of the request's own class: openapi-fetch refuses any other than the one its client was given (`Request`).
    return new (request.constructor as typeof Request)(request, { redirect: "manual" });
  }

  return {
    redactor,
    headers: [...new Set([...Object.values(schemes).map((scheme) => scheme.header), ...Object.keys(headerDefaults)])],
    authorize,
    onRequest({ request, schemaPath, params }) {
      try {
        checkPathSegments(schemaPath, params?.path);
        const applied = authorize(request, findOperation(meta, request.method, schemaPath));
        if (applied === undefined) return unredirected(request);
        // A provider that never settles would hold the call past the caller's abort: openapi-fetch waits for onRequest.
        const { signal } = request;
        return untilAborted(applied, signal, () => signal.reason).then(() => unredirected(request));
      } catch (error) {
        // Fail the same way whether or not a provider was async: with a rejected promise.
        return Promise.reject(error);
      }
    },
  };
}

/**
 * Refuses a path parameter that would take the request to another route, whose credentials are not this operation's:
 * openapi-fetch writes `..` as it is, and URL parsing then drops a segment (`/orgs/{org}/members/{id}` with `org: ".."`
 * reaches `/members/{id}`). A keyway client's own path serializer refuses them already.
 */
function checkPathSegments(template: string, values: Readonly<Record<string, unknown>> | undefined): void {
  for (const [, name] of template.matchAll(/\{([^{}]+)\}/g)) {
    const value = values && Object.hasOwn(values, name!) ? values[name!] : undefined;
    if (typeof value === "string" || typeof value === "number") checkPathSegment(name!, encodeURIComponent(value));
  }
}

/** The security alternative chosen for a request, and the credential values resolved for it. */
interface Chosen {
  readonly names: readonly string[];
  readonly values: ReadonlyMap<string, string | undefined>;
}

const NO_CREDENTIALS: Chosen = { names: [], values: new Map() };

/**
 * The credentials missing from the security alternative that a call came closest to filling, whichever its spec lists
 * first: the one that lacks the fewest, the first of those. Only what is known to be missing counts and is named (a
 * provider after a missing credential is never asked): after a session ends, Stack Auth's `/users/me` (a publishable
 * key and an access token, or an access token alone) lacks the access token, not a publishable key it never needed.
 */
function fewestMissing(
  alternatives: OperationMeta["security"],
  resolved: ReadonlyMap<string, string | undefined>,
): readonly string[] {
  return alternatives
    .map((alternative) => alternative.filter((name) => resolved.has(name) && resolved.get(name) === undefined))
    .reduce((closest, lacking) => (lacking.length < closest.length ? lacking : closest));
}

function contextOf(request: AuthorizableRequest): CredentialContext {
  return { signal: request.signal ?? undefined };
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}

/** Whether `value` starts with `prefix` (`Bearer `, any case). */
function hasPrefix(value: string, prefix: string): boolean {
  return value.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
}

/** `value` without `prefix` at its start. */
function withoutPrefix(value: string, prefix: string | undefined): string {
  // `Bearer ` with an empty token arrives as `Bearer` (Headers drops the trailing space): the prefix alone, no value.
  if (prefix && value.toLowerCase() === prefix.trim().toLowerCase()) return "";
  return prefix && hasPrefix(value, prefix) ? value.slice(prefix.length) : value;
}

/**
 * Whether a caller's header value is another scheme's: it lacks `scheme`'s prefix and has that of another scheme on the
 * same header (`Basic …` given to a bearer scheme that shares `Authorization` with a basic one). Prefixes are
 * `Authorization`'s, which the generator names alike in every scheme.
 */
function isAnotherSchemesValue(
  value: string,
  scheme: SecuritySchemeMeta,
  schemes: ApiMeta["securitySchemes"],
): boolean {
  return (
    !hasPrefix(value, scheme.prefix ?? "") &&
    Object.values(schemes).some(
      (other) => other.header === scheme.header && other.prefix !== undefined && hasPrefix(value, other.prefix),
    )
  );
}

/**
 * `map`'s own entries in an object without a prototype: looked up by a name a spec or a caller chose (a scheme named
 * `toString`, a credential named `__proto__`), it finds only what the map holds, never what every object inherits.
 */
function ownEntries<Value>(
  map: { readonly [name: string]: Value | undefined } | undefined,
): Partial<Record<string, Value>> {
  return Object.assign(Object.create(null) as Partial<Record<string, Value>>, map);
}
