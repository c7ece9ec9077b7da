// Clients that share one session store: a withOptions() copy, or clients of two deployments of Stack Auth. Whichever
// client's call finds the session refused, the refresh goes to that client's own API, and its failure hides the
// session's tokens as that client's own errors do.
import { inspect } from "node:util";
import { sendJson, sendText } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { createStackAuthClient, MemorySessionStore, unwrap } from "../src/index.js";
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
});
