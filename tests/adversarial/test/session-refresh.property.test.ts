import type { ServerResponse } from "node:http";
import { sendJson, type RecordedRequest } from "@keyway/test-server";
import {
  createStackAuthClient,
  KeywayError,
  SignedOutError,
  type SessionStore,
  type SessionTokens,
} from "@keyway/stack-auth";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_TOKEN, PROJECT_ID, REFRESH_TOKEN, pause, server, shown, until } from "./network.js";

const NEW_TOKEN = "eyJ.MARKER_hostile_refreshed.sig";
const ME = { id: "u1", display_name: "Ada" };
const REFRESH_PATH = "/auth/sessions/current/refresh";

/** How a hostile Stack Auth answers a refresh. */
type RefreshAnswer =
  | "new token"
  | "no token"
  | "token with a line break"
  | "not JSON"
  | "refresh token refused"
  | "access token expired"
  | "500"
  | "cut mid-body"
  | "stalls"
  | "redirect to another origin"
  | "redirect to itself";

const refreshAnswers: readonly RefreshAnswer[] = [
  "new token",
  "no token",
  "token with a line break",
  "not JSON",
  "refresh token refused",
  "access token expired",
  "500",
  "cut mid-body",
  "stalls",
  "redirect to another origin",
  "redirect to itself",
];

function knownError(res: ServerResponse, code: string) {
  res
    .writeHead(401, { "content-type": "application/json", "x-stack-known-error": code })
    .end(JSON.stringify({ code, error: code }));
}

/** A session store of a drawn kind: in memory (synchronous), or remote (every read and write takes `delayMs`). */
function storeOf(
  initial: SessionTokens,
  delayMs: number | undefined,
): SessionStore & { tokens: SessionTokens | undefined } {
  const store = {
    tokens: initial as SessionTokens | undefined,
    get: () => (delayMs === undefined ? store.tokens : pause(delayMs).then(() => store.tokens)),
    set: (next: SessionTokens | undefined) => {
      if (delayMs === undefined) store.tokens = next;
      else return pause(delayMs).then(() => void (store.tokens = next));
    },
  };
  return store;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on("unhandledRejection", onUnhandled));
afterAll(() => void process.off("unhandledRejection", onUnhandled));

describe("a session refreshed against a hostile Stack Auth (property)", () => {
  it("every call ends with the user or a typed error, the session is kept, refreshed or ended whole, and no token leaves the origin", async () => {
    let answer: RefreshAnswer = "new token";
    let run = 0;
    const other = await server((_req, res) => sendJson(res, 200, { access_token: NEW_TOKEN }));
    const api = await server((req, res) => {
      if (req.url === REFRESH_PATH) {
        if (answer === "new token") return sendJson(res, 200, { access_token: NEW_TOKEN });
        if (answer === "no token") return sendJson(res, 200, { token: NEW_TOKEN });
        if (answer === "token with a line break") return sendJson(res, 200, { access_token: `${NEW_TOKEN}\r\nX: 1` });
        if (answer === "not JSON") return res.writeHead(200, { "content-type": "application/json" }).end("<html>");
        if (answer === "refresh token refused") return knownError(res, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED");
        if (answer === "access token expired") return knownError(res, "ACCESS_TOKEN_EXPIRED");
        // A failed refresh that echoes the refresh token it was sent, in its body and a header.
        if (answer === "500")
          return sendJson(
            res,
            500,
            { error: `down for ${req.headers["x-stack-refresh-token"]}` },
            { "x-echo": String(req.headers["x-stack-refresh-token"]) },
          );
        if (answer === "cut mid-body") {
          res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
          return void res.write('{"access_token": "eyJ', () => res.destroy());
        }
        if (answer === "stalls") return;
        if (answer === "redirect to another origin")
          return res.writeHead(307, { location: `${other.url}${REFRESH_PATH}` }).end();
        return res.writeHead(307, { location: REFRESH_PATH }).end();
      }
      if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, ME);
      knownError(res, "ACCESS_TOKEN_EXPIRED");
    });

    const drawn = fc.record({
      answer: fc.constantFrom(...refreshAnswers),
      callers: fc.integer({ min: 1, max: 5 }),
      storeDelayMs: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      maxRetries: fc.integer({ min: 0, max: 1 }),
      abortOne: fc.boolean(),
      // A session stored with its refresh token only: the first call fetches its access token before it is sent.
      refreshOnly: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        drawn,
        async ({ answer: drawnAnswer, callers, storeDelayMs, maxRetries, abortOne, refreshOnly }) => {
          answer = drawnAnswer;
          // A refresh its callers left goes on in the background: each run counts only its own project's requests.
          const projectId = `${PROJECT_ID}-${++run}`;
          const ours = (requests: readonly RecordedRequest[]) =>
            requests.filter((r) => r.headers["x-stack-project-id"] === projectId);
          const initial = refreshOnly
            ? { refreshToken: REFRESH_TOKEN }
            : { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN };
          const store = storeOf(initial, storeDelayMs);
          const stack = createStackAuthClient({
            projectId,
            baseUrl: api.url,
            session: store,
            // Short only where a refresh stalls, which the timeout must end; elsewhere long enough that a busy machine
            // (CI runs suites side by side) does not turn the answer drawn into a RequestTimeoutError.
            timeout: drawnAnswer === "stalls" ? 300 : 5_000,
            maxRetries,
            allowedRedirectOrigins: [other.url],
          });
          const controller = new AbortController();
          const calls = Array.from({ length: callers }, (_, i) =>
            stack.GET("/users/me", abortOne && i === 0 ? { signal: controller.signal } : {}).then(
              (result) => ({ data: result.data as unknown, error: result.error as unknown }),
              (error: unknown) => ({ data: undefined, error }),
            ),
          );
          if (abortOne) {
            await until(() => ours(api.requests).some((r) => r.url === REFRESH_PATH), "the refresh is asked for");
            controller.abort();
          }
          const outcomes = await Promise.all(calls);

          for (const { data, error } of outcomes) {
            if (error === undefined) expect(data).toEqual(ME);
            else expect(error).toBeInstanceOf(KeywayError);
            expect(shown(error)).not.toContain(REFRESH_TOKEN);
          }
          if (drawnAnswer === "new token")
            expect(outcomes.slice(abortOne ? 1 : 0).map((o) => o.data)).toEqual(
              Array(callers - (abortOne ? 1 : 0)).fill(ME),
            );
          if (drawnAnswer === "refresh token refused")
            for (const { error } of outcomes.slice(abortOne ? 1 : 0)) expect(error).toBeInstanceOf(SignedOutError);

          // Whole: never an access token without its refresh token, never another session's parts. A refresh whose only
          // caller left goes on, and writes its answer when it has it.
          const expected =
            // An origin the client allows may answer the refresh it was redirected to (with no token sent to it).
            drawnAnswer === "new token" || drawnAnswer === "redirect to another origin"
              ? { accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN }
              : drawnAnswer === "refresh token refused"
                ? undefined
                : initial;
          const written = () => JSON.stringify(store.tokens) === JSON.stringify(expected);
          if (abortOne) await until(written, "the refresh its caller left is written", 2_000).catch(() => {});
          expect(store.tokens).toEqual(expected);

          for (const request of other.requests) {
            expect(JSON.stringify(request.headers)).not.toContain(REFRESH_TOKEN);
            expect(JSON.stringify(request.headers)).not.toContain(ACCESS_TOKEN);
          }
          // One refresh for every caller refused at once; one that fails may be tried again by a caller refused later.
          const refreshes = ours(api.requests).filter((r) => r.url === REFRESH_PATH).length;
          const hops = drawnAnswer === "redirect to itself" ? 6 : 1;
          if (drawnAnswer === "new token") expect(refreshes).toBe(1);
          else expect(refreshes).toBeLessThanOrEqual(callers * (maxRetries + 1) * hops);
          expect(unhandled).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 5050 },
    );
  }, 60_000);
});
