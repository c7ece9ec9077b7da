import { MissingCredentialError } from "@keyway/runtime";
import type { Handler } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { SignedOutError } from "../src/index.js";
import { ACCESS_TOKEN, REFRESH_TOKEN, clientAgainst, knownError } from "./setup.js";

// What SignedOutError's documentation promises a caller: the call whose refresh Stack Auth refused fails signed out,
// the session is cleared, and the next call that needs the user fails before it is sent, naming the session option.

describe("after Stack Auth refused the session's refresh token", () => {
  it("the refused call is a SignedOutError, then a call needing the user a MissingCredentialError, unsent", async () => {
    const { stack, server } = await clientAgainst((req, res) =>
      req.url === "/auth/sessions/current/refresh"
        ? knownError(res, 401, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED")
        : knownError(res, 401, "ACCESS_TOKEN_EXPIRED"),
    );
    await expect(stack.GET("/users/me")).rejects.toBeInstanceOf(SignedOutError);
    expect(await stack.getSession()).toBeUndefined();

    const next = await stack.GET("/users/me").catch((error: unknown) => error);
    expect(next).toBeInstanceOf(MissingCredentialError);
    // It names the access token alone (the publishable key is not what is missing) and says to sign in.
    expect((next as Error).message).toBe(
      'getCurrentUser needs "X-Stack-Access-Token" (the session.accessToken option of createStackAuthClient), but the ' +
        "session holds no access token: no user is signed in (sign in with signIn(…), or give the client a session)",
    );
    expect(server.requests.map((r) => r.url)).toEqual(["/users/me", "/auth/sessions/current/refresh"]);
  });

  it("without a publishable key, a call needing the user names the access token alone after signOut", async () => {
    const { stack, server } = await clientAgainst(
      (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
      {
        publishableClientKey: undefined,
      },
    );
    await stack.signOut();
    const next = await stack.GET("/users/me").catch((error: unknown) => error);
    expect(next).toMatchObject({ name: "MissingCredentialError", headers: ["X-Stack-Access-Token"] });
    expect((next as Error).message).toContain("but the session holds no access token: no user is signed in");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /auth/sessions/current"]);
  });

  it("describing a team invitation code needs the user (Stack Auth answers USER_AUTHENTICATION_REQUIRED): unsent without one", async () => {
    const { stack, server } = await clientAgainst(undefined, { session: undefined });
    const call = stack.POST("/team-invitations/accept/details", { body: { code: "m4becudm22zqevl7tlwu6nvczrsp2" } });
    await expect(call).rejects.toMatchObject({ name: "MissingCredentialError", headers: ["X-Stack-Access-Token"] });
    await expect(call).rejects.toThrow("no user is signed in");
    expect(server.requests).toEqual([]);
  });

  describe("a sign-in, which also goes without a user, signs in all the same", () => {
    const NEW_ACCESS_TOKEN = "eyJ.MARKER_access_token_new.sig";
    const NEW_REFRESH_TOKEN = "newrefreshtokenmarker000000000000000000000000b";
    /** Stack Auth as it answers when the session's refresh token was revoked: it checks any access token it is sent. */
    const revokedSession: Handler = (req, res) => {
      if (req.url === "/auth/sessions/current/refresh")
        return knownError(res, 401, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED");
      if (req.headers["x-stack-access-token"]) return knownError(res, 401, "ACCESS_TOKEN_EXPIRED");
      const body = { access_token: NEW_ACCESS_TOKEN, refresh_token: NEW_REFRESH_TOKEN, user_id: "user-2" };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const signIn = (stack: Awaited<ReturnType<typeof clientAgainst>>["stack"]) =>
      stack.signIn(
        stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "correct horse" } }),
      );

    it("sent with the ended session's access token, it is sent again without it once the refresh is refused", async () => {
      const { stack, server } = await clientAgainst(revokedSession);
      await expect(signIn(stack)).resolves.toMatchObject({ user_id: "user-2" });
      expect(server.requests.map((r) => [r.url, r.headers["x-stack-access-token"]])).toEqual([
        ["/auth/password/sign-in", ACCESS_TOKEN],
        ["/auth/sessions/current/refresh", undefined],
        ["/auth/password/sign-in", undefined],
      ]);
      expect(await stack.getSession()).toEqual({ accessToken: NEW_ACCESS_TOKEN, refreshToken: NEW_REFRESH_TOKEN });
    });

    it("with a session stored with its refresh token alone, it is sent without a user once the refresh is refused", async () => {
      const { stack, server } = await clientAgainst(revokedSession, { session: { refreshToken: REFRESH_TOKEN } });
      await expect(signIn(stack)).resolves.toMatchObject({ user_id: "user-2" });
      expect(server.requests.map((r) => [r.url, r.headers["x-stack-access-token"]])).toEqual([
        ["/auth/sessions/current/refresh", undefined],
        ["/auth/password/sign-in", undefined],
      ]);
      expect(await stack.getSession()).toEqual({ accessToken: NEW_ACCESS_TOKEN, refreshToken: NEW_REFRESH_TOKEN });
    });

    it("a call that needs the user still fails signed out, unsent again", async () => {
      const { stack, server } = await clientAgainst(revokedSession, { session: { refreshToken: REFRESH_TOKEN } });
      await expect(stack.GET("/users/me")).rejects.toBeInstanceOf(SignedOutError);
      expect(server.requests.map((r) => r.url)).toEqual(["/auth/sessions/current/refresh"]);
    });
  });
});
