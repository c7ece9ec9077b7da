import { startTestServer, sendJson, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

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
          const { client } = createApiClient<Paths>({
            meta,
            baseUrl: api.url,
            auth: apiKeyAuth(),
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
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: api.url,
      auth: apiKeyAuth(),
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
