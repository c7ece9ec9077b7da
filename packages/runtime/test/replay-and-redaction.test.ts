import { createHash, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { sendJson, sendText } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  RedirectError,
  Redactor,
  unwrap,
  type RequestStartEvent,
  type ResponseEvent,
  type RetryEvent,
} from "../src/index.js";
import { SECRET, clientAgainst, settle, useFakeClock } from "./harness.js";

describe("request body replay", () => {
  it("a 1 MiB POST body is byte-identical on every retry", async () => {
    useFakeClock();
    const payload = randomBytes(512 * 1024).toString("hex"); // 1 MiB of text
    let attempts = 0;
    const { client, server } = await clientAgainst((_req, res) => sendJson(res, attempts++ < 2 ? 503 : 200, {}), {
      retryNonIdempotent: true,
    });
    await settle(client.POST("/items", { body: { payload } }));
    const expected = createHash("sha256").update(JSON.stringify({ payload })).digest("hex");
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(request.body.length).toBeGreaterThanOrEqual(1024 * 1024);
      expect(createHash("sha256").update(request.body).digest("hex")).toBe(expected);
      expect(request.headers["content-length"]).toBe(String(request.body.length));
    }
  });
});

describe("redaction", () => {
  it("no error, log line or hook payload contains the credential", async () => {
    useFakeClock();
    const events: (RequestStartEvent | RetryEvent | ResponseEvent)[] = [];
    const hooks = {
      onRequest: (e: RequestStartEvent) => events.push(e),
      onRetry: (e: RetryEvent) => events.push(e),
      onResponse: (e: ResponseEvent) => events.push(e),
    };
    let step = 0;
    const { client, server } = await clientAgainst(
      (req, res) => {
        const key = req.headers["x-api-key"]!;
        // A hostile server echoes the key in a header's value and in its name (which fetch lowercases), a JSON body
        // and a text body.
        if (step++ === 0) return sendJson(res, 503, { detail: `bad ${key}` }, { "x-echo": key, [`x-bad-${key}`]: "1" });
        if (req.url.startsWith("/items/")) return sendText(res, 404, `no item for ${key}`, { "x-echo": key });
        sendJson(
          res,
          401,
          { detail: `invalid key ${key}`, nested: [{ key }] },
          { "x-echo": key, "x-request-id": "req_123" },
        );
      },
      { hooks },
    );
    const unauthorized = await settle(unwrap(client.GET("/items"))).catch((e: unknown) => e);
    const notFound = await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } })).catch(
      (e: unknown) => e,
    );
    await server.close();
    const refused = await settle(client.GET("/items")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect(unauthorized).toMatchObject({ status: 401, requestId: "req_123" });

    const surfaces = [unauthorized, notFound, refused].flatMap((error) => [
      String(error),
      inspect(error, { depth: 20, showHidden: true }),
      JSON.stringify(error),
      JSON.stringify((error as { body?: unknown }).body ?? null),
      JSON.stringify((error as { headers?: unknown }).headers ?? null),
    ]);
    surfaces.push(
      inspect(events, { depth: 20 }),
      JSON.stringify(events),
      inspect(client, { depth: 20, showHidden: true }),
    );
    for (const surface of surfaces) expect(surface.toLowerCase()).not.toContain(SECRET.toLowerCase());

    expect(
      events
        .filter((e) => "headers" in e && "x-api-key" in e.headers)
        .map((e) => (e as RequestStartEvent).headers["x-api-key"]),
    ).toEqual(
      Array(6).fill("[REDACTED]"), // 2 attempts of the first call, 1 of the second, 3 of the refused one
    );
    expect((unauthorized as { body: unknown }).body).toEqual({
      detail: "invalid key [REDACTED]",
      nested: [{ key: "[REDACTED]" }],
    });
    expect((unauthorized as { headers: Record<string, string> }).headers["x-echo"]).toBe("[REDACTED]");
    expect(String(notFound)).toContain("no item for [REDACTED]");
  });

  it("a call's own error holds no secret the server echoed, however its body writes it", async () => {
    // Every character of the key as a JSON \u escape: a search of the text finds nothing, JSON.parse finds the key (and
    // a body that is not JSON is searched with its escapes decoded).
    const escaped = [...SECRET].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
    const { client } = await clientAgainst((req, res) => {
      const key = req.headers["x-api-key"]!;
      if (req.url === "/items?q=text") return sendText(res, 400, `no item for ${key}`);
      if (req.url === "/items?q=broken") return sendText(res, 400, `{"detail":"key ${escaped} is revoked",}`);
      if (req.url === "/items?q=escaped") {
        res.writeHead(403, { "content-type": "application/json" }); // chunked: the body is counted as it arrives
        return res.end(`{"detail":"key ${escaped} is revoked","key":"${escaped}"}`);
      }
      sendJson(res, 401, { detail: `invalid key ${key}`, [key]: [{ key }] });
    });
    const json = await client.GET("/items");
    const text = await client.GET("/items", { params: { query: { q: "text" } } });
    const escapedCall = await client.GET("/items", { params: { query: { q: "escaped" } } });
    const broken = await client.GET("/items", { params: { query: { q: "broken" } } });
    const streamed = await client.GET("/items", { parseAs: "stream" });

    expect(json.error).toEqual({ detail: "invalid key [REDACTED]", "[REDACTED]": [{ key: "[REDACTED]" }] });
    expect(text.error).toBe("no item for [REDACTED]");
    expect(escapedCall.error).toEqual({ detail: "key [REDACTED] is revoked", key: "[REDACTED]" });
    expect(broken.error).toBe('{"detail":"key [REDACTED] is revoked",}');
    expect(streamed.error).toEqual(json.error);
    for (const { error } of [json, text, escapedCall, broken, streamed])
      expect(inspect(error, { depth: 20 }).toLowerCase()).not.toContain(SECRET.toLowerCase());
  });

  it("a redirect whose target echoes the key, as it is or percent-encoded, shows it to no hook", async () => {
    const encoded = [...SECRET].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
    const events: (RequestStartEvent | ResponseEvent)[] = [];
    const { client, server } = await clientAgainst(
      (req, res) => {
        if (req.url === "/items") {
          res.writeHead(302, { location: `/moved/${SECRET}/${encoded}?key=${SECRET}` });
          return res.end();
        }
        sendJson(res, 200, []);
      },
      { hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e) } },
    );
    await unwrap(client.GET("/items"));
    expect(server.requests.map((request) => request.url)).toEqual([
      "/items",
      `/moved/${SECRET}/${encoded}?key=${SECRET}`,
    ]);
    expect(events.map((event) => event.url.slice(server.url.length))).toEqual([
      "/items",
      "/items",
      "/moved/[REDACTED]/[REDACTED]",
      "/moved/[REDACTED]/[REDACTED]",
    ]);
  });

  it("a redirect keyway refuses names no key the server wrote into its path or its target's host", async () => {
    const { client } = await clientAgainst((req, res) => {
      const [location] = {
        "/items": [`/moved/${SECRET}`],
        [`/moved/${SECRET}`]: [`https://${SECRET}.attacker.example/`],
      }[req.url ?? ""] ?? ["/"];
      res.writeHead(302, { location }).end();
    });
    const refused = await client.GET("/items").catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(RedirectError);
    expect(refused).toMatchObject({
      url: expect.stringMatching(/\/moved\/\[REDACTED\]$/),
      targetOrigin: "https://[REDACTED].attacker.example",
    });
    expect(inspect(refused, { depth: 20 }).toLowerCase()).not.toContain(SECRET.toLowerCase());
  });

  it("a JSON error body keeps its structure when a key it writes percent-encoded decodes beside a quote", async () => {
    const encoded = [...SECRET].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
    const { client } = await clientAgainst((_req, res) =>
      sendJson(res, 400, { code: "INVALID_KEY", detail: `key %22${encoded}%22 and %FF${encoded}` }),
    );
    const { error } = await client.GET("/items");

    // The key's own escapes read [REDACTED]; the quotes and the stray byte beside it stay as the server wrote them.
    expect(error).toEqual({ code: "INVALID_KEY", detail: "key %22[REDACTED]%22 and %FF[REDACTED]" });
  });

  it("a key written byte by byte as Latin-1 escapes, as a header sends it, is redacted", () => {
    const redactor = new Redactor(["X-Api-Key"]);
    redactor.remember("clé-secrète");
    expect(redactor.redactText("/keys/cl%E9-secr%E8te/revoke")).toBe("/keys/[REDACTED]/revoke");
    expect(redactor.redactText("/keys/cl%C3%A9-secr%C3%A8te")).toBe("/keys/[REDACTED]");
  });
});
