import { startTestServer, sendJson, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, createApiClient, type ApiClientOptions } from "../src/index.js";
import { apiKeyAuth, meta, SECRET, type Paths } from "./harness.js";
import { shown } from "./what-a-call-shows.js";

// An outside review: a redirect to an origin the client allows (`allowedRedirectOrigins`) takes a request there, but no
// header the call carries that could be a credential keyway cannot name: a header default of the client's `headers`
// option (`X-Org-Token`, `X-Partner-Key`), one the call passes, one a middleware sets. Only headers that say what answer
// the request accepts, what its body is and which part it asks for go there, and fetch's own.
let api: TestServer;
let other: TestServer;
beforeAll(async () => {
  other = await startTestServer((_request, res) => sendJson(res, 200, { landed: true }));
  api = await startTestServer();
});
afterAll(async () => {
  await Promise.all([api.close(), other.close()]);
});

/** A client of the API server, with the key and `options`. */
function apiClient(options: Omit<ApiClientOptions<string>, "meta" | "baseUrl" | "auth">) {
  return createApiClient<Paths>({ meta, baseUrl: api.url, auth: apiKeyAuth(), ...options }).client;
}

/** Header names no HTTP stack gives a meaning of its own, so that fetch sends them as given. */
const customName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/).map((name) => `X-${name}`);
const marker = fc.stringMatching(/^[A-Za-z0-9]{6,16}$/).map((text) => `MARK${text}`);
const where = fc.constantFrom("client headers", "call headers", "middleware");

describe("a redirect to an allowed origin", () => {
  it("takes no header but those that describe the request there, however the call got it", async () => {
    await fc.assert(
      fc.asyncProperty(
        customName,
        marker,
        where,
        fc.constantFrom(301, 302, 303, 307, 308),
        fc.constantFrom("GET", "POST") as fc.Arbitrary<"GET" | "POST">,
        async (name, value, setBy, status, method) => {
          api.requests.length = 0;
          other.requests.length = 0;
          api.handle((_request, res) => res.writeHead(status, { location: `${other.url}/landing` }).end());
          const client = apiClient({
            maxRetries: 0,
            allowedRedirectOrigins: [other.url],
            ...(setBy === "client headers" ? { headers: { [name]: value } } : {}),
          });
          if (setBy === "middleware")
            client.use({
              onRequest: ({ request }) => {
                request.headers.set(name, value);
              },
            });
          const headers = setBy === "call headers" ? { [name]: value } : undefined;
          const { data } =
            method === "GET"
              ? await client.GET("/items", { headers })
              : await client.POST("/items", { headers, body: { a: 1 } });
          expect(data).toEqual({ landed: true });
          expect(api.requests[0]!.headers[name.toLowerCase()]).toBe(value);
          const sentThere = other.requests[0]!.headers;
          expect(JSON.stringify(sentThere)).not.toContain(value);
          expect(sentThere).not.toHaveProperty([name.toLowerCase()]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("still takes what says what answer it accepts and what its body is", async () => {
    other.requests.length = 0;
    api.handle((_request, res) => res.writeHead(307, { location: `${other.url}/upload` }).end());
    const client = apiClient({
      allowedRedirectOrigins: [other.url],
    });
    await client.POST("/items", {
      body: { a: 1 },
      headers: { "Accept-Language": "fr", Range: "bytes=0-9", "If-None-Match": '"v1"' },
    });
    expect(other.requests[0]).toMatchObject({
      method: "POST",
      body: Buffer.from('{"a":1}'),
      headers: {
        "content-type": "application/json",
        "accept-language": "fr",
        range: "bytes=0-9",
        "if-none-match": '"v1"',
        "user-agent": expect.stringMatching(/^keyway-runtime\//),
      },
    });
  });
});

// A hostile API answers with a Location that names another origin in a form a hand-written check could take for a path
// on the API's own: protocol-relative (`//host`), with backslashes (`/\host`, which URL parsers read as `//host`), a
// host written as a number, in hex or percent-encoded, behind a user name, or with the API's own host:port as a user
// name. Whether the client allows the other origin or not, it must never see the key.
const portOf = (server: TestServer) => new URL(server.url).port;

/** A Location naming the other server's origin, in one of the forms URL parsers read as an authority. */
const location = fc
  .record({
    prefix: fc.constantFrom("http://", "HTTP://", "//", "/\\", "\\\\", "\\/", "http:\\\\", "http:/\\", "http:///"),
    host: fc.constantFrom(
      (port: string) => `127.0.0.1:${port}`,
      (port: string) => `0x7f.0.0.1:${port}`,
      (port: string) => `127.1:${port}`,
      (port: string) => `2130706433:${port}`,
      (port: string) => `%31%32%37.0.0.1:${port}`,
      (port: string) => `user@127.0.0.1:${port}`,
      (port: string) => `127.0.0.1:${portOf(api)}@127.0.0.1:${port}`,
    ),
    suffix: fc.constantFrom("/landing", "", "?next=/items", "#items", "/..%2Fitems", "/%2e%2e/items"),
  })
  .map(({ prefix, host, suffix }) => `${prefix}${host(portOf(other))}${suffix}`);

describe("a redirect whose Location names another origin in any form", () => {
  it("never takes the key there, allowed or not", async () => {
    await fc.assert(
      fc.asyncProperty(
        location,
        fc.constantFrom(301, 302, 303, 307, 308),
        fc.boolean(),
        async (target, status, allowed) => {
          other.requests.length = 0;
          api.handle((_request, res) => res.writeHead(status, { location: target }).end());
          const client = apiClient({
            maxRetries: 0,
            ...(allowed ? { allowedRedirectOrigins: [other.url] } : {}),
          });
          await client.GET("/items").catch(() => undefined);
          for (const request of other.requests) expect(JSON.stringify(request.headers)).not.toContain(SECRET);
          if (!allowed) expect(other.requests).toHaveLength(0);
        },
      ),
      { numRuns: 120 },
    );
  });
});

// keyway follows redirects itself, sending each request with `redirect: "manual"`. A custom fetch
// that copies only some of the init (a logging or proxy wrapper) loses that, and fetch then follows the redirect by
// its own rules, which take every header but Authorization and Cookie to another origin, and the call returned the
// other origin's answer as the API's. keyway cannot unsend that request, but the call fails at once, saying why.
type Wrapper = (url: string, init: RequestInit) => Promise<Response>;
const wrappers: Record<string, Wrapper> = {
  "copies method, headers, body and signal": (url, { method, headers, body, signal }) =>
    fetch(url, { method, headers, body, signal }),
  "sets redirect: follow": (url, init) => fetch(url, { ...init, redirect: "follow" }),
  "builds a Request from the URL and headers": (url, init) => fetch(new Request(url, { headers: init.headers })),
};
const cases = Object.keys(wrappers).flatMap((wrapper) =>
  [301, 302, 303, 307, 308].flatMap((status) =>
    (["same origin", "other origin"] as const).map((target) => ({ wrapper, status, target })),
  ),
);

describe("a custom fetch that follows redirects by itself", () => {
  it.each(cases)("one that $wrapper: $status to the $target fails the call", async ({ wrapper, status, target }) => {
    const landing = target === "same origin" ? `${api.url}/landing` : `${other.url}/landing`;
    api.handle((request, res) =>
      request.path === "/landing"
        ? sendJson(res, 200, { from: "api" })
        : res.writeHead(status, { location: landing }).end(),
    );
    const client = apiClient({
      fetch: wrappers[wrapper] as typeof fetch,
    });
    const thrown = await client.GET("/items").then(
      (result) => expect.fail(`expected the call to fail, got ${JSON.stringify(result.data)}`),
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toBe(
      `GET ${api.url}/items: the client's fetch followed a redirect itself (keyway follows them by its rules): pass init.redirect on to fetch`,
    );
    expect(shown(thrown)).not.toContain(SECRET);
  });

  it("one that passes the init on is followed by keyway's rules: nothing reaches another origin", async () => {
    other.requests.length = 0;
    api.handle((_request, res) => res.writeHead(302, { location: `${other.url}/landing` }).end());
    const client = apiClient({
      fetch: ((url: string, init: RequestInit) => fetch(url, { ...init, keepalive: false })) as typeof fetch,
    });
    await expect(client.GET("/items")).rejects.toThrow("which keyway does not follow");
    expect(other.requests).toEqual([]);
  });
});
