import { describe, expect, it } from "vitest";
import {
  createStackAuthClient,
  createStackAuthServerClient,
  isKnownError,
  listAllUsers,
  SignedOutError,
  StackAuthError,
  unwrap,
  type ServerUser,
} from "../src/index.js";
import { createStackAuthFake, FakeApiError, signWebhook, TEST_WEBHOOK_SECRET } from "../src/testing.js";
import { verifyWebhook, WebhookSignatureError } from "../src/webhooks.js";

const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
const SECRET_SERVER_KEY = "ssk_MARKER_server_7c1e9a";
/** The sign-in answer's access token in the spec's example, which the fake replaces with one it issued. */
const SPEC_EXAMPLE_ACCESS_TOKEN =
  "eyJhbGciOiJFUzI1NiIsImtpZCI6ImdIOWhZMm9CcjFxRyJ9.eyJzdWIiOiIzYjJmMWM5ZS04YTRkLTRmNmItOWMxZS01ZDdhMmI4ZTRmMTAiLCJwcm9qZWN0X2lkIjoiNmM0ZDJkNWEtMWYzZS00YjhhLTlhNTctMGYyZjBlNmI5YzExIiwicm9sZSI6ImF1dGhlbnRpY2F0ZWQiLCJleHAiOjE3NzY5NDIxMjB9.MEUCIQDx3f0k2l9Wn6vQ8o1pYz4r7TgHc5bJ2aE6uKdLm9sNVgIgR3qX7wZ1yB4cF8eH2jK5mP0nS6tU9vA3dG7iL1oQ";

function clientSetup() {
  const fake = createStackAuthFake({ projectId: PROJECT_ID });
  const stack = createStackAuthClient({
    projectId: PROJECT_ID,
    publishableClientKey: "pck_test",
    fetch: fake.fetch,
    maxRetries: 0,
  });
  return { fake, stack };
}

function serverSetup() {
  const fake = createStackAuthFake({ access: "server", projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY });
  const admin = createStackAuthServerClient({
    projectId: PROJECT_ID,
    secretServerKey: SECRET_SERVER_KEY,
    fetch: fake.fetch,
    maxRetries: 0,
  });
  return { fake, admin };
}

describe("createStackAuthFake", () => {
  it("signs in with a session it issues, and answers with the spec's examples", async () => {
    const { fake, stack } = clientSetup();
    const result = await stack.signIn(
      stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "correct horse" } }),
    );
    expect(result.access_token).not.toBe(SPEC_EXAMPLE_ACCESS_TOKEN);
    expect(await stack.getSession()).toEqual({
      accessToken: result.access_token,
      refreshToken: result.refresh_token,
    });
    const me = await unwrap(stack.GET("/users/me"));
    expect(me.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.calls("GET /users/me")[0]?.headers.get("x-stack-access-token")).toBe(result.access_token);
    fake.verify();
  });

  it("expires access tokens on demand: the client refreshes once and replays", async () => {
    const { fake, stack } = clientSetup();
    const signedIn = await stack.signIn(
      stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "pw" } }),
    );
    fake.sessions.expireAccessTokens();
    await Promise.all([unwrap(stack.GET("/users/me")), unwrap(stack.GET("/users/me"))]);
    expect(fake.sessions.refreshes).toBe(1);
    const refreshed = (await stack.getSession())?.accessToken;
    expect(refreshed).not.toBe(signedIn.access_token);
    expect(fake.calls("GET /users/me").at(-1)?.headers.get("x-stack-access-token")).toBe(refreshed);
    expect(fake.calls("GET /users/me").map((call) => call.status)).toEqual([401, 401, 200, 200]);
    fake.verify();
  });

  it("revoked refresh tokens sign the client out", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = createStackAuthClient({ projectId: PROJECT_ID, session: fake.sessions.create(), fetch: fake.fetch });
    fake.sessions.expireAccessTokens();
    fake.sessions.revokeRefreshTokens();
    await expect(unwrap(stack.GET("/users/me"))).rejects.toBeInstanceOf(SignedOutError);
    expect(await stack.getSession()).toBeUndefined();
  });

  it("answers a known error by code, with its status, body and header", async () => {
    const { fake, stack } = clientSetup();
    fake.failWith("POST /auth/password/sign-in", "EMAIL_PASSWORD_MISMATCH");
    const error = await stack
      .signIn(stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "wrong" } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackAuthError);
    expect(isKnownError(error, "EMAIL_PASSWORD_MISMATCH")).toBe(true);
    expect((error as StackAuthError).status).toBe(400);
    expect((error as StackAuthError).headers["x-stack-known-error"]).toBe("EMAIL_PASSWORD_MISMATCH");
  });

  it("known errors carry the details the test gives", async () => {
    const { fake, admin } = serverSetup();
    fake.failWith("POST /users", "USER_EMAIL_ALREADY_EXISTS", {
      email: "ada@example.com",
      would_work_if_email_was_verified: false,
    });
    const error = await unwrap(admin.POST("/users", { body: { primary_email: "ada@example.com" } })).catch(
      (e: unknown) => e,
    );
    expect(isKnownError(error, "USER_EMAIL_ALREADY_EXISTS") && error.details.email).toBe("ada@example.com");
  });

  it("names the access type whose fake has an operation a test names on the other", () => {
    expect(() => createStackAuthFake().on("GET /users" as never, (() => ({})) as never)).toThrow(
      new TypeError(
        'Stack Auth fake: "GET /users" is not an operation of the spec: it is one of server access, which createStackAuthFake({ access: "server" }) fakes',
      ),
    );
  });

  it("pages over the users a test provides", async () => {
    const { fake, admin } = serverSetup();
    const example = await unwrap(
      admin.GET("/users/{user_id}", { params: { path: { user_id: "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10" } } }),
    );
    const users: ServerUser[] = ["a", "b", "c", "d", "e"].map((name, i) => ({
      ...example,
      id: `00000000-0000-4000-8000-00000000000${i}`,
      display_name: name,
    }));
    fake.items("GET /users", users);
    const names: (string | null)[] = [];
    for await (const user of listAllUsers(admin, { limit: 2 })) names.push(user.display_name);
    expect(names).toEqual(["a", "b", "c", "d", "e"]);
    expect(fake.calls("GET /users").map((call) => call.params.query.cursor)).toEqual([
      undefined,
      users[2]!.id,
      users[4]!.id,
    ]);
    fake.verify();
  });

  it("pages over the spec example's users when the test provides none, and ends", async () => {
    const { fake, admin } = serverSetup();
    const ids: string[] = [];
    for await (const user of listAllUsers(admin, { limit: 1 })) ids.push(user.id);
    const { items } = await unwrap(admin.GET("/users", { params: { query: {} } }));
    expect(ids).toEqual(items.map((user) => user.id));
    expect(new Set(ids).size).toBe(2);
    expect(fake.calls("GET /users")).toHaveLength(3);
    fake.verify();
  });

  it("a request with a credential its operation does not take is reported with SCHEMA_ERROR, without the secret", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    // A client-access request of a signed-in user that wrongly carries the secret server key.
    const response = await fake.fetch("https://api.stack-auth.com/api/v1/users/me", {
      headers: {
        "X-Stack-Access-Type": "client",
        "X-Stack-Project-Id": PROJECT_ID,
        "X-Stack-Access-Token": fake.sessions.create().accessToken,
        "X-Stack-Secret-Server-Key": SECRET_SERVER_KEY,
      },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-stack-known-error")).toBe("SCHEMA_ERROR");
    expect(fake.violations).toHaveLength(1);
    expect(fake.violations[0]).toMatch(
      /^GET \/users\/me: request credentials: header X-Stack-Secret-Server-Key is not one this operation takes/,
    );
    expect(() => fake.verify()).toThrow(FakeApiError);
    expect(fake.violations.join()).not.toContain(SECRET_SERVER_KEY);
  });

  it("a body that breaks its schema is reported by field and rule", async () => {
    const { fake, admin } = serverSetup();
    await admin.POST("/users", { body: { primary_email: 42 as unknown as string } });
    expect(fake.violations).toEqual([
      'POST /users: request body at /primary_email: expected type ["string","null"], found number 42',
    ]);
  });
});

describe("signWebhook", () => {
  it("signs an event that verifyWebhook accepts, with the spec's example data by default", () => {
    const { body, headers } = signWebhook({ type: "user.created" });
    const event = verifyWebhook(body, headers, TEST_WEBHOOK_SECRET);
    expect(event.type).toBe("user.created");
    if (event.type === "user.created") expect(event.data.primary_email).toBe("ada@example.com");
  });

  it("signs the data and secret the test gives; another secret fails verification", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const { body, headers } = signWebhook(
      { type: "team.deleted", data: { id: "5d0b7c1e-2f3a-4b6c-8d9e-0a1b2c3d4e5f" } },
      { secret },
    );
    expect(verifyWebhook(body, headers, secret).type).toBe("team.deleted");
    expect(() => verifyWebhook(body, headers, TEST_WEBHOOK_SECRET)).toThrow(WebhookSignatureError);
  });
});

describe("the kit's own misuse, named by the function and option", () => {
  it("an access type a fake does not stand for", () => {
    expect(() => createStackAuthFake({ access: "admin" as never })).toThrow(
      'createStackAuthFake: access must be "client" or "server" (the access types a fake stands for), got "admin"',
    );
  });

  it("a signing secret that is not a whsec_… secret", () => {
    expect(() => signWebhook({ type: "user.created" }, { secret: "whsec_not*base64" })).toThrow(
      "signWebhook: its secret is not a valid whsec_… secret: what follows whsec_ must be base64",
    );
  });
});
