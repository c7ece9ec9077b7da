import { sendJson, type Handler } from "@keyway/test-server";
import { createStackAuthClient, SessionRefreshError, SignInError } from "@keyway/stack-auth";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN, PROJECT_ID, REFRESH_TOKEN, server } from "./network.js";

// A refresh or sign-in answer whose token keyway could store but never use: one no server takes in a header (longer
// than the 16 KiB of all the request headers Node accepts), or, for a refresh, the very token Stack Auth just refused.
// Stored, every later call would be refused with it, and never refreshed again: the session would be stuck until the
// user signs out.

const NEW_TOKEN = "eyJ.MARKER_refreshed_access.sig";
const ME = { id: "u1", display_name: "Ada" };
const REFRESH_PATH = "/auth/sessions/current/refresh";
const MAX_TOKEN_LENGTH = 16 * 1024;

/** Stack Auth whose old access token has expired, its refresh answering `answer()` at the time. */
function expiringBackend(answer: () => unknown): Handler {
  return (req, res) => {
    if (req.url === REFRESH_PATH) return sendJson(res, 200, answer());
    if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, ME);
    res
      .writeHead(401, { "content-type": "application/json", "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" })
      .end(JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" }));
  };
}

const refreshesOf = (requests: readonly { url: string }[]) => requests.filter((r) => r.url === REFRESH_PATH).length;
const sentTokens = (requests: readonly { url: string; headers: Record<string, unknown> }[]) =>
  requests.filter((r) => r.url === "/users/me").map((r) => r.headers["x-stack-access-token"]);

describe("a refresh answer with a token no server takes is a SessionRefreshError, the session kept and refreshable", () => {
  it("an access_token longer than a Stack Auth token can be (property over its length)", async () => {
    let answer: unknown;
    const api = await server(expiringBackend(() => answer));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_TOKEN_LENGTH + 1, max: 256 * 1024 }), async (length) => {
        api.requests.length = 0;
        answer = { access_token: `eyJ.${"a".repeat(length - 8)}.sig` };
        const stack = createStackAuthClient({
          projectId: PROJECT_ID,
          baseUrl: api.url,
          session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
          maxRetries: 0,
        });
        const error = await stack.GET("/users/me").then(
          (result) => result,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(SessionRefreshError);
        expect((error as Error).message).toBe(
          `Stack Auth's refresh answer's access_token is ${length} characters long, more than the ${MAX_TOKEN_LENGTH} a Stack Auth token can have; the session was left as it was`,
        );
        expect(sentTokens(api.requests)).toEqual([ACCESS_TOKEN]); // never sent, never replayed
        expect(await stack.getSession()).toEqual({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN });

        answer = { access_token: NEW_TOKEN }; // the next call refreshes again
        expect((await stack.GET("/users/me")).data).toEqual(ME);
        expect(refreshesOf(api.requests)).toBe(2);
      }),
      { numRuns: 8 },
    );
  });

  it("the very access token it was asked to replace: each call refreshes once, never stuck on the refused token", async () => {
    let answer: unknown = { access_token: ACCESS_TOKEN };
    const api = await server(expiringBackend(() => answer));
    const stack = createStackAuthClient({
      projectId: PROJECT_ID,
      baseUrl: api.url,
      session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
      maxRetries: 0,
    });
    for (const _ of [1, 2]) {
      const error = await stack.GET("/users/me").then(
        (result) => result,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(SessionRefreshError);
      expect((error as Error).message).toBe(
        "Stack Auth's refresh answer has the very access_token it was asked to replace; the session was left as it was",
      );
    }
    expect(refreshesOf(api.requests)).toBe(2);
    expect(sentTokens(api.requests)).toEqual([ACCESS_TOKEN, ACCESS_TOKEN]); // no pointless replay

    answer = { access_token: NEW_TOKEN };
    expect((await stack.GET("/users/me")).data).toEqual(ME);
    expect(await stack.getSession()).toEqual({ accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN });
  });
});

describe("a sign-in answer with a token no server takes is a SignInError, nothing stored", () => {
  it.each(["access_token", "refresh_token"])("its %s longer than a Stack Auth token can be", async (field) => {
    const tokens = { access_token: NEW_TOKEN, refresh_token: REFRESH_TOKEN, [field]: "t".repeat(MAX_TOKEN_LENGTH + 1) };
    const api = await server((_req, res) => sendJson(res, 200, { ...tokens, user_id: "u1", is_new_user: false }));
    const stack = createStackAuthClient({ projectId: PROJECT_ID, baseUrl: api.url, maxRetries: 0 });
    const error = await stack
      .signIn(stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "correct horse" } }))
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as Error).message).toBe(
      `Stack Auth's sign-in answer's ${field} is ${MAX_TOKEN_LENGTH + 1} characters long, more than the ${MAX_TOKEN_LENGTH} a Stack Auth token can have; the session was left as it was`,
    );
    expect(await stack.getSession()).toBeUndefined();
  });
});
