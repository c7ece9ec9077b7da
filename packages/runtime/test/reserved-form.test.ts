import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientMeta, createApiClient, formBodies } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// A form body whose `encoding` gives a property `allowReserved: true` (an OAuth-style `redirect_uri`): its reserved
// characters go as they are, what splits a form's pairs is still encoded, and every field is written where the body has
// it, its name encoded as the other fields' names are.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /authorize": {
      id: "authorize",
      security: [["ApiKey"]],
      formBody: { allowReserved: ["redirect_uri", "return to (page)"], deepObject: ["scope"] },
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

type FormOp = {
  requestBody: { content: { "application/x-www-form-urlencoded": Record<string, unknown> } };
  responses: { 200: { content: { "application/json": unknown } } };
};
interface Paths {
  "/authorize": { post: FormOp };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((_request, response) => sendJson(response, 200, {}));
});
afterAll(() => server.close());

describe("a form field whose encoding allows reserved characters", () => {
  it("keeps them, still encodes & = + # [ ] and a space, and writes the other fields as before, in the body's order", async () => {
    const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), formBodies });
    await client.POST("/authorize", {
      body: {
        client_id: "a/b:c",
        redirect_uri: "https://app.test/cb?x=1&y=[2]#top 100%",
        scope: ["read", "write"],
      },
    });
    const body = server.requests.at(-1)!.body.toString("utf8");
    expect(body).toBe(
      "client_id=a%2Fb%3Ac" +
        "&redirect_uri=https://app.test/cb?x%3D1%26y%3D%5B2%5D%23top%20100%25" +
        "&scope%5B0%5D=read&scope%5B1%5D=write",
    );
    expect([...new URLSearchParams(body)]).toEqual([
      ["client_id", "a/b:c"],
      ["redirect_uri", "https://app.test/cb?x=1&y=[2]#top 100%"],
      ["scope[0]", "read"],
      ["scope[1]", "write"],
    ]);
  });

  it("writes such a field's name as the form writes every other name: a space as +, parentheses escaped", async () => {
    const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), formBodies });
    await client.POST("/authorize", { body: { "return to (page)": "/a?b", "plain (name)": "c d" } });
    expect(server.requests.at(-1)!.body.toString("utf8")).toBe("return+to+%28page%29=/a?b&plain+%28name%29=c+d");
  });

  it("sends an empty body for a body of no fields, and no stray & around a reserved field left undefined", async () => {
    const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), formBodies });
    await client.POST("/authorize", { body: {} });
    expect(server.requests.at(-1)!.body.toString("utf8")).toBe("");
    await client.POST("/authorize", { body: { client_id: "x", redirect_uri: undefined, scope: ["r"] } });
    expect(server.requests.at(-1)!.body.toString("utf8")).toBe("client_id=x&scope%5B0%5D=r");
  });
});
