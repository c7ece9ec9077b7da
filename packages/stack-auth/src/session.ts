import { toApiError, type FetchResult, type SharedWorkObserver } from "@keyway/runtime";
import { SignedOutError, isKnownError } from "./errors.js";

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

/**
 * Refreshes the access token once for every caller that needs it at the same time
 * (single-flight), and ends the session when the refresh token is refused.
 */
export class SessionRefresher {
  readonly #store: SessionStore;
  readonly #refresh: () => Promise<FetchResult>;
  readonly #observe: (() => SharedWorkObserver | undefined) | undefined;
  #inFlight: Promise<string> | undefined;
  #observer: SharedWorkObserver | undefined;

  /** `observe` lets an instrumentation (tracing) see each refresh and the calls that wait for it. */
  constructor(store: SessionStore, refresh: () => Promise<FetchResult>, observe?: () => SharedWorkObserver | undefined) {
    this.#store = store;
    this.#refresh = refresh;
    this.#observe = observe;
  }

  /**
   * A fresh access token to replace `rejectedToken`: the one another caller already
   * obtained, or a new one from a refresh shared by every concurrent caller.
   * `waiting` is the request of the call that waits, for observers.
   */
  async replacementFor(rejectedToken: string | null, waiting: Request): Promise<string> {
    const tokens = await this.#store.get();
    if (!tokens?.refreshToken) throw new SignedOutError("The session has ended: there is no refresh token. Sign in again.");
    if (tokens.accessToken && tokens.accessToken !== rejectedToken) return tokens.accessToken;
    if (this.#inFlight) {
      this.#observer?.waitedBy(waiting);
      return this.#inFlight;
    }
    const observer = (this.#observer = this.#observe?.());
    // The first waiter is known before the refresh runs, so an observer can place the refresh under its call.
    observer?.waitedBy(waiting);
    const refresh = () => this.#refreshOnce(tokens);
    this.#inFlight = (observer ? observer.run(refresh) : refresh()).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #refreshOnce(tokens: SessionTokens): Promise<string> {
    const result = await this.#refresh();
    if (result.error === undefined && result.response.ok) {
      const accessToken = (result.data as { access_token: string }).access_token;
      await this.#store.set({ ...tokens, accessToken });
      return accessToken;
    }
    const error = toApiError(result);
    if (isKnownError(error, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED")) {
      await this.#store.set(undefined);
      throw new SignedOutError("The session has ended: Stack Auth refused the refresh token. Sign in again.", { cause: error });
    }
    throw error;
  }
}
