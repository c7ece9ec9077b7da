import { sendJson } from "@keyway/test-server";
import { createStackAuthClient, type SessionTokens } from "@keyway/stack-auth";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN, PROJECT_ID, REFRESH_TOKEN, server } from "./network.js";

// A stored access token with spaces or tabs around it (a cookie or file written carelessly) is sent without them, as
// fetch sends every header value. The token a 401 refused is then the stored one as it was sent: the session refreshes,
// instead of every call failing ACCESS_TOKEN_EXPIRED for good.

const NEW_TOKEN = "eyJ.MARKER_refreshed_access.sig";
const ME = { id: "u1", display_name: "Ada" };
const REFRESH_PATH = "/auth/sessions/current/refresh";

const padding = fc.array(fc.constantFrom(" ", "\t"), { maxLength: 3 }).map((chars) => chars.join(""));

describe("a stored access token with spaces or tabs around it", () => {
  it("is refreshed once when refused, from a memory session or a store (property)", async () => {
    const api = await server((req, res) => {
      if (req.url === REFRESH_PATH) return sendJson(res, 200, { access_token: NEW_TOKEN });
      if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, ME);
      res
        .writeHead(401, { "content-type": "application/json", "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" })
        .end(JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" }));
    });
    await fc.assert(
      fc.asyncProperty(padding, padding, fc.boolean(), async (before, after, asStore) => {
        api.requests.length = 0;
        let held: SessionTokens | undefined = {
          accessToken: `${before}${ACCESS_TOKEN}${after}`,
          refreshToken: REFRESH_TOKEN,
        };
        const store = { get: () => held, set: (next: SessionTokens | undefined) => void (held = next) };
        const stack = createStackAuthClient({
          projectId: PROJECT_ID,
          baseUrl: api.url,
          session: asStore ? store : held,
          maxRetries: 0,
        });
        expect((await stack.GET("/users/me")).data).toEqual(ME);
        expect(api.requests.map((r) => [r.url, r.headers["x-stack-access-token"]])).toEqual([
          ["/users/me", ACCESS_TOKEN],
          [REFRESH_PATH, undefined],
          ["/users/me", NEW_TOKEN],
        ]);
        expect((await stack.getSession())?.accessToken).toBe(NEW_TOKEN);
      }),
      { numRuns: 30 },
    );
  });
});
