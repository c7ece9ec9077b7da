import { startTestServer, sendJson, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../src/index.js";
import { apiKeyAuth, meta, SECRET, type Paths } from "./harness.js";

// An outside review: a hostile API answers with a Location that names another origin in a form a hand-written check
// could take for a path on the API's own: protocol-relative (`//host`), with backslashes (`/\host`, which URL parsers
// read as `//host`), a host written as a number, in hex or percent-encoded, behind a user name, or with the API's own
// host:port as a user name. The other origin is a second server on 127.0.0.1; whether the client allows it or not,
// it must never see the key.
let api: TestServer;
let other: TestServer;
beforeAll(async () => {
  other = await startTestServer((_request, res) => sendJson(res, 200, { landed: true }));
  api = await startTestServer();
});
afterAll(async () => {
  await Promise.all([api.close(), other.close()]);
});

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
          const { client } = createApiClient<Paths>({
            meta,
            baseUrl: api.url,
            auth: apiKeyAuth(),
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
