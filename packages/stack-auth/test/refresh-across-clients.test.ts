// Clients that share one session store: a withOptions() copy, or clients of two deployments of Stack Auth. Whichever
// client's call finds the session refused, the refresh goes to that client's own API, and its failure hides the
// session's tokens as that client's own errors do.
import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";
import { sendJson, sendText } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import {
  createStackAuthClient,
  MemorySessionStore,
  type SessionStore,
  type SessionTokens,
  unwrap,
} from "../src/index.js";
import { ACCESS_TOKEN, PROJECT_ID, PUBLISHABLE_KEY, REFRESH_TOKEN, knownError, server } from "./setup.js";

const REFRESH_PATH = "/auth/sessions/current/refresh";
const NEW_TOKEN = "eyJ.fresh_access_token.sig";

/** Refuses the stored access token; its refresh answers `refreshAnswer`. */
function expiredSessionBackend(refreshAnswer: (res: import("node:http").ServerResponse) => void) {
  return server((req, res) => {
    if (req.url === REFRESH_PATH) return refreshAnswer(res);
    if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, { id: "u1" });
    return knownError(res, 401, "ACCESS_TOKEN_EXPIRED", "Access token has expired.");
  });
}

const shownOf = (error: unknown) => `${String(error)} ${inspect(error, { depth: 8 })} ${JSON.stringify(error)}`;

describe("a session shared by several clients", () => {
  it("a refresh failure met by a withOptions() copy's call hides the access token the copy sent", async () => {
    const api = await expiredSessionBackend((res) =>
      sendText(res, 400, `cannot refresh the session of access token ${ACCESS_TOKEN}`),
    );
    const session = new MemorySessionStore({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN });
    const stack = createStackAuthClient({
      projectId: PROJECT_ID,
      publishableClientKey: PUBLISHABLE_KEY,
      session,
      baseUrl: api.url,
    });
    const copy = stack.withOptions({ maxRetries: 0 });
    const error = await copy.GET("/users/me").catch((e: unknown) => e);
    expect((error as Error).message).toContain("cannot refresh the session of access token [REDACTED]");
    expect(shownOf(error)).not.toContain(ACCESS_TOKEN);
  });

  it("each client refreshes at its own API, not at the API of the client made first on the store", async () => {
    const answeredUrls: string[] = [];
    const first = await expiredSessionBackend((res) => sendText(res, 503, "not this deployment"));
    const second = await expiredSessionBackend((res) => sendJson(res, 200, { access_token: NEW_TOKEN }));
    const session = new MemorySessionStore({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN });
    const options = { projectId: PROJECT_ID, publishableClientKey: PUBLISHABLE_KEY, session, maxRetries: 0 };
    createStackAuthClient({ ...options, baseUrl: first.url });
    const theirs = createStackAuthClient({
      ...options,
      baseUrl: second.url,
      hooks: { onResponse: (event) => void answeredUrls.push(event.url) },
    });
    expect(await unwrap(theirs.GET("/users/me"))).toEqual({ id: "u1" });
    expect(first.requests.map((request) => request.url)).toEqual([]);
    expect(second.requests.map((request) => request.url)).toEqual(["/users/me", REFRESH_PATH, "/users/me"]);
    expect(answeredUrls.some((url) => url.endsWith(REFRESH_PATH))).toBe(true);
  });

  it("a call refused while another API's client refreshes the session refreshes at its own API", async () => {
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = await expiredSessionBackend(
      (res) => void firstHeld.then(() => sendJson(res, 200, { access_token: "eyJ.from_first.sig" })),
    );
    const second = await expiredSessionBackend((res) => sendJson(res, 200, { access_token: NEW_TOKEN }));
    const session = new MemorySessionStore({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN });
    const options = { projectId: PROJECT_ID, publishableClientKey: PUBLISHABLE_KEY, session, maxRetries: 0 };
    const mine = createStackAuthClient({ ...options, baseUrl: first.url });
    const theirs = createStackAuthClient({ ...options, baseUrl: second.url });
    const held = mine.GET("/users/me").catch((e: unknown) => e);
    for (let waited = 0; !first.requests.some((r) => r.url === REFRESH_PATH) && waited < 5_000; waited += 5)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await unwrap(theirs.GET("/users/me"))).toEqual({ id: "u1" });
    expect(second.requests.map((request) => `${request.url} ${request.headers["x-stack-access-token"]}`)).toEqual([
      `/users/me ${ACCESS_TOKEN}`,
      `${REFRESH_PATH} undefined`,
      `/users/me ${NEW_TOKEN}`,
    ]);
    releaseFirst();
    await held;
  });

  it("one store holding each request's user (AsyncLocalStorage) refreshes each user's session once, however many calls", async () => {
    const userOf = new AsyncLocalStorage<{ tokens: SessionTokens | undefined }>();
    const perRequest: SessionStore = {
      get: () => userOf.getStore()!.tokens,
      set: (tokens) => void (userOf.getStore()!.tokens = tokens),
    };
    const api = await server((req, res) => {
      const token = String(req.headers["x-stack-access-token"] ?? "");
      if (req.url === REFRESH_PATH)
        return setTimeout(
          () => sendJson(res, 200, { access_token: `fresh-${req.headers["x-stack-refresh-token"]}` }),
          20,
        );
      if (token.startsWith("fresh-")) return sendJson(res, 200, { id: token.slice("fresh-".length) });
      return knownError(res, 401, "ACCESS_TOKEN_EXPIRED", "Access token has expired.");
    });
    const stack = createStackAuthClient({
      projectId: PROJECT_ID,
      publishableClientKey: PUBLISHABLE_KEY,
      session: perRequest,
      baseUrl: api.url,
    });
    const users = ["refresh-ada-000", "refresh-grace-0", "refresh-linus-0"].map((refreshToken) => ({
      tokens: { accessToken: `expired-${refreshToken}`, refreshToken },
    }));
    // Each user's calls interleaved with the others', as concurrent requests of a server arrive.
    const rounds = Array.from({ length: 10 }, () => users);
    const calls = rounds.flat().map((user) => userOf.run(user, () => unwrap(stack.GET("/users/me"))));
    expect((await Promise.all(calls)).map((me) => (me as { id: string }).id)).toEqual(
      rounds.flat().map((user) => user.tokens.refreshToken),
    );
    expect(api.requests.filter((request) => request.url === REFRESH_PATH)).toHaveLength(users.length);
  });

  it("a client made later on the store refreshes with its own fetch, not that of the first client made on it", async () => {
    const api = await expiredSessionBackend((res) => sendJson(res, 200, { access_token: NEW_TOKEN }));
    const session = new MemorySessionStore({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN });
    const fetchedBy: string[] = [];
    const clientWithFetch = (name: string) =>
      createStackAuthClient({
        projectId: PROJECT_ID,
        publishableClientKey: PUBLISHABLE_KEY,
        session,
        baseUrl: api.url,
        fetch: (input, init) => {
          fetchedBy.push(`${name} ${new Request(input, init).url.slice(api.url.length)}`);
          return fetch(input, init);
        },
      });
    clientWithFetch("first request's");
    await unwrap(clientWithFetch("second request's").GET("/users/me"));
    expect(fetchedBy).toEqual([
      "second request's /users/me",
      `second request's ${REFRESH_PATH}`,
      "second request's /users/me",
    ]);
  });
});
