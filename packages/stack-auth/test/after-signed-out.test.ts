import { MissingCredentialError } from "@keyway/runtime";
import { describe, expect, it } from "vitest";
import { SignedOutError } from "../src/index.js";
import { clientAgainst, knownError } from "./setup.js";

// What SignedOutError's documentation promises a caller: the call whose refresh Stack Auth refused fails signed out,
// the session is cleared, and the next call that needs the user fails before it is sent, naming the session option.

describe("after Stack Auth refused the session's refresh token", () => {
  it("the refused call is a SignedOutError, then a call needing the user a MissingCredentialError, unsent", async () => {
    const { stack, server } = await clientAgainst((req, res) =>
      req.url === "/auth/sessions/current/refresh"
        ? knownError(res, 401, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED")
        : knownError(res, 401, "ACCESS_TOKEN_EXPIRED"),
    );
    await expect(stack.GET("/users/me")).rejects.toBeInstanceOf(SignedOutError);
    expect(await stack.getSession()).toBeUndefined();

    const next = await stack.GET("/users/me").catch((error: unknown) => error);
    expect(next).toBeInstanceOf(MissingCredentialError);
    // It names the access token alone (the publishable key is not what is missing) and says to sign in.
    expect((next as Error).message).toBe(
      'getCurrentUser needs "X-Stack-Access-Token" (the session.accessToken option of createStackAuthClient), but the ' +
        "session holds no access token: no user is signed in (sign in with signIn(…), or give the client a session)",
    );
    expect(server.requests.map((r) => r.url)).toEqual(["/users/me", "/auth/sessions/current/refresh"]);
  });

  it("without a publishable key, a call needing the user names the access token alone after signOut", async () => {
    const { stack, server } = await clientAgainst(
      (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
      {
        publishableClientKey: undefined,
      },
    );
    await stack.signOut();
    const next = await stack.GET("/users/me").catch((error: unknown) => error);
    expect(next).toMatchObject({ name: "MissingCredentialError", headers: ["X-Stack-Access-Token"] });
    expect((next as Error).message).toContain("but the session holds no access token: no user is signed in");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /auth/sessions/current"]);
  });
});
