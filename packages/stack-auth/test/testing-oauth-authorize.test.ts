import { RedirectError } from "@keyway/runtime";
import { describe, expect, it } from "vitest";
import { createStackAuthClient } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

// Stack Auth starts an OAuth sign-in with a 307 to the provider unless the request asks for `stack_response_mode=json`;
// an app's test against the fake meets what it meets against Stack Auth.

const query = {
  client_id: "test-project",
  client_secret: "pck_test",
  redirect_uri: "https://app.example.com/handler/oauth-callback",
  scope: "legacy",
  state: "3q8vZk1rT0mWbN5yE2hC",
  grant_type: "authorization_code",
  code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  code_challenge_method: "S256",
  response_type: "code",
} as const;

function clientOfFake() {
  const fake = createStackAuthFake();
  const stack = createStackAuthClient({ projectId: "test-project", fetch: fake.fetch, maxRetries: 0 });
  return { fake, stack };
}

describe("the Stack Auth fake starting an OAuth sign-in", () => {
  it("answers { location } to stack_response_mode=json", async () => {
    const { fake, stack } = clientOfFake();
    const { data } = await stack.GET("/auth/oauth/authorize/{provider_id}", {
      params: { path: { provider_id: "github" }, query: { ...query, stack_response_mode: "json" } },
    });
    expect(data?.location).toMatch(/^https:\/\/github\.com\/login\/oauth\/authorize\?/);
    expect(fake.violations).toEqual([]);
  });

  it("answers a 307 to the provider by default, which the client does not follow to another origin", async () => {
    const { fake, stack } = clientOfFake();
    const call = stack.GET("/auth/oauth/authorize/{provider_id}", {
      params: { path: { provider_id: "github" }, query },
    });
    await expect(call).rejects.toBeInstanceOf(RedirectError);
    await expect(call).rejects.toThrow(/answered 307 to https:\/\/github\.com.*another origin/);
    expect(fake.calls().map((call) => call.status)).toEqual([307]);
    expect(fake.violations).toEqual([]);
  });
});
