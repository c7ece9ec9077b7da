// header-auth used as plain openapi-fetch middleware, where fetch itself would follow a redirect.
import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { createHeaderAuth } from "../src/index.js";
import { meta, type Paths } from "./fixtures.js";

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

/** An API on 127.0.0.1 whose every answer is a 302 to `elsewhere` (another origin: localhost, another port). */
async function redirectingApi() {
  const elsewhere = await startTestServer((_req, res) => sendJson(res, 200, { reached: true }));
  const target = elsewhere.url.replace("127.0.0.1", "localhost");
  const api = await startTestServer((req, res) => res.writeHead(302, { location: `${target}${req.url}` }).end());
  started.push(elsewhere, api);
  const client = createClient<Paths>({ baseUrl: api.url });
  client.use(createHeaderAuth({ meta, credentials: { ApiKey: "sk_live_redirected_1234" } }));
  return { client, api, elsewhere };
}

describe("plain openapi-fetch middleware and redirects", () => {
  it("a request carrying a secret is not followed to wherever a redirect points: its 302 comes back", async () => {
    const { client, api, elsewhere } = await redirectingApi();
    const { response } = await client.GET("/hello");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${elsewhere.url.replace("127.0.0.1", "localhost")}/hello`);
    expect(api.requests.map((request) => request.headers["x-api-key"])).toEqual(["sk_live_redirected_1234"]);
    expect(elsewhere.requests).toEqual([]);
  });

  it("a request without a secret is followed as fetch would", async () => {
    const { client, elsewhere } = await redirectingApi();
    const { data, response } = await client.GET("/public");
    expect(response.status).toBe(200);
    expect(data).toEqual({ reached: true });
    expect(elsewhere.requests).toHaveLength(1);
  });
});
