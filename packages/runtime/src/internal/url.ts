import { hideSecretSegments, REDACTED_SEGMENT, secretIndexes, type SecretSegment } from "../secret-parameters.js";

/**
 * Origin and path of a URL, without the query string (which may carry data), and with each path segment that holds a
 * secret parameter of its operation (`secret`, see {@link secretSegmentsOf}) reading `REDACTED`.
 */
export function withoutQuery(url: string, secret?: readonly SecretSegment[]): string {
  if (!URL.canParse(url)) return url;
  const { origin, pathname } = new URL(url);
  return `${origin}${secret?.length ? hideSecretSegments(pathname, secret) : pathname}`;
}

/** A request's URL as errors and hooks show it: {@link withoutQuery}, with its operation's secret segments hidden. */
export function shownUrl(request: ShownRequest): string {
  const { secretValues } = request;
  if (!secretValues?.length || !URL.canParse(request.url)) return withoutQuery(request.url, request.secretPath);
  const { origin, pathname } = new URL(request.url);
  const hidden = (segment: string) => (secretValues.includes(segment) ? REDACTED_SEGMENT : segment);
  return `${origin}${pathname.split("/").map(hidden).join("/")}`;
}

/** `headers` (a hook event's) with each of `values` (a call's secret path segments) in them `REDACTED`: a `Location`. */
export function withSecretValuesHidden(
  headers: Record<string, string>,
  values: readonly string[] | undefined,
): Record<string, string> {
  if (!values?.length) return headers;
  for (const [name, value] of Object.entries(headers))
    headers[name] = values.reduce((text, secret) => text.split(secret).join(REDACTED_SEGMENT), value);
  return headers;
}

/** The segments of `url`'s path that hold a secret parameter of its operation, as the URL writes them. */
export function secretSegmentTexts(url: string, secret: readonly SecretSegment[]): readonly string[] {
  if (!URL.canParse(url)) return [];
  const segments = new URL(url).pathname.split("/");
  return [...secretIndexes(segments, secret)].map((index) => segments[index]!).filter((segment) => segment !== "");
}

/** A request, or anything that names one (a redirect's hop): its URL and its operation's secret path segments. */
export interface ShownRequest {
  readonly url: string;
  readonly secretPath?: readonly SecretSegment[] | undefined;
  /** Path segments shown as `REDACTED` wherever they are (a redirect's target may echo the call's secret segments). */
  readonly secretValues?: readonly string[] | undefined;
}

// A URL, and its query and fragment; it runs to the first character a request's URL cannot hold unencoded (it can
// hold `'` and `)`, so what closes a URL quoted in '…' or (…) goes with its query).
const URL_AND_QUERY = /\b([a-z][\w+.-]*:\/\/[^\s"`<>?#]*)[?#][^\s"`<>]*/gi;
// A URL's scheme, and the user name and password before its host (`https://user:password@host`).
const URL_USERINFO = /\b([a-z][\w+.-]*:\/\/)[^\s"`<>/?#@]*@/gi;

/**
 * `text` with the user name, password, query and fragment cut from every URL it quotes, as keyway names a URL: its
 * origin and path. Some runtimes' errors name the request's URL whole (Bun's decompression errors do; undici's
 * refusal of a URL with credentials quotes them), and a password or a query may be a secret.
 *
 * @example
 * ```ts
 * urlsTrimmedIn('fetch failed: "https://u:pw@api.example.com/items?token=t"'); // 'fetch failed: "https://api.example.com/items"'
 * ```
 */
export function urlsTrimmedIn(text: string): string {
  return text.replace(URL_USERINFO, "$1").replace(URL_AND_QUERY, "$1");
}
