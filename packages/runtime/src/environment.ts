/**
 * The globals runtime detection reads. Every one may be missing; tests pass their own shapes.
 */
export interface RuntimeGlobals {
  readonly window?: unknown;
  readonly document?: unknown;
  readonly importScripts?: unknown;
  readonly location?: unknown;
  readonly navigator?: { readonly userAgent?: unknown };
  readonly Deno?: { readonly version?: { readonly deno?: unknown } };
  readonly Bun?: { readonly version?: unknown };
  readonly EdgeRuntime?: unknown;
  readonly WebSocketPair?: unknown;
  readonly process?: { readonly versions?: { readonly node?: unknown } };
}

/** Where code runs, as far as keyway cares: which runtime, and whether its users can read its memory. */
export type RuntimeName = "node" | "deno" | "bun" | "workerd" | "edge-runtime" | "browser" | "unknown";

/** The runtime and, when it says, its version. */
export interface Runtime {
  readonly name: RuntimeName;
  readonly version?: string;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * Server-side runtimes, recognized by what only they define. Cloudflare's workerd is told by
 * `WebSocketPair` (every compatibility date) as well as its user agent (dates from 2022-03-21);
 * it also defines `importScripts` before 2024-03-04, a stub that only throws, so that alone
 * never means a browser worker.
 */
function serverRuntime(g: RuntimeGlobals): Runtime | undefined {
  if (typeof g.Deno === "object" && g.Deno !== null) return { name: "deno", ...version(text(g.Deno.version?.deno)) };
  if (typeof g.Bun === "object" && g.Bun !== null) return { name: "bun", ...version(text(g.Bun.version)) };
  if (typeof g.EdgeRuntime === "string") return { name: "edge-runtime" };
  if (typeof g.WebSocketPair === "function" || g.navigator?.userAgent === "Cloudflare-Workers")
    return { name: "workerd" };
  return undefined;
}

const version = (value: string | undefined) => (value ? { version: value } : {});

/** A document in a window: a web page, or a DOM emulation (jsdom, happy-dom) that stands in for one. */
const isPage = (g: RuntimeGlobals) => typeof g.window !== "undefined" && typeof g.document !== "undefined";

/** A dedicated, shared or service worker of a browser: `importScripts` and the worker's own `location`. */
const isBrowserWorker = (g: RuntimeGlobals) =>
  typeof g.importScripts === "function" && typeof g.location === "object" && g.location !== null;

/**
 * The runtime the given globals belong to (this one's by default).
 *
 * @example
 * ```ts
 * const { name, version } = detectRuntime();
 * console.log(`running on ${name} ${version ?? ""}`); // "running on node 20.19.0" on Node 20.19
 * ```
 */
export function detectRuntime(g: RuntimeGlobals = globalThis as RuntimeGlobals): Runtime {
  const server = serverRuntime(g);
  if (server) return server;
  if (isPage(g) || isBrowserWorker(g)) return { name: "browser" };
  const node = text(g.process?.versions?.node);
  if (node) return { name: "node", version: node };
  return { name: "unknown" };
}

/**
 * Whether this code runs in a web page or a browser's web worker, where any credential is
 * visible to the page's users. Node, Deno, Bun, Cloudflare Workers (workerd, at every
 * compatibility date) and edge runtimes never are.
 *
 * @example
 * ```ts
 * if (isBrowser()) console.warn("running in a browser");
 * ```
 */
export function isBrowser(g: RuntimeGlobals = globalThis as RuntimeGlobals): boolean {
  return detectRuntime(g).name === "browser";
}

/**
 * Whether a URL's hostname is on this machine (localhost, 127.0.0.0/8, ::1),
 * where plain http cannot be read by anyone on the network.
 *
 * @example
 * ```ts
 * const { protocol, hostname } = new URL(baseUrl);
 * if (protocol === "http:" && !isLoopbackHost(hostname)) throw new Error("use https:// outside local tests");
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  // Not `*.localhost`: browsers keep such names on this machine, but Node, Bun and Deno ask DNS, which may answer
  // with any address.
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
