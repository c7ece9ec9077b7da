import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  STACK_AUTH_BASE_URL,
  createStackAuthClient,
  createStackAuthServerClient,
  unwrap,
} from "../src/index.js";
import { sendJson } from "@keyway/test-server";
import { PROJECT_ID, SECRET_SERVER_KEY, clientAgainst, knownError, serverClientAgainst } from "./setup.js";

afterEach(() => vi.unstubAllGlobals());

describe("client construction", () => {
  it("refuses a server client in a browser unless dangerouslyAllowBrowser is set", () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    expect(() => createStackAuthServerClient({ projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY })).toThrow(
      /X-Stack-Secret-Server-Key.*dangerouslyAllowBrowser/s,
    );
    expect(() =>
      createStackAuthServerClient({
        projectId: PROJECT_ID,
        secretServerKey: SECRET_SERVER_KEY,
        dangerouslyAllowBrowser: true,
      }),
    ).not.toThrow();
    // Client access belongs in the browser, session tokens included.
    expect(() =>
      createStackAuthClient({
        projectId: PROJECT_ID,
        publishableClientKey: "pck_1",
        session: { accessToken: "a", refreshToken: "r".repeat(45) },
      }),
    ).not.toThrow();
  });

  it("requires a project id and, for server access, the secret server key", () => {
    expect(() => createStackAuthClient({ projectId: "" })).toThrow(ConfigurationError);
    expect(() => createStackAuthServerClient({ projectId: PROJECT_ID, secretServerKey: "" })).toThrow(
      /secretServerKey is required/,
    );
  });

  it("refuses a session that cannot hold one: the API's snake_case tokens, a Map, a store without set()", () => {
    const made = (session: unknown) => () =>
      createStackAuthClient({ projectId: PROJECT_ID, publishableClientKey: "pck_1234", session: session as never });
    expect(made({ access_token: "eyJ.a.b", refresh_token: "rt_12345678" })).toThrow(
      new ConfigurationError(
        'createStackAuthClient: session has no option "access_token": did you mean "accessToken"?',
      ),
    );
    expect(made(new Map([["refreshToken", "rt_12345678"]]))).toThrow(
      new ConfigurationError(
        "createStackAuthClient: session is a Map, not a SessionStore or the session's { accessToken, refreshToken }",
      ),
    );
    expect(made({ get: () => undefined })).toThrow(
      new ConfigurationError(
        "createStackAuthClient: session has get() but no set(): a SessionStore keeps each refreshed session",
      ),
    );
    expect(made({ refreshToken: "rt_12345678" })).not.toThrow();
    // A store of its own that happens to extend Map is a store.
    class MapBackedStore extends Map<string, unknown> {
      override get() {
        return super.get("session");
      }
      override set(tokens: unknown) {
        return super.set("session", tokens);
      }
    }
    expect(made(new MapBackedStore())).not.toThrow();
  });

  it("defaults to https://api.stack-auth.com/api/v1 and takes another base URL (the service is being renamed)", async () => {
    expect(STACK_AUTH_BASE_URL).toBe("https://api.stack-auth.com/api/v1");
    const seen: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init).url);
      return Response.json({ id: PROJECT_ID });
    };
    await createStackAuthClient({ projectId: PROJECT_ID, fetch: fetch as typeof globalThis.fetch }).GET(
      "/projects/current",
    );
    await createStackAuthClient({
      projectId: PROJECT_ID,
      fetch: fetch as typeof globalThis.fetch,
      baseUrl: "https://api.hexclave.com/api/v1",
    }).GET("/projects/current");
    expect(seen).toEqual([
      "https://api.stack-auth.com/api/v1/projects/current",
      "https://api.hexclave.com/api/v1/projects/current",
    ]);
  });

  it("keeps the secret server key out of errors and inspected clients", async () => {
    const { admin } = await serverClientAgainst((req, res) =>
      knownError(res, 401, "INVALID_SECRET_SERVER_KEY", `Bad key ${req.headers["x-stack-secret-server-key"]}`, {
        project_id: PROJECT_ID,
      }),
    );
    const error = await unwrap(admin.GET("/projects/current")).catch((e: unknown) => e);
    for (const surface of [
      String(error),
      inspect(error, { depth: 20, showHidden: true }),
      JSON.stringify(error),
      inspect(admin, { depth: 20, showHidden: true }),
      JSON.stringify(admin),
    ]) {
      expect(surface).not.toContain(SECRET_SERVER_KEY);
    }
  });
});

describe("withOptions", () => {
  it("shares the session with the client it came from", async () => {
    const { stack, server } = await clientAgainst((req, res) =>
      req.url === "/auth/sessions/current" ? sendJson(res, 200, { success: true }) : sendJson(res, 200, { id: "u" }),
    );
    const quick = stack.withOptions({ timeout: 5_000, maxRetries: 0 });
    await quick.signOut();
    expect(await stack.getSession()).toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /auth/sessions/current"]);
  });
});
