import { createStackAuthClient, createStackAuthServerClient, listAllUsers, unwrap } from "@keyway/stack-auth";
import { createStackerClient } from "@keyway/stacker";
import { sendJson, type RecordedRequest } from "@keyway/test-server";
import fc from "fast-check";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { ME, PROJECT_ID, PUBLISHABLE_KEY } from "./fixtures.js";
import { exporter, recordedStrings, serverWith, tracer, tracerProvider } from "./setup.js";

/** Settles a call whatever it does: these tests look only at what the spans recorded. */
const settled = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    () => undefined,
  );

/** Every way a text can write `secret`: as is, percent-encoded (path, URI, form) and base64 (plain and URL-safe). */
function encodingsOf(secret: string): string[] {
  const base64 = Buffer.from(secret, "utf8").toString("base64");
  return [
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ [secret]: "" }).toString().slice(0, -1),
    base64,
    base64.replace(/=+$/, ""),
    Buffer.from(secret, "utf8").toString("base64url"),
  ];
}

/** Header values as HTTP allows them (RFC 9110: visible ASCII, inner spaces, Latin-1), as long as real keys. */
const characters = [..." !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~azAZ09\u00a0\u00e9\u00ff"];
const secret = fc
  .string({ unit: fc.constantFrom(...characters), minLength: 12, maxLength: 40 })
  .filter((text) => text.trim() === text);
/** An integration key, a server key, a session's access and refresh tokens, and the access token a refresh hands out. */
const secrets = fc
  .tuple(secret, secret, secret, secret, secret)
  .filter((all) => all.every((one, index) => all.every((other, i) => i === index || !other.includes(one))));

/** Answers with `status`, echoing `text` in a request id, a cookie and a JSON body that quotes it, escaped or not. */
function echo(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  sendJson(
    res,
    status,
    { detail: text, escaped: JSON.stringify(text).replace(/[a-z]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) },
    {
      "x-request-id": text,
      "x-stack-request-id": text,
      "set-cookie": `session=${encodeURIComponent(text)}`,
      ...headers,
    },
  );
}

describe("no secret in any exported span, in any encoding", () => {
  it("for any secrets of Stacker and Stack Auth clients, whatever the server echoes and at whatever stage", async () => {
    let current: readonly string[] = [];
    const server = await serverWith((req: RecordedRequest, res, raw) => {
      const [, serverKey, accessToken, refreshToken, newAccessToken] = current as [
        string,
        string,
        string,
        string,
        string,
      ];
      const key = req.headers["x-integration-key"] ?? "";
      const path = req.url;
      // Stack Auth, session calls: the old access token has expired until the refresh hands out the new one.
      if (path === "/auth/sessions/current/refresh")
        return req.headers["x-stack-refresh-token"] === refreshToken
          ? sendJson(res, 200, { access_token: newAccessToken })
          : echo(res, 401, refreshToken, { "x-stack-known-error": "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED" });
      if (path === "/users/me")
        return req.headers["x-stack-access-token"] === accessToken
          ? echo(res, 401, `Access token ${accessToken} has expired`, { "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" })
          : echo(res, 404, `no user for ${newAccessToken}`, { "x-stack-known-error": "USER_NOT_FOUND" });
      // Stack Auth, server calls (Hexclave headers): a page whose cursor is the key, then a 403 quoting it.
      if (path.startsWith("/users?"))
        return path.includes("cursor=")
          ? echo(res, 403, req.headers["x-hexclave-secret-server-key"] ?? "")
          : sendJson(res, 200, { items: [ME], is_paginated: true, pagination: { next_cursor: serverKey } });
      // Stacker.
      if (path.includes("/hello/")) return echo(res, 200, key);
      if (path.includes("/accounts/")) return echo(res, 404, `unknown key ${key}`);
      if (path.includes("/stacks/")) return echo(res, 503, key, { "retry-after-ms": "1" });
      if (path.includes("/not-json/")) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(`{"key": "${key}`);
      }
      if (path.includes("/elsewhere/")) {
        res.writeHead(302, {
          location: `https://${encodeURIComponent(key)}.example/${encodeURIComponent(key)}?k=${key}`,
        });
        return res.end();
      }
      if (path.includes("/same-origin/")) {
        res.writeHead(307, {
          location: `/api/external/objects/${encodeURIComponent(key)}/fields/?k=${encodeURIComponent(key)}`,
        });
        return res.end();
      }
      if (path.includes("/cut/")) return raw.socket.destroy();
      echo(res, 400, `bad ${key} for ${decodeURIComponent(path)}`);
    });
    const instrumentation = openTelemetry({ tracerProvider, propagateContext: true });
    const fields = (object_sid: string) => ({ params: { path: { object_sid } } });
    const fieldsPath = "/api/external/objects/{object_sid}/fields/";

    await fc.assert(
      fc.asyncProperty(secrets, async (all) => {
        current = all;
        const [integrationKey, secretServerKey, accessToken, refreshToken] = all;
        exporter.reset();
        const stacker = createStackerClient({
          integrationKey,
          accountId: "acc_8f2d41",
          stackId: "app785vwedw46e3bx8",
          baseUrl: server.url,
          maxRetries: 1,
          instrumentation,
        });
        const withoutAccount = createStackerClient({
          integrationKey,
          accountId: () => Promise.reject(new Error(`no account for ${integrationKey}`)),
          baseUrl: server.url,
          instrumentation,
        });
        const session = createStackAuthClient({
          projectId: PROJECT_ID,
          publishableClientKey: PUBLISHABLE_KEY,
          session: { accessToken, refreshToken },
          baseUrl: server.url,
          instrumentation,
        });
        const admin = createStackAuthServerClient({
          projectId: PROJECT_ID,
          secretServerKey,
          headerFamily: "hexclave",
          baseUrl: server.url,
          instrumentation,
        });
        const aborted = new AbortController();
        aborted.abort(new Error(`stopped with ${integrationKey}`));

        await tracer.startActiveSpan("job", async (job) => {
          await Promise.all([
            settled(stacker.GET("/api/external/hello/")),
            settled(stacker.GET("/api/external/accounts/")),
            settled(stacker.GET("/api/external/stacks/")),
            settled(stacker.GET(fieldsPath, fields(integrationKey))),
            settled(stacker.GET(fieldsPath, fields("not-json"))),
            settled(stacker.GET(fieldsPath, fields("elsewhere"))),
            settled(stacker.GET(fieldsPath, fields("same-origin"))),
            settled(stacker.withOptions({ maxRetries: 0 }).GET(fieldsPath, fields("cut"))),
            settled(
              stacker.GET(fieldsPath, {
                ...fields("orders"),
                querySerializer: () =>
                  `token=${encodeURIComponent(integrationKey)}&${new URLSearchParams({ [integrationKey]: "1" })}`,
              } as never),
            ),
            settled(stacker.GET("/api/external/hello/", { signal: aborted.signal })),
            settled(withoutAccount.GET(fieldsPath, fields("orders"))),
            settled(Promise.all([unwrap(session.GET("/users/me")), unwrap(session.GET("/users/me"))])),
            settled(
              (async () => {
                for await (const _user of listAllUsers(admin, { limit: 1 }));
              })(),
            ),
          ]);
          job.end();
        });

        const spans = exporter.getFinishedSpans();
        const failed = spans.filter((span) => span.attributes["error.type"] !== undefined);
        // Every stage ran: the refresh, the pages, and the failures whose messages are recorded.
        expect(spans.map((span) => span.name)).toEqual(
          expect.arrayContaining(["session refresh", "POST /auth/sessions/current/refresh", "GET /users"]),
        );
        expect(failed.length).toBeGreaterThanOrEqual(10);
        for (const span of spans)
          for (const text of recordedStrings(span))
            for (const one of all)
              for (const form of encodingsOf(one)) expect(text, `span "${span.name}"`).not.toContain(form);
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
