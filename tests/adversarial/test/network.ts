import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import { createStackAuthServerClient } from "@keyway/stack-auth";
import { createStackerClient, type StackerClientOptions } from "@keyway/stacker";

/** Secrets with markers: they must reach the API's origin and nowhere else, and never show in an error. */
export const INTEGRATION_KEY = "ik_MARKER_adversarial_5e1f0c";
export const ACCOUNT_ID = "acc_8f2d41";
export const STACK_ID = "app785vwedw46e3bx8";
export const TIMEZONE = "Europe/Paris";
export const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
export const SECRET_SERVER_KEY = "ssk_MARKER_adversarial_server_2b7d";
export const ACCESS_TOKEN = "eyJ.MARKER_adversarial_access_old.sig";
export const REFRESH_TOKEN = "refreshtokenmarkeradversarial000000000000000a";

/** Everything a user or a logger may see of an error (or any value): its text, Node's inspection and its JSON. */
export function shown(error: unknown): string {
  return `${asText(error)} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`;
}

/** `String(value)`, or what `Object.prototype.toString` says of a body whose own `toString` is not a function. */
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A Stacker client of the test credentials at `baseUrl`, which answers at once (no retries) unless `options` say. */
export function stackerAt(baseUrl: string, options: Partial<StackerClientOptions> = {}) {
  return createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl,
    maxRetries: 0,
    ...options,
  });
}

/** A Stack Auth server client of the test project and secret server key at `baseUrl`, which answers at once (no retries). */
export function stackAuthServerAt(baseUrl: string) {
  return createStackAuthServerClient({
    projectId: PROJECT_ID,
    secretServerKey: SECRET_SERVER_KEY,
    baseUrl,
    maxRetries: 0,
  });
}

/** Every header a Stacker security scheme or header default puts on a request. */
export const STACKER_CREDENTIAL_HEADERS = ["x-integration-key", "x-account-id", "x-stack-id", "x-timezone"];

/** Headers and the start of a body, then nothing: a body that stalls mid-way. */
export function stallBody(res: ServerResponse, status = 200): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": "100000" });
  res.write('{"records": [');
}

const started: TestServer[] = [];
/** Closes the servers the test started (test/hooks.ts, after each test). */
export async function closeServers(): Promise<void> {
  await Promise.all(started.splice(0).map((server) => server.close()));
}

/** A recording server on 127.0.0.1, closed after the test. */
export async function server(handler?: Handler): Promise<TestServer> {
  // These servers stall on purpose, and a test sees the client close the connection: the test server must not cut it.
  const instance = await startTestServer(handler, { handlerTimeoutMs: Infinity });
  started.push(instance);
  return instance;
}

/** What the injected fetch saw: the redirect mode of every request keyway handed to it. */
export interface RoutedFetch {
  readonly fetch: typeof fetch;
  readonly redirectModes: RequestRedirect[];
  readonly urls: string[];
}

/**
 * A fetch at the network boundary that sends each origin (`https://api.stacker.test`) to a
 * local server, so that "https" and non-loopback names can be exercised without DNS or TLS.
 * Everything else about the request (method, headers, body, redirect mode, signal) is kept.
 */
export function routedFetch(routes: Record<string, string>): RoutedFetch {
  const redirectModes: RequestRedirect[] = [];
  const urls: string[] = [];
  const routed = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    redirectModes.push(request.redirect);
    urls.push(request.url);
    const url = new URL(request.url);
    const target = routes[url.origin];
    if (target === undefined)
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.hostname}`), { code: "ENOTFOUND" }),
      });
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return fetch(`${target}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body,
      redirect: request.redirect,
      signal: request.signal,
    });
  };
  return { fetch: routed as typeof fetch, redirectModes, urls };
}

/** Resolves after `ms` of real time. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits (real time, bounded) until `condition` holds. */
export async function until(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await pause(2);
  }
}

/** Iterates to the end or to the first error; returns what was handed out and how it ended. */
export async function drain<T>(items: AsyncIterable<T>) {
  const seen: T[] = [];
  try {
    for await (const item of items) seen.push(item);
    return { seen, error: undefined };
  } catch (error) {
    return { seen, error };
  }
}
