import { describe, expect, it } from "vitest";
import { createStackAuthClient, createStackAuthServerClient } from "../src/index.js";
import { createStackAuthFake, FakeApiError } from "../src/testing.js";

// Each refusal the fake answers is the one Stack Auth answers (status, x-stack-known-error, { code, error, details }),
// in Stack Auth's order: the body is read first (BODY_PARSING_ERROR), then the credentials, then the schema.

const USERS = "https://api.stack-auth.com/api/v1/users";
const USER_ID = "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10";
const SIGN_IN = "https://api.stack-auth.com/api/v1/auth/password/sign-in";
const CLIENT_HEADERS = { "x-stack-access-type": "client", "x-stack-project-id": "test-project" };

/** A fake and a client-access client of it, signed in with a session the fake issued, that never retries. */
function signedInFake() {
  const fake = createStackAuthFake();
  const stack = createStackAuthClient({
    projectId: "test-project",
    session: fake.sessions.create(),
    fetch: fake.fetch,
    maxRetries: 0,
  });
  return { fake, stack };
}

/** What an answer shows an app: status, known-error header and body. */
async function seen(answer: Response | Promise<Response>) {
  const response = await answer;
  return {
    status: response.status,
    header: response.headers.get("x-stack-known-error"),
    body: (await response.json()) as { code: string; error: string; details?: unknown },
  };
}

describe("the Stack Auth fake answers a body it cannot read", () => {
  it("in a media type Stack Auth does not read with BODY_PARSING_ERROR, reported and recorded", async () => {
    const fake = createStackAuthFake();
    const stack = createStackAuthClient({ projectId: "test-project", fetch: fake.fetch, maxRetries: 0 });
    const { response, error } = await stack.POST("/auth/password/sign-in", {
      body: { email: "ada@example.com", password: "correct horse" },
      headers: { "Content-Type": "application/xml" },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-stack-known-error")).toBe("BODY_PARSING_ERROR");
    expect(error).toMatchObject({
      code: "BODY_PARSING_ERROR",
      error: "Unknown content type in request body: application/xml",
    });
    expect(fake.calls("POST /auth/password/sign-in").map((call) => call.status)).toEqual([400]);
    expect(() => fake.verify()).toThrow(FakeApiError);
  });

  it("as JSON that does not parse with BODY_PARSING_ERROR", async () => {
    const fake = createStackAuthFake();
    const answer = fake.fetch(SIGN_IN, {
      method: "POST",
      headers: { ...CLIENT_HEADERS, "content-type": "application/json" },
      body: '{"email": ',
    });
    expect(await seen(answer)).toEqual({
      status: 400,
      header: "BODY_PARSING_ERROR",
      body: { code: "BODY_PARSING_ERROR", error: "Invalid JSON in request body" },
    });
  });

  it("as text/plain with SCHEMA_ERROR, since Stack Auth reads text and then checks it against the schema", async () => {
    const fake = createStackAuthFake();
    const answer = fake.fetch(SIGN_IN, {
      method: "POST",
      headers: { ...CLIENT_HEADERS, "content-type": "text/plain" },
      body: "ada@example.com",
    });
    expect((await seen(answer)).header).toBe("SCHEMA_ERROR");
  });

  it("before it checks the credentials", async () => {
    const fake = createStackAuthFake();
    const answer = fake.fetch(SIGN_IN, {
      method: "POST",
      headers: { ...CLIENT_HEADERS, "x-stack-project-id": "another-project", "content-type": "text/html" },
      body: "<p>hi</p>",
    });
    expect((await seen(answer)).header).toBe("BODY_PARSING_ERROR");
  });
});

describe("the Stack Auth fake's project that requires the publishable client key", () => {
  it("answers client access without one with PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT, and with it as usual", async () => {
    const fake = createStackAuthFake({ requirePublishableClientKey: true });
    const keyless = createStackAuthClient({
      projectId: "test-project",
      session: fake.sessions.create(),
      fetch: fake.fetch,
    });
    const { response, error } = await keyless.GET("/users/me");
    expect(response.status).toBe(401);
    expect(response.headers.get("x-stack-known-error")).toBe("PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT");
    expect(error).toMatchObject({
      code: "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT",
      details: { project_id: "test-project" },
    });
    const keyed = createStackAuthClient({
      projectId: "test-project",
      publishableClientKey: "pck_test",
      session: fake.sessions.create(),
      fetch: fake.fetch,
    });
    expect((await keyed.GET("/users/me")).response.status).toBe(200);
  });
});

describe("the Stack Auth server fake's client access", () => {
  it("is client access whatever secret server key comes along: INSUFFICIENT_ACCESS_TYPE for a server-only operation", async () => {
    const fake = createStackAuthFake({ access: "server" });
    const keys: Record<string, string>[] = [
      { "x-stack-secret-server-key": "ssk_test" },
      { "x-stack-secret-server-key": "ssk_wrong" },
      // A valid publishable key passes Stack Auth's key checks: the route then refuses client access.
      { "x-stack-publishable-client-key": "pck_test" },
      { "x-stack-publishable-client-key": "pck_test", "x-stack-secret-server-key": "ssk_test" },
    ];
    for (const key of keys) {
      const answer = fake.fetch(`${USERS}/${USER_ID}`, { headers: { ...CLIENT_HEADERS, ...key } });
      expect(await seen(answer)).toEqual({
        status: 401,
        header: "INSUFFICIENT_ACCESS_TYPE",
        body: {
          code: "INSUFFICIENT_ACCESS_TYPE",
          error: "The x-stack-access-type header must be 'server' or 'admin', but was 'client'.",
          details: { actual_access_type: "client", allowed_access_types: ["server", "admin"] },
        },
      });
    }
  });

  it("ignores the secret server key of an operation client access may call", async () => {
    const fake = createStackAuthFake({ access: "server" });
    const answer = await fake.fetch(`${USERS}/me`, {
      headers: {
        ...CLIENT_HEADERS,
        "x-stack-secret-server-key": "ssk_wrong",
        "x-stack-access-token": fake.sessions.create().accessToken,
      },
    });
    expect(answer.status).toBe(200);
  });
});

describe("the Stack Auth fake's body rules that the spec does not state", () => {
  it("answers a totp_secret_base64 that is not base64 with Stack Auth's SCHEMA_ERROR", async () => {
    const { stack } = signedInFake();
    const message =
      "Request validation failed on PATCH /api/v1/users/me:\n  - body.totp_secret_base64 is not valid base64";
    const { response, error } = await stack.PATCH("/users/me", { body: { totp_secret_base64: "not-valid-base64" } });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-stack-known-error")).toBe("SCHEMA_ERROR");
    expect(error).toMatchObject({ code: "SCHEMA_ERROR", details: { message } });
    for (const totp_secret_base64 of ["ZXhhbXBsZSB2YWx1ZQ==", null]) {
      expect((await stack.PATCH("/users/me", { body: { totp_secret_base64 } })).response.status).toBe(200);
    }
  });
});

describe("the Stack Auth fake's new passwords, as Stack Auth's handler checks them", () => {
  it("answers one under 8 characters with PASSWORD_TOO_SHORT on every route that sets one, and takes 8", async () => {
    const { stack } = signedInFake();
    const code = "b2rii74dc73euzb7nmkmvrhtvnozd42dezozaa2idgu7e";
    const setting = (password: string) => [
      stack.POST("/auth/password/sign-up", { body: { email: "bo@example.com", password } }),
      stack.POST("/auth/password/reset", { body: { code, password } }),
      stack.POST("/auth/password/update", { body: { old_password: "correct horse", new_password: password } }),
      stack.POST("/auth/password/set", { body: { password } }),
    ];
    for (const { response, error } of await Promise.all(setting("abc"))) {
      expect(response.status).toBe(400);
      expect(error).toEqual({
        code: "PASSWORD_TOO_SHORT",
        error: "Password too short. Minimum length is 8.",
        details: { min_length: 8 },
      });
    }
    const answered = await Promise.all([...setting(""), ...setting("8 chars!")]);
    expect(answered.map(({ response }) => response.status)).toEqual([400, 400, 400, 400, 200, 200, 200, 200]);
  });
});

describe("the Stack Auth fake's verification codes and TOTP codes, as Stack Auth's schema reads them", () => {
  const CODE = "b2rii74dc73euzb7nmkmvrhtvnozd42dezozaa2idgu7e";

  it("answers a code that is not 45 characters with SCHEMA_ERROR, on every route that takes one", async () => {
    const { fake, stack } = signedInFake();
    const short = CODE.slice(1);
    const answers = [
      await stack.POST("/auth/otp/sign-in", { body: { code: short } }),
      await stack.POST("/auth/password/reset", { body: { code: `${CODE}x`, password: "correct horse" } }),
      await stack.POST("/auth/mfa/sign-in", { body: { type: "totp", totp: "492039", code: short } }),
    ];
    expect(answers.map(({ response, error }) => `${response.status} ${(error as { code?: string })?.code}`)).toEqual([
      "400 SCHEMA_ERROR",
      "400 SCHEMA_ERROR",
      "400 SCHEMA_ERROR",
    ]);
    expect(fake.violations).toHaveLength(3);
  });

  it("takes an empty password as the schema does: the handler's PASSWORD_TOO_SHORT answers it, no violation", async () => {
    const { fake, stack } = signedInFake();
    const { response } = await stack.POST("/auth/password/sign-up", {
      body: { email: "ada@example.com", password: "" },
    });
    expect([response.status, response.headers.get("x-stack-known-error")]).toEqual([400, "PASSWORD_TOO_SHORT"]);
    expect(fake.violations).toEqual([]);
  });

  it("takes any string as the TOTP code, which only the TOTP check refuses (INVALID_TOTP_CODE), not the schema", async () => {
    const { fake, stack } = signedInFake();
    for (const totp of ["12345", "123 456", "abcdef"]) {
      const { response } = await stack.POST("/auth/mfa/sign-in", { body: { type: "totp", totp, code: CODE } });
      expect(response.status, totp).toBe(200);
    }
    expect(fake.violations).toEqual([]);
  });
});

describe("the Stack Auth fake's emails, as Stack Auth's schema reads them", () => {
  it("takes an empty email where Stack Auth's emailSchema does, and a contact channel's value unchecked without its type", async () => {
    const { fake, stack } = signedInFake();
    const statuses = [
      await stack.POST("/auth/password/send-reset-code", {
        body: { email: "", callback_url: "https://app.example.com/reset" },
      }),
      await stack.POST("/contact-channels", {
        body: { user_id: "me", value: "", type: "email", used_for_auth: false },
      }),
      await stack.PATCH("/contact-channels/{user_id}/{contact_channel_id}", {
        params: { path: { user_id: "me", contact_channel_id: USER_ID } },
        body: { value: "not an email" },
      }),
    ].map(({ response }) => response.status);
    expect(statuses.every((status) => status < 400)).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it("still refuses a contact channel's value that is no email when its type is sent, and an empty sign-in email", async () => {
    const { fake, stack } = signedInFake();
    const { response } = await stack.PATCH("/contact-channels/{user_id}/{contact_channel_id}", {
      params: { path: { user_id: "me", contact_channel_id: USER_ID } },
      body: { value: "not an email", type: "email" },
    });
    const signIn = await stack.POST("/auth/password/sign-in", { body: { email: "", password: "pw" } });
    expect([response.status, signIn.response.status]).toEqual([400, 400]);
    expect(fake.violations).toHaveLength(2);
  });
});

describe("the Stack Auth fake's ids, as Stack Auth's schema reads them", () => {
  it("answers a UUID that is not of version 1 to 5 (a UUIDv7) with SCHEMA_ERROR, and takes versions 1 to 5 and the nil UUID", async () => {
    const fake = createStackAuthFake({ access: "server" });
    const admin = createStackAuthServerClient({
      projectId: "test-project",
      secretServerKey: "ssk_test",
      fetch: fake.fetch,
      maxRetries: 0,
    });
    const status = async (user_id: string) =>
      (await admin.GET("/users/{user_id}", { params: { path: { user_id } } })).response.status;
    expect(await status("01890a5d-ac96-774b-bcce-b302099a8057")).toBe(400);
    expect(await status("3B2F1C9E-8A4D-4F6B-9C1E-5D7A2B8E4F10")).toBe(200);
    expect(await status("00000000-0000-0000-0000-000000000000")).toBe(200);
    expect(fake.violations).toHaveLength(1);
  });
});

describe("the Stack Auth fake's signed-in user, `me`", () => {
  it("is refused without the user's access token with CANNOT_GET_OWN_USER_WITHOUT_USER, on client access", async () => {
    const fake = createStackAuthFake();
    expect(await seen(fake.fetch(`${USERS}/me`, { headers: CLIENT_HEADERS }))).toEqual({
      status: 400,
      header: "CANNOT_GET_OWN_USER_WITHOUT_USER",
      body: {
        code: "CANNOT_GET_OWN_USER_WITHOUT_USER",
        error: "You have specified 'me' as a userId, but did not provide authentication for a user.",
      },
    });
    // The spec requires the token of this operation: the call breaks it.
    expect(fake.calls("GET /users/me").map((call) => call.status)).toEqual([400]);
    expect(fake.violations).toHaveLength(1);
  });

  it("is refused without a session with CANNOT_GET_OWN_USER_WITHOUT_USER, on server access", async () => {
    const fake = createStackAuthFake({ access: "server" });
    const admin = createStackAuthServerClient({
      projectId: "test-project",
      secretServerKey: "ssk_test",
      fetch: fake.fetch,
    });
    const { response } = await admin.GET("/team-member-profiles/{team_id}/{user_id}", {
      params: { path: { team_id: USER_ID, user_id: "me" } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-stack-known-error")).toBe("CANNOT_GET_OWN_USER_WITHOUT_USER");
    fake.verify();
  });
});

describe("the Stack Auth fake's refusals, in Stack Auth's order", () => {
  it("refuses another project before a `me` without a session", async () => {
    const fake = createStackAuthFake({ access: "server" });
    const answer = fake.fetch(`https://api.stack-auth.com/api/v1/team-member-profiles/${USER_ID}/me`, {
      headers: {
        "x-stack-access-type": "server",
        "x-stack-project-id": "my-app",
        "x-stack-secret-server-key": "ssk_test",
      },
    });
    expect((await seen(answer)).header).toBe("CURRENT_PROJECT_NOT_FOUND");
  });
});

describe("the Stack Auth fake's refusals of X-Hexclave-* headers", () => {
  it("are those of their X-Stack-* names, recorded with the headers the app sent", async () => {
    const fake = createStackAuthFake({ requirePublishableClientKey: true });
    const stack = createStackAuthClient({
      projectId: "test-project",
      headerFamily: "hexclave",
      session: fake.sessions.create(),
      fetch: fake.fetch,
    });
    expect((await stack.GET("/users/me")).response.headers.get("x-stack-known-error")).toBe(
      "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT",
    );
    const serverFake = createStackAuthFake({ access: "server" });
    const answer = serverFake.fetch(`${USERS}/${USER_ID}`, {
      headers: {
        "x-hexclave-access-type": "client",
        "x-hexclave-project-id": "test-project",
        "x-hexclave-secret-server-key": "ssk_test",
      },
    });
    expect((await seen(answer)).header).toBe("INSUFFICIENT_ACCESS_TYPE");
    expect(serverFake.calls("GET /users/{user_id}")[0]?.headers.get("x-hexclave-access-type")).toBe("client");
  });
});

describe("the Stack Auth fake's requests carrying both names of a header", () => {
  it("reads the X-Hexclave-* value, as the hosted API's dual reading (x-hexclave-…, then x-stack-…) does", async () => {
    const fake = createStackAuthFake();
    const both = (hexclave: string, stack: string) =>
      fake.fetch(SIGN_IN, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-stack-access-type": "client",
          "x-hexclave-project-id": hexclave,
          "x-stack-project-id": stack,
        },
        body: JSON.stringify({ email: "ada@example.com", password: "correct horse" }),
      });
    expect((await both("test-project", "my-app")).status).toBe(200);
    expect(await seen(both("my-app", "test-project"))).toMatchObject({
      status: 400,
      header: "CURRENT_PROJECT_NOT_FOUND",
    });
  });
});

describe("the Stack Auth fake's refused calls", () => {
  it("are recorded with the key the app sent and the status it saw, and break no rule of the spec", async () => {
    const fake = createStackAuthFake({ access: "server", secretServerKey: "ssk_right" });
    const admin = createStackAuthServerClient({
      projectId: "test-project",
      secretServerKey: "ssk_wrong",
      fetch: fake.fetch,
    });
    await admin.GET("/users/{user_id}", { params: { path: { user_id: USER_ID } } });
    const [call] = fake.calls("GET /users/{user_id}");
    expect(call?.status).toBe(401);
    expect(call?.headers.get("x-stack-secret-server-key")).toBe("ssk_wrong");
    fake.verify();
  });

  it("lacking a header the spec requires are answered as Stack Auth does, recorded and reported", async () => {
    const fake = createStackAuthFake();
    const withoutAccessType = fake.fetch(`${USERS}/me`, {
      headers: { "x-stack-project-id": "test-project", "x-stack-publishable-client-key": "pck_test" },
    });
    expect((await seen(withoutAccessType)).header).toBe("PROJECT_KEY_WITHOUT_ACCESS_TYPE");
    const withoutProject = fake.fetch(`${USERS}/me`, { headers: { "x-stack-access-type": "client" } });
    expect(await seen(withoutProject)).toMatchObject({
      status: 400,
      header: "ACCESS_TYPE_WITHOUT_PROJECT_ID",
      body: { details: { request_type: "client" } },
    });
    expect(fake.calls("GET /users/me").map((call) => call.status)).toEqual([400, 400]);
    expect(fake.violations).toHaveLength(2);
  });

  it("lacking the secret server key are refused first for what Stack Auth checks first, the project", async () => {
    const fake = createStackAuthFake({ access: "server" });
    const answer = fake.fetch(`${USERS}/${USER_ID}`, {
      headers: { "x-stack-access-type": "server", "x-stack-project-id": "another-project" },
    });
    expect(await seen(answer)).toMatchObject({ status: 400, header: "CURRENT_PROJECT_NOT_FOUND" });
    expect(fake.calls("GET /users/{user_id}").map((call) => call.status)).toEqual([400]);
    expect(fake.violations).toHaveLength(1);
  });

  it("answer an empty secret server key with SERVER_AUTHENTICATION_REQUIRED, as Stack Auth does", async () => {
    const fake = createStackAuthFake({ access: "server" });
    const answer = fake.fetch(`${USERS}/${USER_ID}`, {
      headers: {
        "x-stack-access-type": "server",
        "x-stack-project-id": "test-project",
        "x-stack-secret-server-key": "",
      },
    });
    expect(await seen(answer)).toEqual({
      status: 401,
      header: "SERVER_AUTHENTICATION_REQUIRED",
      body: { code: "SERVER_AUTHENTICATION_REQUIRED", error: "The secret server key must be provided." },
    });
  });

  it("answer an access token of the fake's project sent to another with INVALID_PROJECT_FOR_ACCESS_TOKEN, before the project", async () => {
    const fake = createStackAuthFake();
    const answer = fake.fetch(`${USERS}/me`, {
      headers: {
        ...CLIENT_HEADERS,
        "x-stack-project-id": "my-app",
        "x-stack-access-token": fake.sessions.create().accessToken,
      },
    });
    expect(await seen(answer)).toEqual({
      status: 401,
      header: "INVALID_PROJECT_FOR_ACCESS_TOKEN",
      body: {
        code: "INVALID_PROJECT_FOR_ACCESS_TOKEN",
        error:
          'Access token not valid for this project. Expected project ID "my-app", but the token is for project ID "test-project".',
        details: { expected_project_id: "my-app", actual_project_id: "test-project" },
      },
    });
  });

  it("name the project in Stack Auth's words", async () => {
    const fake = createStackAuthFake();
    const answer = fake.fetch(`${USERS}/me`, {
      headers: {
        ...CLIENT_HEADERS,
        "x-stack-publishable-client-key": "pck_other",
        "x-stack-access-token": fake.sessions.create().accessToken,
      },
    });
    expect((await seen(answer)).body).toEqual({
      code: "INVALID_PUBLISHABLE_CLIENT_KEY",
      error: 'The publishable key is not valid for the project "test-project". Does the project and/or the key exist?',
      details: { project_id: "test-project" },
    });
  });
});

describe("the Stack Auth fake takes the ids Stack Auth's params schemas take as UUIDs only", () => {
  // /oauth-providers/{user_id}/{provider_id}: provider_id uuid().defined() (oauth-providers/crud.tsx).
  it("answers a provider config id in place of a linked account's id with SCHEMA_ERROR, as Stack Auth does", async () => {
    const { stack } = signedInFake();
    const { response, error } = await stack.GET("/oauth-providers/{user_id}/{provider_id}", {
      params: { path: { user_id: "me", provider_id: "github" } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-stack-known-error")).toBe("SCHEMA_ERROR");
    expect(error).toMatchObject({ code: "SCHEMA_ERROR" });
    const linked = await stack.GET("/oauth-providers/{user_id}/{provider_id}", {
      params: { path: { user_id: "me", provider_id: "b3d396b8-c574-4c80-97b3-50031675ceb2" } },
    });
    expect(linked.response.status).toBe(200);
  });

  // auth/sessions/crud.tsx (id), (api-keys)/handlers.tsx (api_key_id), emails/notification-preference/crud.tsx
  // (notification_category_id): each uuid() in the route's params schema.
  it("answers a session, API key or notification category id that is not a UUID with SCHEMA_ERROR", async () => {
    const { stack } = signedInFake();
    const answers = await Promise.all([
      stack.DELETE("/auth/sessions/{id}", { params: { path: { id: "current-session" }, query: { user_id: "me" } } }),
      stack.GET("/user-api-keys/{api_key_id}", { params: { path: { api_key_id: "sk_live_key" } } }),
      stack.PATCH("/emails/notification-preference/{user_id}/{notification_category_id}", {
        params: { path: { user_id: "me", notification_category_id: "marketing" } },
        body: { enabled: false },
      }),
    ]);
    expect(answers.map(({ response }) => response.headers.get("x-stack-known-error"))).toEqual([
      "SCHEMA_ERROR",
      "SCHEMA_ERROR",
      "SCHEMA_ERROR",
    ]);
  });
});

// api-facts stack-auth-2026-12 §4.2: client access may set a user's or a team's image only as a base64 data: URL;
// server access stores an http(s) URL or uploads a data: URL; anything else is a plain-text 400.
describe("the Stack Auth fake's profile images", () => {
  const PNG = "data:image/png;base64,iVBORw0KGgo=";

  it("client access: its own user's and a team's image only as an image's data: URL", async () => {
    const { fake, stack } = signedInFake();
    const setOwn = (profile_image_url: string) =>
      stack.PATCH("/users/me", { body: { profile_image_url } }).then(({ response }) => response.status);
    expect(await setOwn(PNG)).toBe(200);
    for (const refused of ["https://cdn.example.com/ada.png", "ftp://example.com/ada.png"]) {
      const { response, error } = await stack.PATCH("/users/me", { body: { profile_image_url: refused } });
      expect([response.status, response.headers.get("content-type"), error]).toEqual([
        400,
        "text/plain; charset=utf-8",
        "Invalid profile image URL",
      ]);
    }
    // Bare base64 is no URL: Stack Auth's schema refuses it before its image check.
    const { error } = await stack.PATCH("/users/me", { body: { profile_image_url: "iVBORw0KGgo=" } });
    expect(error).toMatchObject({ code: "SCHEMA_ERROR" });
    const team = await stack.POST("/teams", {
      body: { display_name: "Ops", profile_image_url: "https://cdn.example.com/ops.png" },
    });
    expect(team.response.status).toBe(400);
    fake.verify(); // a refusal Stack Auth makes is no violation of the spec
  });

  it("server access: an http(s) URL or an image's data: URL; another scheme a plain-text 400, no URL a SCHEMA_ERROR", async () => {
    const fake = createStackAuthFake({ access: "server", secretServerKey: "ssk_test" });
    const admin = createStackAuthServerClient({
      projectId: "test-project",
      secretServerKey: "ssk_test",
      fetch: fake.fetch,
      maxRetries: 0,
    });
    const setImage = (profile_image_url: string) =>
      admin
        .PATCH("/users/{user_id}", { params: { path: { user_id: USER_ID } }, body: { profile_image_url } })
        .then(({ response, error }) => [response.status, error]);
    expect(await setImage("https://cdn.example.com/ada.png")).toEqual([200, undefined]);
    expect(await setImage(PNG)).toEqual([200, undefined]);
    expect(await setImage("ftp://example.com/ada.png")).toEqual([400, "Invalid profile image URL"]);
    expect(await setImage("not a url")).toMatchObject([400, { code: "SCHEMA_ERROR" }]);
  });
});
