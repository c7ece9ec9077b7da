// Operations whose spec authenticates them only with schemes keyway does not send (a key in the query string, HTTP
// digest): the generator marks them `unsendable`, and their calls fail before anything is sent, with a
// ConfigurationError naming the operation and its schemes; every other operation is called as before.
import { createApiClient, type ClientMeta } from "@keyway/runtime";
import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, createHeaderAuth, withHeaderFamily } from "../src/index.js";
import { recordingFetch } from "./fixtures.js";

const KEY = "key_MARKER_9f8e7d";
const QUERY_WHY =
  "keyway sends credentials only in headers (a secret in a query string or cookie ends up in URLs, logs and proxies).";
const DIGEST_WHY =
  "keyway sends the HTTP basic and bearer schemes only: any other (digest, a vendor's request signature) computes " +
  "its Authorization header for each request or in a handshake.";

/** An API as `pnpm generate` writes it from specs/partly-keyed.yaml (scripts/test/fixtures). */
const meta = {
  securitySchemes: { HeaderKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /items": { id: "listItems", security: [["HeaderKey"]] },
    "GET /search": { id: "search", security: [], unsendable: ["QueryKey"], headers: ["X-Search-Key"] },
    "GET /either": { id: "either", security: [["HeaderKey"]] },
    "GET /health": { id: "health", security: [] },
    "POST /reports": { id: "POST /reports", security: [], unsendable: ["CookieKey", "Digest"] },
  },
  unsendableSchemes: {
    CookieKey: { what: "an API key in a cookie", why: QUERY_WHY },
    Digest: { what: 'HTTP "digest" authentication', why: DIGEST_WHY },
    QueryKey: { what: "an API key in the query string", why: QUERY_WHY },
  },
  headerAliases: { renamed: { "X-Api-Key": "X-Renamed-Key" } },
} as const satisfies ClientMeta<"HeaderKey">;

type Json = { "application/json": unknown };
interface Paths {
  "/items": { get: { responses: { 200: { content: Json } } } };
  "/search": {
    get: {
      parameters: { query: { q: string }; header?: { "X-Search-Key"?: string } };
      responses: { 200: { content: Json } };
    };
  };
  "/either": { get: { responses: { 200: { content: Json } } } };
  "/health": { get: { responses: { 204: { content?: never } } } };
  "/reports": { post: { responses: { 202: { content?: never } } } };
}

const SEARCH_REFUSAL =
  'GET /search (search) cannot be called: its spec authenticates it only with "QueryKey" (an API key in the query ' +
  `string): ${QUERY_WHY} Nothing was sent.`;

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A keyway client of the API on a local server that answers every request, and the server. */
async function clientOnServer(auth = createHeaderAuth({ meta, credentials: { HeaderKey: KEY } })) {
  const server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(server);
  const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth });
  return { client, server };
}

describe("a keyway client of an API some of whose operations keyway cannot authenticate", () => {
  it("refuses a call of one with a ConfigurationError naming it, its scheme and why, sending nothing", async () => {
    const { client, server } = await clientOnServer();
    const error = await client.GET("/search", { params: { query: { q: "lamps" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(SEARCH_REFUSAL);
    expect((error as Error).message).not.toContain(KEY);
    expect(server.requests).toHaveLength(0);
    // The operations it can authenticate are called as before: keyed, keyed among other alternatives, anonymous.
    await client.GET("/items");
    await client.GET("/either");
    await client.GET("/health");
    expect(server.requests.map((request) => [request.url, request.headers["x-api-key"]])).toEqual([
      ["/items", KEY],
      ["/either", KEY],
      ["/health", undefined],
    ]);
  });

  it("names every scheme of an operation without an operationId, and each different reason once", async () => {
    const { client, server } = await clientOnServer();
    await expect(client.POST("/reports")).rejects.toThrow(
      'POST /reports cannot be called: its spec authenticates it only with "CookieKey" (an API key in a cookie), ' +
        `"Digest" (HTTP "digest" authentication): ${QUERY_WHY} ${DIGEST_WHY} Nothing was sent`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("refuses it even when the caller passes a key in a header the operation declares: the spec names no such scheme", async () => {
    const { client, server } = await clientOnServer();
    const call = client.GET("/search", { params: { query: { q: "lamps" }, header: { "X-Search-Key": KEY } } });
    await expect(call).rejects.toThrow(SEARCH_REFUSAL);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses it when no credential is configured either, rather than reporting a missing one", async () => {
    const { client, server } = await clientOnServer(createHeaderAuth({ meta, credentials: {} }));
    await expect(client.GET("/search", { params: { query: { q: "lamps" } } })).rejects.toThrow(SEARCH_REFUSAL);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses it in another header family, whose metadata is a copy of the operations", async () => {
    const renamed = withHeaderFamily(meta, "renamed");
    const auth = createHeaderAuth({ meta: renamed, credentials: { HeaderKey: KEY } });
    const { client, server } = await clientOnServer(auth);
    await expect(client.GET("/search", { params: { query: { q: "lamps" } } })).rejects.toThrow(SEARCH_REFUSAL);
    await client.GET("/items");
    expect(server.requests.map((request) => request.headers["x-renamed-key"])).toEqual([KEY]);
  });
});

describe("header-auth as openapi-fetch middleware", () => {
  it("rejects the request of such an operation with the same error, before fetch is called", async () => {
    const { sent, fetch } = recordingFetch();
    const client = createClient<Paths>({ baseUrl: "https://api.example.test", fetch });
    client.use(createHeaderAuth({ meta, credentials: { HeaderKey: KEY } }));
    const error = await client.GET("/search", { params: { query: { q: "lamps" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(SEARCH_REFUSAL);
    expect(sent).toHaveLength(0);
    await client.GET("/items");
    expect(sent.map((request) => request.headers.get("x-api-key"))).toEqual([KEY]);
  });
});
