import { startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import { vi } from "vitest";
import {
  assertSecureTransport,
  createApiClient,
  Redactor,
  type ApiClientOptions,
  type Authorizer,
  type BaseClientOptions,
  type ClientMeta,
  type TransportOptions,
} from "../src/index.js";

/** A credential whose marker must never appear in an error, a log line or a hook payload. */
export const SECRET = "sk_MARKER_d41d8cd98f";

export const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /items": { id: "listItems", security: [["ApiKey"]] },
    "GET /items/{id}": { id: "getItem", security: [["ApiKey"]] },
    "POST /items": { id: "createItem", security: [["ApiKey"]] },
    "POST /items/search": { id: "searchItems", security: [["ApiKey"]], idempotent: true },
    "PUT /items/{id}": { id: "replaceItem", security: [["ApiKey"]] },
    "DELETE /items/{id}": { id: "deleteItem", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Json = { "application/json": unknown };
type Op = {
  parameters: { path?: { id: string }; query?: { q?: string } };
  requestBody?: { content: Json };
  responses: { 200: { content: Json }; 204: { content?: never }; default: { content: Json } };
};
export interface Paths {
  "/items": { get: Op; post: Op };
  "/items/search": { post: Op };
  "/items/{id}": { get: Op; put: Op; delete: Op };
}

/**
 * The smallest `auth` a client takes: sends `key` as `X-Api-Key` to every operation, over https or to
 * a loopback host only, and redacts it (what @keyway/header-auth does for a one-scheme API).
 */
export function apiKeyAuth(key: string = SECRET): Authorizer {
  const redactor = new Redactor(["X-Api-Key"]);
  redactor.remember(key);
  return {
    headers: ["X-Api-Key"],
    redactor,
    authorize(request) {
      assertSecureTransport(request.url, "X-Api-Key");
      request.headers.set("X-Api-Key", key);
    },
  };
}

const servers: TestServer[] = [];
/** Closes the servers the test started (test/hooks.ts, after each test). */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
}

/** A client of the test API pointed at a fresh fault-injecting server on 127.0.0.1 (through `fetch` when given). */
export async function clientAgainst(
  handler: Handler,
  options: TransportOptions &
    Pick<BaseClientOptions, "fetch"> &
    Partial<Pick<ApiClientOptions<string>, "auth" | "recover" | "readResponse">> = {},
) {
  const server = await startTestServer(handler);
  servers.push(server);
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: server.url,
    auth: apiKeyAuth(),
    ...options,
  });
  return { client, server };
}

/** Fakes the clock (timers and Date) but leaves I/O real, so the local server still answers. */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
}

/**
 * Drives a call to completion under the fake clock: lets real I/O run, and moves
 * fake time forward in small steps whenever the call is waiting on a timer.
 *
 * `ready` holds the clock still until it returns true (for example, until the server
 * has received the attempt that is in flight), so a loaded machine cannot let a
 * timeout fire before a request has even reached the server. A call still pending
 * after `limitMs` of fake time fails with an error saying so, rather than the test's timeout.
 */
export async function settle<T>(
  call: Promise<T>,
  {
    stepMs = 25,
    ready = () => true,
    limitMs = 10 * 60_000,
  }: { stepMs?: number; ready?: () => boolean; limitMs?: number } = {},
): Promise<T> {
  let done = false;
  call.then(
    () => (done = true),
    () => (done = true),
  );
  const realDeadline = performance.now() + 30_000;
  let elapsed = 0;
  while (!done && elapsed < limitMs) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!ready() && performance.now() < realDeadline) continue;
    await vi.advanceTimersByTimeAsync(stepMs);
    elapsed += stepMs;
  }
  if (!done) throw new Error(`the call was still pending after ${elapsed} ms of fake time`);
  return call;
}

/**
 * A keyway client of `meta` at https://api.example.test, with {@link apiKeyAuth}, whose calls the test kit's `fake`
 * answers; `options` on top (a client's form writers, its settings).
 */
export function clientOverFake<Paths extends {}, Scheme extends string = string>(
  meta: ClientMeta<Scheme>,
  fake: { readonly fetch: typeof fetch },
  options: Partial<ApiClientOptions<Scheme>> = {},
) {
  return createApiClient<Paths, Scheme>({
    meta,
    baseUrl: "https://api.example.test",
    auth: apiKeyAuth(),
    fetch: fake.fetch,
    ...options,
  }).client;
}
