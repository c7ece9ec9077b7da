import { sendJson, sendText } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { apiMeta as clientMeta } from "../src/generated/stack-auth-client.meta.js";
import { apiMeta as serverMeta } from "../src/generated/stack-auth-server.meta.js";
import {
  ConfigurationError,
  isKnownError,
  KeywayError,
  listAllUsers,
  PaginationLoopError,
  unwrap,
} from "../src/index.js";
import {
  ACCESS_TOKEN,
  PROJECT_ID,
  PUBLISHABLE_KEY,
  REFRESH_TOKEN,
  SECRET_SERVER_KEY,
  clientAgainst,
  knownError,
  serverClientAgainst,
} from "./setup.js";

const PATH_VALUE = "3f0e2b1c-0000-4000-8000-00000000000a";
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT"]);

type Untyped = {
  request(method: string, path: string, init?: object): Promise<{ data?: unknown; response: Response }>;
};

/** Calls every operation of a spec once through a client, with path parameters filled in. */
async function callEveryOperation(client: Untyped, operations: Record<string, unknown>) {
  for (const key of Object.keys(operations)) {
    const [method, path] = key.split(" ") as [string, string];
    const pathParams = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, PATH_VALUE]));
    // The echo answers JSON, even where the operation declares text (GET /, which a call reads as text by default).
    const { data } = await client.request(method, path, {
      params: { path: pathParams },
      parseAs: "json",
      ...(WRITE_METHODS.has(method) ? { body: {} } : {}),
    });
    expect(data, key).toEqual({ echo: `${method} ${path.replace(/\{\w+\}/g, PATH_VALUE)}` });
  }
}

const echo = (req: { method: string; url: string }, res: import("node:http").ServerResponse) =>
  sendJson(res, 200, { echo: `${req.method} ${req.url.split("?")[0]}` });

/** The Stack Auth headers a request carried. */
const stackHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith("x-stack-")));

type Meta = typeof clientMeta | typeof serverMeta;

/** Asserts each recorded request carried exactly the headers its operation's first security alternative names. */
function expectAuthHeaders(
  meta: Meta,
  requests: { headers: Record<string, string> }[],
  keyHeaders: Record<string, string>,
  accessType: string,
) {
  for (const [i, key] of Object.keys(meta.operations).entries()) {
    const headers = stackHeaders(requests[i]!.headers);
    const security: readonly (readonly string[])[] = meta.operations[key as keyof Meta["operations"]]["security"];
    if (security.length === 0) {
      expect(headers, key).toEqual({});
      continue;
    }
    const wants = (scheme: string) => security[0]!.includes(scheme);
    expect(headers, key).toEqual({
      "x-stack-access-type": accessType,
      "x-stack-project-id": PROJECT_ID,
      ...keyHeaders,
      ...(wants("AccessToken") ? { "x-stack-access-token": ACCESS_TOKEN } : {}),
      ...(wants("RefreshToken") ? { "x-stack-refresh-token": REFRESH_TOKEN } : {}),
    });
  }
}

describe("every operation, with the headers its access type needs", () => {
  it(`client access: all ${Object.keys(clientMeta.operations).length} operations carry the client headers and never the secret server key`, async () => {
    const { stack, server } = await clientAgainst(echo);
    await callEveryOperation(stack as unknown as Untyped, clientMeta.operations);
    expect(server.requests).toHaveLength(Object.keys(clientMeta.operations).length);
    expectAuthHeaders(clientMeta, server.requests, { "x-stack-publishable-client-key": PUBLISHABLE_KEY }, "client");
    for (const request of server.requests) expect(request.headers).not.toHaveProperty("x-stack-secret-server-key");
  });

  it(`server access: all ${Object.keys(serverMeta.operations).length} operations carry the server headers`, async () => {
    const { admin, server } = await serverClientAgainst(echo, {
      session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
    });
    await callEveryOperation(admin as unknown as Untyped, serverMeta.operations);
    expect(server.requests).toHaveLength(Object.keys(serverMeta.operations).length);
    expectAuthHeaders(serverMeta, server.requests, { "x-stack-secret-server-key": SECRET_SERVER_KEY }, "server");
  });
});

describe("typed results of the main operations", () => {
  const user = {
    id: "3f0e2b1c-0000-4000-8000-000000000001",
    primary_email: "ada@example.com",
    primary_email_verified: true,
    display_name: "Ada",
    selected_team: null,
    selected_team_id: null,
    profile_image_url: null,
    signed_up_at_millis: 1735689600000,
    has_password: true,
    otp_auth_enabled: false,
    passkey_auth_enabled: false,
    client_metadata: null,
    client_read_only_metadata: null,
    is_anonymous: false,
    is_restricted: false,
    restricted_reason: null,
    restricted_by_admin: false,
    restricted_by_admin_reason: null,
    oauth_providers: [],
    auth_with_email: true,
    requires_totp_mfa: false,
  };

  it("client: GET /users/me returns the client user with its nullable fields", async () => {
    const { stack, server } = await clientAgainst((_req, res) => sendJson(res, 200, user));
    const me = await unwrap(stack.GET("/users/me"));
    expect(me.display_name).toBe("Ada");
    expect(me.selected_team).toBeNull();
    expect(me.has_password).toBe(true);
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/users/me" });
  });

  it("client: POST /teams sends the body and returns the created team (201)", async () => {
    const team = {
      id: "7a1d0c2e-0000-4000-8000-000000000002",
      display_name: "Research",
      profile_image_url: null,
      client_metadata: null,
      client_read_only_metadata: null,
    };
    const { stack, server } = await clientAgainst((_req, res) => sendJson(res, 201, team));
    const { data, response } = await stack.POST("/teams", {
      body: { display_name: "Research", creator_user_id: "me" },
    });
    expect(response.status).toBe(201);
    expect(data?.display_name).toBe("Research");
    expect(server.requests[0]!.json()).toEqual({ display_name: "Research", creator_user_id: "me" });
  });

  it("server: GET /users with query filters, PATCH a user, DELETE returns { success: true }", async () => {
    const serverUser = {
      ...user,
      primary_email_auth_enabled: true,
      server_metadata: { plan: "pro" },
      last_active_at_millis: 1735689600000,
      restricted_by_admin_private_details: null,
      country_code: "FR",
      risk_scores: { sign_up: { bot: 0, free_trial_abuse: 3 } },
    };
    const { admin, server } = await serverClientAgainst((req, res) => {
      if (req.method === "GET")
        return sendJson(res, 200, { items: [serverUser], is_paginated: true, pagination: { next_cursor: null } });
      if (req.method === "PATCH") return sendJson(res, 200, { ...serverUser, server_metadata: { plan: "team" } });
      sendJson(res, 200, { success: true });
    });
    const list = await unwrap(admin.GET("/users", { params: { query: { limit: 10, query: "ada", desc: "true" } } }));
    expect(list.items[0]?.server_metadata).toEqual({ plan: "pro" });
    expect(list.pagination?.next_cursor).toBeNull();
    expect(server.requests[0]!.url).toBe("/users?limit=10&query=ada&desc=true");
    const updated = await unwrap(
      admin.PATCH("/users/{user_id}", {
        params: { path: { user_id: user.id } },
        body: { server_metadata: { plan: "team" } },
      }),
    );
    expect(updated.server_metadata).toEqual({ plan: "team" });
    const deleted = await unwrap(admin.DELETE("/users/{user_id}", { params: { path: { user_id: user.id } } }));
    expect(deleted).toEqual({ success: true });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /users?limit=10&query=ada&desc=true",
      `PATCH /users/${user.id}`,
      `DELETE /users/${user.id}`,
    ]);
  });

  it("server: listAllUsers follows next_cursor, driven by the spec's pagination extension", async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    const { admin, server } = await serverClientAgainst((req, res) => {
      const query = new URL(req.url, "http://x").searchParams;
      const start = query.get("cursor") ? ids.indexOf(query.get("cursor")!) : 0;
      const limit = Number(query.get("limit"));
      const next = ids[start + limit] ?? null;
      sendJson(res, 200, {
        items: ids.slice(start, start + limit).map((id) => ({ ...user, id })),
        is_paginated: true,
        pagination: { next_cursor: next },
      });
    });
    const seen: string[] = [];
    for await (const u of listAllUsers(admin, { limit: 3, team_id: "7a1d0c2e-0000-4000-8000-000000000002" }))
      seen.push(u.id);
    expect(seen).toEqual(ids);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/users?limit=3&team_id=7a1d0c2e-0000-4000-8000-000000000002",
      `/users?limit=3&team_id=7a1d0c2e-0000-4000-8000-000000000002&cursor=${ids[3]}`,
      `/users?limit=3&team_id=7a1d0c2e-0000-4000-8000-000000000002&cursor=${ids[6]}`,
    ]);
  });

  it("server: listAllUsers passes a call's settings to every page's call", async () => {
    // The first page answers, the second is unavailable: with maxRetries 0 it is asked for once, not 3 times.
    const { admin, server } = await serverClientAgainst((req, res) => {
      if (new URL(req.url, "http://x").searchParams.has("cursor")) sendJson(res, 503, { error: "unavailable" });
      else sendJson(res, 200, { items: [{ ...user, id: "user0" }], pagination: { next_cursor: "c1" } });
    });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const u of listAllUsers(admin, { limit: 1 }, { maxRetries: 0 })) seen.push(u.id);
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 503 });
    expect(seen).toEqual(["user0"]);
    expect(server.requests.map((request) => request.url)).toEqual(["/users?limit=1", "/users?limit=1&cursor=c1"]);
  });
});

describe("listAllUsers and the next cursor a server answers", () => {
  /** The users listAllUsers hands out and how it ended, against pages that answer `cursors` in turn. */
  async function pagedWith(cursors: readonly unknown[]) {
    const { admin, server } = await serverClientAgainst((_req, res) => {
      const n = server.requests.length - 1;
      sendJson(res, 200, { items: [{ id: `user${n}` }], pagination: { next_cursor: cursors[n] ?? null } });
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const u of listAllUsers(admin, { limit: 1 })) seen.push(u.id);
    })().catch((e: unknown) => e);
    return { seen, error, urls: server.requests.map((r) => r.url) };
  }

  it("an empty cursor ends the list, as null does", async () => {
    const { seen, error, urls } = await pagedWith(["c1", ""]);
    expect(error).toBeUndefined();
    expect(seen).toEqual(["user0", "user1"]);
    expect(urls).toEqual(["/users?limit=1", "/users?limit=1&cursor=c1"]);
  });

  it.each([
    [{ next: "c2" }, 'an object with keys "next"'],
    [["c3"], "an array"],
    [true, "a boolean"],
  ])("a cursor that is %j is refused, naming its type, after the page that brought it", async (cursor, what) => {
    const { seen, error, urls } = await pagedWith([cursor]);
    expect(error).toEqual(
      new KeywayError(
        `The server's next cursor (its "pagination.next_cursor") is ${what}, not a string: stopping rather than sending it`,
      ),
    );
    expect(seen).toEqual(["user0"]);
    expect(urls).toEqual(["/users?limit=1"]);
  });

  it("a number cursor beyond 2^53, which reading the JSON may have rounded, is refused rather than sent", async () => {
    const { seen, error, urls } = await pagedWith([2 ** 60 + 2 ** 10]);
    expect(error).toEqual(
      new KeywayError(
        `The server's next cursor (its "pagination.next_cursor") is a whole number beyond 2^53, which reading the JSON may have rounded: stopping rather than sending another`,
      ),
    );
    expect(seen).toEqual(["user0"]);
    expect(urls).toEqual(["/users?limit=1"]);
  });

  it("listAllUsers refuses a misspelled option naming the one meant, before any page is asked for", async () => {
    const { admin, server } = await serverClientAgainst((_req, res) => sendJson(res, 200, { items: [] }));
    expect(() => listAllUsers(admin, {}, { maxRetry: 0 } as never)).toThrow(
      new ConfigurationError('listAllUsers has no option "maxRetry": did you mean "maxRetries"?'),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("listAllUsers given a query that is no object (a search text) refuses it rather than list every user", async () => {
    const { admin, server } = await serverClientAgainst((_req, res) => sendJson(res, 200, { items: [] }));
    await expect(listAllUsers(admin, "ada@example.com" as never).next()).rejects.toThrow(
      new ConfigurationError(
        "The list's query (params.query) is a string, not an object of its parameters; no page was asked for",
      ),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("a number cursor is sent as text, and its text again is a loop", async () => {
    const { seen, error, urls } = await pagedWith([7, "7"]);
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(seen).toEqual(["user0", "user1"]);
    expect(urls).toEqual(["/users?limit=1", "/users?limit=1&cursor=7"]);
  });
});

describe("connected accounts, cross-domain hand-off, passkeys, capacity boost and the API root", () => {
  it("client: lists its own connected accounts and gets a provider token (201) with a scoped body", async () => {
    const { stack, server } = await clientAgainst((req, res) => {
      if (req.method === "GET")
        return sendJson(res, 200, {
          items: [{ user_id: "3f0e2b1c-0000-4000-8000-000000000001", provider: "google", provider_account_id: "1098" }],
          is_paginated: false,
        });
      sendJson(res, 201, { access_token: "ya29.provider" });
    });
    const accounts = await unwrap(stack.GET("/connected-accounts/{user_id}", { params: { path: { user_id: "me" } } }));
    expect(accounts.items.map((a) => a.provider)).toEqual(["google"]);
    const { data, response } = await stack.POST(
      "/connected-accounts/{user_id}/{provider_id}/{provider_account_id}/access-token",
      {
        params: { path: { user_id: "me", provider_id: "google", provider_account_id: "1098" } },
        body: { scope: "calendar" },
      },
    );
    expect(response.status).toBe(201);
    expect(data?.access_token).toBe("ya29.provider");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /connected-accounts/me",
      "POST /connected-accounts/me/google/1098/access-token",
    ]);
    expect(server.requests[1]!.json()).toEqual({ scope: "calendar" });
  });

  it("client: the cross-domain hand-off sends the access and refresh tokens and returns the redirect URL", async () => {
    const { stack, server } = await clientAgainst((_req, res) =>
      sendJson(res, 200, { redirect_url: "https://shop.example.com/cb?code=c&state=s" }),
    );
    const body = {
      redirect_uri: "https://shop.example.com/cb",
      state: "s",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    };
    const { redirect_url } = await unwrap(stack.POST("/auth/oauth/cross-domain/authorize", { body }));
    expect(redirect_url).toBe("https://shop.example.com/cb?code=c&state=s");
    expect(server.requests[0]!.headers).toMatchObject({
      "x-stack-access-token": ACCESS_TOKEN,
      "x-stack-refresh-token": REFRESH_TOKEN,
    });
    expect(server.requests[0]!.json()).toEqual(body);
  });

  it("client: a passkey sign-in becomes the session", async () => {
    const { stack, server } = await clientAgainst(
      (req, res) =>
        req.url.endsWith("initiate-passkey-authentication")
          ? sendJson(res, 200, {
              options_json: { challenge: "abc", rpId: "THIS_VALUE_WILL_BE_REPLACED.example.com" },
              code: "c".repeat(45),
            })
          : sendJson(res, 200, {
              access_token: "new.access",
              refresh_token: "new-refresh",
              user_id: "3f0e2b1c-0000-4000-8000-000000000001",
              is_new_user: false,
            }),
      { session: undefined },
    );
    const { options_json, code } = await unwrap(stack.POST("/auth/passkey/initiate-passkey-authentication"));
    expect(options_json.rpId).toBe("THIS_VALUE_WILL_BE_REPLACED.example.com");
    const signedIn = await stack.signIn(
      stack.POST("/auth/passkey/sign-in", { body: { code, authentication_response: { id: "cred" } } }),
    );
    expect(signedIn.user_id).toBe("3f0e2b1c-0000-4000-8000-000000000001");
    expect(await stack.getSession()).toEqual({ accessToken: "new.access", refreshToken: "new-refresh" });
    expect(server.requests[1]!.json()).toEqual({ code: "c".repeat(45), authentication_response: { id: "cred" } });
  });

  it("server: boosts email capacity; a running boost is the typed EMAIL_CAPACITY_BOOST_ALREADY_ACTIVE with its end", async () => {
    let calls = 0;
    const { admin } = await serverClientAgainst((_req, res) =>
      calls++ === 0
        ? sendJson(res, 200, { expires_at: "2026-12-01T16:00:00.000Z" })
        : knownError(res, 409, "EMAIL_CAPACITY_BOOST_ALREADY_ACTIVE", "Already active", {
            expires_at: "2026-12-01T16:00:00.000Z",
          }),
    );
    expect(await unwrap(admin.POST("/emails/capacity-boost"))).toEqual({ expires_at: "2026-12-01T16:00:00.000Z" });
    const error = await unwrap(admin.POST("/emails/capacity-boost")).catch((e: unknown) => e);
    if (!isKnownError(error, "EMAIL_CAPACITY_BOOST_ALREADY_ACTIVE"))
      throw new Error(`expected EMAIL_CAPACITY_BOOST_ALREADY_ACTIVE, got ${String(error)}`);
    expect(error.details.expires_at).toBe("2026-12-01T16:00:00.000Z");
  });

  it("the API root answers plain text naming the credentials it saw", async () => {
    const greeting = "Welcome to the Stack API endpoint!\n\nAuthentication: Server";
    const { admin } = await serverClientAgainst((_req, res) => sendText(res, 200, greeting));
    expect(await unwrap(admin.GET("/", { parseAs: "text" }))).toBe(greeting);
    // The spec declares it text/plain only, so a call that names no parseAs reads it as text too.
    expect(await unwrap(admin.GET("/"))).toBe(greeting);
  });
});
