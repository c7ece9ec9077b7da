import { describe, expect, it } from "vitest";
import { createStackAuthClient, isKnownError, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";

function setup() {
  const fake = createStackAuthFake({ projectId: PROJECT_ID });
  const stack = createStackAuthClient({ projectId: PROJECT_ID, session: fake.sessions.create(), fetch: fake.fetch });
  return { fake, stack };
}

// Stack Auth sends X-Stack-Known-Error with every known error; the client refreshes and vetoes retries by it.
describe("the Stack Auth fake's known errors carry the x-stack-known-error header", () => {
  it("fake.fail(operation, 401) answers the spec's ACCESS_TOKEN_EXPIRED example so that the client refreshes", async () => {
    const { fake, stack } = setup();
    fake.fail("GET /users/me", 401, undefined, { times: 1 });
    await unwrap(stack.GET("/users/me"));
    expect(fake.sessions.refreshes).toBe(1);
    expect(fake.calls("GET /users/me").map((call) => call.status)).toEqual([401, 200]);
  });

  it("a handler's reply with a known error's body carries its header", async () => {
    const { fake, stack } = setup();
    fake.on("GET /users/me", ({ reply }) => reply(401, { code: "ACCESS_TOKEN_EXPIRED", error: "Expired." }), {
      times: 1,
    });
    await unwrap(stack.GET("/users/me"));
    expect(fake.sessions.refreshes).toBe(1);
  });

  it("a known error with a retryable status (503) is not retried, as against Stack Auth", async () => {
    const { fake, stack } = setup();
    const AUTHORIZE = "GET /auth/oauth/authorize/{provider_id}";
    fake.fail(AUTHORIZE, 503);
    const query = {
      client_id: PROJECT_ID,
      client_secret: "pck_test",
      redirect_uri: "https://app.example/callback",
      scope: "legacy",
      state: "state",
      grant_type: "authorization_code",
      code_challenge: "challenge",
      code_challenge_method: "S256",
      response_type: "code",
    } as const;
    const call = stack.GET("/auth/oauth/authorize/{provider_id}", {
      params: { path: { provider_id: "github" }, query },
    });
    await expect(unwrap(call)).rejects.toSatisfy((error) =>
      isKnownError(error, "OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE"),
    );
    expect(fake.calls(AUTHORIZE)).toHaveLength(1);
    fake.verify();
  });
});
