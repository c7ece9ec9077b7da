import { describe, expect, it } from "vitest";
import { createApiClient, operationServers, type ClientMeta } from "../src/index.js";
import { createFakeApi, type SpecData } from "../src/testing/index.js";
import { apiKeyAuth } from "./harness.js";

// An API as Box's spec has it: most operations on https://api.box.com/2.0, its token endpoint at the root of that
// host, and uploads on upload.box.com under /api/2.0.
type Json = { "application/json": unknown };
interface Paths {
  "/files": { get: { responses: { 200: { content: Json } } } };
  "/oauth2/token": { post: { responses: { 200: { content: Json } } } };
  "/files/content": { post: { responses: { 201: { content: Json } } } };
}
const answer = (status: string, example: unknown) => ({
  [status]: { contentType: "application/json", schema: { type: "object" }, example },
});
const spec: SpecData = {
  basePath: "/2.0",
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /files": { id: "listFiles", security: [["ApiKey"]], parameters: [], responses: answer("200", { files: 1 }) },
    "POST /oauth2/token": {
      id: "token",
      security: [["ApiKey"]],
      parameters: [],
      responses: answer("200", { token: 1 }),
    },
    "POST /files/content": {
      id: "uploadFile",
      security: [["ApiKey"]],
      parameters: [],
      responses: answer("201", { uploaded: 1 }),
    },
  },
  responses: {},
  schemas: {},
};
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  baseUrl: "https://api.box.test/2.0",
  operations: {
    "GET /files": { id: "listFiles", security: [["ApiKey"]] },
    "POST /oauth2/token": { id: "token", security: [["ApiKey"]], server: "https://api.box.test" },
    "POST /files/content": { id: "uploadFile", security: [["ApiKey"]], server: "https://upload.box.test/api/2.0" },
  },
} as const satisfies ClientMeta<"ApiKey">;

const fakeOf = () => createFakeApi<Paths>({ spec, name: "Box", meta });
const clientOf = (fake: ReturnType<typeof fakeOf>, baseUrl: string) =>
  createApiClient<Paths>({ meta, baseUrl, auth: apiKeyAuth(), operationServers, fetch: fake.fetch, maxRetries: 0 })
    .client;

describe("fake API: operations whose spec names a server of their own", () => {
  it("answers them at their server, where a client on the API's first server sends them, and under the API's", async () => {
    const fake = fakeOf();
    const box = clientOf(fake, "https://api.box.test/2.0");
    const token = await box.POST("/oauth2/token");
    const uploads = clientOf(fake, "https://upload.box.test/api/2.0");
    const upload = await uploads.POST("/files/content");
    expect([token.response.status, token.data]).toEqual([200, { token: 1 }]);
    expect([upload.response.status, upload.data]).toEqual([201, { uploaded: 1 }]);
    // A client given another base URL (a served fake's) sends every call there.
    const served = clientOf(fake, "http://127.0.0.1:8080/2.0");
    expect((await served.POST("/files/content")).response.status).toBe(201);
    expect((await served.POST("/oauth2/token")).response.status).toBe(200);
    expect(fake.calls().map((call) => `${call.operation} ${call.status}`)).toEqual([
      "POST /oauth2/token 200",
      "POST /files/content 201",
      "POST /files/content 201",
      "POST /oauth2/token 200",
    ]);
    expect(fake.violations).toEqual([]);
  });

  it("answers no other operation under such a server's path, naming why", async () => {
    const fake = fakeOf();
    const uploads = clientOf(fake, "https://upload.box.test/api/2.0");
    expect((await uploads.GET("/files")).response.status).toBe(400);
    expect((await fake.fetch("https://box.test/files", { headers: { "x-api-key": "k" } })).status).toBe(400);
    expect(fake.violations).toEqual([
      "GET /files: no operation of the spec has this path",
      "GET /files: outside the API's base path /2.0 (the client's baseUrl must end with /2.0)",
    ]);
  });
});
