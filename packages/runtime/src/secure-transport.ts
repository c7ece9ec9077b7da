import { isLoopbackHost } from "./environment.js";
import { InsecureTransportError } from "./keyway-errors.js";

/**
 * Throws {@link InsecureTransportError} when a secret header would travel over plain
 * `http://` to a host that is not on this machine. Checked for the first request and
 * again for every redirect hop.
 *
 * @example
 * ```ts
 * assertSecureTransport("https://api.example.com/v1", "X-Api-Key"); // fine
 * assertSecureTransport("http://api.example.com/v1", "X-Api-Key"); // throws InsecureTransportError
 * ```
 */
export function assertSecureTransport(url: string | URL, header: string): void {
  if (typeof url === "string" && url.startsWith("https:")) return;
  const parsed = typeof url === "string" ? new URL(url) : url;
  if (parsed.protocol === "http:" && !isLoopbackHost(parsed.hostname)) {
    throw new InsecureTransportError(header, parsed.host);
  }
}
