import { createHeaderAuth, validateOptionValue, type Credential } from "@keyway/header-auth";
import {
  BASE_CLIENT_OPTIONS,
  checkOptions,
  checkOptionValues,
  ConfigurationError,
  createApiClient,
  namingFactory,
  unwrap,
  validateHeaderValue,
  type BaseClientOptions,
  type ClientMeta,
  type FetchResult,
  type KeywayClient,
  type OperationMeta,
  type OptionNames,
  type TransportOptions,
} from "@keyway/runtime";
import type { Client } from "openapi-fetch";
import { STACK_AUTH_BASE_URL } from "./constants.js";
import { SignInError, SignedOutError, isKnownError, toStackAuthError } from "./errors.js";
import { firstHeader, headerNamesFor, restoringActualStatus, type HeaderFamily } from "./header-family.js";
import { knownErrorCodeInBody, readingUnlabelledUnauthorized } from "./known-error-body.js";
import {
  MemorySessionStore,
  REFRESHABLE_ERRORS,
  SESSION_KEPT,
  SessionRefresher,
  type SessionRefresh,
  describe,
  replaceSession,
  unverifiedClaim,
  usableToken,
  type SessionStore,
  type TokenAnswer,
  type SessionTokens,
} from "./session.js";
import type { SignInResult } from "./types.js";
import { VERSION } from "./version.js";

/** What both access types are configured with. */
export interface CommonOptions extends BaseClientOptions {
  /** The project's id (`X-Stack-Project-Id`). */
  readonly projectId: string;
  /**
   * Where the signed-in user's tokens live: a store, initial tokens, or nothing (memory). A refresh token alone is
   * enough: the first call that needs the user fetches an access token with it.
   */
  readonly session?: SessionStore | SessionTokens | undefined;
  /**
   * Send `X-Stack-Allow-Anonymous-User: true`, so anonymous users' tokens are accepted, and restricted users' too
   * (Stack Auth reads it as `X-Stack-Allow-Restricted-User` as well; without it they get `RESTRICTED_USER_NOT_ALLOWED`).
   * Without it, `signIn` refuses such a user's session, and a call that also goes without a user (a sign-in, verifying
   * a contact channel by code) is sent again without a stored token Stack Auth refused for its user.
   */
  readonly allowAnonymousUsers?: boolean | undefined;
  /**
   * The names the Stack Auth headers are sent under: `"stack"` (`X-Stack-*`, the default, which
   * every backend accepts, including self-hosted ones built before the Hexclave rename) or
   * `"hexclave"` (`X-Hexclave-*`, what the official SDK sends since 2.8.108; hosted API only).
   * Responses are read under both names either way.
   */
  readonly headerFamily?: HeaderFamily | undefined;
}

/** The options both access types take: their own and every keyway client's. */
export const COMMON_OPTIONS: OptionNames<CommonOptions> = {
  ...BASE_CLIENT_OPTIONS,
  projectId: "required",
  session: "optional",
  allowAnonymousUsers: "optional",
  headerFamily: "optional",
};

/** The result of a call that signs a user in: its data, when there is any, holds the session's tokens. */
export type SignInCall = FetchResult & { readonly data?: { access_token: string; refresh_token: string } | undefined };

/** Session helpers both clients share. */
export interface SessionControls {
  /**
   * Turns a sign-in call (password, OTP, MFA, anonymous sign-up, password sign-up) into the
   * client's session, and returns its result. A failed sign-in throws its typed error; anything but a call's
   * result (the credentials themselves, nothing) is a `ConfigurationError`, the session left as it was. So is the
   * session of an anonymous or restricted user (an e-mail not yet verified) a `SignInError`, unless the client has
   * `allowAnonymousUsers`: Stack Auth would refuse every call of it.
   *
   * @example
   * ```ts
   * const { user_id } = await stack.signIn(stack.POST("/auth/password/sign-in", { body: { email, password } }));
   * ```
   */
  signIn<R extends SignInCall>(call: Promise<R> | R): Promise<SignInResult>;
  /**
   * Ends the session at Stack Auth (`DELETE /auth/sessions/current`) and clears the store,
   * even if the request fails. A session Stack Auth had already ended is signed out without an error, and one whose
   * user Stack Auth has restricted since is ended all the same.
   *
   * @example
   * ```ts
   * await stack.signOut();
   * ```
   */
  signOut(): Promise<void>;
  /** The current session's tokens, if signed in. */
  getSession(): Promise<SessionTokens | undefined>;
}

/** A client whose transport settings can be overridden for some calls, sharing its session. */
export interface WithOptions<Self> {
  /**
   * The same client, sharing its session, with other transport settings for the calls made through it. One call takes
   * `timeout`, `maxRetries`, `retryNonIdempotent` and `maxResponseBytes` itself (`CallSettings`), without a new client.
   * A session refresh a copy's call starts is sent with the settings of the client it was copied from, and shared by
   * every client of the session; a copy's call waits for it within the copy's own timeout.
   *
   * @example
   * ```ts
   * const patient = stack.withOptions({ timeout: 120_000, hooks: { onRetry: (event) => console.warn(event) } });
   * await patient.GET("/users/me");
   * // One call only:
   * await stack.GET("/users/me", { timeout: 5_000, maxRetries: 0 });
   * ```
   */
  withOptions(overrides: TransportOptions): Self;
}

/**
 * The key of an access type: the security scheme it fills, the option that sets it, that option's value, and the
 * factory it is passed to (`createStackAuthClient`), which an error about an option's value names, even at call time.
 */
export interface AccessKey {
  readonly scheme: string;
  readonly option: string;
  readonly value: Credential | undefined;
  readonly factory: string;
}

/** The option that sets each session token, which an error about its value names. */
const SESSION_TOKEN_NAMES = { AccessToken: "session.accessToken", RefreshToken: "session.refreshToken" } as const;

/** What a call that needs the user is told when the session holds no token: not to configure one, but to sign in. */
const noSession = (token: string) =>
  `the session holds no ${token}: no user is signed in (sign in with signIn(…), or give the client a session)`;

/**
 * How each client refreshes its session: its own way, or (a withOptions() copy) the way of the client it was copied
 * from, so that a refresh a copy starts goes with that client's timeout and retries, and a copy's short timeout fails
 * that copy's call alone.
 */
const refreshOf = new WeakMap<object, SessionRefresh>();

/**
 * The typed client of one access type, with its credentials, the session in `options.session`,
 * self-refreshing access tokens, typed known errors and the session helpers; `copiedFrom`, for a withOptions() copy,
 * is the client it copies.
 */
export function createSessionClient<Paths extends {}>(
  accessType: "client" | "server",
  meta: ClientMeta,
  options: CommonOptions,
  key: AccessKey,
  factory: string,
  copiedFrom?: object,
): KeywayClient<Paths> & SessionControls {
  return namingFactory(factory, () => sessionClient<Paths>(accessType, meta, options, key, factory, copiedFrom));
}

function sessionClient<Paths extends {}>(
  accessType: "client" | "server",
  meta: ClientMeta,
  options: CommonOptions,
  key: AccessKey,
  factory: string,
  copiedFrom: object | undefined,
): KeywayClient<Paths> & SessionControls {
  if (!options.projectId) throw new ConfigurationError(`${factory}: projectId is required`);
  // Before its fetch is wrapped and a header added to its headers, as createApiClient would check them.
  checkOptionValues(options);
  const store = toStore(options.session, factory);
  const headerFamily = options.headerFamily ?? "stack"; // null leaves it unset, as every option
  // "Hexclave" or a flag would otherwise fail in words of the spec's aliases, not of the option.
  if (headerFamily !== "stack" && headerFamily !== "hexclave")
    throw new ConfigurationError(
      `${factory}: headerFamily must be "stack" or "hexclave" (in lower case), got ${typeof headerFamily === "string" ? "another string" : describe(headerFamily)}`,
    );
  const names = headerNamesFor(meta, headerFamily);
  const accessTokenHeader = names.meta.securitySchemes.AccessToken!.header;
  const refreshTokenHeader = names.meta.securitySchemes.RefreshToken!.header;
  const { allowAnonymousUsers } = options;
  // "false" from an environment variable would otherwise let anonymous users in.
  if (allowAnonymousUsers != null && typeof allowAnonymousUsers !== "boolean")
    throw new ConfigurationError(
      `${factory}: allowAnonymousUsers (which sends the "${names.allowAnonymousUser}" header) is ${describe(allowAnonymousUsers)}, not true or false`,
    );
  const named = (option: string, provided = false) => ({ option, factory: key.factory, provided });
  const storedRefreshToken = named(SESSION_TOKEN_NAMES.RefreshToken, true);
  if (store instanceof MemorySessionStore) {
    // Tokens the options gave are refused now, as a credential option's value is, rather than by every call.
    const held = store.get();
    if (held?.accessToken != null)
      validateOptionValue(accessTokenHeader, held.accessToken, named(SESSION_TOKEN_NAMES.AccessToken));
    if (held?.refreshToken != null)
      validateOptionValue(refreshTokenHeader, held.refreshToken, named(SESSION_TOKEN_NAMES.RefreshToken));
  }
  const knownErrorCode = (headers: Headers) => firstHeader(headers, names.knownError);
  const restoreActualStatus = restoringActualStatus(names.actualStatus);
  const readUnauthorized = readingUnlabelledUnauthorized(names.knownError, accessTokenHeader);
  const baseUrl = options.baseUrl ?? STACK_AUTH_BASE_URL;
  let refresher: SessionRefresher | undefined;
  // Made once, not per call: every call of the client reads its tokens through them. Reading the access token
  // remembers the session's refresh token for redaction too: a call that does not send it may meet an answer that
  // echoes it all the same.
  const accessToken = (tokens: SessionTokens | undefined) => {
    if (tokens?.refreshToken) auth.redactor.remember(tokens.refreshToken);
    return accessTokenOf(tokens, refresher!);
  };
  const refreshToken = (tokens: SessionTokens | undefined) => tokens?.refreshToken;

  const auth = createHeaderAuth({
    meta: names.meta,
    credentials: {
      AccessType: accessType,
      ProjectId: options.projectId,
      [key.scheme]: key.value,
      AccessToken: () => fromSession(store, accessToken, key.factory),
      RefreshToken: () => fromSession(store, refreshToken, key.factory),
    },
    credentialNames: { ProjectId: "projectId", [key.scheme]: key.option, ...SESSION_TOKEN_NAMES },
    missingCredentialHints: { AccessToken: noSession("access token"), RefreshToken: noSession("refresh token") },
    factory: key.factory,
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser,
  });
  const { client, instrumentation } = createApiClient<Paths>({
    ...options,
    meta: names.meta,
    auth: {
      ...auth,
      // A call that also goes without a user (a sign-in) is not failed by the end of the session it found: asked
      // again, the store no longer holds it (or holds the session that replaced it).
      authorize(request, operation, callerHeaders) {
        const authorized = auth.authorize(request, operation, callerHeaders);
        if (authorized === undefined || !allowsNoUser(operation)) return authorized;
        return authorized.catch((error: unknown) => {
          if (!(error instanceof SignedOutError)) throw error;
          return auth.authorize(request, operation, callerHeaders);
        });
      },
    },
    service: { name: "stack-auth", attributes: { "keyway.stack_auth.access_type": accessType } },
    baseUrl,
    // Applied to what every fetch answers, the client's and a call's own (`stack.GET(path, { fetch })`) alike.
    readResponse: (response, init) => readUnauthorized(restoreActualStatus(response), init),
    headers: { ...options.headers, ...(allowAnonymousUsers ? { [names.allowAnonymousUser]: "true" } : {}) },
    // A known error is an answer, not a glitch: never retried (the session refresh below is not a retry).
    isRetryableResponse: (response) => knownErrorCode(response.headers) === null,
    toError: (init) => toStackAuthError(init, names.knownError),
    requestIdHeaders: names.requestId,
    // Only a User-Agent: Stack Auth's X-Stack-Client-Version parser takes `@word/word` names, which
    // "@keyway/stack-auth" is not, so it would be ignored, and browsers would pay a preflight for it.
    sdk: { name: "@keyway/stack-auth", version: VERSION },
    async recover(response, request, operation) {
      const rejectedToken = request.headers.get(accessTokenHeader);
      if ((response.status !== 401 && response.status !== 403) || !rejectedToken) return undefined;
      const code = knownErrorCode(response.headers) ?? knownErrorCodeInBody(response);
      if (!code) return undefined;
      const withoutUser = () => {
        const headers = new Headers(request.headers);
        headers.delete(accessTokenHeader);
        return headers;
      };
      // A user Stack Auth lets in only with the allow header (anonymous, restricted): a call that also goes without a
      // user (a sign-in, a contact channel's verification by code) is sent again without the token, as Stack Auth
      // refuses the token before it looks at the call.
      if (USER_NOT_LET_IN.has(code)) return allowsNoUser(operation) ? withoutUser() : undefined;
      if (response.status !== 401 || !REFRESHABLE_ERRORS.has(code)) return undefined;
      let accessToken: string | undefined;
      try {
        accessToken = await refresher!.replacementFor(rejectedToken, request);
      } catch (error) {
        // The session has ended: a call that also goes without a user (a sign-in) is sent again without its token.
        if (!(error instanceof SignedOutError) || !allowsNoUser(operation)) throw error;
        return withoutUser();
      }
      if (accessToken === undefined) return undefined;
      // The replay is sent without header-auth, which validates and remembers (for redaction) what it sends:
      // done here, so that an answer, error or span echoing the new token shows [REDACTED].
      auth.redactor.remember(validateHeaderValue(accessTokenHeader, accessToken));
      const headers = new Headers(request.headers);
      headers.set(accessTokenHeader, accessToken);
      return headers;
    },
  });
  const untyped = client as unknown as Client<Record<string, Record<string, unknown>>>;
  const letEveryUserIn = { [names.allowAnonymousUser]: "true" };
  // The refresh token is the one of the session being refreshed, not whatever the store holds when the request goes;
  // sent as the call's own header, it is checked here, so that a bad one a store returned is named as header-auth
  // names a provider's value. The access token it replaces may have been sent by another client on the store (a
  // withOptions() copy), whose redactor alone knows it: this one's hides it too, wherever the answer echoes it.
  const ownRefresh: SessionRefresh = async ({ accessToken, refreshToken }) => {
    if (typeof accessToken === "string") auth.redactor.remember(accessToken);
    const sent = validateOptionValue(refreshTokenHeader, refreshToken, storedRefreshToken);
    return untyped.POST("/auth/sessions/current/refresh" as never, { headers: { [refreshTokenHeader]: sent } });
  };
  const refresh = (copiedFrom && refreshOf.get(copiedFrom)) ?? ownRefresh;
  refreshOf.set(client, refresh);
  refresher = new SessionRefresher(
    store,
    String(baseUrl),
    refresh,
    accessTokenHeader,
    instrumentation && (() => instrumentation.startSharedWork?.("session refresh")),
  );

  return Object.assign(client, {
    async signIn(call: Promise<FetchResult> | FetchResult) {
      const answer = await call;
      // What a JavaScript caller may pass instead (the credentials themselves, or nothing) is never quoted.
      if (typeof (answer as Partial<FetchResult> | null | undefined)?.response?.ok !== "boolean")
        throw new ConfigurationError(
          `signIn takes a sign-in call, such as stack.signIn(stack.POST("/auth/password/sign-in", { body: { email, password } })), got ${describe(answer)}`,
        );
      const result = (await unwrap(answer)) as SignInResult | null | undefined;
      if (result === null || typeof result !== "object" || Array.isArray(result)) {
        throw new SignInError(
          `Stack Auth's sign-in answered ${result === undefined ? "no body" : describe(result)} instead of the session's tokens; ${SESSION_KEPT}`,
        );
      }
      const accessToken = usableToken(SIGN_IN_ANSWER, "access_token", result.access_token, accessTokenHeader);
      const refreshToken = usableToken(SIGN_IN_ANSWER, "refresh_token", result.refresh_token, refreshTokenHeader);
      // Stack Auth refuses every call of an anonymous or restricted user's session without the header (its sign-out
      // and the user's next sign-in alike), since it refuses the token before it looks at the call.
      const refused = allowAnonymousUsers ? undefined : userNotLetIn(accessToken);
      if (refused)
        throw new SignInError(
          `Stack Auth signed in ${refused}, whose session it answers only with the "${names.allowAnonymousUser}" header: create the client with allowAnonymousUsers: true to keep such users; ${SESSION_KEPT}`,
        );
      // Remembered before they are stored and sent, so that whatever echoes them shows [REDACTED].
      auth.redactor.remember(accessToken);
      auth.redactor.remember(refreshToken);
      await replaceSession(store, { accessToken, refreshToken });
      return result;
    },
    async signOut() {
      if (!(await store.get())) return;
      try {
        // With the allow header, whatever the client's options: a session Stack Auth would no longer answer (its user
        // restricted since, or anonymous) is ended all the same, not only forgotten here.
        await unwrap(untyped.DELETE("/auth/sessions/current" as never, { headers: letEveryUserIn }));
      } catch (error) {
        // A session already ended (signed out elsewhere, revoked, expired) is what signing out asks for.
        if (!(error instanceof SignedOutError) && !isKnownError(error, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED"))
          throw error;
      } finally {
        await replaceSession(store, undefined);
      }
    },
    getSession: async () => store.get(),
  });
}

const SIGN_IN_ANSWER: TokenAnswer = { name: "sign-in answer", refusal: SignInError };

/** The known errors of a token whose user Stack Auth lets in only with the allow header. */
const USER_NOT_LET_IN: ReadonlySet<string> = new Set([
  "ANONYMOUS_AUTHENTICATION_NOT_ALLOWED",
  "RESTRICTED_USER_NOT_ALLOWED",
]);

/**
 * The user of an access token that Stack Auth answers only with the allow header, in words (its claim's reason, never
 * the claim's text itself): an anonymous user, or a restricted one; none for any other.
 */
function userNotLetIn(accessToken: string): string | undefined {
  if (unverifiedClaim(accessToken, "is_anonymous") === true) return "an anonymous user";
  if (unverifiedClaim(accessToken, "is_restricted") !== true) return undefined;
  const { type } = (unverifiedClaim(accessToken, "restricted_reason") ?? {}) as { type?: unknown };
  return `a restricted user${type === "email_not_verified" ? " (e-mail not verified)" : type === "restricted_by_administrator" ? " (by an administrator)" : ""}`;
}

/** Whether `operation` also takes a call without the user's access token: a sign-in, the API root. */
function allowsNoUser(operation: OperationMeta | undefined): boolean {
  return operation?.security.some((alternative) => !alternative.includes("AccessToken")) === true;
}

/**
 * `read` of the stored session: synchronously when the store answers synchronously (the default memory store). What a
 * store returns that is neither tokens nor nothing (the token itself) is refused naming `factory`, never quoted.
 */
function fromSession<T>(
  store: SessionStore,
  read: (tokens: SessionTokens | undefined) => T | Promise<T>,
  factory: string,
): T | Promise<T> {
  const session: unknown = store.get();
  if (typeof (session as Partial<PromiseLike<unknown>> | null | undefined)?.then === "function")
    return Promise.resolve(session).then((held) => read(storedTokens(held, factory)));
  return read(storedTokens(session, factory));
}

/** Whether `value` is something (not `null` or `undefined`) other than a plain object: a text, a number, an array. */
function isOtherThanAnObject(value: unknown): boolean {
  return value != null && (typeof value !== "object" || Array.isArray(value));
}

const SESSION_TOKEN_FIELDS: OptionNames<SessionTokens> = { accessToken: "optional", refreshToken: "required" };

/** The shape a session's tokens take, as an error refusing something else says it. */
const TOKENS = "the session's { accessToken, refreshToken }";

/** `held`, what a session store returned, if it is tokens or nothing; a `ConfigurationError` naming `factory` if not. */
function storedTokens(held: unknown, factory: string): SessionTokens | undefined {
  if (isOtherThanAnObject(held))
    throw new ConfigurationError(`${factory}: session's store returned ${describe(held)}, not ${TOKENS}`);
  return held as SessionTokens | undefined;
}

/**
 * The session's access token; for a session stored with its refresh token only, a new one fetched with it first (as
 * the official SDK does), once for every call that asks at the same time.
 */
function accessTokenOf(
  tokens: SessionTokens | undefined,
  refresher: SessionRefresher,
): string | undefined | Promise<string> {
  const accessToken = tokens?.accessToken;
  // Only an empty one is none: any other value a store returned is sent, or refused naming session.accessToken.
  if ((accessToken != null && accessToken !== "") || !tokens?.refreshToken) return accessToken;
  return refresher.firstAccessToken(tokens);
}

/**
 * The session store the options name, or a memory store holding the initial tokens given; anything else (a token
 * passed as the session itself) a `ConfigurationError` naming `factory`, never the value.
 */
export function toStore(session: SessionStore | SessionTokens | undefined, factory: string): SessionStore {
  if (isOtherThanAnObject(session))
    throw new ConfigurationError(`${factory}: session is ${describe(session)}, not a SessionStore or ${TOKENS}`);
  // A Map has get() and set() too, but keyed: it would answer every call that no user is signed in. (A store class that
  // extends Map with its own get() is a store.)
  if (
    (session instanceof Map && session.get === Map.prototype.get) ||
    (session instanceof WeakMap && session.get === WeakMap.prototype.get)
  )
    throw new ConfigurationError(
      `${factory}: session is a ${session instanceof Map ? "Map" : "WeakMap"}, not a SessionStore or ${TOKENS}`,
    );
  if (session && "get" in session && typeof session.get === "function") {
    // Without set(), the first refreshed session could not be kept: a TypeError in the middle of a call.
    if (typeof (session as Partial<SessionStore>).set !== "function")
      throw new ConfigurationError(
        `${factory}: session has get() but no set(): a SessionStore keeps each refreshed session`,
      );
    return session;
  }
  // The API's own spelling (access_token) would leave the client without a user, saying none is signed in.
  if (session) checkOptions(`${factory}: session`, session, SESSION_TOKEN_FIELDS);
  return new MemorySessionStore(session as SessionTokens | undefined);
}
