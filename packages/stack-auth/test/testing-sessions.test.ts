import { describe, expect, it } from "vitest";
import { createStackAuthClient, isKnownError, SignedOutError, SignInError, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";

function clientOf(
  fake: ReturnType<typeof createStackAuthFake>,
  session?: { accessToken: string; refreshToken: string },
) {
  return createStackAuthClient({ projectId: PROJECT_ID, session, fetch: fake.fetch, maxRetries: 0 });
}

const signIn = (stack: ReturnType<typeof clientOf>) =>
  stack.signIn(stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "pw" } }));

describe("the Stack Auth fake's sessions", () => {
  it("expires access tokens after reset(), for a client built once with fake.sessions.create() (the README's pattern)", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = clientOf(fake, fake.sessions.create());
    for (const _test of ["first test", "a later test"]) {
      fake.sessions.expireAccessTokens();
      await unwrap(stack.GET("/users/me"));
      expect(fake.sessions.refreshes).toBe(1);
      expect(fake.calls("GET /users/me").map((call) => call.status)).toEqual([401, 200]);
      fake.reset();
    }
  });

  it("accepts again after reset() the tokens a test expired or revoked", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = clientOf(fake, fake.sessions.create());
    fake.sessions.expireAccessTokens();
    fake.sessions.revokeRefreshTokens();
    fake.reset();
    await unwrap(stack.GET("/users/me"));
    expect(fake.sessions.refreshes).toBe(0);
  });

  it("refuses an access token it never issued with UNPARSABLE_ACCESS_TOKEN, and a refresh token it never issued", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = clientOf(fake, { accessToken: "made-up-access-token", refreshToken: "made-up-refresh-token" });
    await expect(unwrap(stack.GET("/users/me"))).rejects.toBeInstanceOf(SignedOutError);
    expect(fake.calls("GET /users/me").map((call) => call.status)).toEqual([401]);
    expect(fake.calls("POST /auth/sessions/current/refresh").map((call) => call.status)).toEqual([401]);
    expect(await stack.getSession()).toBeUndefined();
  });

  it("answers a made-up access token as Stack Auth does, so a client with an issued refresh token recovers", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const issued = fake.sessions.create();
    const response = await fake.fetch("https://api.stack-auth.com/api/v1/users/me", {
      headers: {
        "x-stack-access-type": "client",
        "x-stack-project-id": PROJECT_ID,
        "x-stack-access-token": "made-up-access-token",
      },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("x-stack-known-error")).toBe("UNPARSABLE_ACCESS_TOKEN");
    expect((await response.json()).code).toBe("UNPARSABLE_ACCESS_TOKEN");

    const stack = clientOf(fake, { accessToken: "made-up-access-token", refreshToken: issued.refreshToken });
    await unwrap(stack.GET("/users/me"));
    expect(fake.sessions.refreshes).toBe(1);
  });

  it("revokes only the refresh tokens issued before revokeRefreshTokens(): a new sign-in's session refreshes", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = clientOf(fake, fake.sessions.create());
    fake.sessions.revokeRefreshTokens();
    await signIn(stack);
    fake.sessions.expireAccessTokens();
    await unwrap(stack.GET("/users/me"));
    expect(fake.sessions.refreshes).toBe(1);
  });

  it("keeps a revoked refresh token refused after a new sign-in", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const old = clientOf(fake, fake.sessions.create());
    fake.sessions.revokeRefreshTokens();
    await signIn(clientOf(fake));
    fake.sessions.expireAccessTokens();
    await expect(unwrap(old.GET("/users/me"))).rejects.toSatisfy(
      (error) => error instanceof SignedOutError && isKnownError(error.cause, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED"),
    );
  });
});

describe("the Stack Auth fake's sign-out", () => {
  const refresh = (fake: ReturnType<typeof createStackAuthFake>, refreshToken: string) =>
    fake.fetch("https://api.stack-auth.com/api/v1/auth/sessions/current/refresh", {
      method: "POST",
      headers: {
        "x-stack-access-type": "client",
        "x-stack-project-id": PROJECT_ID,
        "x-stack-refresh-token": refreshToken,
      },
    });

  it("deletes the session's refresh token, as Stack Auth does, and no other session's", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const signedOut = fake.sessions.create();
    const other = fake.sessions.create();
    await clientOf(fake, signedOut).signOut();
    expect(fake.calls("DELETE /auth/sessions/current").map((call) => call.status)).toEqual([200]);
    const answer = await refresh(fake, signedOut.refreshToken);
    expect([answer.status, answer.headers.get("x-stack-known-error")]).toEqual([
      401,
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
    ]);
    expect((await refresh(fake, other.refreshToken)).status).toBe(200);
  });

  it("answers a session already ended with REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED, its access token still valid", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const session = fake.sessions.create();
    fake.sessions.revokeRefreshTokens();
    const { response } = await clientOf(fake, session).DELETE("/auth/sessions/current");
    expect([response.status, response.headers.get("x-stack-known-error")]).toEqual([
      401,
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
    ]);
  });
});

describe("the Stack Auth fake's anonymous users", () => {
  it("refuses an anonymous user's token without X-Stack-Allow-Anonymous-User with ANONYMOUS_AUTHENTICATION_NOT_ALLOWED, as Stack Auth does", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const allowing = createStackAuthClient({ projectId: PROJECT_ID, allowAnonymousUsers: true, fetch: fake.fetch });
    const { access_token, refresh_token } = await allowing.signIn(allowing.POST("/auth/anonymous/sign-up"));
    const stack = clientOf(fake, { accessToken: access_token, refreshToken: refresh_token });
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(isKnownError(error, "ANONYMOUS_AUTHENTICATION_NOT_ALLOWED")).toBe(true);
    expect((error as { status: number }).status).toBe(401);
    expect(fake.sessions.refreshes).toBe(0);

    expect((await allowing.GET("/users/me")).response.status).toBe(200);
    fake.sessions.expireAccessTokens();
    expect((await allowing.GET("/users/me")).response.status).toBe(200);
    expect((await stack.GET("/users/me")).response.status).toBe(401);
  });
});

describe("signing in an anonymous user", () => {
  it("from a client without allowAnonymousUsers is a SignInError naming the option, the earlier session kept", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const earlier = fake.sessions.create();
    const stack = clientOf(fake, earlier);
    const error = await stack.signIn(stack.POST("/auth/anonymous/sign-up")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as Error).message).toBe(
      `Stack Auth signed in an anonymous user, whose session it answers only with the "X-Stack-Allow-Anonymous-User" header: create the client with allowAnonymousUsers: true to keep such users; the session was left as it was`,
    );
    expect(await stack.getSession()).toEqual({ accessToken: earlier.accessToken, refreshToken: earlier.refreshToken });
    // Nothing stuck: the user's calls and a later sign-in go on with the session the client had.
    expect((await stack.GET("/users/me")).response.status).toBe(200);
  });

  it("from a client with allowAnonymousUsers keeps the session, whose calls are answered", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = createStackAuthClient({ projectId: PROJECT_ID, allowAnonymousUsers: true, fetch: fake.fetch });
    const { access_token } = await stack.signIn(stack.POST("/auth/anonymous/sign-up"));
    expect((await stack.getSession())?.accessToken).toBe(access_token);
    expect((await stack.GET("/users/me")).response.status).toBe(200);
  });
});
