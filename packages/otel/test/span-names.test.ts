import { createStackAuthClient, createStackAuthServerClient, listAllUsers, unwrap } from "@keyway/stack-auth";
import { sendJson } from "@keyway/test-server";
import { SpanKind } from "@opentelemetry/api";
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
} from "./fixtures.js";
import { exporter, serverWith, tracerProvider } from "./setup.js";

/** Stack Auth as hosted: every path under /api/v1, the old access token refused until a refresh replaces it. */
function stackAuthUnderApiV1() {
  return serverWith((req, res) => {
    if (req.url === "/api/v1/auth/sessions/current/refresh")
      return sendJson(res, 200, { access_token: NEW_ACCESS_TOKEN });
    if (req.url.startsWith("/api/v1/users?"))
      return sendJson(res, 200, { items: [ME], is_paginated: true, pagination: { next_cursor: null } });
    if (req.headers["x-stack-access-token"] === ACCESS_TOKEN) {
      res.writeHead(401, { "content-type": "application/json", "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" });
      return res.end(JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" }));
    }
    sendJson(res, 200, ME);
  });
}

describe("a CLIENT span, and the call above it, is named {http.request.method} {url.template}, as the HTTP semantic conventions name it", () => {
  it("with a base URL that has a path (Stack Auth's /api/v1): the path is in both, for calls, refreshes and pages", async () => {
    const server = await stackAuthUnderApiV1();
    const baseUrl = `${server.url}/api/v1`;
    const instrumentation = openTelemetry({ tracerProvider });
    const stack = createStackAuthClient({
      projectId: PROJECT_ID,
      publishableClientKey: PUBLISHABLE_KEY,
      session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
      baseUrl,
      instrumentation,
    });
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl,
      instrumentation,
    });
    expect(await unwrap(stack.GET("/users/me"))).toEqual(ME);
    await unwrap(admin.GET("/users/{user_id}", { params: { path: { user_id: ME.id } } }));
    for await (const _user of listAllUsers(admin, { limit: 10 }));

    const clientSpans = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT);
    expect(clientSpans.map((span) => [span.name, span.attributes["url.template"]]).sort()).toEqual([
      ["GET /api/v1/users", "/api/v1/users"],
      ["GET /api/v1/users/me", "/api/v1/users/me"], // refused: the access token had expired
      ["GET /api/v1/users/me", "/api/v1/users/me"], // sent again after the refresh
      ["GET /api/v1/users/{user_id}", "/api/v1/users/{user_id}"],
      ["POST /api/v1/auth/sessions/current/refresh", "/api/v1/auth/sessions/current/refresh"],
    ]);
    const named = exporter.getFinishedSpans().filter((span) => span.attributes["url.template"] !== undefined);
    expect(named).toHaveLength(clientSpans.length + 4); // and the 4 calls
    for (const span of named)
      expect(span.name).toBe(`${span.attributes["http.request.method"]} ${span.attributes["url.template"]}`);
  });

  it("a call that fails before sending is named the same way", async () => {
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: "http://127.0.0.1:9/api/v1",
      instrumentation: openTelemetry({ tracerProvider }),
    });
    await expect(admin.GET("/users/{user_id}", { params: { path: { user_id: ".." } } })).rejects.toThrow(/user_id/);

    const [span] = exporter.getFinishedSpans();
    expect([span!.name, span!.attributes["url.template"], span!.attributes["error.type"]]).toEqual([
      "GET /api/v1/users/{user_id}",
      "/api/v1/users/{user_id}",
      "InvalidPathParameterError",
    ]);
  });
});
