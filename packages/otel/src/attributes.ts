import {
  secretSegmentsOf,
  type ClientOperationMeta,
  type InstrumentedClient,
  type InstrumentedRequest,
  type IsSecretParameter,
  type SecretSegment,
} from "@keyway/runtime";
import type { Attributes } from "@opentelemetry/api";
import { basePathOf, pathOn } from "./request-template.js";
import type { Scrub } from "./scrub.js";
import { hiddenIn, REDACTED, redactedPath } from "./secret-path.js";

/** A URL's host as spans show it: with any secret the client knows in it, in any case, redacted. */
export type ShowHost = (host: string) => string;

/**
 * The request URL for `url.full`: every query value (a key without one keeps none) and any user name or password in
 * it replaced by `REDACTED`, the fragment dropped, and any secret the client knows scrubbed: a path
 * segment or query key that holds one (percent-encoded or not) becomes `REDACTED` too, and so does each path segment
 * that holds a secret parameter of the operation (`secret`), and one in the host as `showHost` shows it.
 */
export function redactedUrl(url: URL, scrub: Scrub, secret: readonly SecretSegment[], showHost: ShowHost): string {
  const copy = new URL(url);
  const hidden = (part: string) => hiddenIn(part, scrub);
  if (copy.username) copy.username = REDACTED;
  if (copy.password) copy.password = REDACTED;
  copy.hash = "";
  copy.pathname = redactedPath(copy.pathname, scrub, secret);
  if (copy.search) {
    copy.search = copy.search
      .slice(1)
      .split("&")
      .map((pair) => {
        const [key, value] = pair.split("=") as [string, string | undefined];
        // A query is often form-encoded, with "+" for a space.
        const shown = hidden(key.replace(/\+/g, "%20")) === REDACTED ? REDACTED : key;
        // A key without a value (`?verbose`, `q=`) has none to hide, and gets none.
        return value === undefined ? shown : `${shown}=${value && REDACTED}`;
      })
      .join("&");
  }
  return scrub(withHostShown(copy, showHost(copy.host)));
}

/** `url` written with `host` for its host (and port): the authority's end, since a special URL's path starts with `/`. */
function withHostShown(url: URL, host: string): string {
  const { href } = url;
  if (host === url.host) return href;
  const end = href.indexOf("/", url.protocol.length + 2);
  return href.slice(0, end - url.host.length) + host + href.slice(end);
}

/**
 * Whether a URL's path, with no query or fragment, is written as `fetch` sends it: only characters RFC 3986 allows in
 * a path, none percent-encoded, and no `.` or `..` segment. A URL parser encodes a space or a non-ASCII character,
 * turns a `\` into `/` and resolves dot segments, so `url.full` of any other path is the parsed URL's.
 */
function isWrittenAsSent(path: string): boolean {
  return /^[\w\-.~!$&'()*+,;=:@/]*$/.test(path) && !/\/\.\.?(?:\/|$)/.test(path);
}

/** The host's name or IP address, an IPv6 address without the brackets a URL writes it in (`::1`, not `[::1]`). */
function serverAddress(url: URL): string {
  const host = url.hostname;
  return host.startsWith("[") ? host.slice(1, -1) : host;
}

/** `server.port`: the URL's port, or its scheme's default. */
export function serverPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "http:" ? 80 : 443;
}

/** `server.address` and `server.port` of a URL, a secret in its host shown as `showHost` shows it. */
function serverOf(url: URL, showHost: ShowHost): Attributes {
  return { "server.address": showHost(serverAddress(url)), "server.port": serverPort(url) };
}

/**
 * The names of the security schemes a request carries: the first alternative of the
 * operation whose headers are all on it (header-auth removes every other scheme's).
 * Only the presence of a header is read, never its value.
 */
export function schemesUsed(
  request: InstrumentedRequest,
  operation: ClientOperationMeta,
  client: InstrumentedClient,
): readonly string[] {
  const schemes = client.meta.securitySchemes;
  const alternative = operation.security.find((names) =>
    names.every((name) => schemes[name] && request.headers.has(schemes[name].header)),
  );
  return alternative ?? [];
}

/** A span's name and the attributes it starts with. */
export interface SpanStart {
  readonly name: string;
  readonly attributes: Attributes;
}

/** The call span of a spec operation, and what the CLIENT span of each request it sends starts with. */
export interface OperationStart extends SpanStart {
  readonly method: string;
  /** The operation's path template in the spec, which `url.template` ends with. */
  readonly path: string;
  /** `http.request.method` and `url.template`, which the call span also has. */
  readonly request: Attributes;
  /** The path segments that hold a secret parameter, whose values no span shows. */
  readonly secret: readonly SecretSegment[];
}

/** Where a request goes: its server and `url.full`, and whether it stays on the API's origin. */
export interface RequestPlace {
  readonly attributes: Attributes;
  readonly sameOrigin: boolean;
}

/**
 * `{ ...first, ...second }`, copied so that every call's object has the same hidden class. On Node 20 (V8 11.3)
 * a spread of an object followed by more properties gives each copy a class of its own, about 4 µs a call.
 */
export function mergedAttributes(first: Attributes, second: Attributes): Attributes {
  return Object.assign({}, first, second);
}

/**
 * The attributes of a client's calls, worked out once per client and operation so that a call
 * pays only for what depends on its request.
 */
export function callAttributes(client: InstrumentedClient, isSecret: IsSecretParameter) {
  const base = URL.canParse(client.baseUrl) ? new URL(client.baseUrl) : undefined;
  // url.template is the template of the whole path: the base URL's path (Stack Auth's /api/v1) comes first.
  const basePath = base?.pathname.replace(/\/$/, "") ?? "";
  // A host is written in lower case by a URL parser, so a secret in it is looked for in any case; and for each call,
  // since a credential provider may hand over a secret the host holds after the client was made.
  const showHost: ShowHost = (host) => client.redactor.redactName(host);
  const baseServer: Attributes = base ? serverOf(base, (host) => host) : {};
  /** Whether the base URL's host holds no secret the client knows now, so that `baseServer` may be shown. */
  const baseHostShown = () => !base || showHost(base.hostname) === base.hostname;
  /** `server.*` of `baseUrl`, a base URL keyway takes: the client's worked out once, while its host shows no secret. */
  const serverAt = (baseUrl: string): Attributes =>
    baseUrl === client.baseUrl && baseHostShown() ? baseServer : serverOf(new URL(baseUrl), showHost);
  const service: Attributes = client.service
    ? { "keyway.service": client.service.name, ...client.service.attributes }
    : {};
  const byOperation = new Map<ClientOperationMeta, OperationStart>();
  for (const [key, operation] of Object.entries(client.meta.operations)) {
    const space = key.indexOf(" ");
    const method = key.slice(0, space);
    const path = key.slice(space + 1);
    const template = basePath + path;
    const request: Attributes = { "http.request.method": method, "url.template": template };
    // The semantic conventions name an HTTP client span `{method} {url.template}`; the call span is named alike.
    byOperation.set(operation, {
      method,
      path,
      name: `${method} ${template}`,
      attributes: { ...request, "keyway.operation.id": operation.id, ...service },
      request,
      secret: secretSegmentsOf(path, isSecret),
    });
  }

  /** `start` with `url.template` and its name starting with `requestBase`, a base path already scrubbed. */
  function atBasePath(start: OperationStart, requestBase: string): OperationStart {
    const template = requestBase + start.path;
    return {
      ...start,
      name: `${start.method} ${template}`,
      attributes: mergedAttributes(start.attributes, { "url.template": template }),
      request: mergedAttributes(start.request, { "url.template": template }),
    };
  }

  /**
   * The spans of a spec operation's request to `url`, named by its `url.template`: the path of the base URL the
   * request went to (the client's, a call's own `baseUrl`, or the operation's server), with any segment that holds a
   * secret `scrubbing` knows `REDACTED`, then the operation's template. `undefined` for another operation.
   */
  function ofOperation(operation: ClientOperationMeta, url: string, scrubbing: Scrub): OperationStart | undefined {
    const start = byOperation.get(operation);
    if (!start || !base) return start;
    // Most requests go to the client's base URL: its path, as written, is then the base path worked out above.
    const written = pathOn(base.origin, url);
    if (written !== undefined && basePathOf(written, start.path) === basePath)
      // A base path that holds a secret the client knows (a gateway's key in it) is named with that segment hidden.
      return scrubbing(basePath) === basePath ? start : atBasePath(start, redactedPath(basePath, scrubbing, []));
    const requestBase = URL.canParse(url) ? basePathOf(new URL(url).pathname, start.path) : undefined;
    return requestBase === undefined ? start : atBasePath(start, redactedPath(requestBase, scrubbing, []));
  }

  return {
    ofOperation,
    /**
     * The span of a call before its request exists, named as the request it would have sent to `baseUrl` (the base URL
     * it was going to) would be; without `server.*`, and with the operation's template alone, when it was going to no
     * base URL keyway takes (`undefined`). A path the API lacks is named by its method.
     */
    ofCall(
      method: string,
      operation: ClientOperationMeta | undefined,
      baseUrl: string | undefined,
      scrubbing: Scrub,
    ): SpanStart {
      const server = baseUrl === undefined ? {} : serverAt(baseUrl);
      const known = operation && byOperation.get(operation);
      if (!operation || !known)
        return { name: method, attributes: { "http.request.method": method, ...server, ...service } };
      const start =
        baseUrl === undefined
          ? atBasePath(known, "")
          : (ofOperation(operation, baseUrl + known.path, scrubbing) ?? known);
      return { name: start.name, attributes: { ...start.attributes, ...server } };
    },
    /**
     * `server.address`, `server.port` and `url.full` of a request URL, with the secrets `scrubbing` knows and the path
     * segments of `secret` removed; `undefined` if it is not one.
     */
    ofRequest(url: string, scrubbing: Scrub, secret: readonly SecretSegment[]): RequestPlace | undefined {
      // Most requests go to the base URL's origin, written as a URL parser writes it, with nothing to remove but a
      // known secret: no URL to parse.
      if (
        base &&
        secret.length === 0 &&
        url.startsWith(`${base.origin}/`) &&
        isWrittenAsSent(url.slice(base.origin.length)) &&
        scrubbing(url) === url &&
        baseHostShown()
      )
        return { attributes: mergedAttributes(baseServer, { "url.full": url }), sameOrigin: true };
      if (!URL.canParse(url)) return undefined;
      const parsed = new URL(url);
      return {
        attributes: mergedAttributes(serverOf(parsed, showHost), {
          "url.full": redactedUrl(parsed, scrubbing, secret, showHost),
        }),
        sameOrigin: parsed.origin === base?.origin,
      };
    },
  };
}
