import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientMeta, createApiClient, formBodies } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// A form body whose `encoding` gives a property `allowReserved: true` (an OAuth-style `redirect_uri`): its reserved
// characters go as they are, what splits a form's pairs is still encoded, and the other fields are written as ever.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /authorize": {
      id: "authorize",
      security: [["ApiKey"]],
      formBody: { allowReserved: ["redirect_uri"], deepObject: ["scope"] },
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
  it("keeps them, still encodes & = + # [ ] and a space, and writes the other fields as before, after them", async () => {
    const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), formBodies });
    await client.POST("/authorize", {
      body: {
        redirect_uri: "https://app.test/cb?x=1&y=[2]#top 100%",
        client_id: "a/b:c",
        scope: ["read", "write"],
      },
    });
    const body = server.requests.at(-1)!.body.toString("utf8");
    expect(body).toBe(
      "client_id=a%2Fb%3Ac&scope%5B0%5D=read&scope%5B1%5D=write" +
        "&redirect_uri=https://app.test/cb?x%3D1%26y%3D%5B2%5D%23top%20100%25",
    );
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      client_id: "a/b:c",
      "scope[0]": "read",
      "scope[1]": "write",
      redirect_uri: "https://app.test/cb?x=1&y=[2]#top 100%",
    });
  });
});
