import { describe, expect, it } from "vitest";
import { createStackAuthClient, createStackAuthServerClient, SignedOutError, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";
import { createAccessTokenVerifier } from "../src/tokens.js";

const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
const SECRET_SERVER_KEY = "ssk_MARKER_shared_4d2a";

/** An app's browser and backend in one test: each on its fake, the two fakes one project. */
function app() {
  const browserFake = createStackAuthFake({ projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY });
  const backendFake = createStackAuthFake({ access: "server", project: browserFake });
  const browser = createStackAuthClient({ projectId: PROJECT_ID, fetch: browserFake.fetch, maxRetries: 0 });
  /** The backend's client for the signed-in user of `session`, as a backend reading the session's cookies makes it. */
  const backendFor = (session: { accessToken?: string; refreshToken: string }) =>
    createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      session,
      fetch: backendFake.fetch,
      maxRetries: 0,
    });
  return { browserFake, backendFake, browser, backendFor };
}

async function signIn(browser: ReturnType<typeof app>["browser"]) {
  await browser.signIn(
    browser.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "correct horse" } }),
  );
  return (await browser.getSession())!;
}

describe("a fake made with { project } is the same project as that fake, as client and server access are", () => {
  it("knows the sessions signed in through the other fake", async () => {
    const { browser, backendFake, backendFor } = app();
    const backend = backendFor(await signIn(browser));
    await expect(unwrap(backend.GET("/users/me"))).resolves.toMatchObject({ primary_email: "ada@example.com" });
    expect(backendFake.calls("GET /users/me").map((call) => call.status)).toEqual([200]);
    backendFake.verify();
  });

  it("shares the session controls: an expiry through either fake is refreshed through the other", async () => {
    const { browser, browserFake, backendFake, backendFor } = app();
    const session = await signIn(browser);
    backendFake.sessions.expireAccessTokens();
    await unwrap(browser.GET("/users/me"));
    expect(browserFake.sessions.refreshes).toBe(1);
    expect(backendFake.sessions.refreshes).toBe(1);
    browserFake.sessions.revokeRefreshTokens();
    browserFake.sessions.expireAccessTokens();
    await expect(unwrap(backendFor(session).GET("/users/me"))).rejects.toBeInstanceOf(SignedOutError);
  });

  it("signs with the project's keys: a token of either fake is verified against the other's key set", async () => {
    const { browserFake, backendFake } = app();
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, fetch: browserFake.fetch });
    await expect(verify(backendFake.sessions.create().accessToken)).resolves.toMatchObject({ project_id: PROJECT_ID });
  });

  it("stands for that fake's project: its id and keys, none given again", async () => {
    const browserFake = createStackAuthFake({ projectId: PROJECT_ID });
    expect(() => createStackAuthFake({ access: "server", project: browserFake, projectId: "another" })).toThrow(
      new TypeError(
        "Stack Auth fake: projectId cannot be given with `project`: the fake stands for that fake's project, as it was created",
      ),
    );
    expect(() => createStackAuthFake({ project: {} as never })).toThrow(
      new TypeError("Stack Auth fake: `project` must be a fake made by createStackAuthFake"),
    );
  });
});
