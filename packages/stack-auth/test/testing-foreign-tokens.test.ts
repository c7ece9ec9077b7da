import { describe, expect, it } from "vitest";
import { createStackAuthClient, SignedOutError, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

const SERVER_ACCESS = {
  "x-stack-access-type": "server",
  "x-stack-project-id": "test-project",
  "x-stack-secret-server-key": "ssk_test",
};

// A browser's fake and a backend's fake of the same project, as an app with both access types has in its tests.
function twoFakes() {
  const browser = createStackAuthFake();
  const backend = createStackAuthFake({ access: "server" });
  return { browser, backend };
}

describe("a fake accepts only the tokens it issued, not another fake's", () => {
  it("answers another fake's access token 401 UNPARSABLE_ACCESS_TOKEN, though it issued sessions of its own", async () => {
    const { browser, backend } = twoFakes();
    backend.sessions.create();
    const { accessToken } = browser.sessions.create();
    const response = await backend.fetch("https://api.stack-auth.com/api/v1/users/me", {
      headers: { ...SERVER_ACCESS, "x-stack-access-token": accessToken },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("x-stack-known-error")).toBe("UNPARSABLE_ACCESS_TOKEN");
    backend.verify();
  });

  it("refuses to refresh with another fake's refresh token, so the client signs out", async () => {
    const other = createStackAuthFake();
    const fake = createStackAuthFake();
    fake.sessions.create();
    const stack = createStackAuthClient({
      projectId: "test-project",
      session: other.sessions.create(),
      fetch: fake.fetch,
      maxRetries: 0,
    });
    await expect(unwrap(stack.GET("/users/me"))).rejects.toBeInstanceOf(SignedOutError);
    expect(fake.calls("POST /auth/sessions/current/refresh").map((call) => call.status)).toEqual([401]);
  });

  it("gives each fake's sessions tokens of their own", () => {
    const tokens = [createStackAuthFake(), createStackAuthFake({ access: "server" })].flatMap((fake) => {
      const { accessToken, refreshToken } = fake.sessions.create();
      return [accessToken, refreshToken];
    });
    expect(new Set(tokens).size).toBe(4);
  });
});
