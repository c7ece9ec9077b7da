import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, createApiClient, operationServers, type ClientMeta } from "../src/index.js";
import { apiKeyAuth, SECRET } from "./harness.js";

// An API as Box's spec has it: most operations on the API's first server, a health check at the root of its host
// (the same origin), and uploads on a host of their own.
type Json = { "application/json": unknown };
interface Paths {
  "/files": { get: { responses: { 200: { content: Json } } } };
  "/health": { get: { responses: { 200: { content: Json } } } };
  "/files/content": { post: { responses: { 201: { content: Json } } } };
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function recording(): Promise<TestServer> {
  const server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(server);
  return server;
}

async function filesApi() {
  const [api, uploads] = [await recording(), await recording()];
  const meta = {
    securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
    baseUrl: `${api.url}/2.0`,
    operations: {
      "GET /files": { id: "listFiles", security: [["ApiKey"]] },
      "GET /health": { id: "health", security: [["ApiKey"]], server: api.url },
      "POST /files/content": { id: "uploadFile", security: [["ApiKey"]], server: `${uploads.url}/2.0` },
    },
  } as const satisfies ClientMeta<"ApiKey">;
  const clientAt = (baseUrl: string) =>
    createApiClient<Paths>({ meta, baseUrl, auth: apiKeyAuth(), operationServers }).client;
  return { api, uploads, meta, clientAt };
}

const requestLines = (server: TestServer) => server.requests.map((request) => `${request.method} ${request.url}`);

describe("operations whose spec names a server of their own", () => {
  it("go to it from a client on the API's first server when it is on the same origin, with the credentials", async () => {
    const { api, clientAt } = await filesApi();
    const client = clientAt(`${api.url}/2.0/`);
    await client.GET("/health");
    await client.GET("/files");
    expect(requestLines(api)).toEqual(["GET /health", "GET /2.0/files"]);
    expect(api.requests.map((request) => request.headers["x-api-key"])).toEqual([SECRET, SECRET]);
    // A call's own base URL (on the client's origin) is the caller's choice.
    await client.GET("/health", { baseUrl: `${api.url}/2.0` });
    expect(requestLines(api).at(-1)).toBe("GET /2.0/health");
  });

  it("are refused, naming the server, when it is on another origin: nothing is sent anywhere", async () => {
    const { api, uploads, clientAt } = await filesApi();
    const client = clientAt(`${api.url}/2.0`);
    const failure = client.POST("/files/content");
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(
      `POST /files/content is served at ${uploads.url}/2.0, not ${api.url}/2.0: call it through a client with that baseUrl`,
    );
    expect([...api.requests, ...uploads.requests]).toEqual([]);
  });

  it("go to the client's base URL when it was given another (the operation's server, a proxy, a local fake)", async () => {
    const { api, uploads, clientAt } = await filesApi();
    await clientAt(`${uploads.url}/2.0`).POST("/files/content");
    expect(requestLines(uploads)).toEqual(["POST /2.0/files/content"]);
    const proxy = await recording();
    const viaProxy = clientAt(proxy.url);
    await viaProxy.GET("/health");
    await viaProxy.POST("/files/content");
    expect(requestLines(proxy)).toEqual(["GET /health", "POST /files/content"]);
    expect(api.requests).toEqual([]);
  });

  it("need operationServers, which a client of an API without such operations leaves out of its bundle", async () => {
    const { api, meta } = await filesApi();
    expect(() => createApiClient<Paths>({ meta, baseUrl: api.url, auth: apiKeyAuth() })).toThrow(
      new ConfigurationError(
        'This API takes operations on servers of their own: pass operationServers (from "@keyway/runtime") to createApiClient, as pnpm new-client does',
      ),
    );
  });
});
