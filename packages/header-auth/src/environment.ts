/**
 * Whether this code runs in a web page or web worker (as opposed to Node, Deno,
 * Bun or an edge runtime), where any credential is visible to the page's users.
 *
 * @example
 * ```ts
 * if (isBrowser()) console.warn("running in a browser");
 * ```
 */
export function isBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown; importScripts?: unknown; navigator?: { userAgent?: string } };
  const isPage = typeof g.window !== "undefined" && typeof g.document !== "undefined";
  const isWorker = typeof g.importScripts === "function";
  const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
  return (isPage || isWorker) && !isDeno;
}

/**
 * Whether a URL's hostname is on this machine (localhost, 127.0.0.0/8, ::1),
 * where plain http cannot be read by anyone on the network.
 *
 * @example
 * ```ts
 * isLoopbackHost("127.0.0.1"); // true
 * isLoopbackHost("api.example.com"); // false
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
