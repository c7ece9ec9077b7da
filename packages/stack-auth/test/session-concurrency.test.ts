import { AsyncLocalStorage } from "node:async_hooks";
import type { ServerResponse } from "node:http";
import { sendJson, type Handler, type RecordedRequest } from "@keyway/test-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InternalServerError,
  MemorySessionStore,
  SignedOutError,
  isKnownError,
  unwrap,
  type SessionStore,
  type SessionTokens,
} from "../src/index.js";
import { ACCESS_TOKEN, REFRESH_TOKEN, clientAgainst, knownError, serverClientAgainst } from "./setup.js";

const NEW_TOKEN = "eyJ.MARKER_refreshed_access.sig";
const ME = { id: "3f0e2b1c-0000-4000-8000-000000000001", display_name: "Ada" };
/** What a sign-in as another user answers, while the first user's session is being refreshed. */
const OTHER_USER = {
  access_token: "eyJ.MARKER_other_user_access.sig",
  refresh_token: "otheruserrefreshtoken0000000000000000000000b",
  user_id: "3f0e2b1c-0000-4000-8000-000000000002",
};
const OTHER_SESSION = { accessToken: OTHER_USER.access_token, refreshToken: OTHER_USER.refresh_token };

/** A request as one line: method, path and the access token it carried. */
const line = (r: RecordedRequest) => `${r.method} ${r.url} ${r.headers["x-stack-access-token"] ?? "-"}`;
const expired = (res: ServerResponse) => knownError(res, 401, "ACCESS_TOKEN_EXPIRED", "Access token has expired.");
const refreshesOf = (requests: RecordedRequest[]) => requests.filter((r) => r.url === "/auth/sessions/current/refresh");

/** An unsigned JWT-shaped access token of the session whose refresh token has the id `refreshTokenId`. */
function accessTokenOfSession(refreshTokenId: string, issuedAt: number): string {
  const claims = Buffer.from(JSON.stringify({ sub: ME.id, refresh_token_id: refreshTokenId, iat: issuedAt }));
  return `eyJhbGciOiJFUzI1NiJ9.${claims.toString("base64url")}.c2ln`;
}

/** A promise that settles once `open()` is called, so that something else can happen meanwhile. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Until the server has received a request for `url`. */
async function received(requests: RecordedRequest[], url: string): Promise<void> {
  while (!requests.some((r) => r.url === url)) await new Promise((resolve) => setTimeout(resolve, 2));
}

/**
 * Stack Auth whose first access token has expired: the refresh answers `refreshAnswer` once `refreshGate` opens,
 * a sign-in answers {@link OTHER_USER}, sign-out `signOutStatus`, and calls with another token answer {@link ME}.
 */
function backend(
  refreshGate: Promise<void>,
  refreshAnswer: (res: ServerResponse) => void = (res) => sendJson(res, 200, { access_token: NEW_TOKEN }),
  signOutStatus = 200,
): Handler {
  return async (req, res) => {
    if (req.url === "/auth/sessions/current/refresh") {
      await refreshGate;
      return refreshAnswer(res);
    }
    if (req.url === "/auth/password/sign-in") return sendJson(res, 200, OTHER_USER);
    if (req.url === "/auth/sessions/current") return sendJson(res, signOutStatus, { success: signOutStatus === 200 });
    if (req.headers["x-stack-access-token"] === ACCESS_TOKEN) return expired(res);
    sendJson(res, 200, ME);
  };
}

const signInBody = { email: "grace@example.com", password: "correct horse" };

/** A client whose call waits for a refresh the server holds back until `release()`. */
async function refreshHeldBack(
  refreshAnswer?: (res: ServerResponse) => void,
  signOutStatus?: number,
  options: Parameters<typeof clientAgainst>[1] = {},
) {
  const refresh = gate();
  const { stack, server } = await clientAgainst(backend(refresh.opened, refreshAnswer, signOutStatus), options);
  const waiting = stack.GET("/users/me").catch((e: unknown) => e);
  await received(server.requests, "/auth/sessions/current/refresh");
  return { stack, server, waiting, release: refresh.open };
}

describe("a refresh never writes over a session that changed while it ran", () => {
  it("a sign-in while the refresh runs keeps the new session; the call waiting for the old one fails signed out", async () => {
    const { stack, server, waiting, release } = await refreshHeldBack();
    await stack.signIn(stack.POST("/auth/password/sign-in", { body: signInBody }));
    release();

    expect(await waiting).toBeInstanceOf(SignedOutError);
    expect(await stack.getSession()).toEqual(OTHER_SESSION);
    // The old user's call is never replayed, neither with the old session's new token nor with the new session's.
    expect(server.requests.filter((r) => r.url === "/users/me").map(line)).toEqual([`GET /users/me ${ACCESS_TOKEN}`]);
  });

  it("a sign-out whose request fails while the refresh runs stays signed out", async () => {
    const { stack, server, waiting, release } = await refreshHeldBack(undefined, 500, { maxRetries: 0 });
    await expect(stack.signOut()).rejects.toBeInstanceOf(InternalServerError);
    expect(await stack.getSession()).toBeUndefined();
    release();

    expect(await waiting).toBeInstanceOf(SignedOutError);
    expect(await stack.getSession()).toBeUndefined();
    expect(server.requests.filter((r) => r.url === "/users/me")).toHaveLength(1);
  });

  it("a sign-out whose store can no longer be read once signed out still clears it", async () => {
    const writes: (SessionTokens | undefined)[] = [];
    let outOfReach = false;
    const store: SessionStore = {
      // The store goes out of reach once Stack Auth has the sign-out, before the sign-out is written.
      get: async () => {
        if (outOfReach) throw new Error("the session store is out of reach");
        return { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN };
      },
      set: async (tokens) => void writes.push(tokens),
    };
    const answer = backend(Promise.resolve());
    const { stack, server } = await clientAgainst(
      (req, res, raw) => {
        outOfReach = req.method === "DELETE";
        return answer(req, res, raw);
      },
      { session: store },
    );
    await stack.signOut();
    expect(server.requests.map(line)).toEqual([`DELETE /auth/sessions/current ${ACCESS_TOKEN}`]);
    expect(writes).toEqual([undefined]);
  });

  it("a refused refresh of the old session leaves a session signed in meanwhile in place", async () => {
    const { stack, waiting, release } = await refreshHeldBack((res) =>
      knownError(res, 401, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", "Refresh token not found for this project."),
    );
    await stack.signIn(stack.POST("/auth/password/sign-in", { body: signInBody }));
    release();

    expect(await waiting).toBeInstanceOf(SignedOutError);
    expect(await stack.getSession()).toEqual(OTHER_SESSION);
  });
});

/** One request's session, in a store that holds one per user; a read may be held back until `held` settles. */
interface RequestSession {
  tokens: SessionTokens | undefined;
  held?: { readonly until: Promise<void>; readonly begun: () => void } | undefined;
}

describe("a store holding one session per user, read in each request's context", () => {
  it("a sign-in of another user while the first user's refresh reads the store leaves that refresh to store its answer", async () => {
    const sessionOf = new AsyncLocalStorage<RequestSession>();
    const perRequest: SessionStore = {
      get() {
        const session = sessionOf.getStore()!;
        const { held } = session;
        if (!held) return session.tokens;
        session.held = undefined;
        held.begun();
        return held.until.then(() => session.tokens);
      },
      set: (tokens) => void (sessionOf.getStore()!.tokens = tokens),
    };
    const refresh = gate();
    const { stack, server } = await clientAgainst(backend(refresh.opened), { session: perRequest });
    const first: RequestSession = { tokens: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN } };
    const call = sessionOf.run(first, () => stack.GET("/users/me").then(unwrap));
    await received(server.requests, "/auth/sessions/current/refresh");
    // The refresh, answered, reads the first user's session again before storing its answer: held there meanwhile.
    const reading = gate();
    const rereadBegun = new Promise<void>((begun) => (first.held = { until: reading.opened, begun }));
    refresh.open();
    await rereadBegun;
    const second: RequestSession = { tokens: undefined };
    await sessionOf.run(second, () => stack.signIn(stack.POST("/auth/password/sign-in", { body: signInBody })));
    reading.open();

    expect(await call).toEqual(ME);
    expect(first.tokens).toEqual({ accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN });
    expect(second.tokens).toEqual(OTHER_SESSION);
  });
});

describe("a session stored with its refresh token only gets an access token of its own", () => {
  it("after the store is given another refresh token, the next call refreshes with it, not with the first session's", async () => {
    const store = new MemorySessionStore({ refreshToken: REFRESH_TOKEN });
    const { stack, server } = await clientAgainst(
      (req, res) =>
        req.url === "/auth/sessions/current/refresh"
          ? sendJson(res, 200, { access_token: `eyJ.for_${req.headers["x-stack-refresh-token"]}.sig` })
          : sendJson(res, 200, ME),
      { session: store },
    );
    await unwrap(stack.GET("/users/me"));
    store.set({ refreshToken: OTHER_USER.refresh_token });
    await unwrap(stack.GET("/users/me"));

    expect(server.requests.map((r) => `${line(r)} ${r.headers["x-stack-refresh-token"] ?? "-"}`)).toEqual([
      `POST /auth/sessions/current/refresh - ${REFRESH_TOKEN}`,
      `GET /users/me eyJ.for_${REFRESH_TOKEN}.sig -`,
      `POST /auth/sessions/current/refresh - ${OTHER_USER.refresh_token}`,
      `GET /users/me eyJ.for_${OTHER_USER.refresh_token}.sig -`,
    ]);
  });
});

describe("a call is replayed only as the session that sent it", () => {
  const userToken = "eyJ.MARKER_caller_user_token.sig";

  it("a server client without a session: a caller's own expired token is answered ACCESS_TOKEN_EXPIRED, nothing refreshed", async () => {
    const { admin, server } = await serverClientAgainst((_req, res) => expired(res));
    const error = await unwrap(admin.GET("/users/me", { headers: { "x-stack-access-token": userToken } })).catch(
      (e: unknown) => e,
    );
    expect(isKnownError(error, "ACCESS_TOKEN_EXPIRED")).toBe(true);
    expect(server.requests.map(line)).toEqual([`GET /users/me ${userToken}`]);
  });

  it("a client with a session: a caller's own expired token is neither refreshed nor replayed as the session's user", async () => {
    const { admin, server } = await serverClientAgainst(
      (req, res) => (req.headers["x-stack-access-token"] === userToken ? expired(res) : sendJson(res, 200, ME)),
      { session: { accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN } },
    );
    const error = await unwrap(admin.GET("/users/me", { headers: { "x-stack-access-token": userToken } })).catch(
      (e: unknown) => e,
    );
    expect(isKnownError(error, "ACCESS_TOKEN_EXPIRED")).toBe(true);
    expect(server.requests.map(line)).toEqual([`GET /users/me ${userToken}`]);
    expect(await admin.getSession()).toEqual({ accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN });
  });

  it("a store shared with another process: a token of its session is replayed with the one stored since, the caller's own is not", async () => {
    const sent = accessTokenOfSession("a3c9e0f2-0000-4000-8000-000000000009", 1);
    const refreshedElsewhere = accessTokenOfSession("a3c9e0f2-0000-4000-8000-000000000009", 2);
    let reads = 0;
    // The first read (the call's) gets the old token; by the time the 401 arrives, another process has stored a new one.
    const shared: SessionStore = {
      get: () => ({ accessToken: reads++ === 0 ? sent : refreshedElsewhere, refreshToken: REFRESH_TOKEN }),
      set: () => {},
    };
    const { stack, server } = await clientAgainst(
      (req, res) =>
        req.headers["x-stack-access-token"] === refreshedElsewhere ? sendJson(res, 200, ME) : expired(res),
      { session: shared },
    );
    const foreign = await unwrap(stack.GET("/users/me", { headers: { "x-stack-access-token": userToken } })).catch(
      (e: unknown) => e,
    );
    expect(isKnownError(foreign, "ACCESS_TOKEN_EXPIRED")).toBe(true);
    reads = 0;
    expect(await unwrap(stack.GET("/users/me"))).toEqual(ME);
    expect(server.requests.map(line)).toEqual([
      `GET /users/me ${userToken}`,
      `GET /users/me ${sent}`,
      `GET /users/me ${refreshedElsewhere}`,
    ]);
  });
});

/** A session store that answers after `delays` (in turn, milliseconds), counting its writes. */
function slowStore(initial: SessionTokens, delays: readonly number[]): SessionStore & { readonly writes: unknown[] } {
  let tokens: SessionTokens | undefined = initial;
  let turn = 0;
  const pause = () => new Promise((resolve) => setTimeout(resolve, delays[turn++ % delays.length]));
  const writes: unknown[] = [];
  return {
    writes,
    async get() {
      const snapshot = tokens;
      await pause();
      return snapshot;
    },
    async set(next) {
      await pause();
      tokens = next;
      writes.push(next);
    },
  };
}

/**
 * Calls refused with an expired token, each 401 answered after `answerDelays` (in turn), the refresh after
 * `refreshDelay`, a store taking `storeDelays`, and, if given, a sign-in as another user or a sign-out at `change.at`.
 */
async function checkInterleaving(
  answerDelays: readonly number[],
  refreshDelay: number,
  storeDelays: readonly number[],
  change: { readonly at: number; readonly signIn: boolean } | undefined,
): Promise<void> {
  let arrival = 0;
  const store = slowStore({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN }, storeDelays);
  const { stack, server } = await clientAgainst(
    (req, res) => {
      if (req.url === "/auth/sessions/current/refresh")
        return void setTimeout(() => sendJson(res, 200, { access_token: NEW_TOKEN }), refreshDelay);
      if (req.url === "/auth/password/sign-in") return sendJson(res, 200, OTHER_USER);
      if (req.headers["x-stack-access-token"] === ACCESS_TOKEN)
        return void setTimeout(() => expired(res), answerDelays[arrival++ % answerDelays.length]);
      sendJson(res, 200, { ...ME, token: req.headers["x-stack-access-token"] });
    },
    { session: store },
  );
  const calls = answerDelays.map(() =>
    stack
      .GET("/users/me")
      .then(unwrap)
      .catch((e: unknown) => e),
  );
  const changed =
    change &&
    new Promise((resolve) => setTimeout(resolve, change.at)).then(async () => {
      if (change.signIn) await stack.signIn(stack.POST("/auth/password/sign-in", { body: signInBody }));
      else await stack.signOut();
    });
  const outcomes = await Promise.all(calls);
  await changed;

  expect(refreshesOf(server.requests).length).toBeLessThanOrEqual(1);
  for (const outcome of outcomes) {
    // Replayed as the first user with the refreshed token, or failed: never as a user signed in meanwhile.
    if (outcome instanceof Error)
      expect(outcome instanceof SignedOutError || isKnownError(outcome, "ACCESS_TOKEN_EXPIRED")).toBe(true);
    else expect(outcome).toEqual({ ...ME, token: NEW_TOKEN });
  }
  const final = await stack.getSession();
  if (change === undefined) {
    expect(final).toEqual({ accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN });
    expect(store.writes).toHaveLength(1);
  } else {
    expect(final).toEqual(change.signIn ? OTHER_SESSION : undefined);
  }
}

describe("any order of answers, store reads and a sign-in or sign-out keeps the session consistent", () => {
  it("every call ends as the user it was sent as, the refresh runs at most once, and a sign-in or sign-out is never overwritten", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(12), { minLength: 2, maxLength: 6 }), // when each call's 401 is answered
        fc.nat(15), // when the refresh is answered
        fc.array(fc.nat(6), { minLength: 1, maxLength: 4 }), // how long the store takes, in turn
        // when the user signs in as someone else or signs out, if at all
        fc.option(fc.record({ at: fc.nat(20), signIn: fc.boolean() }), { nil: undefined }),
        checkInterleaving,
      ),
      { numRuns: 30 },
    );
  });
});

describe("a refresh started by a withOptions copy", () => {
  it("is sent with the settings of the client it copied: the copy's short timeout fails only the copy's call", async () => {
    const refresh = gate();
    const { stack, server } = await clientAgainst(backend(refresh.opened), { timeout: 20_000 });
    const impatient = stack.withOptions({ timeout: 1_000, maxRetries: 0 });
    // The copy's call starts the shared refresh, which the server holds back until the copy has given up on it.
    const hurried = impatient.GET("/users/me").catch((e: unknown) => e);
    await Promise.race([received(server.requests, "/auth/sessions/current/refresh"), hurried]);
    expect(refreshesOf(server.requests)).toHaveLength(1);
    const patient = stack.GET("/users/me").catch((e: unknown) => e);
    const copyFailed = await hurried;
    // Past the copy's 1 s for the refresh's own request too: a refresh sent with the copy's settings has failed by now
    // (the test server answers a handler that takes over 3 s with 599).
    await new Promise((resolve) => setTimeout(resolve, 400));
    refresh.open();

    expect(copyFailed).toMatchObject({ name: "RequestTimeoutError", method: "GET", timeoutMs: 1_000 });
    expect((copyFailed as Error).message).toMatch(/\/users\/me timed out after 1000 ms waiting for new credentials/);
    expect(await patient).toMatchObject({ data: ME });
    expect(refreshesOf(server.requests)).toHaveLength(1);
    expect(await stack.getSession()).toEqual({ accessToken: NEW_TOKEN, refreshToken: REFRESH_TOKEN });
  });
});
