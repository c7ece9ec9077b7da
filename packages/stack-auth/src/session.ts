import {
  toApiError,
  validateHeaderValue,
  type FetchResult,
  type InstrumentedRequest,
  type SharedWorkObserver,
} from "@keyway/runtime";
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

/** The refresh of one rejected access token, shared by every caller that was refused with it. */
interface SharedRefresh {
  readonly rejectedToken: string;
  readonly replacement: Promise<string>;
  /** An instrumentation's view of the refresh, told of every call that waits for it. */
  readonly observer: SharedWorkObserver | undefined;
}

/** The rejected token {@link SessionRefresher.replacementFor} is given for a session stored with its refresh token only. */
export const NO_ACCESS_TOKEN = "";

// Keyed by the session store, not by the client: withOptions() copies and every client built on
// the same store share one refresh.
const refreshesByStore = new WeakMap<SessionStore, SharedRefresh>();

/**
 * Refreshes the access token once for every caller that needs it at the same time
 * (single-flight per session store), and ends the session when the refresh token is refused.
 */
export class SessionRefresher {
  readonly #store: SessionStore;
  readonly #refresh: () => Promise<FetchResult>;
  readonly #accessTokenHeader: string;
  readonly #observe: (() => SharedWorkObserver | undefined) | undefined;

  /** `observe` lets an instrumentation (tracing) see each refresh and the calls that wait for it. */
  constructor(
    store: SessionStore,
    refresh: () => Promise<FetchResult>,
    accessTokenHeader: string,
    observe?: () => SharedWorkObserver | undefined,
  ) {
    this.#store = store;
    this.#refresh = refresh;
    this.#accessTokenHeader = accessTokenHeader;
    this.#observe = observe;
  }

  /**
   * A fresh access token to replace `rejectedToken`: the one another caller already
   * obtained, or a new one from a refresh shared by every caller refused with the same
   * token, however slowly the store answers. `waiting` is the request of the call that waits, for observers; a call
   * that waits before its request exists (for a session stored without an access token) is not observed.
   */
  async replacementFor(rejectedToken: string, waiting?: InstrumentedRequest): Promise<string> {
    const shared = this.#sharedFor(rejectedToken, waiting);
    if (shared !== undefined) return shared;
    const tokens = await this.#store.get();
    if (!tokens?.refreshToken)
      throw new SignedOutError("The session has ended: there is no refresh token. Sign in again.");
    if (tokens.accessToken && tokens.accessToken !== rejectedToken) return tokens.accessToken;
    // Another caller may have started the refresh while the store was being read.
    const startedMeanwhile = this.#sharedFor(rejectedToken, waiting);
    if (startedMeanwhile !== undefined) return startedMeanwhile;
    const observer = waiting && this.#observe?.();
    // The first waiter is known before the refresh runs, so an observer can place the refresh under its call.
    if (waiting) observer?.waitedBy(waiting);
    const refresh = () => this.#refreshOnce(tokens);
    const replacement = observer ? observer.run(refresh) : refresh();
    const entry = { rejectedToken, replacement, observer };
    refreshesByStore.set(this.#store, entry);
    // A failed refresh is not remembered, so that a later call may try again.
    replacement.catch(() => {
      if (refreshesByStore.get(this.#store) === entry) refreshesByStore.delete(this.#store);
    });
    return replacement;
  }

  #sharedFor(rejectedToken: string, waiting: InstrumentedRequest | undefined): Promise<string> | undefined {
    const shared = refreshesByStore.get(this.#store);
    if (shared?.rejectedToken !== rejectedToken) return undefined;
    if (waiting) shared.observer?.waitedBy(waiting);
    return shared.replacement;
  }

  async #refreshOnce(tokens: SessionTokens): Promise<string> {
    const result = await this.#refresh();
    if (result.error === undefined && result.response.ok) {
      const accessToken = usableToken(
        REFRESH_ANSWER,
        "access_token",
        (result.data as { access_token?: unknown } | null | undefined)?.access_token,
        this.#accessTokenHeader,
      );
      await this.#store.set({ ...tokens, accessToken });
      return accessToken;
    }
    const error = toApiError(result);
    if (isKnownError(error, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED")) {
      await this.#store.set(undefined);
      throw new SignedOutError("The session has ended: Stack Auth refused the refresh token. Sign in again.", {
        cause: error,
      });
    }
    throw error;
  }
}

/** An answer that hands out session tokens, as the errors refusing it name it, and the class of those errors. */
export interface TokenAnswer {
  readonly name: string;
  readonly refusal: new (message: string) => Error;
}

const REFRESH_ANSWER: TokenAnswer = { name: "refresh answer", refusal: SessionRefreshError };

/**
 * `token`, the answer's `field`, if keyway can store it and send it under `header`: a non-empty string that is a
 * valid header value (refresh and sign-in answers both go through here). A missing, empty or non-string token is the
 * answer's refusal, saying what came instead (`"nothing"`, `"null"`, `"a number"`, never the value); a string HTTP
 * forbids in a header throws `InvalidHeaderValueError`, naming the header and never the value.
 */
export function usableToken(answer: TokenAnswer, field: string, token: unknown, header: string): string {
  if (typeof token !== "string" || token.trim() === "")
    throw new answer.refusal(
      `Stack Auth's ${answer.name} has no usable ${field} (got ${describe(token)}); the session was left as it was`,
    );
  return validateHeaderValue(header, token);
}

/** What came instead of a token or an answer, never quoting it. */
export function describe(value: unknown): string {
  if (typeof value === "string") return value.trim() === "" ? "an empty string" : "a string";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
