import { sendJson } from "@keyway/test-server";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiMeta as clientMeta } from "../src/generated/stack-auth-client.meta.js";
import { apiMeta as serverMeta } from "../src/generated/stack-auth-server.meta.js";
import { HEXCLAVE_BASE_URL, STACK_AUTH_BASE_URL, createStackAuthClient, isKnownError, unwrap } from "../src/index.js";
import { createAccessTokenVerifier } from "../src/tokens.js";
import {
  ACCESS_TOKEN,
  PROJECT_ID,
  PUBLISHABLE_KEY,
  REFRESH_TOKEN,
  SECRET_SERVER_KEY,
  clientAgainst,
  serverClientAgainst,
} from "./setup.js";

afterEach(() => vi.unstubAllGlobals());

/** The Stack Auth headers of a recorded request, of either family. */
const familyHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.startsWith("x-stack-") || name.startsWith("x-hexclave-")),
  );

describe("header families: X-Stack-* (default) or X-Hexclave-*", () => {
  it("sends the X-Stack-* names by default, which every backend accepts (a self-hosted one from before the rename too)", async () => {
    const { stack, server } = await clientAgainst((_req, res) => sendJson(res, 200, {}), { allowAnonymousUsers: true });
    await stack.GET("/users/me");
    expect(familyHeaders(server.requests[0]!.headers)).toEqual({
      "x-stack-access-type": "client",
      "x-stack-project-id": PROJECT_ID,
      "x-stack-publishable-client-key": PUBLISHABLE_KEY,
      "x-stack-access-token": ACCESS_TOKEN,
      "x-stack-allow-anonymous-user": "true",
    });
  });

  it("headerFamily: null leaves it unset, as every option: the X-Stack-* names", async () => {
    const { stack, server } = await clientAgainst((_req, res) => sendJson(res, 200, {}), {
      headerFamily: null as never,
    });
    await stack.GET("/users/me");
    expect(Object.keys(familyHeaders(server.requests[0]!.headers))).toContain("x-stack-access-token");
  });

  it('sends only X-Hexclave-* names with headerFamily: "hexclave", credentials and the anonymous-user switch alike', async () => {
    const { stack, server } = await clientAgainst((_req, res) => sendJson(res, 200, {}), {
      headerFamily: "hexclave",
      allowAnonymousUsers: true,
    });
    await stack.POST("/auth/password/update", { body: { old_password: "a", new_password: "b" } });
    expect(familyHeaders(server.requests[0]!.headers)).toEqual({
      "x-hexclave-access-type": "client",
      "x-hexclave-project-id": PROJECT_ID,
      "x-hexclave-publishable-client-key": PUBLISHABLE_KEY,
      "x-hexclave-access-token": ACCESS_TOKEN,
      "x-hexclave-refresh-token": REFRESH_TOKEN,
      "x-hexclave-allow-anonymous-user": "true",
    });
  });

  it("server access under the Hexclave names sends the secret key as X-Hexclave-Secret-Server-Key and keeps it redacted", async () => {
    const { admin, server } = await serverClientAgainst((_req, res) => sendJson(res, 500, { leaked: "no" }), {
      headerFamily: "hexclave",
      maxRetries: 0,
    });
    const error = await unwrap(admin.GET("/users")).catch((e: unknown) => e);
    expect(familyHeaders(server.requests[0]!.headers)).toEqual({
      "x-hexclave-access-type": "server",
      "x-hexclave-project-id": PROJECT_ID,
      "x-hexclave-secret-server-key": SECRET_SERVER_KEY,
    });
    expect(JSON.stringify(error) + String(error)).not.toContain(SECRET_SERVER_KEY);
  });

  it("every credential header of both specs has a Hexclave alias in the spec", () => {
    for (const meta of [clientMeta, serverMeta]) {
      for (const scheme of Object.values(meta.securitySchemes))
        expect(meta.headerAliases.hexclave, scheme.header).toHaveProperty(
          [scheme.header],
          scheme.header.replace("X-Stack-", "X-Hexclave-"),
        );
    }
  });

  it.each([
    ["x-hexclave-known-error only", { "x-hexclave-known-error": "USER_NOT_FOUND" }],
    ["x-stack-known-error only", { "x-stack-known-error": "USER_NOT_FOUND" }],
    ["both names", { "x-hexclave-known-error": "USER_NOT_FOUND", "x-stack-known-error": "USER_NOT_FOUND" }],
  ])("reads a known error sent with %s, whichever family the client sends", async (_label, headers) => {
    for (const headerFamily of ["stack", "hexclave"] as const) {
      const { admin } = await serverClientAgainst(
        (_req, res) => {
          const body = JSON.stringify({ code: "USER_NOT_FOUND", error: "User not found." });
          res.writeHead(404, { "content-type": "application/json", "x-hexclave-request-id": "req-hx-1", ...headers });
          res.end(body);
        },
        { headerFamily },
      );
      const error = await unwrap(
        admin.GET("/users/{user_id}", { params: { path: { user_id: "3f0e2b1c-0000-4000-8000-000000000001" } } }),
      ).catch((e: unknown) => e);
      expect(isKnownError(error, "USER_NOT_FOUND"), headerFamily).toBe(true);
      expect((error as { requestId?: string }).requestId).toBe("req-hx-1");
    }
  });

  it("reads x-hexclave-known-error before x-stack-known-error when they differ, as the official SDK does", async () => {
    const { stack } = await clientAgainst((_req, res) => {
      res.writeHead(400, {
        "content-type": "application/json",
        "x-hexclave-known-error": "SCHEMA_ERROR",
        "x-stack-known-error": "USER_NOT_FOUND",
      });
      res.end(JSON.stringify({ code: "SCHEMA_ERROR", error: "Invalid body.", details: { message: "body.x" } }));
    });
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(isKnownError(error, "SCHEMA_ERROR")).toBe(true);
    expect((error as { details: unknown }).details).toEqual({ message: "body.x" });
  });

  it("turns a 200 that carries x-hexclave-actual-status or x-stack-actual-status back into its real 4xx", async () => {
    for (const header of ["x-hexclave-actual-status", "x-stack-actual-status"]) {
      const { stack } = await clientAgainst((_req, res) => {
        res.writeHead(200, {
          "content-type": "application/json",
          [header]: "409",
          "x-stack-known-error": "USER_EMAIL_ALREADY_EXISTS",
        });
        res.end(
          JSON.stringify({
            code: "USER_EMAIL_ALREADY_EXISTS",
            error: "Taken",
            details: { email: "a@b", would_work_if_email_was_verified: false },
          }),
        );
      });
      const error = await unwrap(
        stack.POST("/auth/password/sign-up", { body: { email: "a@b.co", password: "pw-123456" } }),
      ).catch((e: unknown) => e);
      expect(isKnownError(error, "USER_EMAIL_ALREADY_EXISTS"), header).toBe(true);
      expect((error as { status: number }).status).toBe(409);
    }
  });

  it("keeps the url of a 200 it turns back into its real 4xx", async () => {
    const { stack, server } = await clientAgainst((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-stack-actual-status": "404" });
      res.end(JSON.stringify({ code: "USER_NOT_FOUND", error: "No user" }));
    });
    const { response } = await stack.GET("/users/me");
    expect(response.status).toBe(404);
    expect(response.url).toBe(`${server.url}/users/me`);
    expect(response.redirected).toBe(false);
  });

  it("takes https://api.hexclave.com/api/v1 as the base URL, with either family", async () => {
    const seen: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(`${request.url} ${request.headers.has("x-hexclave-project-id") ? "hexclave" : "stack"}`);
      return Response.json({ id: PROJECT_ID });
    };
    for (const headerFamily of ["stack", "hexclave"] as const) {
      await createStackAuthClient({
        projectId: PROJECT_ID,
        baseUrl: HEXCLAVE_BASE_URL,
        headerFamily,
        fetch: fetch as typeof globalThis.fetch,
      }).GET("/projects/current");
    }
    expect(seen).toEqual([
      "https://api.hexclave.com/api/v1/projects/current stack",
      "https://api.hexclave.com/api/v1/projects/current hexclave",
    ]);
  });

  it("rejects an unknown family with a clear error", () => {
    expect(() => createStackAuthClient({ projectId: PROJECT_ID, headerFamily: "acme" as "stack" })).toThrow(
      'createStackAuthClient: headerFamily must be "stack" or "hexclave" (in lower case), got another string',
    );
  });
});

describe("credential headers a client never sends, whoever sets them", () => {
  const serverKeyNames = [
    "X-Stack-Secret-Server-Key",
    "x-hexclave-secret-server-key",
    "X-Stack-Super-Secret-Admin-Key",
    "X-Hexclave-Super-Secret-Admin-Key",
    "X-Hexclave-Admin-Access-Token",
  ];
  /** Admin access's credentials under both names (the official SDK sends the Hexclave ones since 2.8.108). */
  const adminCredentialNames = [
    "X-Stack-Super-Secret-Admin-Key",
    "X-Hexclave-Super-Secret-Admin-Key",
    "X-Stack-Admin-Access-Token",
    "X-Hexclave-Admin-Access-Token",
    // A development backend's key to any project (api-facts stack-auth-2026-12 §1.3's parseAuth list).
    "X-Stack-Development-Override-Key",
    "X-Hexclave-Development-Override-Key",
  ];
  const ADMIN_SECRET = "sak_MARKER_admin_4d2b7e";

  it.each(["stack", "hexclave"] as const)(
    "client access (%s names) drops a server or admin key set in the client's headers or a call's, and hooks redact it",
    async (headerFamily) => {
      const seen: unknown[] = [];
      const clientHeaders = Object.fromEntries(serverKeyNames.map((name) => [name, SECRET_SERVER_KEY]));
      const { stack, server } = await clientAgainst((_req, res) => sendJson(res, 200, {}), {
        headerFamily,
        headers: clientHeaders,
        hooks: { onRequest: (event) => seen.push(event) },
      });
      await stack.GET("/users/me");
      await stack.GET("/users/me", { headers: { "X-Hexclave-Secret-Server-Key": SECRET_SERVER_KEY } });
      for (const request of server.requests) expect(JSON.stringify(request.headers)).not.toContain(SECRET_SERVER_KEY);
      expect(JSON.stringify(seen)).not.toContain(SECRET_SERVER_KEY);
    },
  );

  it.each(["stack", "hexclave"] as const)(
    "server access (%s names) drops admin access's key and token and a development override key under either name, and hooks redact them",
    async (headerFamily) => {
      const seen: unknown[] = [];
      const { admin, server } = await serverClientAgainst((_req, res) => sendJson(res, 200, {}), {
        headerFamily,
        headers: Object.fromEntries(adminCredentialNames.map((name) => [name, ADMIN_SECRET])),
        hooks: { onRequest: (event) => seen.push(event) },
      });
      await admin.GET("/users");
      await admin.GET("/users", { headers: { "X-Hexclave-Admin-Access-Token": ADMIN_SECRET } });
      for (const request of server.requests) expect(JSON.stringify(request.headers)).not.toContain(ADMIN_SECRET);
      expect(JSON.stringify(seen)).not.toContain(ADMIN_SECRET);
    },
  );

  it("a client of one family drops the other family's credential headers a call sets, instead of sending both", async () => {
    const { admin, server } = await serverClientAgainst((_req, res) => sendJson(res, 200, {}), {
      headerFamily: "hexclave",
    });
    await admin.GET("/users", {
      headers: { "X-Stack-Secret-Server-Key": "ssk_other", "X-Stack-Access-Token": "tok_other" },
    });
    const sent = familyHeaders(server.requests[0]!.headers);
    expect(Object.keys(sent).filter((name) => name.startsWith("x-stack-"))).toEqual([]);
    expect(sent["x-hexclave-secret-server-key"]).toBe(SECRET_SERVER_KEY);
  });
});

describe("access tokens issued through either hosted name", () => {
  it("a verifier for either host accepts tokens whose issuer is api.stack-auth.com or api.hexclave.com, and no other", async () => {
    const keys = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: "key-1", alg: "ES256" };
    const jwksFetched: string[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
      jwksFetched.push(String(input instanceof Request ? input.url : input));
      return Response.json({ keys: [jwk] });
    });
    const sign = (issuer: string) =>
      new SignJWT({ project_id: PROJECT_ID })
        .setProtectedHeader({ alg: "ES256", kid: "key-1" })
        .setSubject("u")
        .setIssuer(issuer)
        .setAudience(PROJECT_ID)
        .setExpirationTime("5m")
        .sign(keys.privateKey);
    for (const baseUrl of [STACK_AUTH_BASE_URL, HEXCLAVE_BASE_URL]) {
      const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl });
      for (const host of ["api.stack-auth.com", "api.hexclave.com"]) {
        await expect(
          verify(await sign(`https://${host}/api/v1/projects/${PROJECT_ID}`)),
          `${baseUrl} / ${host}`,
        ).resolves.toMatchObject({ sub: "u" });
      }
      await expect(verify(await sign(`https://api.example.com/api/v1/projects/${PROJECT_ID}`))).rejects.toMatchObject({
        reason: "claim",
      });
    }
    expect(jwksFetched).toEqual([
      `${STACK_AUTH_BASE_URL}/projects/${PROJECT_ID}/.well-known/jwks.json`,
      `${HEXCLAVE_BASE_URL}/projects/${PROJECT_ID}/.well-known/jwks.json`,
    ]);
  });
});
