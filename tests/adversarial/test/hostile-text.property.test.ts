import { isKnownError, StackAuthError, unwrap as unwrapStack } from "@keyway/stack-auth";
import { ApiError, ConnectionError, ResponseParseError, unwrap } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INTEGRATION_KEY, SECRET_SERVER_KEY, server, stackAuthServerAt, stackerAt } from "./network.js";
import { asSentInUtf8, expectShownSafely, hostileText, hostileTextWith, hostileTextWithEscaped } from "./shown-text.js";

const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";
const params = { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } };
const REDACTED = "[REDACTED]";

/** What a call threw. */
async function thrownBy(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.fail("expected the call to throw"),
    (error: unknown) => error,
  );
}

/** A Stacker at a local server that answers every request with `answer()`'s status, type and text. */
async function stackerAnswering(answer: () => { status: number; type: string; text: string }) {
  const api = await server((_req, res) => {
    const { status, type, text } = answer();
    res.writeHead(status, { "content-type": type }).end(text);
  });
  return stackerAt(api.url);
}

/** A Stacker whose fetch answers every request with `response()`, or fails with `failure()`. */
function stackerFetching(respond: () => Response) {
  return stackerAt("https://api.stacker.example", { fetch: async () => respond() });
}

// A header value fetch's Headers takes: Latin-1, no NUL, CR or LF, nothing to trim at either end.
const headerValue = fc
  .string({
    unit: fc.integer({ min: 1, max: 0xff }).map((unit) => String.fromCharCode(unit)),
    minLength: 1,
    maxLength: 300,
  })
  .map((text) => text.replace(/[\r\n]/g, "x").replace(/^[\t ]+|[\t ]+$/g, ""))
  .filter((text) => text !== "");

describe("what a hostile server sends shows on one line, bounded, escaped, and without a secret (property)", () => {
  it("a text error body: the ApiError's message is safe, its body the exact text (the key redacted)", async () => {
    let text = "";
    const stacker = await stackerAnswering(() => ({ status: 500, type: "text/plain; charset=utf-8", text }));
    await fc.assert(
      fc.asyncProperty(hostileTextWith(INTEGRATION_KEY), async (drawn) => {
        text = `oops ${drawn}`; // never JSON: openapi-fetch would parse it
        const error = await thrownBy(unwrap(stacker.GET(RECORD, { params })));
        expect(error).toBeInstanceOf(ApiError);
        expectShownSafely((error as ApiError).message, [INTEGRATION_KEY]);
        expect((error as ApiError).body).toBe(asSentInUtf8(text).replaceAll(INTEGRATION_KEY, REDACTED));
      }),
      { numRuns: 60 },
    );
  });

  it("a JSON error body: the message is safe, the body the exact JSON (the key redacted)", async () => {
    let text = "";
    const stacker = await stackerAnswering(() => ({ status: 422, type: "application/json", text }));
    await fc.assert(
      fc.asyncProperty(hostileTextWith(INTEGRATION_KEY), hostileText, async (message, key) => {
        text = JSON.stringify({ message, [key]: [message] });
        const error = await thrownBy(unwrap(stacker.GET(RECORD, { params })));
        expect(error).toBeInstanceOf(ApiError);
        expectShownSafely((error as ApiError).message, [INTEGRATION_KEY]);
        const sent = JSON.parse(asSentInUtf8(text)) as Record<string, unknown>;
        const redacted = JSON.parse(JSON.stringify(sent).replaceAll(INTEGRATION_KEY, REDACTED)) as unknown;
        expect(JSON.stringify((error as ApiError).body)).toBe(JSON.stringify(redacted));
      }),
      { numRuns: 60 },
    );
  });

  it("a secret the server wrote escaped, or between line breaks, is redacted before the text is shown", async () => {
    let text = "";
    const stacker = await stackerAnswering(() => ({ status: 500, type: "text/plain; charset=utf-8", text }));
    await fc.assert(
      fc.asyncProperty(hostileTextWithEscaped(INTEGRATION_KEY), async (drawn) => {
        text = `oops ${drawn}`;
        const error = await thrownBy(unwrap(stacker.GET(RECORD, { params })));
        expectShownSafely((error as ApiError).message, [INTEGRATION_KEY]);
        expect((error as ApiError).body).not.toContain(INTEGRATION_KEY);
      }),
      { numRuns: 80 },
    );
  });

  it("a request id header: the message shows it safely, `requestId` and `headers` keep it as sent", async () => {
    await fc.assert(
      fc.asyncProperty(headerValue, async (requestId) => {
        const stacker = stackerFetching(
          () => new Response("", { status: 404, headers: { "x-request-id": requestId } }),
        );
        const error = await thrownBy(unwrap(stacker.GET(RECORD, { params })));
        expect(error).toBeInstanceOf(ApiError);
        expectShownSafely((error as ApiError).message, []);
        expect((error as ApiError).requestId).toBe(requestId);
        expect((error as ApiError).headers["x-request-id"]).toBe(requestId);
      }),
      { numRuns: 100 },
    );
  });

  it("a Content-Type or Content-Encoding on a body that is not JSON: the ResponseParseError shows it safely", async () => {
    await fc.assert(
      fc.asyncProperty(headerValue, fc.boolean(), async (value, asEncoding) => {
        fc.pre(asEncoding || !/json/i.test(value.split(";")[0]!));
        const headers: Record<string, string> = asEncoding
          ? { "content-type": "application/json", "content-encoding": value }
          : { "content-type": value };
        const stacker = stackerFetching(() => new Response("not json", { status: 200, headers }));
        const error = await thrownBy(stacker.GET(RECORD, { params }));
        expect(error).toBeInstanceOf(ResponseParseError);
        expectShownSafely((error as ResponseParseError).message, []);
        if (!asEncoding) expect((error as ResponseParseError).contentType).toBe(value);
      }),
      { numRuns: 100 },
    );
  });

  it("a fetch that fails with text of its own: the ConnectionError shows it safely, `reason` keeps it (the key redacted)", async () => {
    await fc.assert(
      fc.asyncProperty(hostileTextWith(INTEGRATION_KEY), async (text) => {
        const stacker = stackerAt("https://api.stacker.example", {
          fetch: async () => {
            throw new TypeError(text);
          },
        });
        const error = await thrownBy(stacker.GET(RECORD, { params }));
        expect(error).toBeInstanceOf(ConnectionError);
        expectShownSafely((error as ConnectionError).message, [INTEGRATION_KEY]);
        expect((error as ConnectionError).reason).not.toContain(INTEGRATION_KEY);
      }),
      { numRuns: 60 },
    );
  });

  it("a Stack Auth known error: its code and `error` text show safely, `code`, `error` and `details` keep them", async () => {
    let body = {};
    const api = await server((_req, res) => {
      const text = JSON.stringify(body);
      res.writeHead(400, { "content-type": "application/json" }).end(text);
    });
    const admin = stackAuthServerAt(api.url);
    await fc.assert(
      fc.asyncProperty(hostileText, hostileTextWith(SECRET_SERVER_KEY), async (code, text) => {
        body = { code, error: text, details: { text } };
        const error = await thrownBy(unwrapStack(admin.GET("/users")));
        expect(error).toBeInstanceOf(StackAuthError);
        const known = error as StackAuthError;
        expectShownSafely(known.message, [SECRET_SERVER_KEY]);
        const sent = JSON.parse(asSentInUtf8(JSON.stringify(body).replaceAll(SECRET_SERVER_KEY, REDACTED))) as {
          code: string;
          error: string;
        };
        expect(known.code).toBe(sent.code);
        expect(known.error).toBe(sent.error);
        expect(known.details).toEqual({ text: sent.error });
        expect(isKnownError(known, "USER_NOT_FOUND")).toBe(sent.code === "USER_NOT_FOUND");
      }),
      { numRuns: 60 },
    );
  });
});
