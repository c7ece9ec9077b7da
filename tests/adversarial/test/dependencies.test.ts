import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { sendEndlessJson, sendGzipBomb, sendJson } from "@keyway/test-server";
import { createStackAuthServerClient } from "@keyway/stack-auth";
import { createAccessTokenVerifier, InvalidAccessTokenError, KeySetUnavailableError } from "@keyway/stack-auth/tokens";
import {
  BulkUpsertError,
  bulkUpsert,
  ConnectionError,
  RateLimitError,
  ResponseTooLargeError,
  unwrap,
  type RecordWrite,
} from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import { ACCOUNT_ID, INTEGRATION_KEY, PROJECT_ID, SECRET_SERVER_KEY, server, stackerAt } from "./network.js";

const HELLO = "/api/external/hello/";
const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** A well-formed JWS whose key must come from the key set (signature checked only after the key is found). */
const TOKEN = [{ alg: "RS256", kid: "key-1", typ: "JWT" }, { sub: "u1" }]
  .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
  .concat("c2lnbmF0dXJl")
  .join(".");

describe("a JWKS that cannot be obtained is KeySetUnavailableError with its cause, never a malformed token", () => {
  it.each([
    ["answers 503", (res: import("node:http").ServerResponse) => sendJson(res, 503, { error: "down" })],
    ["answers 404", (res: import("node:http").ServerResponse) => sendJson(res, 404, {})],
    [
      "answers something that is not a key set",
      (res: import("node:http").ServerResponse) => sendJson(res, 200, { hello: "world" }),
    ],
    [
      "answers HTML",
      (res: import("node:http").ServerResponse) => res.writeHead(200, { "content-type": "text/html" }).end("<html>"),
    ],
  ])("the key set endpoint %s", async (_name, answer) => {
    const jwks = await server((_req, res) => answer(res));
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl: jwks.url });
    const error = await verify(TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeySetUnavailableError);
    expect(error).not.toBeInstanceOf(InvalidAccessTokenError);
    expect((error as Error).cause).toBeDefined();
    expect(jwks.requests).toHaveLength(1);
  });

  it("the key set endpoint is unreachable", async () => {
    const jwks = await server();
    await jwks.close();
    const error = await createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl: jwks.url })(TOKEN).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeySetUnavailableError);
    expect(String(error)).toContain(jwks.url);
  });

  // A key set is a few kB; the verifier reads at most 1 MiB of one, however the body arrives, instead of buffering
  // whatever the endpoint sends for as long as jose's 5 s timeout lets it (about 0.8 GB over loopback).
  it.each([
    ["has no end", (res: import("node:http").ServerResponse) => void sendEndlessJson(res, { start: '{"keys": [' })],
    ["is a gzip bomb", (res: import("node:http").ServerResponse) => void sendGzipBomb(res, 16 * 1024 * 1024)],
    [
      "declares a Content-Length of 2 MiB",
      (res: import("node:http").ServerResponse) =>
        res.writeHead(200, { "content-type": "application/json", "content-length": 2 * 1024 * 1024 }).write("{"),
    ],
  ])("the key set endpoint's answer %s: a ResponseTooLargeError at 1 MiB, its cause", async (_name, answer) => {
    const jwks = await server((_req, res) => answer(res));
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl: jwks.url });
    const error = await verify(TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeySetUnavailableError);
    expect((error as Error).cause).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).cause).toMatchObject({
      url: `${jwks.url}/projects/${PROJECT_ID}/.well-known/jwks.json`,
      maxBytes: 1024 * 1024,
    });
    expect(jwks.requests).toHaveLength(1);
  });

  it("a key set within a maxResponseBytes of the caller's is read; one byte over it is not", async () => {
    const keySet = JSON.stringify({ keys: [] });
    const jwks = await server((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(keySet));
    const verifierWithin = (maxResponseBytes: number) =>
      createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl: jwks.url, maxResponseBytes });
    // Read and parsed: the token's key is not in it.
    await expect(verifierWithin(keySet.length)(TOKEN)).rejects.toMatchObject({ reason: "signature" });
    const error = await verifierWithin(keySet.length - 1)(TOKEN).catch((e: unknown) => e);
    expect((error as Error).cause).toMatchObject({ name: "ResponseTooLargeError", maxBytes: keySet.length - 1 });
  });

  it("a malformed token is still InvalidAccessTokenError, without asking for the key set", async () => {
    const jwks = await server();
    const error = await createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl: jwks.url })("not.a.jwt").catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "InvalidAccessTokenError", reason: "malformed" });
    expect(jwks.requests).toHaveLength(0);
  });
});

describe("ConnectionError keeps the underlying reason, redacted", () => {
  it("a refused connection: ECONNREFUSED, known not to have been received", async () => {
    const api = await server();
    await api.close();
    const error = (await stackerAt(api.url)
      .GET(HELLO)
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", maybeReceived: false });
    expect(error.message).toContain("ECONNREFUSED");
    expect((error.cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it('a server that closes the connection without answering: "other side closed", maybe received', async () => {
    const api = await server((_req, res) => res.socket?.destroy());
    const error = (await stackerAt(api.url)
      .GET(HELLO)
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("other side closed");
    expect(error.maybeReceived).toBe(true);
  });

  it.each([
    ["a plain object holding the request", (init: RequestInit) => ({ message: "network down", request: { init } })],
    [
      "an Error with the request as a property",
      (init: RequestInit) => Object.assign(new Error("socket hang up"), { init }),
    ],
    ["an Error whose cause holds the headers", (init: RequestInit) => new Error("fetch failed", { cause: { init } })],
  ])(
    "a custom fetch that rejects with %s: the ConnectionError's cause keeps its message, not the request",
    async (_name, rejection) => {
      const stacker = stackerAt("https://api.stacker.test", {
        fetch: (_url, init) =>
          Promise.reject(rejection({ ...init, headers: Object.fromEntries(new Headers(init?.headers)) })),
      });
      const error = await stacker.GET(HELLO).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(INTEGRATION_KEY);
      expect(JSON.stringify(error)).not.toContain(INTEGRATION_KEY);
    },
  );

  it("an unknown host: ENOTFOUND (or EAI_AGAIN without a resolver)", async () => {
    const error = (await stackerAt("https://keyway-adversarial.invalid")
      .GET(HELLO)
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(error.message).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect(error.maybeReceived).toBe(false);
  });

  it.skipIf(!hasOpenssl)(
    "a certificate the client does not trust (self-signed, made at test time with openssl)",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "keyway-tls-"));
      try {
        execFileSync(
          "openssl",
          [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-days",
            "1",
            "-keyout",
            join(dir, "key.pem"),
            "-out",
            join(dir, "cert.pem"),
          ],
          { stdio: "ignore" },
        );
        const tls = createServer(
          { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
          (_req, res) => res.end("{}"),
        );
        await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
        try {
          const { port } = tls.address() as AddressInfo;
          const error = (await stackerAt(`https://localhost:${port}`)
            .GET(HELLO)
            .catch((e: unknown) => e)) as ConnectionError;
          expect(error).toBeInstanceOf(ConnectionError);
          expect(error.code).toMatch(/SELF_SIGNED|CERT|UNABLE_TO_VERIFY/);
          expect(error.message).toContain(error.code!);
          expect(error.maybeReceived).toBe(false);
          expect(inspect(error, { depth: 10 })).not.toContain(INTEGRATION_KEY);
        } finally {
          tls.closeAllConnections();
          await new Promise((resolve) => tls.close(resolve));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("RateLimitError.retryAfterMs", () => {
  it.each([
    [{ "retry-after": "7" }, 7_000],
    [{ "retry-after-ms": "1500" }, 1_500],
    [{}, undefined],
  ])("429 with %j: retryAfterMs %s", async (headers, expected) => {
    const api = await server((_req, res) => sendJson(res, 429, { detail: "slow down" }, headers));
    const error = await unwrap(stackerAt(api.url).GET(HELLO)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(expected);
  });

  it("an HTTP date in Retry-After", async () => {
    const api = await server((_req, res) =>
      sendJson(res, 429, {}, { "retry-after": new Date(Date.now() + 120_000).toUTCString() }),
    );
    const error = (await unwrap(stackerAt(api.url).GET(HELLO)).catch((e: unknown) => e)) as RateLimitError;
    expect(error.retryAfterMs).toBeGreaterThan(100_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });
});

describe("a bulk batch whose answer was lost is outcome unknown, apart from the batches not written", () => {
  const records: RecordWrite[] = Array.from({ length: 2500 }, (_, i) => ({ orders__number: i }));

  it("the connection drops after the second batch arrived: batch 2 unknown, batch 3 not written", async () => {
    const api = await server((req, res) => {
      if (api.requests.length === 2) return res.socket?.destroy();
      sendJson(res, 200, { created: req.json<RecordWrite[]>().map((_, i) => `rec${i}`), updated: [] });
    });
    const error = (await bulkUpsert(stackerAt(api.url), "object.custom.orders", records).catch(
      (e: unknown) => e,
    )) as BulkUpsertError;
    expect(error).toBeInstanceOf(BulkUpsertError);
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(error.completed.created).toHaveLength(1000);
    expect(error.outcomeUnknown).toEqual(records.slice(1000, 2000));
    expect(error.notWritten).toEqual(records.slice(2000));
    expect(error.message).toContain("outcome is unknown");
  });

  it("the second batch is refused (403): it is not written, with every later batch", async () => {
    const api = await server((_req, res) =>
      api.requests.length === 2
        ? sendJson(res, 403, { detail: "no" })
        : sendJson(res, 200, { created: [], updated: [] }),
    );
    const error = (await bulkUpsert(stackerAt(api.url), "object.custom.orders", records).catch(
      (e: unknown) => e,
    )) as BulkUpsertError;
    expect(error.outcomeUnknown).toEqual([]);
    expect(error.notWritten).toEqual(records.slice(1000));
  });

  it("the API is gone before the second batch (refused connection): not sent, so not written", async () => {
    const api = await server((_req, res) => {
      sendJson(res, 200, { created: [], updated: [] });
      void api.close();
    });
    const error = (await bulkUpsert(stackerAt(api.url), "object.custom.orders", records).catch(
      (e: unknown) => e,
    )) as BulkUpsertError;
    expect(error.failedBatch).toBe(1);
    expect(error.outcomeUnknown).toEqual([]);
    expect(error.notWritten).toEqual(records.slice(1000));
  });
});

describe("Set-Cookie and every header of a security scheme are redacted in errors and hooks", () => {
  it("Stacker: the integration key, account and stack ids, cookies", async () => {
    const seen: unknown[] = [];
    const api = await server((req, res) =>
      sendJson(
        res,
        401,
        { detail: "no" },
        { "set-cookie": "session=MARKER_cookie_value; HttpOnly", "x-account-id": req.headers["x-account-id"]! },
      ),
    );
    const stacker = stackerAt(api.url, { hooks: { onRequest: (e) => seen.push(e), onResponse: (e) => seen.push(e) } });
    const error = await unwrap(stacker.GET("/api/external/stacks/")).catch((e: unknown) => e);
    const request = seen[0] as { headers: Record<string, string> };
    const response = seen[1] as { headers: Record<string, string> };
    expect(request.headers).toMatchObject({ "x-integration-key": "[REDACTED]", "x-account-id": "[REDACTED]" });
    expect(response.headers).toMatchObject({ "set-cookie": "[REDACTED]", "x-account-id": "[REDACTED]" });
    expect((error as { headers: Record<string, string> }).headers["set-cookie"]).toBe("[REDACTED]");
    const surfaces = [
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(error),
      inspect(seen, { depth: 10 }),
    ].join("\n");
    for (const secret of ["MARKER_cookie_value", INTEGRATION_KEY, ACCOUNT_ID]) expect(surfaces).not.toContain(secret);
  });

  it("a key the server echoes in its request id and in a JSON key: redacted in requestId, message, body and hooks", async () => {
    const seen: { requestId?: string }[] = [];
    const api = await server((req, res) =>
      sendJson(
        res,
        404,
        { errors: { [req.headers["x-integration-key"] as string]: "unknown key" } },
        { "x-request-id": `req-${req.headers["x-integration-key"]}` },
      ),
    );
    const stacker = stackerAt(api.url, { hooks: { onResponse: (e) => seen.push(e) } });
    const error = await unwrap(stacker.GET("/api/external/stacks/")).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "NotFoundError",
      requestId: "req-[REDACTED]",
      body: { errors: { "[REDACTED]": "unknown key" } },
    });
    expect(seen[0]!.requestId).toBe("req-[REDACTED]");
    const surfaces = [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
    for (const surface of surfaces) expect(surface).not.toContain(INTEGRATION_KEY);
  });

  it("Stack Auth: the secret server key and the project id", async () => {
    const seen: { headers: Record<string, string> }[] = [];
    const api = await server((_req, res) => sendJson(res, 500, {}, { "set-cookie": "a=MARKER_cookie" }));
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: api.url,
      maxRetries: 0,
      hooks: { onRequest: (e) => seen.push(e) },
    });
    const error = await unwrap(admin.GET("/users")).catch((e: unknown) => e);
    expect(seen[0]!.headers).toMatchObject({
      "x-stack-secret-server-key": "[REDACTED]",
      "x-stack-project-id": "[REDACTED]",
    });
    expect(inspect(error, { depth: 10 })).not.toContain("MARKER_cookie");
  });
});
