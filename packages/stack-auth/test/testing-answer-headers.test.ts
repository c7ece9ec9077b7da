import { describe, expect, it } from "vitest";
import { createStackAuthClient, StackAuthError, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

// Stack Auth's own SDK sends X-Stack-Override-Error-Status on every request, and Stack Auth then answers a 4xx with
// 200 and `x-stack-actual-status` (api-facts stack-auth-2026-12 §5.2, from source): an app that calls Stack Auth with
// its own fetch and that header must meet the same answers in its tests as in production.

const USERS_ME = "https://api.stack-auth.com/api/v1/users/me";
const CLIENT = { "x-stack-access-type": "client", "x-stack-project-id": "test-project" };

describe("the Stack Auth fake and X-Stack-Override-Error-Status", () => {
  it.each(["true", "false", ""])(
    "answers a 4xx with 200 and x-stack-actual-status when it is sent (%j)",
    async (value) => {
      const fake = createStackAuthFake();
      const response = await fake.fetch(USERS_ME, {
        headers: { ...CLIENT, "x-stack-access-token": "not-a-token", "X-Stack-Override-Error-Status": value },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-stack-actual-status")).toBe("401");
      expect(response.headers.get("x-stack-known-error")).toBe("UNPARSABLE_ACCESS_TOKEN");
      expect(await response.json()).toEqual({
        code: "UNPARSABLE_ACCESS_TOKEN",
        error: "Access token is not parsable.",
      });
    },
  );

  it("answers only a 4xx so: a 5xx and a success as they are", async () => {
    const fake = createStackAuthFake();
    fake.fail("GET /users/me", 503, undefined, { times: 1 });
    const headers = {
      ...CLIENT,
      "x-stack-access-token": fake.sessions.create().accessToken,
      "x-stack-override-error-status": "true",
    };
    const refused = await fake.fetch(USERS_ME, { headers: { ...headers, "x-stack-access-token": "not-a-token" } });
    expect([refused.status, refused.headers.get("x-stack-actual-status")]).toEqual([200, "401"]);
    const unavailable = await fake.fetch(USERS_ME, { headers });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("x-stack-actual-status")).toBeNull();
    const answered = await fake.fetch(USERS_ME, { headers });
    expect(answered.status).toBe(200);
    expect(answered.headers.get("x-stack-actual-status")).toBeNull();
  });
});

// The hosted API's response headers (api-facts stack-auth.md: every response has x-stack-request-id and
// `cache-control: no-store, max-age=0`; the Hexclave names of its headers are sent alongside the x-stack-* ones).
describe("the Stack Auth fake's answers carry the hosted API's headers", () => {
  const HEXCLAVE_CLIENT = { "x-hexclave-access-type": "client", "x-hexclave-project-id": "test-project" };

  it("X-Hexclave-Override-Error-Status works as X-Stack-Override-Error-Status, both actual-status headers set", async () => {
    const fake = createStackAuthFake();
    const response = await fake.fetch(USERS_ME, {
      headers: { ...HEXCLAVE_CLIENT, "x-hexclave-access-token": "not-a-token", "x-hexclave-override-error-status": "" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-hexclave-actual-status")).toBe("401");
    expect(response.headers.get("x-stack-actual-status")).toBe("401");
    expect(response.headers.get("x-hexclave-known-error")).toBe("UNPARSABLE_ACCESS_TOKEN");
    expect(response.headers.get("x-stack-known-error")).toBe("UNPARSABLE_ACCESS_TOKEN");
  });

  it("a request id under both names, and no caching, on a success and on a known error", async () => {
    const fake = createStackAuthFake();
    const token = fake.sessions.create().accessToken;
    const ids: string[] = [];
    for (const accessToken of [token, "not-a-token"]) {
      const response = await fake.fetch(USERS_ME, { headers: { ...CLIENT, "x-stack-access-token": accessToken } });
      const id = response.headers.get("x-stack-request-id");
      expect(id).toMatch(/^[a-z2-7]{16}$/);
      expect(response.headers.get("x-hexclave-request-id")).toBe(id);
      expect(response.headers.get("cache-control")).toBe("no-store, max-age=0");
      ids.push(id!);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("a client's StackAuthError names the request id, as in production", async () => {
    const fake = createStackAuthFake();
    const stack = createStackAuthClient({
      projectId: "test-project",
      fetch: fake.fetch,
      session: fake.sessions.create(),
    });
    fake.failWith("GET /users/me", "RESTRICTED_USER_NOT_ALLOWED");
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackAuthError);
    expect((error as StackAuthError).requestId).toMatch(/^[a-z2-7]{16}$/);
  });
});
