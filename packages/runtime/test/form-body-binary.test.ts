import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, formBodies, InvalidRequestBodyError, type ClientMeta } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// Bytes given to an operation that takes only application/x-www-form-urlencoded forms, which hold text only.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: { "POST /customers": { id: "createCustomer", security: [["ApiKey"]], formBody: {} } },
} as const satisfies ClientMeta<"ApiKey">;

type Op<Body> = { requestBody: { content: Body }; responses: { 200: { content: { "application/json": unknown } } } };
interface Paths {
  "/customers": { post: Op<{ "application/x-www-form-urlencoded": unknown }> };
}

const servers: TestServer[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((server) => server.close()))));

async function formApi() {
  const server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(server);
  const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), formBodies });
  return { client, server };
}

describe("bytes in a form body", () => {
  it("a field holding a Blob, bytes or a stream fails before anything is sent, naming it, instead of being dropped or sent as its indexes", async () => {
    const { client, server } = await formApi();
    for (const [body, at] of [
      [{ email: "ada@example.com", avatar: new Blob(["png"]) }, "body.avatar"],
      [{ "id card": new Uint8Array([65, 66]) }, 'body["id card"]'],
      [{ files: ["a", new ArrayBuffer(2)] }, "body.files[1]"],
      [{ upload: new ReadableStream() }, "body.upload"],
    ] as const) {
      const error = await client.POST("/customers", { body }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestBodyError);
      expect(error).toMatchObject({
        at,
        mediaType: "application/x-www-form-urlencoded",
        message: `The request body cannot be sent as application/x-www-form-urlencoded: ${at} is binary (a Blob, bytes or a stream), which a form field cannot hold`,
      });
    }
    expect(server.requests).toHaveLength(0);
  });

  it("a whole body of bytes (a form the caller encoded) is sent as it is, not as an empty form", async () => {
    const { client, server } = await formApi();
    await client.POST("/customers", { body: new TextEncoder().encode("email=ada%40example.com&seats=3") });
    const request = server.requests.at(-1)!;
    expect([request.headers["content-type"], request.body.toString("utf8")]).toEqual([
      "application/x-www-form-urlencoded",
      "email=ada%40example.com&seats=3",
    ]);
  });
});
