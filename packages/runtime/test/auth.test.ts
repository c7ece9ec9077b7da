// The `auth` a client is given: called once per call with the call's operation, its headers sent to the
// API's origin only, its failures the caller's.
import { describe, expect, it } from "vitest";
import {
  createApiClient,
  MissingCredentialError,
  Redactor,
  type Authorizer,
  type OperationMeta,
} from "../src/index.js";
import { meta, type Paths } from "./harness.js";

interface Sent {
  readonly url: string;
  readonly headers: Headers;
}

/** A client whose `auth` sets `X-Api-Key` and `X-Tenant-Id`, and whose requests are recorded at the network boundary. */
function recordedClient(respond: (url: string) => Response, authorize?: Authorizer["authorize"]) {
  const sent: Sent[] = [];
  const operations: OperationMeta[] = [];
  const auth: Authorizer = {
    headers: ["X-Api-Key", "X-Tenant-Id"],
    redactor: new Redactor(["X-Api-Key"]),
    authorize:
      authorize ??
      ((request, operation) => {
        operations.push(operation);
        request.headers.set("X-Api-Key", "sk_test_auth");
        request.headers.set("X-Tenant-Id", "tenant_1");
      }),
  };
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth,
    allowedRedirectOrigins: ["https://files.example.com"],
    maxRetries: 0,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push({ url: request.url, headers: request.headers });
      return respond(request.url);
    },
  });
  return { client, sent, operations };
}

describe("a client's auth", () => {
  it("is asked once per call, with the call's operation, and what it sets is sent", async () => {
    const { client, sent, operations } = recordedClient(() => Response.json([]));
    await client.GET("/items");
    await client.GET("/items/{id}", { params: { path: { id: "7" } } });

    expect(operations.map((operation) => operation.id)).toEqual(["listItems", "getItem"]);
    expect(sent.map(({ url, headers }) => [url, headers.get("x-api-key"), headers.get("x-tenant-id")])).toEqual([
      ["https://api.example.com/items", "sk_test_auth", "tenant_1"],
      ["https://api.example.com/items/7", "sk_test_auth", "tenant_1"],
    ]);
  });

  it("sets headers that never follow a redirect to another origin, even an allowed one", async () => {
    const { client, sent } = recordedClient((url) =>
      url.startsWith("https://api.example.com")
        ? new Response(null, { status: 302, headers: { location: "https://files.example.com/items.json" } })
        : Response.json([]),
    );
    await client.GET("/items");

    expect(sent.map(({ url }) => url)).toEqual([
      "https://api.example.com/items",
      "https://files.example.com/items.json",
    ]);
    expect(sent[1]!.headers.get("x-api-key")).toBeNull();
    expect(sent[1]!.headers.get("x-tenant-id")).toBeNull();
  });

  it("fails the call with its own error, sending nothing, whether it throws or rejects", async () => {
    const missing = new MissingCredentialError({ operation: "listItems", headers: ["X-Api-Key"] });
    const throwing = recordedClient(
      () => Response.json([]),
      () => {
        throw missing;
      },
    );
    const rejecting = recordedClient(
      () => Response.json([]),
      () => Promise.reject(missing),
    );

    await expect(throwing.client.GET("/items")).rejects.toBe(missing);
    await expect(rejecting.client.GET("/items")).rejects.toBe(missing);
    expect([...throwing.sent, ...rejecting.sent]).toEqual([]);
    expect(missing.message).toBe(
      'listItems needs "X-Api-Key", but no value is configured (set it when creating the client, or return one from its credential provider)',
    );
  });
});
