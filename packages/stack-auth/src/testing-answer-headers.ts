// How a fake Stack Auth labels its answers, as the hosted API does: a request id, no caching, each header under both
// names (x-stack-*, x-hexclave-*), and error statuses hidden when the request asks, as Stack Auth's own SDK does.

/** The request headers that ask to hide error statuses: present with any value, even `false` or empty. */
const OVERRIDE_ERROR_STATUS = ["x-stack-override-error-status", "x-hexclave-override-error-status"];
/** The response headers that then carry the status the answer had. */
const ACTUAL_STATUS = ["x-stack-actual-status", "x-hexclave-actual-status"];
const KNOWN_ERROR = ["x-stack-known-error", "x-hexclave-known-error"];
const REQUEST_ID = ["x-stack-request-id", "x-hexclave-request-id"];
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * `answer` as the hosted Stack Auth sends it: with a request id (16 characters of lower-case base32), `cache-control:
 * no-store, max-age=0` unless the route sets its own, the known-error header under both names, and, for a request
 * with `X-Stack-Override-Error-Status` (or `X-Hexclave-…`), a 4xx made a 200 carrying the actual status, its body and
 * known-error header unchanged; a 5xx and any other answer keep their status. A network error stays one.
 */
export function asStackAuthAnswers(request: Request, answer: Response): Response {
  if (answer.type === "error") return answer;
  const headers = new Headers(answer.headers);
  const requestId = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => BASE32[byte % 32]).join("");
  for (const name of REQUEST_ID) headers.set(name, requestId);
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store, max-age=0");
  const code = headers.get(KNOWN_ERROR[0]!);
  if (code !== null) for (const name of KNOWN_ERROR) headers.set(name, code);
  const overridden =
    OVERRIDE_ERROR_STATUS.some((name) => request.headers.has(name)) && answer.status >= 400 && answer.status <= 499;
  if (overridden) for (const name of ACTUAL_STATUS) headers.set(name, String(answer.status));
  return new Response(answer.body, {
    status: overridden ? 200 : answer.status,
    statusText: overridden ? "" : answer.statusText,
    headers,
  });
}
