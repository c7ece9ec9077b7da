import { ConfigurationError, type Credential } from "@keyway/header-auth";
import { createApiClient, paginate, unwrap, type BaseClientOptions, type PageIterator, type ClientMeta, type FetchResult, type TransportOptions } from "@keyway/runtime";
import type { Client } from "openapi-fetch";
import { STACK_AUTH_BASE_URL } from "./constants.js";
import { KNOWN_ERROR_HEADER, SignedOutError, toStackAuthError } from "./errors.js";
import type { paths as ClientPaths } from "./generated/stack-auth-client.js";
import { apiMeta as clientMeta } from "./generated/stack-auth-client.meta.js";
import type { paths as ServerPaths } from "./generated/stack-auth-server.js";
import { apiMeta as serverMeta } from "./generated/stack-auth-server.meta.js";
import { MemorySessionStore, REFRESHABLE_ERRORS, SessionRefresher, type SessionStore, type SessionTokens } from "./session.js";
import type { ServerUser, SignInResult, UsersQuery } from "./types.js";


interface CommonOptions extends BaseClientOptions {
  /** The project's id (`X-Stack-Project-Id`). */
  readonly projectId: string;
  /** Where the signed-in user's tokens live: a store, initial tokens, or nothing (memory). */
  readonly session?: SessionStore | SessionTokens;
  /** Send `X-Stack-Allow-Anonymous-User: true`, so anonymous users' tokens are accepted. */
  readonly allowAnonymousUsers?: boolean;
}

export interface StackAuthClientOptions extends CommonOptions {
  /** The publishable client key (`pck_…`); omit it only if the project does not require one. */
  readonly publishableClientKey?: Credential;
}

export interface StackAuthServerClientOptions extends CommonOptions {
  /** The secret server key (`ssk_…`). Never ship it to a browser. */
  readonly secretServerKey: Credential;
}

/** Session helpers both clients share. */
export interface SessionControls {
  /**
   * Turns a sign-in call (password, OTP, MFA, anonymous sign-up, password sign-up) into the
   * client's session, and returns its result. A failed sign-in throws its typed error.
   *
   * @example
   * ```ts
   * const { user_id } = await stack.signIn(stack.POST("/auth/password/sign-in", { body: { email, password } }));
   * ```
   */
  signIn<R extends FetchResult>(call: Promise<R> | R): Promise<SignInResult>;
  /**
   * Ends the session at Stack Auth (`DELETE /auth/sessions/current`) and clears the store,
   * even if the request fails.
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
interface WithOptions<Self> {
  /**
   * The same client, sharing its session, with other transport settings for the calls made through it.
   *
   * @example
   * ```ts
   * await stack.withOptions({ timeout: 5_000, maxRetries: 0 }).GET("/users/me");
   * ```
   */
  withOptions(overrides: TransportOptions): Self;
}

/** The typed client for client access, plus session helpers. */
export type StackAuthClient = Client<ClientPaths> & SessionControls & WithOptions<StackAuthClient>;

/** The typed client for server access, plus session helpers and user paging. */
export type StackAuthServerClient = Client<ServerPaths> &
  SessionControls &
  WithOptions<StackAuthServerClient> & {
    /**
     * Iterates every user, following `next_cursor` page after page.
     *
     * @example
     * ```ts
     * for await (const user of server.listAllUsers({ limit: 200 })) console.log(user.primary_email);
     * ```
     */
    listAllUsers(query?: UsersQuery): PageIterator<ServerUser>;
  };

/**
 * Creates a Stack Auth client for **client** access: the project id and publishable key,
 * plus the signed-in user's session, whose access token refreshes itself.
 *
 * @example
 * ```ts
 * import { createStackAuthClient } from "@keyway/stack-auth";
 *
 * const stack = createStackAuthClient({ projectId: "9e3f…", publishableClientKey: "pck_…" });
 * await stack.signIn(stack.POST("/auth/password/sign-in", { body: { email, password } }));
 * const { data: me } = await stack.GET("/users/me");
 * ```
 */
export function createStackAuthClient(options: StackAuthClientOptions): StackAuthClient {
  const session = toStore(options.session);
  const client = createSessionClient<ClientPaths>("client", clientMeta, { ...options, session }, { PublishableClientKey: options.publishableClientKey });
  return Object.assign(client, {
    withOptions: (overrides: TransportOptions) => createStackAuthClient({ ...options, ...overrides, session }),
  });
}

/**
 * Creates a Stack Auth client for **server** access with the secret server key. It refuses
 * to start in a browser unless `dangerouslyAllowBrowser: true` is passed.
 *
 * @example
 * ```ts
 * import { createStackAuthServerClient } from "@keyway/stack-auth";
 *
 * const admin = createStackAuthServerClient({ projectId, secretServerKey: process.env.STACK_SECRET_SERVER_KEY! });
 * const { data: user } = await admin.GET("/users/{user_id}", { params: { path: { user_id } } });
 * ```
 */
export function createStackAuthServerClient(options: StackAuthServerClientOptions): StackAuthServerClient {
  if (options.secretServerKey === undefined || options.secretServerKey === null || options.secretServerKey === "") {
    throw new ConfigurationError("createStackAuthServerClient: secretServerKey is required (the project's ssk_… key)");
  }
  const session = toStore(options.session);
  const client = createSessionClient<ServerPaths>("server", serverMeta, { ...options, session }, { SecretServerKey: options.secretServerKey });
  const usersPagination = serverMeta.operations["GET /users"].pagination;
  return Object.assign(client, {
    withOptions: (overrides: TransportOptions) => createStackAuthServerClient({ ...options, ...overrides, session }),
    listAllUsers(query: UsersQuery = {}) {
      return paginate<ServerUser>(usersPagination, (init) => client.GET("/users", init as never), { params: { query } });
    },
  });
}

function createSessionClient<Paths extends {}>(
  accessType: "client" | "server",
  meta: ClientMeta,
  options: CommonOptions,
  keys: Record<string, Credential>,
): Client<Paths> & SessionControls {
  if (!options.projectId) throw new ConfigurationError(`createStackAuth${accessType === "server" ? "Server" : ""}Client: projectId is required`);
  const store = toStore(options.session);
  const accessTokenHeader = meta.securitySchemes.AccessToken!.header;
  let refresher: SessionRefresher | undefined;

  const { client } = createApiClient<Paths>({
    ...options,
    meta,
    baseUrl: options.baseUrl ?? STACK_AUTH_BASE_URL,
    headers: { ...options.headers, ...(options.allowAnonymousUsers ? { "X-Stack-Allow-Anonymous-User": "true" } : {}) },
    credentials: {
      AccessType: accessType,
      ProjectId: options.projectId,
      ...keys,
      AccessToken: () => tokenFrom(store, "accessToken"),
      RefreshToken: () => tokenFrom(store, "refreshToken"),
    },
    // A known error is an answer, not a glitch: never retried (the session refresh below is not a retry).
    isRetryableResponse: (response) => !response.headers.has(KNOWN_ERROR_HEADER),
    toError: toStackAuthError,
    async recover(response, request) {
      const code = response.headers.get(KNOWN_ERROR_HEADER);
      const rejectedToken = request.headers.get(accessTokenHeader);
      if (response.status !== 401 || !code || !REFRESHABLE_ERRORS.has(code) || !rejectedToken) return undefined;
      const accessToken = await refresher!.replacementFor(rejectedToken);
      const headers = new Headers(request.headers);
      headers.set(accessTokenHeader, accessToken);
      return headers;
    },
  });
  const untyped = client as unknown as Client<Record<string, Record<string, unknown>>>;
  refresher = new SessionRefresher(store, () => untyped.POST("/auth/sessions/current/refresh" as never));

  return Object.assign(client, {
    async signIn(call: Promise<FetchResult> | FetchResult) {
      const result = (await unwrap(call)) as SignInResult;
      await store.set({ accessToken: result.access_token, refreshToken: result.refresh_token });
      return result;
    },
    async signOut() {
      if (!(await store.get())) return;
      try {
        await unwrap(untyped.DELETE("/auth/sessions/current" as never));
      } catch (error) {
        if (!(error instanceof SignedOutError)) throw error;
      } finally {
        await store.set(undefined);
      }
    },
    getSession: async () => store.get(),
  });
}

/** One token of the stored session: synchronously when the store answers synchronously (the default memory store). */
function tokenFrom(store: SessionStore, token: keyof SessionTokens): string | undefined | Promise<string | undefined> {
  const session = store.get();
  // Stored tokens always carry a refresh token; anything else the store returned is a promise of them.
  if (session == null || "refreshToken" in session) return session?.[token];
  return Promise.resolve(session).then((tokens) => tokens?.[token]);
}

function toStore(session: SessionStore | SessionTokens | undefined): SessionStore {
  if (session && "get" in session && typeof session.get === "function") return session;
  return new MemorySessionStore(session as SessionTokens | undefined);
}
