import { describe, expect, it } from "vitest";
import { createStackAuthClient, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";
import { createAccessTokenVerifier } from "../src/tokens.js";

// A handler that passes a call through (to count it, or to fail only the nth) answers as the fake would have with no
// handler: a sign-in or refresh with a session the fake then accepts, the project's real key set.
const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";

describe("a Stack Auth fake handler's fallback()", () => {
  it("signs in with a session the fake accepts", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = createStackAuthClient({ projectId: PROJECT_ID, fetch: fake.fetch });
    let signIns = 0;
    fake.on("POST /auth/password/sign-in", ({ fallback }) => (signIns++, fallback()));
    await stack.signIn(stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "pw" } }));
    expect(signIns).toBe(1);
    expect((await unwrap(stack.GET("/users/me"))).primary_email).toBeTypeOf("string");
    fake.verify();
  });

  it("refreshes an expired session as the fake's sessions do", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = createStackAuthClient({ projectId: PROJECT_ID, session: fake.sessions.create(), fetch: fake.fetch });
    fake.on("POST /auth/sessions/current/refresh", ({ fallback }) => fallback());
    fake.sessions.expireAccessTokens();
    expect((await stack.GET("/users/me")).response.status).toBe(200);
    expect(fake.sessions.refreshes).toBe(1);
  });

  it("serves the project's key set, which verifies the fake's tokens", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    let keySets = 0;
    fake.on("GET /projects/{project_id}/.well-known/jwks.json", ({ fallback }) => (keySets++, fallback()));
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, fetch: fake.fetch });
    await expect(verify(fake.sessions.create().accessToken)).resolves.toMatchObject({ project_id: PROJECT_ID });
    expect(keySets).toBe(1);
  });
});
