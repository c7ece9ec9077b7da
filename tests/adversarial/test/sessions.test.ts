import { sendJson, type Handler } from "@keyway/test-server";
import {
  createStackAuthClient,
  createStackAuthServerClient,
  SessionRefreshError,
  type SessionStore,
  type SessionTokens,
} from "@keyway/stack-auth";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN, PROJECT_ID, REFRESH_TOKEN, SECRET_SERVER_KEY, pause, server } from "./network.js";

const NEW_TOKEN = "eyJ.MARKER_refreshed_access.sig";
const ME = { id: "u1", display_name: "Ada" };

/** Stack Auth whose old access token has expired; the refresh answers `refreshAnswer` after `refreshDelayMs`. */
function expiringBackend(refreshAnswer: unknown = { access_token: NEW_TOKEN }, refreshDelayMs = 20): Handler {
  return (req, res) => {
    if (req.url === "/auth/sessions/current/refresh")
      return void setTimeout(() => sendJson(res, 200, refreshAnswer), refreshDelayMs);
    if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, ME);
    res
      .writeHead(401, { "content-type": "application/json", "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" })
      .end(JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" }));
  };
}

/** A remote key-value store: every read and write takes `delayMs`. */
function slowStore(initial: SessionTokens, delayMs: number): SessionStore & { writes: number } {
  let tokens: SessionTokens | undefined = initial;
  return {
    writes: 0,
    async get() {
      const snapshot = tokens;
      await pause(delayMs);
      return snapshot;
    },
    async set(next) {
      await pause(delayMs);
      tokens = next;
      this.writes++;
    },
  };
}

const refreshesOf = (requests: { url: string }[]) =>
  requests.filter((r) => r.url === "/auth/sessions/current/refresh").length;
const initialSession = () => ({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN });

describe("sessions refresh once per session, not per client object", () => {
  it("50 concurrent callers across withOptions copies: one refresh, 50 answers", async () => {
    const api = await server(expiringBackend());
    const stack = createStackAuthClient({ projectId: PROJECT_ID, baseUrl: api.url, session: initialSession() });
    const copies = [stack, stack.withOptions({ timeout: 30_000 }), stack.withOptions({ maxRetries: 0 })];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => copies[i % copies.length]!.GET("/users/me")),
    );
    expect(results.map((r) => r.data)).toEqual(Array(50).fill(ME));
    expect(refreshesOf(api.requests)).toBe(1);
  });

  it("two clients (client and server access) built on one store share one refresh", async () => {
    const api = await server(expiringBackend());
    const store = slowStore(initialSession(), 0);
    const client = createStackAuthClient({ projectId: PROJECT_ID, baseUrl: api.url, session: store });
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: api.url,
      session: store,
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? client.GET("/users/me") : admin.GET("/users/me"))),
    );
    expect(results.map((r) => r.data)).toEqual(Array(20).fill(ME));
    expect(refreshesOf(api.requests)).toBe(1);
  });

  it("a slow store (reads and writes take 30 ms, longer than the refresh) never causes a second refresh of the same token", async () => {
    const api = await server(expiringBackend({ access_token: NEW_TOKEN }, 5));
    const store = slowStore(initialSession(), 30);
    const stack = createStackAuthClient({ projectId: PROJECT_ID, baseUrl: api.url, session: store });
    // Staggered callers: some read the store before the refresh, some while it is written back.
    const calls = Array.from({ length: 50 }, async (_, i) => {
      await pause(i);
      return stack.GET("/users/me");
    });
    const results = await Promise.all(calls);
    expect(results.map((r) => r.data)).toEqual(Array(50).fill(ME));
    expect(refreshesOf(api.requests)).toBe(1);
    expect(store.writes).toBe(1);
  });
});

describe("a session is refreshed only for its own API", () => {
  it("an expired-token answer from an allowed other origin never triggers a refresh", async () => {
    const other = await server(expiringBackend());
    const api = await server((req, res) =>
      req.url === "/users/me"
        ? res.writeHead(307, { location: `${other.url}/users/me` }).end()
        : expiringBackend()(req, res, undefined as never),
    );
    const stack = createStackAuthClient({
      projectId: PROJECT_ID,
      baseUrl: api.url,
      session: initialSession(),
      allowedRedirectOrigins: [other.url],
    });
    const { response } = await stack.GET("/users/me");
    expect(response.status).toBe(401);
    expect(refreshesOf([...api.requests, ...other.requests])).toBe(0);
    expect(other.requests[0]!.headers).not.toHaveProperty("x-stack-access-token");
    expect(other.requests[0]!.headers).not.toHaveProperty("x-stack-project-id");
  });
});

describe("a refresh answer without a usable access_token is a typed error, and nothing is sent with it", () => {
  it.each([
    ["no access_token", {}],
    ["a null access_token", { access_token: null }],
    ["an empty access_token", { access_token: "" }],
    ["a numeric access_token", { access_token: 42 }],
    ["an object access_token", { access_token: { token: "x" } }],
    ["a JSON null body", null],
  ])("%s", async (_name, answer) => {
    const api = await server(expiringBackend(answer, 0));
    const stack = createStackAuthClient({ projectId: PROJECT_ID, baseUrl: api.url, session: initialSession() });
    const error = await stack.GET("/users/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionRefreshError);
    const calls = api.requests.filter((r) => r.url === "/users/me");
    expect(calls.map((r) => r.headers["x-stack-access-token"])).toEqual([ACCESS_TOKEN]); // never "undefined", never a replay
    expect((await stack.getSession())?.accessToken).toBe(ACCESS_TOKEN);
  });

  it("after a failed refresh, the next call may refresh again", async () => {
    let answer: unknown = {};
    const api = await server((req, res) =>
      req.url === "/auth/sessions/current/refresh"
        ? sendJson(res, 200, answer)
        : expiringBackend()(req, res, undefined as never),
    );
    const stack = createStackAuthClient({ projectId: PROJECT_ID, baseUrl: api.url, session: initialSession() });
    await expect(stack.GET("/users/me")).rejects.toBeInstanceOf(SessionRefreshError);
    answer = { access_token: NEW_TOKEN };
    expect((await stack.GET("/users/me")).data).toEqual(ME);
    expect(refreshesOf(api.requests)).toBe(2);
  });
});
