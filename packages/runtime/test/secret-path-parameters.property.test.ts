import { createServer } from "node:net";
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ConfigurationError,
  ConnectionError,
  createApiClient,
  RedirectError,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  unwrap,
  type ClientMeta,
  type TransportHooks,
} from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// A path parameter may carry a secret that is no credential of the client (a verification code, another party's
// token): no error or hook event shows it, only `REDACTED` in its segment.
const MARK = "S3cr3tMark";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /v1/verify/{code}": { id: "verify", security: [["ApiKey"]] },
    "GET /bot{token}/getMe": { id: "getMe", security: [["ApiKey"]] },
    "POST /v1/ephemeral_keys/{key}/revoke": { id: "revokeKey", security: [["ApiKey"]], idempotent: true },
    "GET /v1/invites/{invite_id}": { id: "getInvite", security: [["ApiKey"]] },
    "GET /v1/users/{user_id}": { id: "getUser", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Json = { "application/json": unknown };
type Op<Name extends string> = {
  parameters: { path: Record<Name, string> };
  responses: { 200: { content: Json }; default: { content: Json } };
};
interface Paths {
  "/v1/verify/{code}": { get: Op<"code"> };
  "/bot{token}/getMe": { get: Op<"token"> };
  "/v1/ephemeral_keys/{key}/revoke": { post: Op<"key"> };
  "/v1/invites/{invite_id}": { get: Op<"invite_id"> };
  "/v1/users/{user_id}": { get: Op<"user_id"> };
}

/** The calls of the operations with a secret path parameter, and the path each error and event must show. */
const secretCalls = [
  {
    call: (client: Client, value: string) => client.GET("/v1/verify/{code}", { params: { path: { code: value } } }),
    shownPath: "/api/v1/verify/REDACTED",
  },
  {
    call: (client: Client, value: string) => client.GET("/bot{token}/getMe", { params: { path: { token: value } } }),
    shownPath: "/api/REDACTED/getMe",
  },
  {
    call: (client: Client, value: string) =>
      client.POST("/v1/ephemeral_keys/{key}/revoke", { params: { path: { key: value } } }),
    shownPath: "/api/v1/ephemeral_keys/REDACTED/revoke",
  },
  {
    // Secret by the client's own `secretParameters` option.
    call: (client: Client, value: string) =>
      client.GET("/v1/invites/{invite_id}", { params: { path: { invite_id: value } } }),
    shownPath: "/api/v1/invites/REDACTED",
  },
];

type Client = ReturnType<typeof createApiClient<Paths>>["client"];

/** A secret with URL-special characters around the marker, which the client percent-encodes in the path. */
const secretValue = fc
  .tuple(fc.string({ unit: fc.constantFrom(..."/?#%&=+ :@;,.~!$'()*[]{}|\\^`\"<>é€😀") }), fc.string())
  .map(([special, rest]) => `${special}${MARK}${rest}${special}`);

/** Everything a user or a logger may see of an error or event. */
function shown(value: unknown): string {
  return `${String(value)} ${inspect(value, { depth: 5 })} ${JSON.stringify(value)}`;
}

/** The ways a call fails, each with the fetch that makes it fail and the error it fails with. */
const failures = {
  "404": {
    fetch: async () => Response.json({ error: "no such code" }, { status: 404 }),
    type: ApiError,
  },
  "500, retried": {
    fetch: async () => Response.json({ error: "boom" }, { status: 500, headers: { "retry-after-ms": "0" } }),
    type: ApiError,
  },
  timeout: {
    fetch: (_url: string, init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
    type: RequestTimeoutError,
    runs: 6, // each retried after a backoff of some 500 ms
  },
  "refused redirect": {
    fetch: async () => new Response(null, { status: 302, headers: { location: "https://elsewhere.example/landing" } }),
    type: RedirectError,
  },
  "body over maxResponseBytes": {
    fetch: async () => new Response("x".repeat(100), { status: 200, headers: { "content-type": "text/plain" } }),
    type: ResponseTooLargeError,
  },
} as const;

function clientWith(fetch: (url: string, init: RequestInit) => Promise<Response>, hooks: TransportHooks) {
  return createApiClient<Paths>({
    meta,
    baseUrl: "http://127.0.0.1:9/api",
    auth: apiKeyAuth(),
    fetch: fetch as typeof globalThis.fetch,
    hooks,
    maxRetries: 1,
    timeout: 50,
    maxResponseBytes: 40, // over the error bodies above, under the body that is too large
    secretParameters: ["invite_id"],
  }).client;
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return unwrap(call as never).then(
    () => expect.fail("expected the call to fail"),
    (error: unknown) => error,
  );
}

describe("a path parameter named like a secret: errors and hook events show its segment as REDACTED (property-based)", () => {
  for (const [failure, { fetch, type, ...rest }] of Object.entries(failures)) {
    it(`${failure}: the error's message, url, JSON and inspect output, and every hook event`, async () => {
      const events: unknown[] = [];
      const record = (event: unknown) => void events.push(event);
      const client = clientWith(fetch, { onRequest: record, onResponse: record, onRetry: record });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...secretCalls), secretValue, async ({ call, shownPath }, value) => {
          events.length = 0;
          const error = await failureOf(call(client, value));
          expect(error).toBeInstanceOf(type);
          const { url, method } = error as { url: string; method: string };
          expect(url).toBe(`http://127.0.0.1:9${shownPath}`);
          expect((error as Error).message).toContain(`${method} http://127.0.0.1:9${shownPath}`);
          expect(shown(error)).not.toContain(MARK);
          expect(events.length).toBeGreaterThan(0);
          for (const event of events) {
            expect((event as { url: string }).url).toBe(`http://127.0.0.1:9${shownPath}`);
            expect(shown(event)).not.toContain(MARK);
          }
        }),
        { numRuns: "runs" in rest ? rest.runs : 30 },
      );
    });
  }

  it("connection refused: the ConnectionError and the onRequest event", async () => {
    const port = await closedPort();
    const events: unknown[] = [];
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: `http://127.0.0.1:${port}/api`,
      auth: apiKeyAuth(),
      maxRetries: 0,
      hooks: { onRequest: (event) => void events.push(event) },
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...secretCalls.slice(0, 3)), secretValue, async ({ call, shownPath }, value) => {
        events.length = 0;
        const error = await failureOf(call(client as Client, value));
        expect(error).toBeInstanceOf(ConnectionError);
        expect((error as ConnectionError).url).toBe(`http://127.0.0.1:${port}${shownPath}`);
        expect(shown(error)).not.toContain(MARK);
        expect(shown(events)).not.toContain(MARK);
      }),
      { numRuns: 15 },
    );
  });

  it("aborted by the caller: the RequestAbortedError", async () => {
    const controller = { current: new AbortController() };
    const client = clientWith((_url, init) => {
      const pending = failures.timeout.fetch(_url, init);
      controller.current.abort(new Error("gave up"));
      return pending;
    }, {});
    await fc.assert(
      fc.asyncProperty(secretValue, async (value) => {
        controller.current = new AbortController();
        const error = await failureOf(
          client.GET("/v1/verify/{code}", { params: { path: { code: value } }, signal: controller.current.signal }),
        );
        expect(error).toBeInstanceOf(RequestAbortedError);
        expect((error as RequestAbortedError).url).toBe("http://127.0.0.1:9/api/v1/verify/REDACTED");
        expect(shown(error)).not.toContain(MARK);
      }),
      { numRuns: 20 },
    );
  });

  it("a redirect whose target echoes the secret segment: its hook events and the RedirectError refusing the next one", async () => {
    const events: unknown[] = [];
    const record = (event: unknown) => void events.push(event);
    const client = clientWith(
      async (url) =>
        url.includes("/api/v2/")
          ? failures["refused redirect"].fetch()
          : new Response(null, { status: 307, headers: { location: url.replace("/api/", "/api/v2/") } }),
      { onRequest: record, onResponse: record },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...secretCalls), secretValue, async ({ call, shownPath }, value) => {
        events.length = 0;
        const error = await failureOf(call(client, value));
        expect(error).toBeInstanceOf(RedirectError);
        expect((error as RedirectError).url).toBe(`http://127.0.0.1:9${shownPath.replace("/api/", "/api/v2/")}`);
        expect(shown(error)).not.toContain(MARK);
        expect(events).toHaveLength(4);
        for (const event of events) expect(shown(event)).not.toContain(MARK);
      }),
      { numRuns: 30 },
    );
  });

  it("a parameter not named like a secret (user_id) is shown as sent", async () => {
    const client = clientWith(failures["404"].fetch, {});
    const error = await failureOf(client.GET("/v1/users/{user_id}", { params: { path: { user_id: "u_12345" } } }));
    expect((error as ApiError).message).toMatch(/^GET http:\/\/127\.0\.0\.1:9\/api\/v1\/users\/u_12345 answered 404/);
  });

  it("secretParameters that is not a list of names is a ConfigurationError", () => {
    expect(() =>
      createApiClient<Paths>({
        meta,
        baseUrl: "http://127.0.0.1:9",
        auth: apiKeyAuth(),
        secretParameters: "invite_id" as never,
      }),
    ).toThrow(ConfigurationError);
  });
});

/** A port on 127.0.0.1 that nothing listens on (a connection to it is refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
