import { describe, expect, it } from "vitest";
import { createStackAuthClient, createStackAuthServerClient } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

type Stack = ReturnType<typeof setup>["stack"];

/** An operation whose spec lists each code tried here among its known errors. */
const OPERATION_OF = {
  USER_NOT_FOUND: "PATCH /users/me",
  EMAIL_PASSWORD_MISMATCH: "POST /auth/password/sign-in",
  UNPARSABLE_ACCESS_TOKEN: "GET /users/me",
} as const;

function setup() {
  const fake = createStackAuthFake();
  const session = fake.sessions.create();
  const stack = createStackAuthClient({ projectId: "test-project", session, fetch: fake.fetch, maxRetries: 0 });
  return { fake, stack };
}

// Stack Auth writes `details` into a known error's body only for the codes that have some (stack-auth.md §7.1, §7.2).
describe("fake.failWith(operation, code) answers a body of Stack Auth's shape for the code", () => {
  it.each([
    ["USER_NOT_FOUND", (stack: Stack) => stack.PATCH("/users/me", { body: { display_name: "Ada" } })],
    [
      "EMAIL_PASSWORD_MISMATCH",
      (stack: Stack) => stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "x" } }),
    ],
    ["UNPARSABLE_ACCESS_TOKEN", (stack: Stack) => stack.GET("/users/me")],
  ] as const)("%s, a code without details, has no details in its body", async (code, call) => {
    const { fake, stack } = setup();
    fake.failWith(OPERATION_OF[code], code);
    const { error } = await call(stack);
    expect(error).toEqual({ code, error: expect.any(String) });
  });

  it("TEAM_NOT_FOUND, a code with details, has them, of their shape", async () => {
    const fake = createStackAuthFake({ access: "server" });
    const admin = createStackAuthServerClient({
      projectId: "test-project",
      secretServerKey: "ssk_test",
      fetch: fake.fetch,
    });
    fake.failWith("GET /teams/{team_id}", "TEAM_NOT_FOUND");
    const { error } = await admin.GET("/teams/{team_id}", {
      params: { path: { team_id: "7a1d0c2e-0000-4000-8000-000000000002" } },
    });
    expect(error).toEqual({
      code: "TEAM_NOT_FOUND",
      error: expect.any(String),
      details: { team_id: expect.any(String) },
    });
  });

  it("the details a test gives are sent as given", async () => {
    const { fake, stack } = setup();
    fake.failWith("PATCH /users/me", "USER_NOT_FOUND", {});
    const { error } = await stack.PATCH("/users/me", { body: { display_name: "Ada" } });
    expect(error).toEqual({ code: "USER_NOT_FOUND", error: expect.any(String), details: {} });
  });

  it("a code the operation never answers is refused, naming the codes it does", () => {
    const { fake } = setup();
    expect(() => fake.failWith("GET /users/me", "USER_NOT_FOUND")).toThrow(
      /^Stack Auth fake: GET \/users\/me never answers "USER_NOT_FOUND" \(the spec's known errors of this operation: .*CANNOT_GET_OWN_USER_WITHOUT_USER/,
    );
  });

  it("ACCESS_TOKEN_EXPIRED names the request's token: when it expired, its project, user and session", async () => {
    const fake = createStackAuthFake();
    const { accessToken } = fake.sessions.create();
    const session = JSON.parse(atob(accessToken.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
    fake.failWith("GET /users/me", "ACCESS_TOKEN_EXPIRED");
    const before = Date.now();
    const response = await fake.fetch("https://api.stack-auth.com/api/v1/users/me", {
      headers: {
        "x-stack-access-type": "client",
        "x-stack-project-id": "test-project",
        "x-stack-access-token": accessToken,
      },
    });
    const { details } = await response.json();
    expect(details).toEqual({
      expired_at_millis: expect.any(Number),
      project_id: "test-project",
      user_id: session.sub,
      refresh_token_id: session.refresh_token_id,
    });
    expect(details.expired_at_millis).toBeGreaterThanOrEqual(before);
    expect(details.expired_at_millis).toBeLessThanOrEqual(Date.now());
  });
});
