import { isLoopbackHost } from "./environment.js";
import { InsecureTransportError } from "./keyway-errors.js";

/**
 * Throws {@link InsecureTransportError} when a secret header would travel over plain
 * `http://` to a host that is not on this machine. Checked for the first request and
 * again for every redirect hop.
 *
 * @example
 * ```ts
 * // Before sending the key yourself: throws InsecureTransportError for http://api.example.com,
 * // passes for https:// and for loopback hosts such as http://127.0.0.1:8080.
 * assertSecureTransport(url, "X-Api-Key");
 * await fetch(url, { headers: { "X-Api-Key": apiKey } });
 * ```
 */
export function assertSecureTransport(url: string | URL, header: string): void {
  if (typeof url === "string" && url.startsWith("https:")) return;
  const parsed = typeof url === "string" ? new URL(url) : url;
  if (parsed.protocol === "http:" && !isLoopbackHost(parsed.hostname)) {
    throw new InsecureTransportError({ header, host: parsed.host });
  }
}
