import {
  InvalidHeaderValueError,
  toApiError,
  validateHeaderValue,
  type FetchResult,
  type InstrumentedRequest,
  type SharedWorkObserver,
} from "@keyway/runtime";
import { MAX_TOKEN_LENGTH } from "./constants.js";
import { SessionRefreshError, SignedOutError, isKnownError } from "./errors.js";

/** A signed-in user's tokens. */
export interface SessionTokens {
  readonly accessToken?: string | undefined;
  readonly refreshToken: string;
}

/**
 * Where a client keeps its session: memory by default; implement it to persist
 * sessions in cookies, `localStorage`, a database or a keychain.
 *
 * @example
 * ```ts
 * import type { SessionStore } from "@keyway/stack-auth";
 *
 * const store: SessionStore = {
 *   get: () => JSON.parse(localStorage.getItem("session") ?? "null") ?? undefined,
 *   set: (tokens) => tokens ? localStorage.setItem("session", JSON.stringify(tokens)) : localStorage.removeItem("session"),
 * };
 * ```
 */
export interface SessionStore {
  get(): SessionTokens | undefined | Promise<SessionTokens | undefined>;
  set(tokens: SessionTokens | undefined): void | Promise<void>;
}

/**
 * The default {@link SessionStore}: one session, in memory, gone with the process.
 *
 * @example
 * ```ts
 * const stack = createStackAuthClient({ projectId, publishableClientKey, session: new MemorySessionStore() });
 * ```
 */
export class MemorySessionStore implements SessionStore {
  #tokens: SessionTokens | undefined;

  constructor(tokens?: SessionTokens) {
    this.#tokens = tokens;
  }

  get(): SessionTokens | undefined {
    return this.#tokens;
  }

  set(tokens: SessionTokens | undefined): void {
    this.#tokens = tokens;
  }

  toJSON(): string {
    return "MemorySessionStore";
  }
}

/** The access-token errors after which a refresh and one replay may succeed. */
export const REFRESHABLE_ERRORS: ReadonlySet<string> = new Set([
  "ACCESS_TOKEN_EXPIRED",
  "UNPARSABLE_ACCESS_TOKEN",
  "INVALID_PROJECT_FOR_ACCESS_TOKEN",
]);

/** The refresh of one session's access token, shared by every caller that needs it. */
interface SharedRefresh {
  readonly replacement: Promise<string>;
  /** An instrumentation's view of the refresh, told of every call that waits for it while it is under way. */
  observer: SharedWorkObserver | undefined;
}

/**
 * How many refreshes a store remembers, under way or done, so that a call refused with a token already replaced gets
 * the replacement (or the end of the session) at once: one per user signed in at the same time, for a store that
 * holds one session per user (read in each request's context), up to this many.
 */
const REMEMBERED_REFRESHES = 256;

/**
 * What is under way on one session store. Keyed by the store, not by the client: withOptions() copies and every client
 * of one API built on the same store share one refresh of a session.
 *
 * A sign-in or sign-out being written (`replacing`) and the latest refreshed session being written (`refreshWrite`)
 * wait for each other, so that a refresh never lands over a session replaced meanwhile, even in a store whose writes
 * are slow or land out of order (a remote one). A sign-in or sign-out also marks the refreshes under way of the
 * session it replaces (only that one: a store may hold one session per user, read in each request's context), which
 * then store nothing.
 */
interface StoreActivity {
  /**
   * The refreshes of the store's sessions, the oldest first, each under the API (base URL) it is made at and the token
   * it replaces: the access token Stack Auth refused or, for a session stored without one, its refresh token (never an
   * access token), so that only calls of that session at that API share it.
   */
  readonly shared: Map<string, SharedRefresh>;
  replacing?: Promise<void> | undefined;
  refreshWrite?: Promise<void> | undefined;
  readonly underWay: Set<RefreshUnderWay>;
}

const activities = new WeakMap<SessionStore, StoreActivity>();

function activityOf(store: SessionStore): StoreActivity {
  let activity = activities.get(store);
  if (!activity) activities.set(store, (activity = { underWay: new Set(), shared: new Map() }));
  return activity;
}

/** Asks Stack Auth for an access token with the session's refresh token, remembering both of its tokens as secrets. */
export type SessionRefresh = (session: SessionTokens) => Promise<FetchResult>;

/** A refresh under way: the refresh token it is made with, and whether a sign-in or sign-out replaced its session. */
interface RefreshUnderWay {
  readonly refreshToken: string;
  replaced: boolean;
}
const ignore = () => {};
const ANY_SESSION = Symbol("any session");

/**
 * Stores `next` as `store`'s session in place of the one it holds (a sign-in, or `undefined` for a sign-out): a
 * refresh being written lands first, and one that has not written yet stores nothing.
 */
export async function replaceSession(store: SessionStore, next: SessionTokens | undefined): Promise<void> {
  const activity = activityOf(store);
  const replacing = (async () => {
    // A store that cannot say which session it holds has every refresh under way stopped: the write goes ahead.
    const replaced = await Promise.resolve(store.get()).then(
      (held) => held?.refreshToken,
      () => ANY_SESSION,
    );
    for (const refresh of activity.underWay)
      refresh.replaced ||= replaced === ANY_SESSION || refresh.refreshToken === replaced;
    await activity.refreshWrite?.catch(ignore); // its failure is the refresh's callers' to see
    await store.set(next);
  })();
  activity.replacing = replacing;
  try {
    await replacing;
  } finally {
    if (activity.replacing === replacing) activity.replacing = undefined;
  }
}

/**
 * Refreshes the access token once for every caller that needs it at the same time
 * (single-flight per session store), and ends the session when the refresh token is refused.
 * A refresh stores its answer only while the store still holds the session it refreshed: a sign-in or
 * sign-out that happened meanwhile is kept.
 */
export class SessionRefresher {
  readonly #store: SessionStore;
  readonly #api: string;
  readonly #refresh: SessionRefresh;
  readonly #accessTokenHeader: string;
  readonly #observe: (() => SharedWorkObserver | undefined) | undefined;

  /**
   * `refresh` asks Stack Auth at `api` (the client's base URL) for an access token for the session given (the refresh
   * of the client that withOptions() copies were made from, so that a shared refresh goes with that client's timeout
   * and retries whichever copy's call starts it); `observe` lets an instrumentation (tracing) see each refresh and the
   * calls that wait for it.
   */
  constructor(
    store: SessionStore,
    api: string,
    refresh: SessionRefresh,
    accessTokenHeader: string,
    observe?: () => SharedWorkObserver | undefined,
  ) {
    this.#store = store;
    this.#api = api;
    this.#refresh = refresh;
    this.#accessTokenHeader = accessTokenHeader;
    this.#observe = observe;
  }

  /**
   * A fresh access token to replace `rejectedToken`, the session's token Stack Auth refused: the one another caller
   * already obtained, or a new one from a refresh shared by every caller refused with the same token, however slowly
   * the store answers. `undefined` when `rejectedToken` is not the session's (the caller sent a token of its own,
   * or the session was signed out or replaced since): that call is not the session's to replay.
   * `waiting` is the request of the call that waits, for observers.
   */
  async replacementFor(rejectedToken: string, waiting: InstrumentedRequest): Promise<string | undefined> {
    const shared = this.#sharedFor(rejectedToken, waiting);
    if (shared !== undefined) return shared;
    const tokens = await this.#store.get();
    if (!tokens?.refreshToken) return undefined;
    const stored = sentAs(this.#accessTokenHeader, tokens.accessToken);
    if (stored !== rejectedToken) return sameSession(stored, rejectedToken) ? stored : undefined;
    // Another caller may have started the refresh while the store was being read.
    return this.#sharedFor(rejectedToken, waiting) ?? this.#start(rejectedToken, tokens, waiting);
  }

  /**
   * An access token for `tokens`, a session stored with its refresh token only, fetched with it (as the official SDK
   * does) once for every call that asks at the same time. Such a call waits before its request exists: not observed.
   */
  firstAccessToken(tokens: SessionTokens): Promise<string> {
    return this.#sharedFor(tokens.refreshToken) ?? this.#start(tokens.refreshToken, tokens);
  }

  #sharedFor(rejectedToken: string, waiting?: InstrumentedRequest): Promise<string> | undefined {
    const shared = activityOf(this.#store).shared.get(this.#keyOf(rejectedToken));
    if (shared === undefined) return undefined;
    if (waiting) shared.observer?.waitedBy(waiting);
    return shared.replacement;
  }

  #keyOf(rejectedToken: string): string {
    return `${this.#api}\n${rejectedToken}`;
  }

  #start(rejectedToken: string, tokens: SessionTokens, waiting?: InstrumentedRequest): Promise<string> {
    // Traced whether or not a request waits: the first access token of a session stored without one is fetched before
    // any call's request exists.
    const observer = this.#observe?.();
    // The first waiter is known before the refresh runs, so an observer can place the refresh under its call.
    if (waiting) observer?.waitedBy(waiting);
    const refresh = () => this.#refreshOnce(tokens);
    const replacement = observer ? observer.run(refresh) : refresh();
    const entry: SharedRefresh = { replacement, observer };
    const { shared } = activityOf(this.#store);
    const key = this.#keyOf(rejectedToken);
    shared.delete(key);
    shared.set(key, entry);
    if (shared.size > REMEMBERED_REFRESHES) shared.delete(shared.keys().next().value!);
    // A refresh that failed for a while is not remembered, so that a later call may try again; a session that ended
    // stays ended for the calls that come late with its token. A refresh done has no more calls to show an observer.
    replacement.then(
      () => {
        entry.observer = undefined;
      },
      (error: unknown) => {
        entry.observer = undefined;
        if (!(error instanceof SignedOutError) && shared.get(key) === entry) shared.delete(key);
      },
    );
    return replacement;
  }

  async #refreshOnce(tokens: SessionTokens): Promise<string> {
    const { underWay } = activityOf(this.#store);
    const refresh: RefreshUnderWay = { refreshToken: tokens.refreshToken, replaced: false };
    underWay.add(refresh);
    try {
      return await this.#refreshUnderWay(tokens, refresh);
    } finally {
      underWay.delete(refresh);
    }
  }

  async #refreshUnderWay(tokens: SessionTokens, refresh: RefreshUnderWay): Promise<string> {
    const result = await this.#refresh(tokens);
    if (result.error === undefined && result.response.ok) {
      const accessToken = usableToken(
        REFRESH_ANSWER,
        "access_token",
        (result.data as { access_token?: unknown } | null | undefined)?.access_token,
        this.#accessTokenHeader,
      );
      // Stored, it would be the token every later call is refused with, and the one this refresh already replaced.
      if (accessToken === sentAs(this.#accessTokenHeader, tokens.accessToken))
        throw new SessionRefreshError(
          `Stack Auth's ${REFRESH_ANSWER.name} has the very access_token it was asked to replace; ${SESSION_KEPT}`,
        );
      if (!(await this.#setIfStillHeld(tokens, refresh, { ...tokens, accessToken })))
        throw new SignedOutError("The session was signed out or replaced while its access token was refreshed");
      return accessToken;
    }
    const error = toApiError(result);
    if (isKnownError(error, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED")) {
      await this.#setIfStillHeld(tokens, refresh, undefined);
      throw new SignedOutError("The session has ended: Stack Auth refused the refresh token. Sign in again.", {
        cause: error,
      });
    }
    throw error;
  }

  /**
   * Stores `next` if the store still holds `session` (the same refresh token) once every sign-in or sign-out under way
   * has been written, and none replaced it while it was read again; tells whether it did.
   */
  async #setIfStillHeld(
    session: SessionTokens,
    refresh: RefreshUnderWay,
    next: SessionTokens | undefined,
  ): Promise<boolean> {
    const store = this.#store;
    const activity = activityOf(store);
    for (let replacing = activity.replacing; replacing; replacing = activity.replacing) await replacing.catch(ignore);
    const held = await store.get();
    if (held?.refreshToken !== session.refreshToken || refresh.replaced) return false;
    const write = Promise.resolve(store.set(next));
    activity.refreshWrite = write;
    await write;
    return true;
  }
}

/**
 * `token` as a request carries it under `header`: without the spaces and tabs around it, which fetch drops, so that a
 * stored token is compared with the one a server refused as that server received it. None when it cannot be sent.
 */
function sentAs(header: string, token: unknown): string | undefined {
  try {
    return validateHeaderValue(header, token);
  } catch {
    return undefined;
  }
}

/**
 * Whether `stored` and `sent`, two different access tokens, belong to one session: Stack Auth's JWTs name their
 * session's refresh token (`refresh_token_id`). So a call sent with a token that another process sharing the store
 * has since refreshed is replayed, and a token the caller passed itself is not.
 */
function sameSession(stored: string | undefined, sent: string): boolean {
  const session = stored && refreshTokenIdOf(stored);
  return !!session && session === refreshTokenIdOf(sent);
}

/** The `refresh_token_id` claim of an access token: the session it belongs to. */
const refreshTokenIdOf = (token: string) => unverifiedClaim(token, "refresh_token_id");

/** A claim of an access token, read without checking it (the server does); none if the token is not a JWT. */
export function unverifiedClaim(token: string, claim: string): unknown {
  try {
    return JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")))[claim];
  } catch {}
}

/** An answer that hands out session tokens, as the errors refusing it name it, and the class of those errors. */
export interface TokenAnswer {
  readonly name: string;
  readonly refusal: new (message: string, options?: { readonly cause?: unknown }) => Error;
}

const REFRESH_ANSWER: TokenAnswer = { name: "refresh answer", refusal: SessionRefreshError };
export const SESSION_KEPT = "the session was left as it was";

/**
 * `token`, the answer's `field`, if keyway can store it and send it under `header`: a non-empty string of at most
 * {@link MAX_TOKEN_LENGTH} characters that is a valid header value (refresh and sign-in answers both go through here).
 * A missing, empty or non-string token is the answer's refusal, saying what came instead (`"nothing"`, `"null"`,
 * `"a number"`, never the value); so is a longer one, saying its length, and a string HTTP forbids in a header (a line
 * break), saying why, with the `InvalidHeaderValueError` that names the header as its cause, never the value.
 */
export function usableToken(answer: TokenAnswer, field: string, token: unknown, header: string): string {
  if (typeof token !== "string" || token.trim() === "")
    throw new answer.refusal(
      `Stack Auth's ${answer.name} has no usable ${field} (got ${describe(token)}); ${SESSION_KEPT}`,
    );
  // Stored, it would be sent with every call and refused by every server (431) without ever being refreshed.
  if (token.length > MAX_TOKEN_LENGTH)
    throw new answer.refusal(
      `Stack Auth's ${answer.name}'s ${field} is ${token.length} characters long, more than the ${MAX_TOKEN_LENGTH} a Stack Auth token can have; ${SESSION_KEPT}`,
    );
  try {
    return validateHeaderValue(header, token);
  } catch (error) {
    const why = error instanceof InvalidHeaderValueError ? ` (it ${error.reason})` : "";
    throw new answer.refusal(
      `Stack Auth's ${answer.name}'s ${field} cannot be sent as ${header}${why}; ${SESSION_KEPT}`,
      {
        cause: error,
      },
    );
  }
}

/** What came instead of a token or an answer, never quoting it. */
export function describe(value: unknown): string {
  if (typeof value === "string") return value.trim() === "" ? "an empty string" : "a string";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
