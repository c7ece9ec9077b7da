import { unwrap } from "@keyway/runtime";
import type { Handler } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { isKnownError, SignInError } from "../src/index.js";
import { clientAgainst, knownError, REFRESH_TOKEN } from "./setup.js";

// Stack Auth refuses the access token of a restricted user (an e-mail not yet verified, where the project requires
// it; restricted by an administrator) or of an anonymous one before it looks at the call, unless the request says
// `X-Stack-Allow-Anonymous-User: true` (or `X-Stack-Allow-Restricted-User`): 403 RESTRICTED_USER_NOT_ALLOWED, 401
// ANONYMOUS_AUTHENTICATION_NOT_ALLOWED (upstream's smart-request.tsx, parseAuth). A client without
// allowAnonymousUsers must not be left with such a session, nor unable to end it or to sign another user in.

/** An access token (unsigned: the client reads its claims without checking them, the server checks them). */
function accessToken(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "ES256", kid: "k" })}.${part({ refresh_token_id: "session-1", ...claims })}.c2ln`;
}

const RESTRICTED_TOKEN = accessToken({
  sub: "user-1",
  is_anonymous: false,
  is_restricted: true,
  restricted_reason: { type: "email_not_verified" },
});
const ANONYMOUS_TOKEN = accessToken({
  sub: "user-0",
  is_anonymous: true,
  is_restricted: true,
  restricted_reason: { type: "anonymous" },
});
const LET_IN_TOKEN = accessToken({ sub: "user-2", is_anonymous: false, is_restricted: false, restricted_reason: null });
const NEW_REFRESH_TOKEN = "newrefreshtokenmarker000000000000000000000000b";

/** Stack Auth as its request parsing answers a token, then the routes these tests call. */
function stackAuth({ signsIn = LET_IN_TOKEN } = {}): Handler {
  return (req, res) => {
    const token = String(req.headers["x-stack-access-token"] ?? "");
    const claims = token ? JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) : {};
    const allowAnonymous = req.headers["x-stack-allow-anonymous-user"] === "true";
    const allowRestricted = allowAnonymous || req.headers["x-stack-allow-restricted-user"] === "true";
    if (claims.is_anonymous && !allowAnonymous) return knownError(res, 401, "ANONYMOUS_AUTHENTICATION_NOT_ALLOWED");
    if (claims.is_restricted && !allowRestricted)
      return knownError(res, 403, "RESTRICTED_USER_NOT_ALLOWED", "restricted", {
        restricted_reason: claims.restricted_reason,
      });
    const json = (body: object) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url?.startsWith("/auth/password/sign")) {
      const userId = JSON.parse(Buffer.from(signsIn.split(".")[1]!, "base64url").toString()).sub;
      return json({ access_token: signsIn, refresh_token: NEW_REFRESH_TOKEN, user_id: userId });
    }
    if (req.url === "/users/me") return json({ id: claims.sub });
    return json({});
  };
}

const sentTokens = (requests: readonly { method?: string; url?: string; headers: Record<string, unknown> }[]) =>
  requests.map((r) => [`${r.method} ${r.url}`, r.headers["x-stack-access-token"] ?? "no token"]);

describe("signing in a restricted user", () => {
  const signUp = (stack: Awaited<ReturnType<typeof clientAgainst>>["stack"]) =>
    stack.signIn(
      stack.POST("/auth/password/sign-up", {
        body: { email: "ada@example.com", password: "correct horse battery" },
      }),
    );

  it("from a client without allowAnonymousUsers is a SignInError saying why and naming the option, the session kept", async () => {
    const { stack } = await clientAgainst(stackAuth({ signsIn: RESTRICTED_TOKEN }), { session: undefined });
    const error = await signUp(stack).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as Error).message).toBe(
      'Stack Auth signed in a restricted user (e-mail not verified), whose session it answers only with the "X-Stack-Allow-Anonymous-User" header: create the client with allowAnonymousUsers: true to keep such users; the session was left as it was',
    );
    expect(await stack.getSession()).toBeUndefined();
  });

  it("from a client with allowAnonymousUsers keeps the session, whose calls are answered", async () => {
    const { stack } = await clientAgainst(stackAuth({ signsIn: RESTRICTED_TOKEN }), {
      session: undefined,
      allowAnonymousUsers: true,
    });
    await signUp(stack);
    expect(await stack.getSession()).toEqual({ accessToken: RESTRICTED_TOKEN, refreshToken: NEW_REFRESH_TOKEN });
    expect((await stack.GET("/users/me")).data).toEqual({ id: "user-1" });
  });
});

describe.each([
  ["a restricted", RESTRICTED_TOKEN, 403, "RESTRICTED_USER_NOT_ALLOWED"],
  ["an anonymous", ANONYMOUS_TOKEN, 401, "ANONYMOUS_AUTHENTICATION_NOT_ALLOWED"],
] as const)("a stored session of %s user, on a client without allowAnonymousUsers", (_, token, status, code) => {
  const stored = { session: { accessToken: token, refreshToken: REFRESH_TOKEN } };

  it("signs another user in: the sign-in, which also goes without a user, is sent again without the token", async () => {
    const { stack, server } = await clientAgainst(stackAuth(), stored);
    await expect(
      stack.signIn(stack.POST("/auth/password/sign-in", { body: { email: "bo@example.com", password: "pw" } })),
    ).resolves.toMatchObject({ user_id: "user-2" });
    expect(sentTokens(server.requests)).toEqual([
      ["POST /auth/password/sign-in", token],
      ["POST /auth/password/sign-in", "no token"],
    ]);
    expect(await stack.getSession()).toEqual({ accessToken: LET_IN_TOKEN, refreshToken: NEW_REFRESH_TOKEN });
  });

  it("verifies a contact channel by its code, sent again without the token", async () => {
    const { stack, server } = await clientAgainst(stackAuth(), stored);
    const { response } = await stack.POST("/contact-channels/verify", { body: { code: "a".repeat(45) } });
    expect(response.status).toBe(200);
    expect(sentTokens(server.requests)).toEqual([
      ["POST /contact-channels/verify", token],
      ["POST /contact-channels/verify", "no token"],
    ]);
  });

  it("verifies a contact channel where the known-error header is hidden (CORS), its code in the body alone", async () => {
    const { stack, server } = await clientAgainst((req, res) => {
      if (!req.headers["x-stack-access-token"])
        return res.writeHead(200, { "content-type": "application/json" }).end("{}");
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ code, error: "refused" }));
    }, stored);
    const { response } = await stack.POST("/contact-channels/verify", { body: { code: "a".repeat(45) } });
    expect(response.status).toBe(200);
    expect(sentTokens(server.requests)).toEqual([
      ["POST /contact-channels/verify", token],
      ["POST /contact-channels/verify", "no token"],
    ]);
  });

  it(`fails a call that needs the user with ${code}, sent once, no refresh`, async () => {
    const { stack, server } = await clientAgainst(stackAuth(), stored);
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(isKnownError(error, code)).toBe(true);
    expect(error).toMatchObject({ status });
    expect(sentTokens(server.requests)).toEqual([["GET /users/me", token]]);
  });

  it("signs out: the session is ended at Stack Auth, not only forgotten", async () => {
    const { stack, server } = await clientAgainst(stackAuth(), stored);
    await expect(stack.signOut()).resolves.toBeUndefined();
    expect(await stack.getSession()).toBeUndefined();
    expect(server.requests.map((r) => [`${r.method} ${r.url}`, r.headers["x-stack-allow-anonymous-user"]])).toEqual([
      ["DELETE /auth/sessions/current", "true"],
    ]);
  });
});

describe("signing out with the Hexclave header names", () => {
  it("sends the allow header under its Hexclave name", async () => {
    const { stack, server } = await clientAgainst((_req, res) => res.writeHead(200).end("{}"), {
      headerFamily: "hexclave",
    });
    await stack.signOut();
    expect(server.requests[0]?.headers).toMatchObject({ "x-hexclave-allow-anonymous-user": "true" });
    expect(server.requests[0]?.headers).not.toHaveProperty("x-stack-allow-anonymous-user");
  });
});
