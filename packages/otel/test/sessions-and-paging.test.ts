import { createStackAuthClient, createStackAuthServerClient, listAllUsers, unwrap } from "@keyway/stack-auth";
import { sendJson } from "@keyway/test-server";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import {
  ACCESS_TOKEN,
  ME,
  NEW_ACCESS_TOKEN,
  PROJECT_ID,
  PUBLISHABLE_KEY,
  REFRESH_TOKEN,
  SECRET_SERVER_KEY,
  expiringStackAuth,
  userPages,
} from "./fixtures.js";
import {
  attemptsOf,
  childrenOf,
  idOf,
  serverWith,
  spanNamed,
  spansNamed,
  spansOutsideTheirParent,
  tracer,
  tracerProvider,
} from "./setup.js";

/** A traced client-access client of `baseUrl`, whose session's access token the server there refuses as expired. */
const tracedClientOf = (baseUrl: string) =>
  createStackAuthClient({
    projectId: PROJECT_ID,
    publishableClientKey: PUBLISHABLE_KEY,
    session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
    baseUrl,
    instrumentation: openTelemetry({ tracerProvider }),
  });

describe("a session refresh", () => {
  it("shared by three calls: one refresh span, under the first call, linked to all three, parent of the refresh request", async () => {
    const server = await expiringStackAuth(3);
    const stack = tracedClientOf(server.url);
    expect(await Promise.all([1, 2, 3].map(() => unwrap(stack.GET("/users/me"))))).toEqual([ME, ME, ME]);
    expect(server.requests.filter((r) => r.url === "/auth/sessions/current/refresh")).toHaveLength(1);

    const calls = spansNamed("GET /users/me");
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.status.code).toBe(SpanStatusCode.UNSET);
      expect(call.attributes).toMatchObject({
        "http.response.status_code": 200,
        "http.request.resend_count": 1,
        "keyway.service": "stack-auth",
        "keyway.stack_auth.access_type": "client",
        "keyway.operation.id": "getCurrentUser",
        "keyway.security.schemes": ["AccessType", "ProjectId", "PublishableClientKey", "AccessToken"],
      });
      const request = {
        "http.request.method": "GET",
        "url.template": "/users/me",
        "server.address": "127.0.0.1",
        "server.port": Number(new URL(server.url).port),
        "url.full": `${server.url}/users/me`,
      };
      expect(attemptsOf(call).map((a) => [a.name, a.kind])).toEqual([
        ["GET /users/me", SpanKind.CLIENT],
        ["GET /users/me", SpanKind.CLIENT],
      ]);
      expect(attemptsOf(call).map((a) => a.attributes)).toEqual([
        { ...request, "keyway.attempt": 1, "http.response.status_code": 401, "error.type": "401" },
        {
          ...request,
          "keyway.attempt": 2,
          "http.request.resend_count": 1,
          "keyway.attempt.replay": true,
          "http.response.status_code": 200,
        },
      ]);
    }

    const refresh = spanNamed("session refresh");
    expect(refresh.kind).toBe(SpanKind.INTERNAL);
    expect(calls.map((call) => idOf(call.spanContext()))).toContain(
      `${refresh.spanContext().traceId}-${refresh.parentSpanContext?.spanId}`,
    );
    expect(refresh.links.map((link) => idOf(link.context)).sort()).toEqual(
      calls.map((call) => idOf(call.spanContext())).sort(),
    );
    for (const call of calls) {
      expect(call.events.filter((e) => e.name === "keyway.wait").map((e) => e.attributes)).toEqual([
        { "keyway.wait.for": "session refresh", "keyway.wait.span_id": refresh.spanContext().spanId },
      ]);
    }

    const refreshCall = spanNamed("POST /auth/sessions/current/refresh");
    expect(refreshCall.kind).toBe(SpanKind.INTERNAL);
    expect(attemptsOf(refreshCall).map((a) => [a.name, a.kind])).toEqual([
      ["POST /auth/sessions/current/refresh", SpanKind.CLIENT],
    ]);
    expect(refreshCall.parentSpanContext?.spanId).toBe(refresh.spanContext().spanId);
    expect(refreshCall.attributes["keyway.security.schemes"]).toContain("RefreshToken");
    expect(spansOutsideTheirParent()).toEqual([]);
  });
});

describe("a session refresh shared by a client and its withOptions() copy", () => {
  it("is linked to the calls of both, each with its keyway.wait event", async () => {
    const server = await expiringStackAuth(2);
    const stack = tracedClientOf(server.url);
    const patient = stack.withOptions({ timeout: 120_000 });
    expect(await Promise.all([unwrap(stack.GET("/users/me")), unwrap(patient.GET("/users/me"))])).toEqual([ME, ME]);
    expect(server.requests.filter((r) => r.url === "/auth/sessions/current/refresh")).toHaveLength(1);

    const calls = spansNamed("GET /users/me");
    const refresh = spanNamed("session refresh");
    expect(refresh.links.map((link) => idOf(link.context)).sort()).toEqual(
      calls.map((call) => idOf(call.spanContext())).sort(),
    );
    for (const call of calls)
      expect(call.events.filter((e) => e.name === "keyway.wait").map((e) => e.attributes)).toEqual([
        { "keyway.wait.for": "session refresh", "keyway.wait.span_id": refresh.spanContext().spanId },
      ]);
  });
});

describe("the first access token of a session stored with its refresh token alone", () => {
  it("fetched once for two calls, in a session refresh span of its own, the refresh request under it", async () => {
    const server = await serverWith(async (req, res) => {
      if (req.url !== "/auth/sessions/current/refresh") return sendJson(res, 200, ME);
      await new Promise((resolve) => setTimeout(resolve, 20)); // the second call asks while the first waits
      sendJson(res, 200, { access_token: NEW_ACCESS_TOKEN });
    });
    const stack = createStackAuthClient({
      projectId: PROJECT_ID,
      publishableClientKey: PUBLISHABLE_KEY,
      session: { refreshToken: REFRESH_TOKEN },
      baseUrl: server.url,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    await tracer.startActiveSpan("app work", async (app) => {
      expect(await Promise.all([1, 2].map(() => unwrap(stack.GET("/users/me"))))).toEqual([ME, ME]);
      app.end();
    });
    expect(server.requests.filter((r) => r.url === "/auth/sessions/current/refresh")).toHaveLength(1);

    const refresh = spanNamed("session refresh");
    expect(refresh.parentSpanContext?.spanId).toBe(spanNamed("app work").spanContext().spanId);
    expect(spanNamed("POST /auth/sessions/current/refresh").parentSpanContext?.spanId).toBe(
      refresh.spanContext().spanId,
    );
    expect(spansNamed("GET /users/me")).toHaveLength(2);
  });
});

describe("paging", () => {
  it("listAllUsers: one call span per page, under the caller's active span, cursors not recorded", async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    const server = await userPages(ids);
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: server.url,
      instrumentation: openTelemetry({ tracerProvider }),
    });

    const seen: string[] = [];
    await tracer.startActiveSpan("sync users", async (span) => {
      for await (const user of listAllUsers(admin, { limit: 3 })) seen.push(user.id);
      span.end();
    });
    expect(seen).toEqual(ids);

    const parent = spanNamed("sync users");
    const pages = childrenOf(parent);
    expect(
      pages.map((page) => [
        page.name,
        page.kind,
        page.attributes["url.full"],
        page.attributes["keyway.stack_auth.access_type"],
        attemptsOf(page).map((request) => [request.kind, request.attributes["url.full"]]),
      ]),
    ).toEqual([
      [
        "GET /users",
        SpanKind.INTERNAL,
        `${server.url}/users?limit=REDACTED`,
        "server",
        [[SpanKind.CLIENT, `${server.url}/users?limit=REDACTED`]],
      ],
      [
        "GET /users",
        SpanKind.INTERNAL,
        `${server.url}/users?limit=REDACTED&cursor=REDACTED`,
        "server",
        [[SpanKind.CLIENT, `${server.url}/users?limit=REDACTED&cursor=REDACTED`]],
      ],
      [
        "GET /users",
        SpanKind.INTERNAL,
        `${server.url}/users?limit=REDACTED&cursor=REDACTED`,
        "server",
        [[SpanKind.CLIENT, `${server.url}/users?limit=REDACTED&cursor=REDACTED`]],
      ],
    ]);
    expect(
      pages.every(
        (page) =>
          page.attributes["url.template"] === "/users" && page.attributes["keyway.operation.id"] === "listUsers",
      ),
    ).toBe(true);
  });
});
