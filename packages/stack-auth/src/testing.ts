// @keyway/stack-auth/testing: a fake Stack Auth API for the tests of apps that use @keyway/stack-auth,
// with sessions that expire on demand, known errors by code and signed webhooks. Only this entry
// point imports the spec data, so it never enters an app's bundle.
import {
  createFakeApi,
  type FakeApi,
  FakeReply,
  type FakeApiConfig,
  type FakeHandler,
  type HandlerOptions,
  type OperationKey,
  SchemaChecker,
  type SpecData,
} from "@keyway/runtime/testing";
import { checkOptions, shownSetting, type OptionNames, type SecretParameterOption } from "@keyway/runtime";
import { Webhook } from "standardwebhooks";
import { KNOWN_ERROR_HEADER, type KnownErrorCode, type KnownErrorDetails } from "./errors.js";
import type { paths as ClientPaths } from "./generated/stack-auth-client.js";
import { apiMeta } from "./generated/stack-auth-client.meta.js";
import { apiMeta as serverMeta } from "./generated/stack-auth-server.meta.js";
import { specData as clientSpec } from "./generated/stack-auth-client.spec-data.js";
import type { paths as ServerPaths } from "./generated/stack-auth-server.js";
import { specData as serverSpec } from "./generated/stack-auth-server.spec-data.js";
import type { SessionTokens } from "./session.js";
import { refusedBody, refusedPassword, refusedProfileImage, unreadableBody } from "./testing-bodies.js";
import {
  ADMIN_KEY_HEADERS,
  credentialOf,
  insufficientAccessType,
  refusedAccessType,
  refusedOwnUser,
  refusedProject,
  refusedUnsentCredentials,
  userIdsOfUrl,
  type FakeProject,
} from "./testing-credentials.js";
import { knownError, knownErrorCodeOf, knownErrorStatus, sampleDetails } from "./testing-known-errors.js";
import { asStackAuthAnswers } from "./testing-answer-headers.js";
import { FakeProjectSessions, type FakeSessionUser, sessionsOfFake } from "./testing-sessions.js";
import type { WebhookEvent, WebhookEventType } from "./types.js";

export { FakeApiError, FakeReply } from "@keyway/runtime/testing";
export type {
  FailOptions,
  FakeApi,
  FakeCall,
  FakeHandler,
  FakeHandlers,
  FakeRequest,
  HandlerOptions,
} from "@keyway/runtime/testing";

/** The sessions a fake Stack Auth knows, for testing sign-in and refresh flows. */
export interface FakeSessions {
  /**
   * A new signed-in session the fake accepts, to seed a client with (`session: fake.sessions.create()`), for the spec's
   * example user. Its access token is a JWT as Stack Auth's are, signed with the fake's key (see `StackAuthFake`). Signing out
   * (`DELETE /auth/sessions/current`) deletes its refresh token, as Stack Auth does; signing out again is answered 401
   * `REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED`.
   *
   * @example
   * ```ts
   * const stack = createStackAuthClient({ projectId, publishableClientKey, session: fake.sessions.create(), fetch: fake.fetch });
   * ```
   */
  create(): SessionTokens & { readonly accessToken: string };
  /**
   * Expires every access token the fake issued so far: the next request carrying one is answered
   * 401 `ACCESS_TOKEN_EXPIRED`, and a refresh (`POST /auth/sessions/current/refresh`) issues a new one.
   * Tokens issued later are accepted, and `fake.reset()` accepts every token again, until its `exp` (10 minutes after
   * it was issued, as Stack Auth's; the client then refreshes as it does for Stack Auth).
   *
   * @example
   * ```ts
   * fake.sessions.expireAccessTokens();
   * await unwrap(stack.GET("/users/me")); // refreshes, then answers
   * ```
   */
  expireAccessTokens(): void;
  /**
   * Revokes every refresh token the fake issued so far: the next refresh with one is answered 401
   * `REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED` and the client signs out (`SignedOutError`). A later sign-in's
   * session is accepted, and `fake.reset()` accepts every token again.
   *
   * @example
   * ```ts
   * fake.sessions.expireAccessTokens();
   * fake.sessions.revokeRefreshTokens();
   * await expect(unwrap(stack.GET("/users/me"))).rejects.toBeInstanceOf(SignedOutError);
   * ```
   */
  revokeRefreshTokens(): void;
  /** How many refreshes the fake answered. */
  readonly refreshes: number;
}

/**
 * A fake Stack Auth API: the generic fake plus Stack Auth's known errors and sessions. It accepts only the
 * tokens it issued (`sessions.create()`, sign-ins, refreshes), as Stack Auth does: another access token is
 * answered 401 `UNPARSABLE_ACCESS_TOKEN`, another refresh token 401 `REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED`, and its access
 * token sent with another project id 401 `INVALID_PROJECT_FOR_ACCESS_TOKEN` (the token is read before the project). An
 * anonymous user's token (`POST /auth/anonymous/sign-up`) is answered 401 `ANONYMOUS_AUTHENTICATION_NOT_ALLOWED` unless
 * the request sends `X-Stack-Allow-Anonymous-User: true` (the client's `allowAnonymousUsers`).
 * `reset()` keeps the sessions it issued, accepting them again as issued, since a client built once for
 * every test keeps its session (unless a test signed it out: its client cleared its session);
 * `sessions.refreshes` starts again from 0.
 *
 * Its access tokens are ES256 JWTs with Stack Auth's claims, valid for 10 minutes (one past its `exp` is answered
 * `ACCESS_TOKEN_EXPIRED`), signed with a key pair of its project's own, whose key set it serves at
 * `GET /projects/{project_id}/.well-known/jwks.json`: the package's `createAccessTokenVerifier` given `fetch: fake.fetch`
 * accepts them.
 *
 * A request that sends `X-Stack-Override-Error-Status` (as Stack Auth's own SDK does) is answered as Stack Auth answers
 * it: a 4xx as 200 with `x-stack-actual-status`, its body and known-error header unchanged; a 5xx as it is.
 */
export type StackAuthFake<Paths> = FakeApi<Paths> & {
  /**
   * Answers `operation` with the known error `code`: its HTTP status, a `{ code, error, details }`
   * body and the `x-stack-known-error` header, as Stack Auth sends them.
   *
   * @example
   * ```ts
   * fake.failWith("POST /auth/password/sign-in", "EMAIL_PASSWORD_MISMATCH");
   * ```
   */
  failWith<K extends OperationKey<Paths>, Code extends KnownErrorCode>(
    operation: K,
    code: Code,
    details?: KnownErrorDetails[Code],
    options?: HandlerOptions,
  ): StackAuthFake<Paths>;
  readonly sessions: FakeSessions;
};

/**
 * Which access type the fake serves (the client's, `createStackAuthClient`, or the server's), and the project it
 * stands for. It answers credentials as Stack Auth does: an `X-Stack-Access-Type` other than `client`, `server` or
 * `admin` with 400 `INVALID_ACCESS_TYPE`, another project id with 400 `CURRENT_PROJECT_NOT_FOUND`, another publishable
 * client key with 401 `INVALID_PUBLISHABLE_CLIENT_KEY`, server access without a secret server key with 401
 * `SERVER_AUTHENTICATION_REQUIRED` and another key with 401 `INVALID_SECRET_SERVER_KEY`; an empty header counts as none.
 * Client access is client access whatever keys come along: a server fake answers it 401 `INSUFFICIENT_ACCESS_TYPE`
 * for an operation only server access may call, and ignores its secret server key. `X-Hexclave-*` headers are read as
 * their `X-Stack-*` names, as the hosted API reads them. Refused calls are recorded (`fake.calls()`) with the status
 * the app saw, and are no violations unless the request lacks a header the spec requires (an access type, a project
 * id); 401 `SERVER_AUTHENTICATION_REQUIRED` is answered before that, neither recorded nor a violation.
 *
 * @example
 * ```ts
 * import { createStackAuthServerClient } from "@keyway/stack-auth/server";
 * import { createStackAuthFake } from "@keyway/stack-auth/testing";
 *
 * const projectId = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
 * const fake = createStackAuthFake({ access: "server", projectId, secretServerKey: "ssk_test_1" });
 * const admin = createStackAuthServerClient({ projectId, secretServerKey: "ssk_test_1", fetch: fake.fetch });
 * ```
 */
export interface StackAuthFakeOptions<Access extends "client" | "server"> {
  readonly access?: Access;
  /** The project's id, which clients send as `X-Stack-Project-Id`. Default: `"test-project"`. */
  readonly projectId?: string;
  /**
   * The project's publishable client key. Default: `"pck_test"`. A client may send none, as to a project that does
   * not require one.
   */
  readonly publishableClientKey?: string;
  /** The project's secret server key, which server access must send. Default: `"ssk_test"`. */
  readonly secretServerKey?: string;
  /**
   * Whether the project requires client access to send its publishable client key, as a project with "require
   * publishable client key" turned on does: client access without one is answered 401
   * `PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT`. Default: `false`, as for a new project.
   *
   * @example
   * ```ts
   * import { createStackAuthClient } from "@keyway/stack-auth";
   * import { createStackAuthFake } from "@keyway/stack-auth/testing";
   *
   * const fake = createStackAuthFake({ requirePublishableClientKey: true });
   * const stack = createStackAuthClient({ projectId: "test-project", fetch: fake.fetch });
   * const { error } = await stack.GET("/users/me"); // PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT
   * ```
   */
  readonly requirePublishableClientKey?: boolean;
  /**
   * Another fake of the project this one stands for, typically of the other access type: the two fakes are one
   * project, as Stack Auth's client and server access are. A session signed in through either is known to both (a
   * token the browser's client holds is accepted by the backend's fake), they sign access tokens with the same keys,
   * and `sessions` controls (`expireAccessTokens()`, `revokeRefreshTokens()`, `reset()`) act on the project's sessions.
   * The project's id and keys are that fake's: give none of them here.
   *
   * @example
   * ```ts
   * import { createStackAuthFake } from "@keyway/stack-auth/testing";
   *
   * const browserFake = createStackAuthFake();
   * const backendFake = createStackAuthFake({ access: "server", project: browserFake });
   * ```
   */
  readonly project?: StackAuthFake<ClientPaths> | StackAuthFake<ServerPaths>;
  /**
   * The `secretParameters` of the client under test, for the fake to hide what that client hides: a recorded call
   * prints each secret parameter's value as "[REDACTED]" (its URL, `params`, a header), and a violation tells only its
   * type; a name in `except` prints as sent. The project's keys and a session's tokens stay hidden whatever it says.
   *
   * @example
   * ```ts
   * import { createStackAuthClient } from "@keyway/stack-auth";
   * import { createStackAuthFake } from "@keyway/stack-auth/testing";
   *
   * const secretParameters = ["state"]; // the app's OAuth state guards its sign-ins
   * const fake = createStackAuthFake({ secretParameters });
   * const stack = createStackAuthClient({ projectId: "test-project", fetch: fake.fetch, secretParameters });
   * ```
   */
  readonly secretParameters?: SecretParameterOption;
}

const FACTORY = "createStackAuthFake";
const FAKE_OPTIONS: OptionNames<StackAuthFakeOptions<"client" | "server">> = {
  access: "optional",
  projectId: "optional",
  publishableClientKey: "optional",
  secretServerKey: "optional",
  requirePublishableClientKey: "optional",
  project: "optional",
  secretParameters: "optional",
};

/** The project a fake stands for unless its options name another. */
const FAKE_PROJECT: FakeProject = {
  projectId: "test-project",
  publishableClientKey: "pck_test",
  secretServerKey: "ssk_test",
  requirePublishableClientKey: false,
};

const REFRESH = "POST /auth/sessions/current/refresh";
const SIGN_OUT = "DELETE /auth/sessions/current";
const ACCESS_TOKEN = "x-stack-access-token";
const REFRESH_TOKEN = "x-stack-refresh-token";
const ALLOW_ANONYMOUS_USER = "x-stack-allow-anonymous-user";
const ANONYMOUS_SIGN_UP = "POST /auth/anonymous/sign-up";
const KEY_SET = "GET /projects/{project_id}/.well-known/jwks.json";
const OAUTH_AUTHORIZE = "GET /auth/oauth/authorize/{provider_id}";

/**
 * Creates a fake Stack Auth API for client access (default) or server access: give `fake.fetch`
 * to the client. Every operation answers with its spec example, sign-ins issue sessions the fake
 * accepts, and every request is checked against the spec; `fake.verify()` throws if one broke it.
 *
 * @example
 * ```ts
 * import { createStackAuthServerClient } from "@keyway/stack-auth/server";
 * import { createStackAuthFake } from "@keyway/stack-auth/testing";
 *
 * const fake = createStackAuthFake({ access: "server" }); // project "test-project", secret server key "ssk_test"
 * const admin = createStackAuthServerClient({ projectId: "test-project", secretServerKey: "ssk_test", fetch: fake.fetch });
 * fake.items("GET /users", [ada, grace]);
 * ```
 */
export function createStackAuthFake(options?: StackAuthFakeOptions<"client">): StackAuthFake<ClientPaths>;
export function createStackAuthFake(options: StackAuthFakeOptions<"server">): StackAuthFake<ServerPaths>;
export function createStackAuthFake(
  options: StackAuthFakeOptions<"client" | "server"> = {},
): StackAuthFake<ClientPaths> | StackAuthFake<ServerPaths> {
  // A misspelled option would be ignored: a misspelled secretParameters would print the secrets it names.
  checkOptions(FACTORY, options, FAKE_OPTIONS);
  if (options.access != null && options.access !== "client" && options.access !== "server")
    throw new TypeError(
      `${FACTORY}: access must be "client" or "server" (the access types a fake stands for), got ${shownSetting(options.access)}`,
    );
  const [spec, otherSpec] = options.access === "server" ? [serverSpec, clientSpec] : [clientSpec, serverSpec];
  const sessionsOfProject = projectSessions(options);
  const { project } = sessionsOfProject;
  const refreshTokenRefused = () =>
    knownError(
      spec,
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      "Refresh token not found for this project, or the session has expired/been revoked.",
    );

  /** Stack Auth reads the user's access token before the project it names: a token of this fake's project only. */
  const refusedAccessToken = (operation: string, headers: Headers): Response | undefined => {
    const token = headers.get(ACCESS_TOKEN);
    if (token === null || operation === REFRESH) return undefined;
    const issued = sessionsOfProject.accessToken(token);
    if (issued === undefined) return knownError(spec, "UNPARSABLE_ACCESS_TOKEN", "Access token is not parsable.");
    const expiredAt = sessionsOfProject.expiredAtMillis(token, issued);
    if (expiredAt !== undefined)
      return knownError(
        spec,
        "ACCESS_TOKEN_EXPIRED",
        "Access token has expired. Please refresh it and try again.",
        sessionsOfProject.expiredTokenDetails(token, expiredAt),
      );
    const projectId = credentialOf(headers, "x-stack-project-id");
    if (projectId !== null && projectId !== project.projectId)
      return knownError(
        spec,
        "INVALID_PROJECT_FOR_ACCESS_TOKEN",
        `Access token not valid for this project. Expected project ID ${JSON.stringify(projectId)}, but the token is for project ID ${JSON.stringify(project.projectId)}.`,
        { expected_project_id: projectId, actual_project_id: project.projectId },
      );
    if (issued.session.anonymous && headers.get(ALLOW_ANONYMOUS_USER) !== "true")
      return knownError(
        spec,
        "ANONYMOUS_AUTHENTICATION_NOT_ALLOWED",
        "X-Stack-Access-Token is for an anonymous user, but anonymous users are not enabled. Set the X-Stack-Allow-Anonymous-User header of this request to 'true' to allow anonymous users.",
      );
    return undefined;
  };
  /** Client access to an operation of the server document that client access may not call. */
  const clientAccessRefused = (operation: string, headers: Headers): Response | undefined =>
    spec === serverSpec &&
    credentialOf(headers, "x-stack-access-type") === "client" &&
    clientSpec.operations[operation] === undefined
      ? insufficientAccessType(spec)
      : undefined;

  const fake = createFakeApi<ClientPaths>({
    spec,
    name: "Stack Auth",
    // Its X-Hexclave-* names: a client of either family sends its credentials under one of them.
    meta: options.access === "server" ? serverMeta : apiMeta,
    factory: FACTORY,
    secretParameters: options.secretParameters,
    otherCredentialHeaders: Object.values(otherSpec.securitySchemes).map((scheme) => scheme.header),
    unknownOperationHint: (operation) =>
      Object.hasOwn(otherSpec.operations, operation)
        ? `it is one of ${options.access === "server" ? "client" : "server"} access, which createStackAuthFake({ access: "${options.access === "server" ? "client" : "server"}" }) fakes`
        : undefined,
    secretHeaders: ADMIN_KEY_HEADERS,
    violationResponse: (message) => knownError(spec, "SCHEMA_ERROR", message, { message }),
    answerHeaders: (status, body) => {
      const code = knownErrorCodeOf(spec, status, body);
      return code === undefined ? undefined : { [KNOWN_ERROR_HEADER]: code };
    },
    // Refusals answered here are recorded as calls, with the status the app saw; none of them breaks the spec. Stack
    // Auth reads the body, then the credentials, before it checks the request against its schema; the others after.
    // Client access to a server-only operation is refused by the route once the keys passed, whatever other header
    // came along (a publishable key the server document does not define).
    refuse: async (request) =>
      (await unreadableBody(spec, request.request)) ??
      refusedAccessType(spec, request.headers) ??
      refusedAccessToken(request.operation, request.headers) ??
      refusedProject(spec, request.headers, project) ??
      clientAccessRefused(request.operation, request.headers),
    intercept: (request) =>
      refusedOwnUser(spec, request.headers, [request.params.path.user_id, request.params.query.user_id]) ??
      refusedBody(spec, request) ??
      refusedPassword(spec, request) ??
      refusedProfileImage(spec, request, credentialOf(request.headers, "x-stack-access-type") === "client"),
    defaults: {
      ...signInDefaults(spec, sessionsOfProject),
      [REFRESH]: ({ headers, request }) => {
        const accessToken = sessionsOfProject.refresh(headers.get(REFRESH_TOKEN), issuerBaseUrl(spec, request));
        return accessToken === undefined ? refreshTokenRefused() : { access_token: accessToken };
      },
      // Signing out deletes the session's refresh token; its access tokens stay valid until they expire (JWTs).
      [SIGN_OUT]: ({ headers }) =>
        sessionsOfProject.signOut(headers.get(ACCESS_TOKEN)) ? { success: true } : refreshTokenRefused(),
      [KEY_SET]: keySetAnswer(sessionsOfProject),
      [OAUTH_AUTHORIZE]: oauthAuthorizeAnswer(spec),
    },
  });

  const fetchChecked = fake.fetch;
  const violationStatus = knownErrorStatus(spec, "SCHEMA_ERROR");
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = withStackNames(new Request(input, init));
    return asStackAuthAnswers(request, await answerOf(request));
  };
  const answerOf = async (request: Request): Promise<Response> => {
    // Stack Auth reads the body, then the credentials, then checks the request against its schema: these refusals of
    // requests that break the spec (a user's `me` without the user's token, on client access) come before its own.
    const refusal =
      (await unreadableBody(spec, request)) ??
      refusedUnsentCredentials(spec, request.headers, project) ??
      refusedOwnUser(spec, request.headers, userIdsOfUrl(request.url));
    if (refusal === undefined) return fetchChecked(request);
    // The spec check records the call and reports how it breaks the spec, answering SCHEMA_ERROR; Stack Auth's refusal
    // of the same status replaces that answer, the call's recorded status. One of another status
    // (SERVER_AUTHENTICATION_REQUIRED) is answered before the check, and not recorded.
    if (refusal.status !== violationStatus) return refusal;
    const answer = await fetchChecked(request);
    // Only the spec check's SCHEMA_ERROR: a refusal the fake answered after it (another project) comes first.
    return answer.headers.get(KNOWN_ERROR_HEADER) === "SCHEMA_ERROR" ? refusal : answer;
  };

  const sessions: FakeSessions = {
    create: () => sessionsOfProject.issueSession(exampleUser(spec)),
    expireAccessTokens() {
      sessionsOfProject.expireAccessTokens();
    },
    revokeRefreshTokens() {
      sessionsOfProject.revokeRefreshTokens();
    },
    get refreshes() {
      return sessionsOfProject.refreshes;
    },
  };
  const reset = fake.reset.bind(fake);
  const stackAuthFake = Object.assign(fake, {
    fetch,
    sessions,
    failWith(operation: string, code: KnownErrorCode, details?: unknown, handlerOptions?: HandlerOptions) {
      if (spec.knownErrors?.[code] === undefined)
        throw new TypeError(`Stack Auth fake: "${code}" is not a known error of the spec`);
      // A code the operation never answers would test what Stack Auth cannot do, as a status it does not declare would.
      const answered = spec.operations[operation]?.knownErrors;
      if (answered && !answered.includes(code))
        throw new TypeError(
          `Stack Auth fake: ${operation} never answers "${code}" (the spec's known errors of this operation: ${answered.join(", ")})`,
        );
      // An expired access token's details name the token the request sent, as Stack Auth's do.
      const detailsOf = (headers: Headers) =>
        details ??
        (code === "ACCESS_TOKEN_EXPIRED"
          ? sessionsOfProject.expiredTokenDetails(headers.get(ACCESS_TOKEN), Date.now())
          : sampleDetails(spec, code));
      const handler: FakeHandler<unknown> = ({ headers }) =>
        knownError(spec, code, `${code} (answered by the keyway fake)`, detailsOf(headers));
      return fake.on(operation as never, handler as never, handlerOptions);
    },
    reset() {
      reset();
      sessionsOfProject.acceptAll();
      return fake;
    },
  });
  sessionsOfFake.set(stackAuthFake, sessionsOfProject);
  return stackAuthFake as never;
}

/** The sessions of the project the options name: the given fake's (`project`), or a new project's. */
function projectSessions(options: StackAuthFakeOptions<"client" | "server">): FakeProjectSessions {
  const projectOptions = definedOf(options);
  if (options.project === undefined) return new FakeProjectSessions({ ...FAKE_PROJECT, ...projectOptions });
  const sessions = sessionsOfFake.get(options.project);
  if (sessions === undefined)
    throw new TypeError("Stack Auth fake: `project` must be a fake made by createStackAuthFake");
  const named = Object.keys(projectOptions);
  if (named.length)
    throw new TypeError(
      `Stack Auth fake: ${named.join(", ")} cannot be given with \`project\`: the fake stands for that fake's project, as it was created`,
    );
  return sessions;
}

/** The options that were given a value. */
function definedOf(options: StackAuthFakeOptions<"client" | "server">): Partial<FakeProject> {
  const { projectId, publishableClientKey, secretServerKey, requirePublishableClientKey } = options;
  return Object.fromEntries(
    Object.entries({ projectId, publishableClientKey, secretServerKey, requirePublishableClientKey }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}

/**
 * Each renamed header's other names (`x-hexclave-access-type`) and the name the spec declares it under, from the
 * spec's `x-keyway-header-aliases`, which the clients' header families read too.
 */
const DECLARED_NAMES = new Map(
  Object.values(apiMeta.headerAliases ?? {}).flatMap((aliases) =>
    Object.entries(aliases).map(([declared, alias]) => [alias.toLowerCase(), declared.toLowerCase()] as const),
  ),
);

/** `request` with each aliased header (`X-Hexclave-*`) also under its declared name, which it wins over (as the hosted API reads them). */
function withStackNames(request: Request): Request {
  for (const [header, value] of [...request.headers]) {
    const declared = DECLARED_NAMES.get(header);
    if (declared) request.headers.set(declared, value);
  }
  return request;
}

/** Every sign-in route answers with a fresh session of the project (its spec example otherwise). */
function signInDefaults(spec: SpecData, sessions: FakeProjectSessions): NonNullable<FakeApiConfig["defaults"]> {
  const defaults: Record<string, NonNullable<FakeApiConfig["defaults"]>[string]> = {};
  for (const operation of Object.keys(spec.operations)) {
    if (operation === REFRESH) continue;
    const example = successExample(spec, operation);
    if (typeof example?.access_token !== "string" || typeof example.refresh_token !== "string") continue;
    defaults[operation] = async ({ fallback, request }) => {
      const answer = (await (await fallback()).json()) as { user_id?: unknown };
      const user = { ...exampleUser(spec), ...(typeof answer.user_id === "string" && { id: answer.user_id }) };
      const tokens = sessions.issueSession(user, {
        anonymous: operation === ANONYMOUS_SIGN_UP,
        baseUrl: issuerBaseUrl(spec, request),
      });
      return { ...answer, access_token: tokens.accessToken, refresh_token: tokens.refreshToken };
    };
  }
  return defaults;
}

/**
 * Stack Auth's answer to the start of an OAuth sign-in: the provider's URL in `{ location }` when the request asks for
 * `stack_response_mode=json`, otherwise (its default) a 307 to that URL, which keyway's clients do not follow to
 * another origin, as against Stack Auth itself.
 */
function oauthAuthorizeAnswer(spec: SpecData): NonNullable<FakeApiConfig["defaults"]>[string] {
  return ({ params, fallback }) => {
    if ((params.query as { stack_response_mode?: string }).stack_response_mode === "json") return fallback();
    const location = successExample(spec, OAUTH_AUTHORIZE)?.location;
    return new FakeReply(307, undefined, { location: String(location) });
  };
}

/** The project's key set, at the path Stack Auth serves it (another project's is not found, in plain text as there). */
function keySetAnswer(sessions: FakeProjectSessions): NonNullable<FakeApiConfig["defaults"]>[string] {
  return ({ params }) =>
    (params.path as { project_id?: string }).project_id === sessions.project.projectId
      ? new FakeReply(
          200,
          sessions.keySet((params.query as { include_anonymous?: string }).include_anonymous === "true"),
          {
            "cache-control": "public, max-age=3600",
          },
        )
      : new Response("Project not found", { status: 404, headers: { "content-type": "text/plain" } });
}

/** The spec's example of `operation`'s success answer, if it has one. */
function successExample(spec: SpecData, operation: string): Record<string, unknown> | undefined {
  const responses = spec.operations[operation]?.responses;
  const success = responses?.["200"] ?? responses?.["201"];
  const response = typeof success === "string" ? spec.responses[success] : success;
  return response?.example as Record<string, unknown> | undefined;
}

/** The user the fake's sessions are for: the spec's example of the signed-in user (`GET /users/me`). */
function exampleUser(spec: SpecData): FakeSessionUser {
  return successExample(spec, "GET /users/me") as unknown as FakeSessionUser;
}

/**
 * The API base URL `request` was sent to, which Stack Auth names its tokens' issuer by: the `Host` the request was sent
 * to (a served fake's port), else its URL's.
 */
function issuerBaseUrl(spec: SpecData, request: Request): string {
  const url = new URL(request.url);
  return `${url.protocol}//${request.headers.get("host") ?? url.host}${spec.basePath ?? ""}`;
}

/** Checks the events `signWebhook` signs, made on its first call. */
let webhookSchemas: SchemaChecker | undefined;

/** The signing secret `signWebhook` uses unless given another: pass it to `verifyWebhook` in tests. */
export const TEST_WEBHOOK_SECRET = "whsec_a2V5d2F5LXRlc3Qtd2ViaG9vay1zZWNyZXQtMDEyMzQ1Njc=";

/** A signed webhook delivery, as Stack Auth (Svix) would POST it. */
export interface SignedWebhook {
  /** The raw body: give it to `verifyWebhook` as is. */
  readonly body: string;
  /** `svix-id`, `svix-timestamp` and `svix-signature`. */
  readonly headers: Readonly<Record<"svix-id" | "svix-timestamp" | "svix-signature", string>>;
}

type EventOf<T extends WebhookEventType> = Extract<WebhookEvent, { type: T }>;

/**
 * Signs a webhook event the way Stack Auth does, so a `verifyWebhook` handler can be tested.
 * `data` defaults to the spec's example of that event.
 *
 * @example
 * ```ts
 * import { verifyWebhook } from "@keyway/stack-auth/webhooks";
 * import { signWebhook, TEST_WEBHOOK_SECRET } from "@keyway/stack-auth/testing";
 *
 * const { body, headers } = signWebhook({ type: "user.created" });
 * const event = verifyWebhook(body, headers, TEST_WEBHOOK_SECRET);
 * ```
 */
export function signWebhook<T extends WebhookEventType>(
  event: { readonly type: T; readonly data?: EventOf<T>["data"] },
  options: { readonly secret?: string; readonly id?: string; readonly timestamp?: Date } = {},
): SignedWebhook {
  const webhook = serverSpec.webhooks?.[event.type];
  const data = event.data ?? (webhook?.example as { data?: unknown } | undefined)?.data;
  if (webhook === undefined || data === undefined)
    throw new TypeError(`signWebhook: "${event.type}" is not a webhook of the spec`);
  // Stack Auth sends only events of the spec's shape; a test's data that breaks it would test an impossible delivery.
  const failures = (webhookSchemas ??= new SchemaChecker(serverSpec, "response")).check(
    webhook.schema,
    JSON.parse(JSON.stringify({ type: event.type, data })),
  );
  if (failures.length)
    throw new TypeError(
      `signWebhook: the ${event.type} event's data breaks the spec: ${failures.map((f) => `event${f.at}: ${f.rule}`).join("; ")}`,
    );
  const body = JSON.stringify({ type: event.type, data });
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const timestamp = options.timestamp ?? new Date();
  let signer: Webhook;
  try {
    signer = new Webhook(options.secret ?? TEST_WEBHOOK_SECRET);
  } catch {
    throw new TypeError("signWebhook: its secret is not a valid whsec_… secret: what follows whsec_ must be base64");
  }
  const signature = signer.sign(id, timestamp, body);
  return {
    body,
    headers: {
      "svix-id": id,
      "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
      "svix-signature": signature,
    },
  };
}
