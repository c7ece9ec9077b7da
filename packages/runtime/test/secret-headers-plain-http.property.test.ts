import { startTestServer, sendJson } from "@keyway/test-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApiClient, InsecureTransportError, Redactor, type Authorizer, type ClientMeta } from "../src/index.js";
import { shown } from "./what-a-call-shows.js";

// An outside review: keyway refuses to send a secret security scheme's header over plain http to a host that is not on
// this machine, but a header named like a secret that reaches the request otherwise (the operation's header
// parameter `X-Webhook-Secret`, a header default `X-Partner-Token`, one the call or a middleware sets) went out in
// clear text. It is held to the same rule: refused, nothing sent.
const meta = {
  securitySchemes: {},
  operations: { "GET /hooks": { id: "listHooks", security: [], headers: ["X-Webhook-Secret"] } },
} as const satisfies ClientMeta;
interface Paths {
  "/hooks": {
    get: {
      parameters: { header?: { "X-Webhook-Secret"?: string } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
}
const noAuth: Authorizer = { headers: [], redactor: new Redactor([]), authorize() {} };

const secretName = fc
  .tuple(
    fc.constantFrom("X-", "X-Partner-", "", "Stripe-"),
    fc.constantFrom("Token", "Secret", "Api-Key", "Password", "Signature", "Access-Key", "Client-Secret"),
  )
  .map(([prefix, name]) => `${prefix}${name}`);
const value = fc.stringMatching(/^[A-Za-z0-9]{8,20}$/).map((text) => `val${text}`);
const setBy = fc.constantFrom("client headers", "call headers", "middleware");

function clientSending(baseUrl: string, name: string, secret: string, by: string, fetch?: typeof globalThis.fetch) {
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl,
    auth: noAuth,
    maxRetries: 0,
    ...(by === "client headers" ? { headers: { [name]: secret } } : {}),
    ...(fetch ? { fetch } : {}),
  });
  if (by === "middleware")
    client.use({
      onRequest: ({ request }) => {
        request.headers.set(name, secret);
      },
    });
  return () => client.GET("/hooks", by === "call headers" ? { headers: { [name]: secret } } : {});
}

describe("a header named like a secret", () => {
  it("is never sent over plain http to a host that is not on this machine", async () => {
    await fc.assert(
      fc.asyncProperty(secretName, value, setBy, async (name, secret, by) => {
        const sent: string[] = [];
        const fetch = async (url: string) => {
          sent.push(url);
          return new Response("{}", { headers: { "content-type": "application/json" } });
        };
        const call = clientSending("http://api.example.com", name, secret, by, fetch as typeof globalThis.fetch);
        const thrown = await call().catch((error: unknown) => error);
        expect(thrown).toBeInstanceOf(InsecureTransportError);
        expect(thrown).toMatchObject({ header: name.toLowerCase(), host: "api.example.com" });
        expect(shown(thrown)).not.toContain(secret);
        expect(sent).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it("is never sent over plain http to a name under .localhost, which Node, Bun and Deno ask DNS for", async () => {
    for (const host of ["api.localhost", "a.b.localhost", "localhost.localhost"]) {
      const sent: string[] = [];
      const fetch = async (url: string) => {
        sent.push(url);
        return new Response("{}", { headers: { "content-type": "application/json" } });
      };
      const call = clientSending(`http://${host}:8081`, "X-Token", "valSecret123", "call headers", fetch as never);
      const thrown = await call().catch((error: unknown) => error);
      expect(thrown).toMatchObject({ name: "InsecureTransportError", host: `${host}:8081` });
      expect(sent).toEqual([]);
    }
  });

  it("as the operation's header parameter, too", async () => {
    const fetch = async () => expect.fail("nothing may be sent");
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: "http://api.example.com",
      auth: noAuth,
      fetch,
      maxRetries: 0,
    });
    const call = client.GET("/hooks", { params: { header: { "X-Webhook-Secret": "whsec_abcdef" } } });
    await expect(call).rejects.toBeInstanceOf(InsecureTransportError);
  });

  it("is sent over https, and over plain http to a server on this machine", async () => {
    const server = await startTestServer((_request, res) => sendJson(res, 200, {}));
    try {
      await clientSending(server.url, "X-Partner-Token", "tok_local", "client headers")();
      expect(server.requests[0]!.headers["x-partner-token"]).toBe("tok_local");
    } finally {
      await server.close();
    }
    const seen: string[] = [];
    const fetch = async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers).get("x-partner-token")!);
      return new Response("{}", { headers: { "content-type": "application/json" } });
    };
    await clientSending(
      "https://api.example.com",
      "X-Partner-Token",
      "tok_tls",
      "call headers",
      fetch as typeof globalThis.fetch,
    )();
    expect(seen).toEqual(["tok_tls"]);
  });
});
