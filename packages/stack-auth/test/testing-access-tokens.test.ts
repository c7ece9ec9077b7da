import { afterEach, describe, expect, it, vi } from "vitest";
import { createStackAuthClient, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";
import { type FakeServer, serveFake } from "../src/testing-server.js";
import { createAccessTokenVerifier } from "../src/tokens.js";

const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
/** The spec's example user, whom the fake's sessions are for. */
const ADA = "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10";

let server: FakeServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

/** A backend's check of a request's access token, as the package's README shows it, with the fake as Stack Auth. */
function verifierOf(fake: { fetch: typeof fetch }, options: { allowAnonymous?: boolean } = {}) {
  return createAccessTokenVerifier({ projectId: PROJECT_ID, fetch: fake.fetch, ...options });
}

describe("the fake's access tokens are Stack Auth's: JWTs the package's verifier accepts", () => {
  it("accepts a session's access token, with the claims Stack Auth puts in one", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const { accessToken } = fake.sessions.create();
    const claims = await verifierOf(fake)(accessToken);
    expect(claims).toMatchObject({
      sub: ADA,
      iss: `https://api.stack-auth.com/api/v1/projects/${PROJECT_ID}`,
      aud: PROJECT_ID,
      project_id: PROJECT_ID,
      branch_id: "main",
      role: "authenticated",
      name: "Ada Lovelace",
      email: "ada@example.com",
      email_verified: true,
      is_anonymous: false,
      is_restricted: false,
      restricted_reason: null,
    });
    expect(claims.refresh_token_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp! - claims.iat!).toBe(600); // Stack Auth's default lifetime, 10 minutes
    fake.verify();
  });

  it("serves the key set at Stack Auth's path, ES256 keys with their ids", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const response = await fake.fetch(`https://api.stack-auth.com/api/v1/projects/${PROJECT_ID}/.well-known/jwks.json`);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys).toEqual([
      {
        kty: "EC",
        crv: "P-256",
        alg: "ES256",
        use: "sig",
        kid: expect.any(String),
        x: expect.any(String),
        y: expect.any(String),
      },
    ]);
    const header = JSON.parse(atob(fake.sessions.create().accessToken.split(".")[0]!));
    expect(header).toEqual({ alg: "ES256", kid: keys[0]!.kid });
  });

  it("accepts the tokens of a sign-in and of a refresh, for the session's user", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = createStackAuthClient({ projectId: PROJECT_ID, fetch: fake.fetch, maxRetries: 0 });
    const signedIn = await stack.signIn(
      stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "correct horse" } }),
    );
    const verify = verifierOf(fake);
    const first = await verify(signedIn.access_token);
    fake.sessions.expireAccessTokens();
    await unwrap(stack.GET("/users/me")); // refreshes
    const refreshed = await verify((await stack.getSession())!.accessToken!);
    expect(refreshed).toMatchObject({ sub: signedIn.user_id, refresh_token_id: first.refresh_token_id });
    expect(fake.sessions.refreshes).toBe(1);
  });

  it("refuses an expired token, and the fake answers it ACCESS_TOKEN_EXPIRED with its details", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const { accessToken } = fake.sessions.create();
    const verify = verifierOf(fake);
    const claims = await verify(accessToken);
    vi.useFakeTimers({ toFake: ["Date"], now: (claims.exp! + 6) * 1000 });
    await expect(verify(accessToken)).rejects.toMatchObject({ name: "InvalidAccessTokenError", reason: "expired" });
    const response = await fake.fetch("https://api.stack-auth.com/api/v1/users/me", {
      headers: {
        "x-stack-access-type": "client",
        "x-stack-project-id": PROJECT_ID,
        "x-stack-access-token": accessToken,
      },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: "ACCESS_TOKEN_EXPIRED",
      error: "Access token has expired. Please refresh it and try again.",
      details: {
        expired_at_millis: claims.exp! * 1000,
        project_id: PROJECT_ID,
        user_id: ADA,
        refresh_token_id: claims.refresh_token_id,
      },
    });
  });

  it("refuses another fake's token and a tampered one, by their signature", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const verify = verifierOf(fake);
    const other = createStackAuthFake({ projectId: PROJECT_ID }).sessions.create().accessToken;
    await expect(verify(other)).rejects.toMatchObject({ reason: "signature" });
    const [header, payload, signature] = fake.sessions.create().accessToken.split(".");
    const claims = JSON.parse(atob(payload!.replace(/-/g, "+").replace(/_/g, "/")));
    const forged = btoa(JSON.stringify({ ...claims, sub: "another-user" })).replace(/=+$/, "");
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ reason: "signature" });
  });

  it("signs an anonymous user's token with keys the verifier reads only when it accepts anonymous users", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = createStackAuthClient({ projectId: PROJECT_ID, fetch: fake.fetch, allowAnonymousUsers: true });
    const { access_token } = await stack.signIn(stack.POST("/auth/anonymous/sign-up"));
    await expect(verifierOf(fake)(access_token)).rejects.toMatchObject({ reason: "claim" });
    await expect(verifierOf(fake, { allowAnonymous: true })(access_token)).resolves.toMatchObject({
      iss: `https://api.stack-auth.com/api/v1/projects-anonymous-users/${PROJECT_ID}`,
      aud: `${PROJECT_ID}:anon`,
      is_anonymous: true,
    });
  });

  it("still decides by what it issued: a token it signed is refused once its controls expire it", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const { accessToken } = fake.sessions.create();
    const expiredAt = Date.now();
    fake.sessions.expireAccessTokens();
    const response = await fake.fetch("https://api.stack-auth.com/api/v1/users/me", {
      headers: {
        "x-stack-access-type": "client",
        "x-stack-project-id": PROJECT_ID,
        "x-stack-access-token": accessToken,
      },
    });
    const { code, details } = await response.json();
    expect(code).toBe("ACCESS_TOKEN_EXPIRED");
    expect(details.expired_at_millis).toBeGreaterThanOrEqual(expiredAt);
    expect(details.expired_at_millis).toBeLessThanOrEqual(Date.now());
    expect(details).toMatchObject({ project_id: PROJECT_ID, user_id: ADA, refresh_token_id: expect.any(String) });
  });
});

describe("a served fake's tokens name the served URL, as Stack Auth names the host it was asked through", () => {
  it("is verified by a verifier given the served URL as its baseUrl", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    server = await serveFake(fake);
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl: server.url });
    await expect(verify(fake.sessions.create().accessToken)).resolves.toMatchObject({
      iss: `${server.url}/projects/${PROJECT_ID}`,
    });
    const stack = createStackAuthClient({ projectId: PROJECT_ID, baseUrl: server.url, maxRetries: 0 });
    const { access_token } = await stack.signIn(
      stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "correct horse" } }),
    );
    await expect(verify(access_token)).resolves.toMatchObject({ sub: ADA });
  });

  it("issues tokens as before once the server is closed, which a verifier on the fake's fetch accepts", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const served = await serveFake(fake);
    await served.close();
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, fetch: fake.fetch });
    await expect(verify(fake.sessions.create().accessToken)).resolves.toMatchObject({
      iss: `https://api.stack-auth.com/api/v1/projects/${PROJECT_ID}`,
    });
  });

  it("keeps the newer server's URL when an older server of the fake closes after it took over", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const older = await serveFake(fake);
    server = await serveFake(fake);
    await older.close();
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl: server.url });
    await expect(verify(fake.sessions.create().accessToken)).resolves.toMatchObject({
      iss: `${server.url}/projects/${PROJECT_ID}`,
    });
  });

  it("names the server still open when the newer closes first, and no closed one once both are, in either order", async () => {
    const fake = createStackAuthFake({ projectId: PROJECT_ID });
    const older = await serveFake(fake);
    const newer = await serveFake(fake);
    await newer.close();
    expect(decodedIssuer(fake.sessions.create().accessToken)).toBe(`${older.url}/projects/${PROJECT_ID}`);
    await older.close();
    await older.close(); // a second close changes nothing
    const first = await serveFake(fake);
    const second = await serveFake(fake);
    await first.close();
    await second.close();
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, fetch: fake.fetch });
    await expect(verify(fake.sessions.create().accessToken)).resolves.toMatchObject({
      iss: `https://api.stack-auth.com/api/v1/projects/${PROJECT_ID}`,
    });
  });
});

/** The `iss` claim of a token, read without checking it. */
function decodedIssuer(token: string): unknown {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).iss;
}
