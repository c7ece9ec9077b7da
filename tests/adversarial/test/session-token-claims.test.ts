import { sendJson } from "@keyway/test-server";
import { createStackAuthClient } from "@keyway/stack-auth";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROJECT_ID, REFRESH_TOKEN, server } from "./network.js";

// The client never reads an access token's claims to decide when to refresh: only Stack Auth's refusal does. A token
// whose `exp` is long past, far ahead or not a number, or that is no JWT at all, is sent as stored; a clock far off
// on either side cannot make the client refresh in a loop, or hold back a token the server still takes.

const NEW_TOKEN = "eyJ.MARKER_refreshed_access.sig";
const ME = { id: "u1", display_name: "Ada" };
const REFRESH_PATH = "/auth/sessions/current/refresh";

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const nowSeconds = Math.floor(Date.now() / 1000);

/** Access tokens of every odd kind: JWTs whose `exp` is odd, and strings that are no JWT but can be sent. */
const oddTokens = fc.oneof(
  fc
    .oneof(
      fc.integer({ min: -10 * 365 * 86_400, max: 10 * 365 * 86_400 }).map((offset) => nowSeconds + offset),
      fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1e300),
      fc.string({ maxLength: 12 }),
      fc.constant(null),
      fc.constant(undefined),
    )
    .map((exp) => `${base64url({ alg: "ES256" })}.${base64url({ sub: "u1", exp })}.c2ln`),
  fc.stringMatching(/^[!-~]{1,200}$/),
);

describe("an access token's claims never decide a refresh", () => {
  it("a token of any exp, or no JWT, is sent as stored; only a refusal refreshes, once (property)", async () => {
    let stored = "";
    let refuse = false;
    const api = await server((req, res) => {
      if (req.url === REFRESH_PATH) return sendJson(res, 200, { access_token: NEW_TOKEN });
      const token = req.headers["x-stack-access-token"];
      if (token === NEW_TOKEN || (token === stored && !refuse)) return sendJson(res, 200, ME);
      res
        .writeHead(401, { "content-type": "application/json", "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" })
        .end(JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" }));
    });
    await fc.assert(
      fc.asyncProperty(oddTokens, fc.boolean(), async (token, refused) => {
        fc.pre(token !== NEW_TOKEN);
        api.requests.length = 0;
        stored = token;
        refuse = refused;
        const stack = createStackAuthClient({
          projectId: PROJECT_ID,
          baseUrl: api.url,
          session: { accessToken: token, refreshToken: REFRESH_TOKEN },
          maxRetries: 0,
        });
        expect((await stack.GET("/users/me")).data).toEqual(ME);
        expect(api.requests.map((r) => [r.url, r.headers["x-stack-access-token"]])).toEqual(
          refused
            ? [
                ["/users/me", token],
                [REFRESH_PATH, undefined],
                ["/users/me", NEW_TOKEN],
              ]
            : [["/users/me", token]],
        );
      }),
      { numRuns: 60 },
    );
  });
});
