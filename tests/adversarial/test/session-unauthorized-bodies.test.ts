import type { ServerResponse } from "node:http";
import { sendJson } from "@keyway/test-server";
import { ConnectionError, RequestTimeoutError } from "@keyway/stack-auth";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { server } from "./network.js";
import { ME, NEW_TOKEN, REFRESH_PATH, signedIn } from "./signed-in-session.js";

// A 401 without a known-error header (a proxy's, or Stack Auth's behind a CORS setup that hides the header) is read for
// the code its body may name, so that an expired session still refreshes. Its body is the server's to send: it may
// stall, break off, be large, or come in any chunks; the call ends as the same answer without a session would.

/** A 401 whose body starts, then never ends. */
function stalled(res: ServerResponse) {
  res.writeHead(401, { "content-type": "application/json" });
  res.write('{"code": "ACCESS_TOKEN_EXP');
}

describe("a 401 without a known-error header, to a signed-in call", () => {
  it("whose body stalls fails the call with a RequestTimeoutError, not as a 401 with nothing in it", async () => {
    const api = await server((_req, res) => stalled(res));
    const outcome = await signedIn(api.url, 300)
      .GET("/users/me")
      .then(
        (result) => ({ status: result.response.status, error: result.error }),
        (thrown: unknown) => thrown,
      );
    expect(outcome).toBeInstanceOf(RequestTimeoutError);
    expect((outcome as Error).message).toBe(`GET ${api.url}/users/me timed out after 300 ms (1 attempt)`);
  });

  it("naming an expired token refreshes the session, sent with the client's fetch or a call's own", async () => {
    const api = await server((req, res) => {
      if (req.url === REFRESH_PATH) return sendJson(res, 200, { access_token: NEW_TOKEN });
      if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, ME);
      sendJson(res, 401, { code: "ACCESS_TOKEN_EXPIRED", error: "expired" });
    });
    const ownFetch: typeof fetch = (input, init) => fetch(input, init);
    expect((await signedIn(api.url).GET("/users/me")).data).toEqual(ME);
    expect((await signedIn(api.url).GET("/users/me", { fetch: ownFetch })).data).toEqual(ME);
    expect(api.requests.filter((r) => r.url === REFRESH_PATH)).toHaveLength(2);
  });

  it("whose body breaks off fails the call with a ConnectionError", async () => {
    const api = await server((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.write('{"code": "ACCESS_TOKEN_EXP', () => res.destroy());
    });
    await expect(signedIn(api.url).GET("/users/me")).rejects.toBeInstanceOf(ConnectionError);
  });

  it("reaches the caller whole, whatever its size and chunks; refreshes only when it names an expired token (property)", async () => {
    let body: { readonly chunks: readonly Uint8Array[] } = { chunks: [] };
    const api = await server((req, res) => {
      if (req.url === REFRESH_PATH) return sendJson(res, 200, { access_token: NEW_TOKEN });
      if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, ME);
      res.writeHead(401, { "content-type": "application/json" });
      // Each chunk written once the one before has left, so that the client may read them one by one.
      const next = (chunks: readonly Uint8Array[]): void =>
        void (chunks.length === 0 ? res.end() : res.write(chunks[0]!, () => next(chunks.slice(1))));
      next(body.chunks);
    });
    const refused = JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" });
    const bodies = fc.oneof(
      fc.constant(refused),
      fc.record({ code: fc.constantFrom("USER_NOT_FOUND", "SOMETHING_NEW"), error: fc.string() }).map(JSON.stringify),
      // Around the 64 KiB read for a code: shorter, just over, much longer.
      fc
        .integer({ min: 60 * 1024, max: 200 * 1024 })
        .map((length) => JSON.stringify({ code: "PROXY_DENIED", padding: "p".repeat(length) })),
      fc.string({ unit: "grapheme", maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        // Cut anywhere in its bytes, a character's UTF-8 sequence included.
        const bytes = new TextEncoder().encode(text);
        const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const ends = [...at, bytes.length];
        body = { chunks: [0, ...at].map((start, i) => bytes.subarray(start, ends[i])).filter((c) => c.length > 0) };
        const refreshesBefore = api.requests.filter((r) => r.url === REFRESH_PATH).length;
        const result = await signedIn(api.url).GET("/users/me");
        const refreshed = api.requests.filter((r) => r.url === REFRESH_PATH).length - refreshesBefore;
        if (text === refused) {
          expect(result.data).toEqual(ME);
          expect(refreshed).toBe(1);
          return;
        }
        expect(refreshed).toBe(0);
        expect(result.response.status).toBe(401);
        let expected: unknown = text === "" ? undefined : text;
        try {
          expected = JSON.parse(text);
        } catch {}
        expect(result.error).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
