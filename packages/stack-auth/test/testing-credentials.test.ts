import { describe, expect, it } from "vitest";
import { createStackAuthClient, createStackAuthServerClient } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

// The fake answers credential headers as Stack Auth does (status, known-error code and header), so a test cannot pass
// with a client that production refuses.

const USER_ID = "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10";
const ME = "https://api.stack-auth.com/api/v1/users/me";

/** What a client call's answer shows: status, known-error code and the x-stack-known-error header. */
async function seen(call: Promise<{ response: Response; error?: unknown }>) {
  const { response, error } = await call;
  return {
    status: response.status,
    code: (error as { code?: string } | undefined)?.code,
    header: response.headers.get("x-stack-known-error"),
  };
}

async function seenRaw(response: Promise<Response>) {
  const answer = await response;
  const body = (await answer.json()) as { code?: string; error?: string };
  return { status: answer.status, code: body.code, header: answer.headers.get("x-stack-known-error") };
}

describe("the Stack Auth fake's credentials", () => {
  it("answers the project and keys the README builds clients with (test-project, pck_test, ssk_test)", async () => {
    const clientFake = createStackAuthFake();
    const stack = createStackAuthClient({
      projectId: "test-project",
      publishableClientKey: "pck_test",
      session: clientFake.sessions.create(),
      fetch: clientFake.fetch,
    });
    const serverFake = createStackAuthFake({ access: "server" });
    const admin = createStackAuthServerClient({
      projectId: "test-project",
      secretServerKey: "ssk_test",
      fetch: serverFake.fetch,
    });
    expect((await stack.GET("/users/me")).response.status).toBe(200);
    expect((await admin.GET("/users/{user_id}", { params: { path: { user_id: USER_ID } } })).response.status).toBe(200);
    // …and refuses another project, as Stack Auth refuses a project it does not have: the session's access token
    // first (it is another project's), then the refresh.
    const other = createStackAuthClient({
      projectId: "my-app",
      session: clientFake.sessions.create(),
      fetch: clientFake.fetch,
    });
    await expect(other.GET("/users/me")).rejects.toMatchObject({ code: "CURRENT_PROJECT_NOT_FOUND" });
    expect(clientFake.calls().map((call) => [call.operation, call.status])).toEqual([
      ["GET /users/me", 200],
      ["GET /users/me", 401],
      ["POST /auth/sessions/current/refresh", 400],
    ]);
  });

  it("refuses an X-Stack-Access-Type other than client, server or admin with INVALID_ACCESS_TYPE", async () => {
    const fake = createStackAuthFake();
    const answer = fake.fetch(ME, {
      headers: {
        "x-stack-access-type": "banana",
        "x-stack-project-id": "test-project",
        "x-stack-access-token": fake.sessions.create().accessToken,
      },
    });
    expect(await seenRaw(answer)).toEqual({ status: 400, code: "INVALID_ACCESS_TYPE", header: "INVALID_ACCESS_TYPE" });
  });

  it("refuses the publishable client key sent as the secret server key, and a key not the project's", async () => {
    const fake = createStackAuthFake({ access: "server", secretServerKey: "ssk_right" });
    for (const secretServerKey of ["pck_test", "ssk_wrong"]) {
      const admin = createStackAuthServerClient({ projectId: "test-project", secretServerKey, fetch: fake.fetch });
      expect(await seen(admin.GET("/users/{user_id}", { params: { path: { user_id: USER_ID } } }))).toEqual({
        status: 401,
        code: "INVALID_SECRET_SERVER_KEY",
        header: "INVALID_SECRET_SERVER_KEY",
      });
    }
  });

  it("refuses a publishable client key not the project's with INVALID_PUBLISHABLE_CLIENT_KEY", async () => {
    const fake = createStackAuthFake({
      projectId: "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b",
      publishableClientKey: "pck_a",
    });
    const stack = createStackAuthClient({
      projectId: "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b",
      publishableClientKey: "pck_b",
      session: fake.sessions.create(),
      fetch: fake.fetch,
    });
    expect(await seen(stack.GET("/users/me"))).toEqual({
      status: 401,
      code: "INVALID_PUBLISHABLE_CLIENT_KEY",
      header: "INVALID_PUBLISHABLE_CLIENT_KEY",
    });
  });

  it.each(["client", "server"] as const)(
    "refuses server access without a secret server key with SERVER_AUTHENTICATION_REQUIRED (%s fake)",
    async (access) => {
      const fake = createStackAuthFake({ access } as { access: "client" });
      const answer = fake.fetch(ME, {
        headers: {
          "x-stack-access-type": "server",
          "x-stack-project-id": "test-project",
          "x-stack-access-token": fake.sessions.create().accessToken,
        },
      });
      expect(await seenRaw(answer)).toEqual({
        status: 401,
        code: "SERVER_AUTHENTICATION_REQUIRED",
        header: "SERVER_AUTHENTICATION_REQUIRED",
      });
    },
  );

  it("reads X-Hexclave-* headers as their X-Stack-* names, as the hosted API does, values checked alike", async () => {
    const fake = createStackAuthFake();
    const stack = createStackAuthClient({
      projectId: "test-project",
      headerFamily: "hexclave",
      session: fake.sessions.create(),
      fetch: fake.fetch,
    });
    expect((await stack.GET("/users/me")).response.status).toBe(200);
    const wrongKey = createStackAuthClient({
      projectId: "test-project",
      publishableClientKey: "pck_other",
      headerFamily: "hexclave",
      session: fake.sessions.create(),
      fetch: fake.fetch,
    });
    expect(await seen(wrongKey.GET("/users/me"))).toEqual({
      status: 401,
      code: "INVALID_PUBLISHABLE_CLIENT_KEY",
      header: "INVALID_PUBLISHABLE_CLIENT_KEY",
    });
    fake.verify();
  });
});
