import { ConfigurationError } from "../keyway-errors.js";
import type { Redactor } from "../redaction.js";
import { assertSecureTransport } from "../secure-transport.js";
import { MAX_REDIRECTS, RedirectError } from "../transport-errors.js";
import { secretSegmentTexts, shownUrl } from "./url.js";
import type { SecretSegment } from "../secret-parameters.js";

/** One request on the way to the final response: the first, or a redirect's target. */
export interface Hop {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | undefined;
  /** Whether an earlier hop left the API's origin (its credentials are gone for good). */
  readonly leftOrigin: boolean;
  /** The secret path segments of the call's operation, on its first hop only (a redirect's target is another path). */
  readonly secretPath?: readonly SecretSegment[] | undefined;
  /** On a redirect's hop, the first hop's secret segments as sent, which the server may echo in the target's path. */
  readonly secretValues?: readonly string[] | undefined;
}

/** What a client lets redirects do. */
export interface RedirectPolicy {
  /** The API's origin (of the first request): redirects within it are followed with every header. */
  readonly origin: string;
  /** Other origins a redirect may lead to; credential headers are never sent there. */
  readonly allowedOrigins: ReadonlySet<string>;
  /**
   * Headers that never leave the API's origin, even where {@link CROSS_ORIGIN_HEADERS} names them: every security
   * scheme's and every header default's.
   */
  readonly originBoundHeaders: readonly string[];
  /** Headers refused over plain http to a non-loopback host. */
  readonly secretHeaders: readonly string[];
  /** Scrubs the URLs a refusal names: a server chooses them, and may write a key into a path or a host name. */
  readonly redactor: Redactor;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
// The only headers a request takes to another origin: those that say what answer it accepts, what its body is and
// which part of a resource it asks for. Any other may be a credential keyway cannot name: a client's header default
// (`X-Org-Token`), a call's own header, one a middleware set, `Authorization`, `Cookie`.
const CROSS_ORIGIN_HEADERS = /^(?:accept(?:-|$)|content-|if-|range$|cache-control$|user-agent$)/;
// Headers that describe a body, dropped with it when a redirect turns the request into a GET.
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];

/**
 * The request that follows a redirect response, or `undefined` when `response` is not a
 * redirect to follow (not 301/302/303/307/308, or no `Location`). Throws
 * {@link RedirectError} for a redirect that must not be followed (among them one with two `Location` headers),
 * `InsecureTransportError` when the next hop would carry a secret over plain http, and a `ConfigurationError` for a
 * response that fetch reached by following redirects itself.
 *
 * Within the API's origin every header goes along; to an allowed other origin only the `Accept…`, `Content-…` and
 * conditional `If-…` headers, `Range`, `Cache-Control` and `User-Agent`, and never a header of a security scheme or a
 * header default.
 * 303 (and 301/302 after a POST) becomes a GET without body, as browsers do; 307 and
 * 308 replay the method and body.
 */
export function nextHop(response: Response, hop: Hop, hopsSoFar: number, policy: RedirectPolicy): Hop | undefined {
  const { redactor } = policy;
  const hopUrl = () => redactor.redactText(shownUrl(hop));
  // A browser answers redirect: "manual" with an opaque response: the target is hidden, so it cannot be vetted.
  if (response.type === "opaqueredirect") {
    throw new RedirectError({
      method: hop.method,
      url: hopUrl(),
      status: 0,
      reason: "a browser hides the target of a redirect, so keyway cannot check where it leads",
    });
  }
  // A fetch that lost `redirect: "manual"` (a wrapper that copies only some of the init) followed redirects by fetch's
  // rules, which take every header but Authorization and Cookie to another origin: its caller must hear of it at once.
  if (response.redirected)
    throw new ConfigurationError(
      `${hop.method} ${hopUrl()}: the client's fetch followed a redirect itself (keyway follows them by its rules): pass init.redirect on to fetch`,
    );
  const location = response.headers.get("location");
  if (!REDIRECT_STATUSES.has(response.status) || location === null) return undefined;
  const refuse = (targetOrigin: string | undefined, reason: string) =>
    new RedirectError({
      method: hop.method,
      url: hopUrl(),
      status: response.status,
      targetOrigin: targetOrigin && redactor.redactName(targetOrigin),
      reason,
    });

  // fetch's Headers joins two Location headers into one value, "/a, /b", which would parse as one URL that neither of
  // them names. A URL has no whitespace, so a value with some is refused, as the Fetch standard fails a redirect whose
  // Location is not a single value.
  if (/\s/.test(location))
    throw refuse(undefined, "its Location is not one URL (two Location headers, or a space in one)");
  const target = URL.canParse(location, hop.url) ? new URL(location, hop.url) : undefined;
  if (!target || (target.protocol !== "https:" && target.protocol !== "http:")) {
    throw refuse(undefined, "its Location is not an http(s) URL");
  }
  if (target.username !== "" || target.password !== "")
    throw refuse(target.origin, "its Location carries a user name or password");
  if (hopsSoFar >= MAX_REDIRECTS) throw refuse(target.origin, `more than ${MAX_REDIRECTS} redirects`);
  const sameOrigin = target.origin === policy.origin;
  if (!sameOrigin && !policy.allowedOrigins.has(target.origin)) {
    throw refuse(target.origin, "it leads to another origin (allow it with the client option allowedRedirectOrigins)");
  }

  const leftOrigin = hop.leftOrigin || !sameOrigin;
  const headers = leftOrigin ? crossOriginHeaders(hop.headers, policy) : new Headers(hop.headers);

  const becomesGet =
    (response.status === 303 && hop.method !== "GET" && hop.method !== "HEAD") ||
    ((response.status === 301 || response.status === 302) && hop.method === "POST");
  if (becomesGet) for (const name of BODY_HEADERS) headers.delete(name);

  const downgrade = hop.url.startsWith("https:") && target.protocol === "http:";
  for (const name of policy.secretHeaders) {
    if (!headers.has(name)) continue;
    if (downgrade) throw refuse(target.origin, `it downgrades https to http while "${name}" would be sent`);
    assertSecureTransport(target, name);
  }

  return {
    url: target.href,
    method: becomesGet ? "GET" : hop.method,
    headers,
    body: becomesGet ? undefined : hop.body,
    leftOrigin,
    secretValues: secretValuesOf(hop),
  };
}

/** What of `headers` a request takes to another origin: those {@link CROSS_ORIGIN_HEADERS} names that are not origin-bound. */
function crossOriginHeaders(headers: Headers, { originBoundHeaders }: RedirectPolicy): Headers {
  const kept = new Headers();
  for (const [name, value] of headers) if (CROSS_ORIGIN_HEADERS.test(name)) kept.set(name, value);
  for (const name of originBoundHeaders) kept.delete(name);
  return kept;
}

/** The secret segments of a call's first hop, as sent, carried along every redirect it follows. */
export function secretValuesOf(hop: Hop): readonly string[] | undefined {
  return hop.secretValues ?? (hop.secretPath?.length ? secretSegmentTexts(hop.url, hop.secretPath) : undefined);
}
