/** Stack Auth's API, the default base URL (the official SDK's default too). */
export const STACK_AUTH_BASE_URL = "https://api.stack-auth.com/api/v1";

/** The same hosted API under its new name, Hexclave; pass it as `baseUrl` to use that host. */
export const HEXCLAVE_BASE_URL = "https://api.hexclave.com/api/v1";

/**
 * The longest session token keyway verifies, stores or sends, in UTF-16 code units: a Stack Auth access token is 1 to
 * 2 kB, and 16 KiB is all the request headers an HTTP server takes by default (Node's `maxHeaderSize`). A longer one
 * is refused before anything is decoded, hashed, fetched, stored or sent for it.
 */
export const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * Hosts that serve one hosted deployment under both names. The backend derives a token's
 * issuer from the host the token was issued through, and a token from either host is valid
 * at the other, so a verifier accepts the issuer of both.
 */
const SIBLING_HOSTS: ReadonlyArray<readonly [string, string]> = [
  ["api.stack-auth.com", "api.hexclave.com"],
  ["api.dev.stack-auth.com", "api.dev.hexclave.com"],
  ["api.staging.stack-auth.com", "api.staging.hexclave.com"],
];

/** `baseUrl`, then the same URL on its sibling host under the other name, if it has one. */
export function withSiblingHost(baseUrl: string): string[] {
  const url = new URL(baseUrl);
  const pair = SIBLING_HOSTS.find((hosts) => hosts.includes(url.host));
  if (!pair) return [baseUrl];
  const sibling = new URL(baseUrl);
  sibling.host = pair[0] === url.host ? pair[1] : pair[0];
  return [baseUrl, sibling.toString().replace(/\/+$/, "")];
}
