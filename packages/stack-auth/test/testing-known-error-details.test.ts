import { describe, expect, it } from "vitest";
import { createStackAuthClient } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

function setup() {
  const fake = createStackAuthFake();
  const session = fake.sessions.create();
  const stack = createStackAuthClient({ projectId: "test-project", session, fetch: fake.fetch, maxRetries: 0 });
  return { fake, stack };
}

// Stack Auth writes `details` into a known error's body only for the codes that have some (stack-auth.md §7.1, §7.2).
describe("fake.failWith(operation, code) answers a body of Stack Auth's shape for the code", () => {
  it.each(["USER_NOT_FOUND", "EMAIL_PASSWORD_MISMATCH", "UNPARSABLE_ACCESS_TOKEN"] as const)(
    "%s, a code without details, has no details in its body",
    async (code) => {
      const { fake, stack } = setup();
      fake.failWith("GET /users/me", code);
      const { error } = await stack.GET("/users/me");
      expect(error).toEqual({ code, error: expect.any(String) });
    },
  );

  it("TEAM_NOT_FOUND, a code with details, has them, of their shape", async () => {
    const { fake, stack } = setup();
    fake.failWith("GET /users/me", "TEAM_NOT_FOUND");
    const { error } = await stack.GET("/users/me");
    expect(error).toEqual({
      code: "TEAM_NOT_FOUND",
      error: expect.any(String),
      details: { team_id: expect.any(String) },
    });
  });

  it("the details a test gives are sent as given", async () => {
    const { fake, stack } = setup();
    fake.failWith("GET /users/me", "USER_NOT_FOUND", {});
    const { error } = await stack.GET("/users/me");
    expect(error).toEqual({ code: "USER_NOT_FOUND", error: expect.any(String), details: {} });
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
