import { inspect } from "node:util";
import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  RequestTimeoutError,
  SessionRefreshError,
  SignedOutError,
  isKnownError,
  unwrap,
} from "../src/index.js";
import { ACCESS_TOKEN, REFRESH_TOKEN, clientAgainst, knownError } from "./setup.js";

const NEW_TOKEN = "eyJ.fresh_access_token.sig";
const ME = { id: "3f0e2b1c-0000-4000-8000-000000000001", display_name: "Ada" };

/** A backend whose old access token has expired; refresh answers after a short delay so calls pile up. */
function expiringBackend(refreshWorks: boolean) {
  return (
    req: { url: string; method: string; headers: Record<string, string> },
    res: import("node:http").ServerResponse,
  ) => {
    if (req.url === "/auth/sessions/current/refresh") {
      setTimeout(() => {
        if (!refreshWorks)
          return knownError(
            res,
            401,
            "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
            "Refresh token not found for this project, or the session has expired/been revoked.",
          );
        sendJson(res, 200, { access_token: NEW_TOKEN });
      }, 20);
      return;
    }
    if (req.headers["x-stack-access-token"] !== NEW_TOKEN) {
      return knownError(
        res,
        401,
        "ACCESS_TOKEN_EXPIRED",
        "Access token has expired. Please refresh it and try again.",
        {
          expired_at_millis: 1735689600000,
          project_id: null,
          user_id: null,
          refresh_token_id: null,
        },
      );
    }
    sendJson(res, 200, ME);
  };
}

describe("sessions refresh themselves", () => {
  it("50 concurrent calls with an expired token: exactly 1 refresh call and 50 successful replays", async () => {
    const { stack, server } = await clientAgainst(expiringBackend(true));
    const results = await Promise.all(Array.from({ length: 50 }, () => unwrap(stack.GET("/users/me"))));
    expect(results).toEqual(Array(50).fill(ME));
    const refreshes = server.requests.filter((r) => r.url === "/auth/sessions/current/refresh");
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.method).toBe("POST");
    expect(refreshes[0]!.headers["x-stack-refresh-token"]).toBe(REFRESH_TOKEN);
    expect(refreshes[0]!.headers).not.toHaveProperty("x-stack-access-token");
    const calls = server.requests.filter((r) => r.url === "/users/me");
    expect(calls.filter((r) => r.headers["x-stack-access-token"] === ACCESS_TOKEN)).toHaveLength(50);
    expect(calls.filter((r) => r.headers["x-stack-access-token"] === NEW_TOKEN)).toHaveLength(50);
    expect((await stack.getSession())?.accessToken).toBe(NEW_TOKEN);
  });

  it("an expired token refreshes when the known-error header is hidden (CORS), read from the 401's body", async () => {
    const { stack, server } = await clientAgainst((req, res) => {
      if (req.url === "/auth/sessions/current/refresh") return sendJson(res, 200, { access_token: NEW_TOKEN });
      if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, ME);
      sendJson(res, 401, { code: "ACCESS_TOKEN_EXPIRED", error: "Access token has expired." });
    });
    expect(await unwrap(stack.GET("/users/me"))).toEqual(ME);
    expect(server.requests.map((r) => r.url)).toEqual(["/users/me", "/auth/sessions/current/refresh", "/users/me"]);
  });

  it("a 401 whose body is no known error, or too large to be one, is answered without a refresh", async () => {
    const { stack, server } = await clientAgainst((req, res) =>
      req.url === "/users/me"
        ? sendJson(res, 401, { detail: "nope", padding: "x".repeat(100_000), code: "ACCESS_TOKEN_EXPIRED" })
        : sendJson(res, 401, { detail: "nope" }),
    );
    const { error, response } = await stack.GET("/users/me");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ detail: "nope" });
    expect(server.requests.map((r) => r.url)).toEqual(["/users/me"]);
  });

  it("a failed refresh: 50 signed-out errors, 1 refresh call, no further requests, and the session is cleared", async () => {
    const { stack, server } = await clientAgainst(expiringBackend(false));
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => stack.GET("/users/me")));
    expect(outcomes.every((o) => o.status === "rejected" && o.reason instanceof SignedOutError)).toBe(true);
    expect(server.requests.filter((r) => r.url === "/auth/sessions/current/refresh")).toHaveLength(1);
    expect(server.requests.filter((r) => r.url === "/users/me")).toHaveLength(50);
    expect(await stack.getSession()).toBeUndefined();

    const countBefore = server.requests.length;
    await expect(stack.GET("/users/me")).rejects.toThrow(/needs "X-Stack-Access-Token"/);
    expect(server.requests).toHaveLength(countBefore);
  });

  it("replays only once: a token rejected again after a refresh is returned as the typed error, not looped", async () => {
    const { stack, server } = await clientAgainst((req, res) => {
      if (req.url === "/auth/sessions/current/refresh") return sendJson(res, 200, { access_token: NEW_TOKEN });
      knownError(res, 401, "UNPARSABLE_ACCESS_TOKEN", "Access token is not a valid JWT.");
    });
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(isKnownError(error, "UNPARSABLE_ACCESS_TOKEN")).toBe(true);
    expect(server.requests.map((r) => r.url)).toEqual(["/users/me", "/auth/sessions/current/refresh", "/users/me"]);
  });

  it("never retries or refreshes other known errors", async () => {
    const { stack, server } = await clientAgainst((_req, res) =>
      knownError(res, 503, "OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE", "The OAuth provider is temporarily unavailable."),
    );
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(isKnownError(error, "OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE")).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("never retries a known error, even one whose response says x-should-retry: true", async () => {
    const { stack, server } = await clientAgainst((_req, res) => {
      res.setHeader("x-should-retry", "true");
      knownError(res, 404, "USER_NOT_FOUND", "User not found.");
    });
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(isKnownError(error, "USER_NOT_FOUND")).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("a sign-in response becomes the session in one call, and signing out clears it", async () => {
    const { stack, server } = await clientAgainst(
      (req, res) => {
        if (req.url === "/auth/password/sign-in")
          return sendJson(res, 200, {
            access_token: "eyJ.signed_in.sig",
            refresh_token: "r".repeat(45),
            user_id: ME.id,
          });
        if (req.url === "/auth/sessions/current") return sendJson(res, 200, { success: true });
        sendJson(res, 200, ME);
      },
      { session: undefined },
    );
    expect(await stack.getSession()).toBeUndefined();
    const signedIn = await stack.signIn(
      stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "correct horse" } }),
    );
    expect(signedIn.user_id).toBe(ME.id);
    expect(await stack.getSession()).toEqual({ accessToken: "eyJ.signed_in.sig", refreshToken: "r".repeat(45) });
    await stack.GET("/users/me");
    expect(server.requests[1]!.headers["x-stack-access-token"]).toBe("eyJ.signed_in.sig");
    await stack.signOut();
    expect(server.requests[2]).toMatchObject({ method: "DELETE", url: "/auth/sessions/current" });
    expect(await stack.getSession()).toBeUndefined();
  });

  it("a session stored with its refresh token only fetches an access token first, once for concurrent calls", async () => {
    const { stack, server } = await clientAgainst(expiringBackend(true), { session: { refreshToken: REFRESH_TOKEN } });
    expect(await Promise.all([unwrap(stack.GET("/users/me")), unwrap(stack.GET("/users/me"))])).toEqual([ME, ME]);
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.headers["x-stack-access-token"] ?? "-"}`)).toEqual([
      "POST /auth/sessions/current/refresh -",
      `GET /users/me ${NEW_TOKEN}`,
      `GET /users/me ${NEW_TOKEN}`,
    ]);
    expect(await stack.getSession()).toEqual({ accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN });
  });

  it("a SessionStore answering asynchronously with a refresh token only is refreshed first, and stores the new token", async () => {
    let tokens: { accessToken?: string; refreshToken: string } | undefined = { refreshToken: REFRESH_TOKEN };
    const store = { get: async () => tokens, set: async (next: typeof tokens) => void (tokens = next) };
    const { stack, server } = await clientAgainst(expiringBackend(true), { session: store });
    expect(await unwrap(stack.GET("/users/me"))).toEqual(ME);
    expect(server.requests.map((r) => r.url)).toEqual(["/auth/sessions/current/refresh", "/users/me"]);
    expect(tokens).toEqual({ accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN });
  });

  it("a session stored with a refused refresh token only: the call fails signed out, before it is sent", async () => {
    const { stack, server } = await clientAgainst(expiringBackend(false), { session: { refreshToken: REFRESH_TOKEN } });
    await expect(stack.GET("/users/me")).rejects.toBeInstanceOf(SignedOutError);
    expect(server.requests.map((r) => r.url)).toEqual(["/auth/sessions/current/refresh"]);
    expect(await stack.getSession()).toBeUndefined();
  });

  it("signing out of a session Stack Auth already ended (REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED) succeeds and clears it", async () => {
    const { stack, server } = await clientAgainst((_req, res) =>
      knownError(res, 401, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", "Refresh token not found for this project."),
    );
    await expect(stack.signOut()).resolves.toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /auth/sessions/current"]);
    expect(await stack.getSession()).toBeUndefined();
  });

  it("signing out of a session stored with its refresh token only ends it at Stack Auth with a fetched access token", async () => {
    const { stack, server } = await clientAgainst(
      (req, res) =>
        req.url === "/auth/sessions/current/refresh"
          ? sendJson(res, 200, { access_token: NEW_TOKEN })
          : sendJson(res, 200, { success: true }),
      { session: { refreshToken: REFRESH_TOKEN } },
    );
    await stack.signOut();
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.headers["x-stack-access-token"] ?? "-"}`)).toEqual([
      "POST /auth/sessions/current/refresh -",
      `DELETE /auth/sessions/current ${NEW_TOKEN}`,
    ]);
    expect(await stack.getSession()).toBeUndefined();
  });

  it("a refresh answer whose access token holds a line break is a SessionRefreshError, never quoting it, the session kept", async () => {
    const hostile = "eyJ.MARKER_hostile_token.sig\r\nX-Injected: yes";
    const { stack, server } = await clientAgainst((req, res) =>
      req.url === "/auth/sessions/current/refresh"
        ? sendJson(res, 200, { access_token: hostile })
        : knownError(res, 401, "ACCESS_TOKEN_EXPIRED", "Access token has expired."),
    );
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionRefreshError);
    expect((error as Error).message).toBe(
      "Stack Auth's refresh answer's access_token cannot be sent as X-Stack-Access-Token (it contains a line break (CR or LF)); the session was left as it was",
    );
    expect(inspect(error, { depth: 10 })).not.toContain("MARKER_hostile_token");
    expect(await stack.getSession()).toEqual({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN });
    expect(server.requests.map((r) => r.headers)).not.toContainEqual(expect.objectContaining({ "x-injected": "yes" }));
  });

  it("a failed sign-in throws its typed error and stores nothing", async () => {
    const { stack } = await clientAgainst(
      (_req, res) => knownError(res, 400, "EMAIL_PASSWORD_MISMATCH", "Wrong e-mail or password."),
      { session: undefined },
    );
    const error = await stack
      .signIn(stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "nope" } }))
      .catch((e: unknown) => e);
    expect(isKnownError(error, "EMAIL_PASSWORD_MISMATCH")).toBe(true);
    expect(await stack.getSession()).toBeUndefined();
  });

  it("uses a pluggable store, read on every request", async () => {
    let tokens: { accessToken?: string; refreshToken: string } | undefined = {
      accessToken: NEW_TOKEN,
      refreshToken: REFRESH_TOKEN,
    };
    const store = { get: async () => tokens, set: async (next: typeof tokens) => void (tokens = next) };
    const { stack, server } = await clientAgainst(expiringBackend(true), { session: store });
    await unwrap(stack.GET("/users/me"));
    expect(server.requests[0]!.headers["x-stack-access-token"]).toBe(NEW_TOKEN);
  });

  it("a store that never answers fails the call with RequestTimeoutError after the client's timeout, whether read or written", async () => {
    const stuck = new Promise<never>(() => {});
    const unread = await clientAgainst(expiringBackend(true), {
      session: { get: () => stuck, set: async () => {} },
      timeout: 200,
    });
    await expect(unread.stack.GET("/users/me")).rejects.toThrow(
      new RequestTimeoutError({
        method: "GET",
        url: `${unread.server.url}/users/me`,
        attempts: 0,
        timeoutMs: 200,
        waitingFor: "its credentials",
      }),
    );
    expect(unread.server.requests).toHaveLength(0);

    let tokens = { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN };
    const unwritten = await clientAgainst(expiringBackend(true), {
      session: { get: async () => tokens, set: () => stuck },
      timeout: 1_000, // it bounds the first attempt and the refresh too: long enough for a busy machine
    });
    const error = await unwritten.stack.GET("/users/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toBe(
      `GET ${unwritten.server.url}/users/me timed out after 1000 ms waiting for new credentials (1 attempt)`,
    );
    expect(unwritten.server.requests.map((r) => r.url)).toEqual(["/users/me", "/auth/sessions/current/refresh"]);
  });

  it("a call's own timeout bounds its waits for the session, over the client's, for that call only", async () => {
    const stuck = new Promise<never>(() => {});
    const tokens = { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN };
    let reads = 0;
    const { stack, server } = await clientAgainst(expiringBackend(true), {
      // Read once by the first call, then stuck; written never.
      session: { get: () => (reads++ === 0 ? Promise.resolve(tokens) : stuck), set: () => stuck },
    });
    const unwritten = await stack.GET("/users/me", { timeout: 1_000 }).catch((e: unknown) => e);
    expect(unwritten).toBeInstanceOf(RequestTimeoutError);
    expect((unwritten as Error).message).toBe(
      `GET ${server.url}/users/me timed out after 1000 ms waiting for new credentials (1 attempt)`,
    );
    const unread = await stack.GET("/users/me", { timeout: 150, maxRetries: 0 }).catch((e: unknown) => e);
    expect((unread as Error).message).toBe(
      `GET ${server.url}/users/me timed out after 150 ms waiting for its credentials; nothing was sent`,
    );
  });
});

/** What a user sees of an error: none of `tokens`, and `[REDACTED]` where the server quoted them. */
function expectRedacted(error: unknown, tokens: readonly string[]) {
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.message).toContain("[REDACTED]");
  expect(JSON.stringify(apiError.body)).toContain("[REDACTED]");
  for (const shown of [apiError.message, JSON.stringify(apiError.body), String(apiError), inspect(apiError)]) {
    for (const token of tokens) expect(shown).not.toContain(token);
  }
}

describe("session tokens never show in errors", () => {
  it("a replay after a refresh whose 400 echoes the new access token shows [REDACTED], not the token", async () => {
    const { stack, server } = await clientAgainst((req, res) => {
      if (req.url === "/auth/sessions/current/refresh") return sendJson(res, 200, { access_token: NEW_TOKEN });
      if (req.headers["x-stack-access-token"] === ACCESS_TOKEN)
        return knownError(res, 401, "ACCESS_TOKEN_EXPIRED", "Access token has expired.");
      sendJson(res, 400, { message: "bad request", received_token: req.headers["x-stack-access-token"] });
    });
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(server.requests.map((r) => r.url)).toEqual(["/users/me", "/auth/sessions/current/refresh", "/users/me"]);
    expect(server.requests[2]!.headers["x-stack-access-token"]).toBe(NEW_TOKEN);
    expect((error as ApiError).body).toEqual({ message: "bad request", received_token: "[REDACTED]" });
    expectRedacted(error, [NEW_TOKEN, ACCESS_TOKEN, REFRESH_TOKEN]);
  });

  it("the initial tokens are redacted once sent: the access token on a call, the refresh token on the refresh", async () => {
    let expired = false;
    const { stack } = await clientAgainst((req, res) => {
      if (req.url === "/auth/sessions/current/refresh")
        return sendJson(res, 400, { message: "no", received: req.headers["x-stack-refresh-token"] });
      if (expired) return knownError(res, 401, "ACCESS_TOKEN_EXPIRED", "Access token has expired.");
      sendJson(res, 400, { message: "no", received: req.headers["x-stack-access-token"] });
    });
    expectRedacted(await unwrap(stack.GET("/users/me")).catch((e: unknown) => e), [ACCESS_TOKEN]);
    expired = true;
    // The refresh's own failure is what the call that needed it throws.
    expectRedacted(await unwrap(stack.GET("/users/me")).catch((e: unknown) => e), [REFRESH_TOKEN]);
  });

  it("tokens read from a SessionStore are redacted once sent", async () => {
    const store = { get: async () => ({ accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN }), set: async () => {} };
    const { stack } = await clientAgainst(
      (req, res) => sendJson(res, 400, { message: "no", received: req.headers["x-stack-access-token"] }),
      { session: store },
    );
    expectRedacted(await unwrap(stack.GET("/users/me")).catch((e: unknown) => e), [NEW_TOKEN]);
  });

  it.each([
    ["given as tokens", { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN }],
    [
      "read from a SessionStore",
      { get: async () => ({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN }), set: async () => {} },
    ],
  ])(
    "the session's refresh token (%s) is redacted where a call that did not send it meets it in an answer",
    async (_, session) => {
      const { stack, server } = await clientAgainst(
        (_req, res) =>
          res
            .writeHead(400, { "content-type": "application/json", location: `/moved/${REFRESH_TOKEN}` })
            .end(JSON.stringify({ message: "no", cached: REFRESH_TOKEN })),
        { session },
      );
      const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
      expect(server.requests[0]!.headers["x-stack-refresh-token"]).toBeUndefined();
      expectRedacted(error, [REFRESH_TOKEN]);
      expect((error as ApiError).headers.location).toBe("/moved/[REDACTED]");
    },
  );
});
