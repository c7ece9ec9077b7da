/**
 * The path before an operation's in a request's `pathname`: the path of the base URL the request went to (`/v2` of
 * `/v2/users/7` for `/users/{user_id}`), which a call's own `baseUrl` or an operation's server may set apart from the
 * client's. Each path parameter fills one segment (keyway percent-encodes a `/` in its value), so the operation's
 * path is the last as many segments as its template has. Without a trailing `/`; `undefined` when `pathname` has fewer.
 */
export function basePathOf(pathname: string, template: string): string | undefined {
  const segments = pathname.split("/");
  const kept = segments.length - (template.split("/").length - 1);
  // A base URL written with a trailing `/` leaves an empty segment before the operation's path.
  return kept < 1 ? undefined : segments.slice(0, kept).join("/").replace(/\/$/, "");
}

/** The path of a request URL as written, before its query or fragment; `undefined` when it is not on `origin`. */
export function pathOn(origin: string, url: string): string | undefined {
  if (!url.startsWith(`${origin}/`)) return undefined;
  const end = url.slice(origin.length).search(/[?#]/);
  return end === -1 ? url.slice(origin.length) : url.slice(origin.length, origin.length + end);
}
