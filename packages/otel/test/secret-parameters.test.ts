import { createApiClient, type ClientMeta } from "@keyway/runtime";
import { sendJson } from "@keyway/test-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openTelemetry, type OpenTelemetryOptions } from "../src/index.js";
import { apiKeyAuth } from "./fixtures.js";
import { exportedText, exporter, recordedStrings, serverWith, tracerProvider } from "./setup.js";

// Secrets that are not the client's credentials, which an API takes in its path, its query or a header a call passes:
// a verification code, a bot token in a path, a webhook token, a password or a signature in a query, another party's
// API key in a header, and a parameter only the user knows to be secret.

const API_KEY = "sk_MARKER_own_credential_4f1a";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /verify/{code}": { id: "verifyCode", security: [["ApiKey"]] },
    "GET /bot{token}/getMe": { id: "getMe", security: [["ApiKey"]] },
    "POST /webhooks/{webhook_id}/{webhook_token}": { id: "executeWebhook", security: [["ApiKey"]] },
    "GET /invites/{invite_hash}/accept": { id: "acceptInvite", security: [["ApiKey"]] },
    "GET /keys/{api_key_id}": { id: "getKey", security: [["ApiKey"]] },
    "GET /search": { id: "search", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Json = { content: { "application/json": unknown } };
type Op<Parameters> = { parameters: Parameters; responses: { 200: Json; default: Json } };
interface Paths {
  "/verify/{code}": { get: Op<{ path: { code: string } }> };
  "/bot{token}/getMe": { get: Op<{ path: { token: string } }> };
  "/webhooks/{webhook_id}/{webhook_token}": { post: Op<{ path: { webhook_id: string; webhook_token: string } }> };
  "/invites/{invite_hash}/accept": { get: Op<{ path: { invite_hash: string } }> };
  "/keys/{api_key_id}": { get: Op<{ path: { api_key_id: string } }> };
  "/search": {
    get: Op<{
      query: { q?: string; password?: string; refresh_token?: string; sig?: string };
      header?: { "X-Partner-Api-Key"?: string; "X-Reset-Nonce"?: string };
    }>;
  };
}

/** A client traced with `otel`, which names `invite_hash` and `X-Reset-Nonce` secret unless it says otherwise. */
function tracedClient(
  baseUrl: string,
  { fetch, otel }: { fetch?: typeof globalThis.fetch; otel?: OpenTelemetryOptions } = {},
) {
  return createApiClient<Paths>({
    meta,
    baseUrl,
    auth: apiKeyAuth(API_KEY),
    // A retry is an event of its own; one shows it, and a fetch that always throws needs none.
    maxRetries: fetch ? 0 : 1,
    ...(fetch ? { fetch } : {}),
    instrumentation: openTelemetry({ tracerProvider, secretParameters: ["invite_hash", "X-Reset-Nonce"], ...otel }),
  }).client;
}

type Client = ReturnType<typeof tracedClient>;

/** The value of each parameter {@link callEach} gives a secret. */
type Secrets = Record<(typeof PARAMETERS)[number], string>;
const PARAMETERS = [
  "code",
  "token",
  "webhook",
  "invite",
  "password",
  "refresh",
  "sig",
  "partnerKey",
  "nonce",
  "plain",
] as const;

/** Calls each operation with a secret in each secret parameter, and an ordinary value in every other one. */
async function callEach(client: Client, secrets: Secrets): Promise<void> {
  const { code, token, webhook, invite, password, refresh, sig, partnerKey, nonce, plain } = secrets;
  const settled = (call: Promise<unknown>) =>
    call.then(
      () => undefined,
      () => undefined,
    );
  await settled(client.GET("/verify/{code}", { params: { path: { code: code } } }));
  await settled(client.GET("/bot{token}/getMe", { params: { path: { token: token } } }));
  await settled(
    client.POST("/webhooks/{webhook_id}/{webhook_token}", {
      params: { path: { webhook_id: "wh_1", webhook_token: webhook } },
    }),
  );
  await settled(client.GET("/invites/{invite_hash}/accept", { params: { path: { invite_hash: invite } } }));
  await settled(
    client.GET("/search", {
      params: {
        query: { q: "ada", password: password, refresh_token: refresh, sig: sig },
        header: { "X-Partner-Api-Key": partnerKey, "X-Reset-Nonce": nonce },
      },
    }),
  );
  // A query parameter not named like a secret: url.full hides every query value still.
  await settled(client.GET("/search", { params: { query: { q: plain } } }));
}

/** Every way a span could write `secret`: as is, and percent-encoded as a path segment, a URI or a form writes it. */
function encodingsOf(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ [secret]: "" }).toString().slice(0, -1),
  ];
}

function expectNoSecretRecorded(secrets: Secrets): void {
  const spans = exporter.getFinishedSpans();
  expect(spans.length).toBeGreaterThan(0);
  const texts = spans.flatMap((span) => [exportedText(span), ...recordedStrings(span)]);
  for (const encoding of Object.values(secrets).flatMap(encodingsOf)) {
    const leaks = texts.filter((text) => text.includes(encoding));
    expect(leaks, `"${encoding}" is recorded`).toEqual([]);
  }
}

// Characters that mean something in a URL or a message, and letters; a secret also holds "Q7x", which nothing else has.
const units = [..."/?#&=%+ ;:@,$!'()*[]~.-_\"<>\\{}|^`aZ09\u00e9"];
const secret = fc
  .tuple(fc.string({ unit: fc.constantFrom(...units), maxLength: 20 }), fc.string({ unit: fc.constantFrom(...units) }))
  .map(([before, after]) => `${before}Q7x${after}`)
  .filter((text) => text.length >= 8);
/** A secret for each parameter, none part of another (so that each one's removal is seen on its own). */
const secrets: fc.Arbitrary<Secrets> = fc
  .record(Object.fromEntries(PARAMETERS.map((name) => [name, secret])) as Record<keyof Secrets, typeof secret>)
  .filter((record) => {
    const all = Object.values(record);
    return all.every((one, index) => all.every((other, at) => at === index || !other.includes(one)));
  });

/** How a server answers a call, each of which makes keyway's error quote the request's URL another way. */
const answers = ["ok", "not found", "server error", "redirect here", "redirect away"] as const;

describe("parameters whose values are secrets, not the client's credentials", () => {
  it("never appear in a span's name, attributes, events or status, whatever their characters and however the call ends", async () => {
    let answer: (typeof answers)[number] = "ok";
    const server = await serverWith((req, res) => {
      const path = req.url;
      if (answer === "redirect here" && !path.startsWith("/moved")) {
        res.writeHead(307, { location: `/moved${path}` });
        return res.end();
      }
      if (answer === "redirect away") {
        res.writeHead(302, { location: `https://elsewhere.example${path}` });
        return res.end();
      }
      const status = answer === "ok" ? 200 : answer === "server error" ? 503 : 404;
      sendJson(res, status, { message: `nothing at ${path}` }, { "retry-after-ms": "0" });
    });
    const client = tracedClient(server.url);
    await fc.assert(
      fc.asyncProperty(secrets, fc.constantFrom(...answers), async (values, chosen) => {
        answer = chosen;
        exporter.reset();
        await callEach(client, values);
        expectNoSecretRecorded(values);
      }),
      { numRuns: 40 },
    );
  });

  it("never appear in what a fetch that throws says, which may quote the request's URL and headers whole", async () => {
    const quoting: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const headers = [...request.headers].map(([name, value]) => `${name}: ${value}`).join(", ");
      throw new TypeError(`could not send ${request.url} with ${headers}`);
    };
    const client = tracedClient("https://api.example.test/v1", { fetch: quoting });
    await fc.assert(
      fc.asyncProperty(secrets, async (values) => {
        exporter.reset();
        await callEach(client, values);
        expectNoSecretRecorded(values);
      }),
      { numRuns: 25 },
    );
  });

  it("read REDACTED in url.full, where the span's name and url.template keep the parameter's name", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 200, {}));
    const client = tracedClient(server.url);
    await client.GET("/bot{token}/getMe", { params: { path: { token: "123456:AAE-bot-token" } } });
    await client.POST("/webhooks/{webhook_id}/{webhook_token}", {
      params: { path: { webhook_id: "wh_1", webhook_token: "whtok_secret_9" } },
    });
    await client.GET("/keys/{api_key_id}", { params: { path: { api_key_id: "key_1" } } });

    const calls = exporter.getFinishedSpans().filter((span) => span.attributes["keyway.attempt"] === undefined);
    expect(calls.map((span) => [span.name, span.attributes["url.template"], span.attributes["url.full"]])).toEqual([
      ["GET /bot{token}/getMe", "/bot{token}/getMe", `${server.url}/REDACTED/getMe`],
      [
        "POST /webhooks/{webhook_id}/{webhook_token}",
        "/webhooks/{webhook_id}/{webhook_token}",
        `${server.url}/webhooks/wh_1/REDACTED`,
      ],
      // An id of a key is no key: it stays, as every parameter not named like a secret does.
      ["GET /keys/{api_key_id}", "/keys/{api_key_id}", `${server.url}/keys/key_1`],
    ]);
  });

  it("are told apart by name: the defaults, and the names the user adds in any spelling", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 404, {}));
    const client = tracedClient(server.url);
    await client.GET("/invites/{invite_hash}/accept", { params: { path: { invite_hash: "inv_hash_5" } } });
    await client.GET("/verify/{code}", { params: { path: { code: "492-113" } } });
    const plain = tracedClient(server.url, { otel: { secretParameters: [] } });
    await plain.GET("/invites/{invite_hash}/accept", { params: { path: { invite_hash: "inv_hash_5" } } });

    const calls = exporter.getFinishedSpans().filter((span) => span.attributes["keyway.attempt"] === undefined);
    expect(calls.map((span) => [span.attributes["url.full"], span.status.message])).toEqual([
      [`${server.url}/invites/REDACTED/accept`, undefined],
      [`${server.url}/verify/REDACTED`, undefined],
      [`${server.url}/invites/inv_hash_5/accept`, undefined],
    ]);
    expect(calls.map((span) => span.events[0]?.attributes?.["exception.message"])).toEqual([
      `GET ${server.url}/invites/REDACTED/accept answered 404`,
      `GET ${server.url}/verify/REDACTED answered 404`,
      `GET ${server.url}/invites/inv_hash_5/accept answered 404`,
    ]);
  });

  it("named in the client's own secretParameters option are hidden in spans too, as in the client's errors", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 404, {}));
    const client = createApiClient<Paths>({
      meta,
      baseUrl: server.url,
      auth: apiKeyAuth(API_KEY),
      secretParameters: ["invite_hash"],
      instrumentation: openTelemetry({ tracerProvider }),
    }).client;
    const { error } = await client.GET("/invites/{invite_hash}/accept", {
      params: { path: { invite_hash: "inv_hash_5" } },
    });
    expect(error).toEqual({});

    const [call] = exporter.getFinishedSpans().filter((span) => span.attributes["keyway.attempt"] === undefined);
    expect(call?.attributes["url.full"]).toBe(`${server.url}/invites/REDACTED/accept`);
    expect(call?.events[0]?.attributes?.["exception.message"]).toBe(
      `GET ${server.url}/invites/REDACTED/accept answered 404`,
    );
  });
});
