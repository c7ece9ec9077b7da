// The 127.0.0.1 server the smoke program talks to: the few Stacker and Stack Auth operations it
// calls, a first 503 for each run's record (so the transport retries), records whose body is cut
// or stalls mid-way, one answered with status 999, one gzipped without a length, one whose body
// never ends, a gzip bomb, a record sent in many chunks for a streamed read, one whose streamed body is cut and one
// whose body the caller cancels (with whether its connection is still open), one that never answers, one that answers
// late, one always 503, pages of two, a JWKS, the uploads API (uploads-api.ts), and the fixtures (a signed
// webhook, a signed access token) each run starts from.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import {
  sendEndlessJson,
  sendGzipBomb,
  sendGzippedJson,
  sendJson,
  startTestServer,
  type TestServer,
} from "@keyway/test-server";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { uploadsApi } from "./uploads-api.js";

export const PROJECT = {
  id: "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11",
  display_name: "Analytical Engines App",
  config: {},
};
export const SEARCHED = ["rec_o1", "rec_o2", "rec_o3", "rec_o4", "rec_o5"];
export const USERS = [
  "3f0e2b1c-0000-4000-8000-000000000001",
  "3f0e2b1c-0000-4000-8000-000000000002",
  "3f0e2b1c-0000-4000-8000-000000000003",
];
export const TOKEN_SUBJECT = USERS[0]!;

/**
 * The record a streamed read gets, some 64 kB sent in chunks of {@link STREAMED_CHUNK_BYTES}: characters of one to four
 * bytes, so that chunks end inside characters.
 */
export const STREAMED_BODY = Buffer.from(JSON.stringify({ _sid: "rec_streamed", notes: "Ada é ∑ 😀 ".repeat(4_000) }));
export const STREAMED_SHA256 = createHash("sha256").update(STREAMED_BODY).digest("hex");
const STREAMED_CHUNK_BYTES = 4_093;
/** How late a record answers: later than a call's own timeout in the smoke program (300 ms), well within the client's. */
const LATE_ANSWER_MS = 1_000;

const RECORDS = "/api/external/objects/object.custom.orders/records/";
const SEARCH = "/api/external/objects/object.custom.orders/search/";
const KEY_ID = "smoke-key";

/** A Standard Webhooks signature (what Stack Auth sends through Svix): HMAC-SHA256 of `id.timestamp.body`. */
function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export async function startSmokeServer(wire: { readonly url: string; readonly count: number }): Promise<TestServer> {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KEY_ID, alg: "ES256", use: "sig" }] };
  let runs = 0;
  const answered = new Set<string>();
  /** The records whose body a caller cancels, while their connection is open. */
  const openStreams = new Set<string>();
  const uploads = uploadsApi();

  const server = await startTestServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const route = `${request.method} ${url.pathname}`;

    if (route === "GET /smoke/fixtures") {
      const secret = `whsec_${randomBytes(24).toString("base64")}`;
      const body = JSON.stringify({ type: "user.created", data: { id: USERS[0], primary_email: "ada@example.com" } });
      const timestamp = Math.floor(Date.now() / 1000);
      const accessToken = await new SignJWT({ project_id: PROJECT.id })
        .setProtectedHeader({ alg: "ES256", kid: KEY_ID })
        .setIssuer(`${server.url}/projects/${PROJECT.id}`)
        .setAudience(PROJECT.id)
        .setSubject(TOKEN_SUBJECT)
        .setIssuedAt()
        .setExpirationTime("10m")
        .sign(privateKey);
      return sendJson(response, 200, {
        recordSid: `rec_smoke_${++runs}`,
        canceledSid: `rec_canceled_${runs}`,
        projectId: PROJECT.id,
        webhook: {
          secret,
          body,
          headers: {
            "webhook-id": `msg_${runs}`,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": signWebhook(secret, `msg_${runs}`, timestamp, body),
          },
        },
        accessToken,
        refusedUrl: await refusedUrl(),
        wire,
      });
    }
    if (route === "GET /smoke/open-stream")
      return sendJson(response, 200, openStreams.has(url.searchParams.get("sid")!));
    if (request.method === "GET" && url.pathname.startsWith(RECORDS)) {
      const sid = url.pathname.slice(RECORDS.length, -1);
      if (sid === "rec_cut" || sid === "rec_stalled") {
        response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        response.write('{"_sid": "');
        if (sid === "rec_cut") setTimeout(() => response.socket?.destroy(), 20);
        return; // a stalled body's connection ends when the server closes
      }
      if (sid === "rec_streamed") {
        response.writeHead(200, { "content-type": "application/json", "content-length": String(STREAMED_BODY.length) });
        for (let at = 0; at < STREAMED_BODY.length; at += STREAMED_CHUNK_BYTES) {
          response.write(STREAMED_BODY.subarray(at, at + STREAMED_CHUNK_BYTES));
          await new Promise((resolve) => setImmediate(resolve)); // so that the body arrives in many reads
        }
        return void response.end();
      }
      if (sid === "rec_streamed_cut") {
        response.writeHead(200, { "content-type": "application/json", "content-length": String(STREAMED_BODY.length) });
        response.write(STREAMED_BODY.subarray(0, STREAMED_CHUNK_BYTES));
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      if (sid.startsWith("rec_canceled_")) {
        openStreams.add(sid);
        response.on("close", () => openStreams.delete(sid));
        response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        response.write('{"_sid": "');
        return; // the rest never comes: the caller cancels the body
      }
      if (sid === "rec_no_answer") return; // until the caller gives up (or the test server's handler timeout)
      if (sid === "rec_late") {
        await new Promise((resolve) => setTimeout(resolve, LATE_ANSWER_MS));
        return sendJson(response, 200, { _sid: sid, orders__status: "shipped" });
      }
      if (sid === "rec_unavailable") return sendJson(response, 503, { detail: "Service unavailable." });
      if (sid === "rec_odd_status") return sendJson(response, 999, { _sid: sid });
      if (sid === "rec_gzipped") return sendGzippedJson(response, 200, { _sid: sid, orders__status: "shipped" });
      if (sid === "rec_endless") return void sendEndlessJson(response);
      if (sid === "rec_gzip_bomb") return void sendGzipBomb(response, 8 * 1024 * 1024);
      if (!sid.startsWith("rec_smoke_")) return sendJson(response, 404, { detail: "Not found." });
      if (!answered.has(sid)) {
        answered.add(sid);
        return sendJson(response, 503, { detail: "Service unavailable." });
      }
      return sendJson(response, 200, { _sid: sid, orders__status: "shipped" });
    }
    if (route === `POST ${SEARCH}`) {
      const { start = 0, count = 1000 } = request.json<{ start?: number; count?: number }>();
      return sendJson(response, 200, { records: SEARCHED.slice(start, start + count).map((sid) => ({ _sid: sid })) });
    }
    if (route === "GET /users") {
      const limit = Number(url.searchParams.get("limit") ?? 100);
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const next = start + limit < USERS.length ? String(start + limit) : null;
      return sendJson(response, 200, {
        items: USERS.slice(start, start + limit).map((id) => ({ id })),
        is_paginated: true,
        pagination: { next_cursor: next },
      });
    }
    if (uploads(request, response)) return;
    if (route === "GET /projects/current") return sendJson(response, 200, PROJECT);
    if (route === `GET /projects/${PROJECT.id}/.well-known/jwks.json`) return sendJson(response, 200, jwks);
    return sendJson(response, 404, { detail: `No route for ${route}` });
  });
  return server;
}

/** The URL of a port on 127.0.0.1 that nothing listens on (one that was free a moment ago): connecting is refused. */
function refusedUrl(): Promise<string> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}
