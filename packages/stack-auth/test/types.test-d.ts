import { expectTypeOf, test } from "vitest";
import {
  createStackAuthClient,
  createStackAuthServerClient,
  isKnownError,
  type ClientUser,
  type ServerUser,
  type StackAuthError,
} from "../src/index.js";

const stack = createStackAuthClient({ projectId: "p", publishableClientKey: "pck" });
const admin = createStackAuthServerClient({ projectId: "p", secretServerKey: "ssk" });

test("a client-access client does not offer server-only operations", () => {
  // @ts-expect-error: GET /users (listing every user) is server-only
  void stack.GET("/users");
  // @ts-expect-error: POST /users is server-only
  void stack.POST("/users", { body: {} });
  void admin.GET("/users");
});

test("listing user API keys names the user: Stack Auth answers SCHEMA_ERROR without user_id", () => {
  // @ts-expect-error: user_id is required, for client access as for server access
  void stack.GET("/user-api-keys");
  // @ts-expect-error: user_id is required, for client access as for server access
  void admin.GET("/user-api-keys", { params: { query: {} } });
  void stack.GET("/user-api-keys", { params: { query: { user_id: "me" } } });
  void admin.GET("/user-api-keys", { params: { query: { user_id: "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10" } } });
});

test("client access names its own user where Stack Auth answers 403 without user_id; server access may leave it out", () => {
  // @ts-expect-error: client access must name its own user (`me`)
  void stack.GET("/contact-channels");
  // @ts-expect-error: client access must name its own user (`me`)
  void stack.GET("/oauth-providers", { params: { query: {} } });
  // @ts-expect-error: client access must name its own user (`me`)
  void stack.GET("/project-permissions", { params: { query: { recursive: "true" } } });
  // @ts-expect-error: client access must name its own user (`me`)
  void stack.GET("/team-permissions", { params: { query: { team_id: "f0c4b8a2-6d1e-4c3b-9a7f-2e5d8c1b4a90" } } });
  for (const path of ["/contact-channels", "/oauth-providers", "/project-permissions", "/team-permissions"] as const) {
    void stack.GET(path, { params: { query: { user_id: "me" } } });
    void admin.GET(path);
  }
});

test("reading or changing a team API key names its team: Stack Auth answers SCHEMA_ERROR without team_id", () => {
  const path = { api_key_id: "e4b1d7c3-9a2f-4c6e-8b5d-3f1a0c9e7d2b" };
  const team_id = "f0c4b8a2-6d1e-4c3b-9a7f-2e5d8c1b4a90";
  // @ts-expect-error: team_id is required, for client access as for server access
  void stack.GET("/team-api-keys/{api_key_id}", { params: { path } });
  // @ts-expect-error: team_id is required, for client access as for server access
  void admin.PATCH("/team-api-keys/{api_key_id}", { params: { path, query: {} }, body: { revoked: true } });
  void stack.GET("/team-api-keys/{api_key_id}", { params: { path, query: { team_id } } });
  void admin.PATCH("/team-api-keys/{api_key_id}", { params: { path, query: { team_id } }, body: { revoked: true } });
});

test("each access type gets its own response shapes", async () => {
  const { data: me } = await stack.GET("/users/me");
  const { data: user } = await admin.GET("/users/{user_id}", { params: { path: { user_id: "me" } } });
  expectTypeOf(me).toExtend<ClientUser | undefined>();
  expectTypeOf(user).toExtend<ServerUser | undefined>();
  // @ts-expect-error: server_metadata is not part of what client access receives
  void me?.server_metadata;
  expectTypeOf(user?.server_metadata).toBeUnknown();
  // Nullable fields are present and nullable, not optional.
  expectTypeOf<ClientUser["display_name"]>().toEqualTypeOf<string | null>();
});

test("a wrong error code in a comparison does not compile", () => {
  const error = {} as StackAuthError;
  if (error.code === "USER_NOT_FOUND") void 0;
  // @ts-expect-error: "USER_NOT_FOUNDD" is a typo; only known codes compile
  if (isKnownError(error, "USER_NOT_FOUNDD")) void 0;
  // @ts-expect-error: codes are SCREAMING_SNAKE_CASE; "user_not_found" is not one of them
  if (isKnownError(error, "user_not_found")) void 0;
  // A code newer than this client can still be compared directly.
  expectTypeOf(error.code === "A_CODE_FROM_THE_FUTURE").toEqualTypeOf<boolean>();
});

test("details are typed per code", () => {
  const error = {} as unknown;
  if (isKnownError(error, "TEAM_NOT_FOUND")) expectTypeOf(error.details.team_id).toEqualTypeOf<string>();
  if (isKnownError(error, "ACCESS_TOKEN_EXPIRED"))
    expectTypeOf(error.details.expired_at_millis).toEqualTypeOf<number | null>();
});

test("a code that carries no details may have none", () => {
  // Stack Auth sends USER_NOT_FOUND as { code, error }, without a details key (upstream e2e teams.test.ts).
  const error = {} as unknown;
  if (isKnownError(error, "USER_NOT_FOUND"))
    expectTypeOf(error.details).toEqualTypeOf<{ [key: string]: unknown } | undefined>();
  if (isKnownError(error, "EMAIL_PASSWORD_MISMATCH")) {
    // @ts-expect-error: details may be undefined, so reading a key needs a check first
    void error.details.reason;
  }
});

test("a team invitation refused for another email address is a known error without details", () => {
  // Newer backends than the handlers the specs trace answer it (the official SDK knows it since stack-shared 2.8.102).
  const error = {} as unknown;
  if (isKnownError(error, "TEAM_INVITATION_EMAIL_MISMATCH"))
    expectTypeOf(error.details).toEqualTypeOf<{ [key: string]: unknown } | undefined>();
});

test("the bot-challenge phase is one of the two Stack Auth accepts", () => {
  const body = { email: "ada@example.com", password: "correct horse", bot_challenge_token: "t" };
  void stack.POST("/auth/password/sign-up", { body: { ...body, bot_challenge_phase: "visible" } });
  // @ts-expect-error: Stack Auth answers any phase but "invisible" and "visible" with SCHEMA_ERROR
  void stack.POST("/auth/password/sign-up", { body: { ...body, bot_challenge_phase: "interactive" } });
});

test("signIn takes a sign-in call, not any call", () => {
  void stack.signIn(stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "pw" } }));
  void stack.signIn(stack.POST("/auth/anonymous/sign-up", {}));
  void admin.signIn(admin.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "pw" } }));
  // @ts-expect-error: GET /users/me answers a user, not a session's tokens
  void stack.signIn(stack.GET("/users/me"));
});
