// The credential headers a keyway client's call sends when the caller or the client's `headers` option sets one itself.
import { createApiClient, type ClientMeta } from "@keyway/runtime";
import { describe, expect, it } from "vitest";
import { createHeaderAuth } from "../src/index.js";

const meta = {
  securitySchemes: {
    ApiKey: { header: "X-Api-Key", secret: true },
    AccountId: { header: "X-Account-Id", secret: false },
  },
  operations: {
    "GET /items": { id: "listItems", security: [["ApiKey"]] },
    "GET /accounts/items": { id: "listAccountItems", security: [["ApiKey", "AccountId"]] },
  },
  jsonQueryParameters: [],
} as const satisfies ClientMeta<"ApiKey" | "AccountId">;

interface Paths {
  "/items": { get: { parameters: {}; responses: { 200: { content: { "application/json": unknown } } } } };
  "/accounts/items": { get: { parameters: {}; responses: { 200: { content: { "application/json": unknown } } } } };
}

function recordingClient(headers?: Record<string, string>) {
  const sent: Headers[] = [];
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: createHeaderAuth({ meta, credentials: { ApiKey: "sk_configured", AccountId: "acc_configured" } }),
    ...(headers ? { headers } : {}),
    fetch: async (input, init) => {
      sent.push(new Request(input, init).headers);
      return Response.json({});
    },
  });
  return { client, sent };
}

describe("credential headers set by the caller", () => {
  it("sends the configured credentials when the call sets no header", async () => {
    const { client, sent } = recordingClient();
    await client.GET("/accounts/items");
    expect(sent[0]!.get("x-api-key")).toBe("sk_configured");
    expect(sent[0]!.get("x-account-id")).toBe("acc_configured");
  });

  it("a call's own value for a header of the operation's scheme replaces the configured one", async () => {
    const { client, sent } = recordingClient();
    await client.GET("/accounts/items", { headers: { "X-Account-Id": "acc_call" } });
    await client.GET("/accounts/items", { params: { header: { "X-Account-Id": "acc_param" } } as never });
    expect(sent.map((headers) => headers.get("x-account-id"))).toEqual(["acc_call", "acc_param"]);
  });

  it("a header of a scheme the operation does not use is removed, whether the call or the client set it", async () => {
    const { client, sent } = recordingClient();
    await client.GET("/items", { headers: { "X-Account-Id": "acc_call" } });
    const withClientHeader = recordingClient({ "X-Account-Id": "acc_client" });
    await withClientHeader.client.GET("/items");
    expect(sent[0]!.has("x-account-id")).toBe(false);
    expect(withClientHeader.sent[0]!.has("x-account-id")).toBe(false);
    expect(withClientHeader.sent[0]!.get("x-api-key")).toBe("sk_configured");
  });
});
