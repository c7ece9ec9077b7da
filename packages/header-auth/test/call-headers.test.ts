// The credential headers a keyway client's call sends when the caller or the client's `headers` option sets one itself.
import { createApiClient, unwrap, type ClientMeta } from "@keyway/runtime";
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

describe("a caller's own value for a scheme with a prefix, and values with whitespace around them", () => {
  const bearerMeta = {
    securitySchemes: { Bearer: { header: "Authorization", secret: true, prefix: "Bearer " } },
    operations: { "GET /items": { id: "listItems", security: [["Bearer"]] } },
  } as const satisfies ClientMeta<"Bearer">;

  /** A client whose server answers 401 quoting the token it received without its prefix. */
  function echoingClient(token: string) {
    const sent: string[] = [];
    const { client } = createApiClient<Paths>({
      meta: bearerMeta,
      baseUrl: "https://api.example.com",
      auth: createHeaderAuth({ meta: bearerMeta, credentials: { Bearer: token } }),
      maxRetries: 0,
      fetch: async (input, init) => {
        const authorization = new Request(input, init).headers.get("authorization") ?? "";
        sent.push(authorization);
        return Response.json(
          { detail: `token ${authorization.replace(/^Bearer /, "")} is not valid` },
          { status: 401 },
        );
      },
    });
    return { client, sent };
  }

  it.each(["Bearer tok_call_1234", "bearer tok_call_1234", "tok_call_1234"])(
    "Authorization %j from the call is sent as one Bearer token, and the token is redacted where the server echoes it",
    async (authorization) => {
      const { client, sent } = echoingClient("tok_configured");
      const { error } = await client.GET("/items", { headers: { Authorization: authorization } });
      expect(sent).toEqual(["Bearer tok_call_1234"]);
      expect(error).toEqual({ detail: "token [REDACTED] is not valid" });
      const thrown = await unwrap(client.GET("/items", { headers: { Authorization: authorization } })).catch(
        (e: unknown) => e,
      );
      expect(thrown).toMatchObject({ body: { detail: "token [REDACTED] is not valid" } });
    },
  );

  it.each([" ", "\t", "  \t"])(
    "a configured secret with %j around it is sent trimmed, and redacted as it was sent",
    async (space) => {
      const { client, sent } = echoingClient(`${space}tok_padded_5678${space}`);
      const thrown = await unwrap(client.GET("/items")).catch((e: unknown) => e);
      expect(sent).toEqual(["Bearer tok_padded_5678"]);
      expect(thrown).toMatchObject({ body: { detail: "token [REDACTED] is not valid" } });
      expect(String(thrown)).not.toContain("tok_padded_5678");
    },
  );
});
