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
});
