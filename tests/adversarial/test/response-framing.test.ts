import { gzipSync } from "node:zlib";
import { sendJson, type TestServer } from "@keyway/test-server";
import { ConnectionError, createStackerClient, RedirectError, RequestTimeoutError } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCOUNT_ID, INTEGRATION_KEY, STACK_ID, server, shown } from "./network.js";

// Answers whose framing a server gets wrong before the final response: the user gets that response, or a typed error
// saying what the server did, never a request keyway made up.

const RECORD_PATH = "/api/external/objects/{object_sid}/records/{record_sid}/";
const CREATE_PATH = "/api/external/objects/{object_sid}/records/";
const OBJECT = "object.custom.orders";

function stackerAt(api: TestServer, maxRetries = 0, timeout = 10_000) {
  return createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl: api.url,
    maxRetries,
    timeout,
  });
}

function call(stacker: ReturnType<typeof stackerAt>, method: "GET" | "POST") {
  const sent =
    method === "GET"
      ? stacker.GET(RECORD_PATH, { params: { path: { object_sid: OBJECT, record_sid: "rec1" } } })
      : stacker.POST(CREATE_PATH, { params: { path: { object_sid: OBJECT } }, body: { orders__number: 1 } });
  return sent.then(
    (result) => ({ result, thrown: undefined }),
    (error: unknown) => ({ result: undefined, thrown: error }),
  );
}

// A path a server may name, the integration key among its segments: it must not show in the error.
const location = fc
  .array(fc.constantFrom("records", "rec1", "v2", "a,b", "%20", INTEGRATION_KEY, "?q=1", "landing"), {
    minLength: 1,
    maxLength: 4,
  })
  .map((segments) => `/${segments.join("/")}`);

describe("a redirect whose Location is not one URL: a RedirectError, nothing sent to any target", () => {
  it("two Location headers (the same or not), or one with two URLs in it, for every redirect status and method", async () => {
    const api = await server();
    const stacker = stackerAt(api);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(301, 302, 303, 307, 308),
        fc.constantFrom("GET" as const, "POST" as const),
        location,
        fc.option(location, { nil: undefined }),
        fc.constantFrom("two headers", "one header, comma-joined"),
        async (status, method, first, other, how) => {
          const second = other ?? first;
          api.requests.length = 0;
          api.handle((_req, res) => {
            res.setHeader("location", how === "two headers" ? [first, second] : `${first}, ${second}`);
            res.writeHead(status).end();
          });
          const { thrown } = await call(stacker, method);
          expect(thrown).toBeInstanceOf(RedirectError);
          expect(thrown).toMatchObject({
            method,
            status,
            targetOrigin: undefined,
            reason: "its Location is not one URL (two Location headers, or a space in one)",
          });
          expect(api.requests).toHaveLength(1);
          expect(shown(thrown)).not.toContain("MARKER");
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a Location with a space in it is refused too, not followed to the URL a parser makes of it", async () => {
    const api = await server((req, res) => {
      if (req.url.startsWith("/landing")) return sendJson(res, 200, {});
      res.writeHead(302, { location: "/landing here" }).end();
    });
    const { thrown } = await call(stackerAt(api), "GET");
    expect(thrown).toBeInstanceOf(RedirectError);
    expect(api.requests.map((request) => request.url)).toEqual([expect.stringMatching(/^\/api\//)]);
  });
});

describe("interim (1xx) responses no request asked for", () => {
  // Bun and Deno skip an unasked 100 Continue and return the final response; Node's fetch ends the connection.
  const CONTINUE_REASON = "UND_ERR_SOCKET (the server sent an unrequested 100 Continue)";

  function continueThenRecord(res: import("node:http").ServerResponse) {
    res.writeContinue();
    sendJson(res, 200, { sid: "rec1" });
  }

  it("a 100 Continue before the response: a ConnectionError saying so, maybe received, retried for a GET", async () => {
    const api = await server((_req, res) => continueThenRecord(res));
    const { thrown } = await call(stackerAt(api, 1), "GET");
    expect(thrown).toBeInstanceOf(ConnectionError);
    expect(thrown).toMatchObject({ attempts: 2, maybeReceived: true, reason: CONTINUE_REASON });
    expect((thrown as Error).message).toMatch(
      /failed after 2 attempts: UND_ERR_SOCKET \(the server sent an unrequested 100 Continue\)$/,
    );
    expect(api.requests).toHaveLength(2);
  });

  it("the same before a POST's response: not sent again, and the caller is told it may have been received", async () => {
    const api = await server((_req, res) => continueThenRecord(res));
    const { thrown } = await call(stackerAt(api, 2), "POST");
    expect(thrown).toMatchObject({
      name: "ConnectionError",
      attempts: 1,
      maybeReceived: true,
      reason: CONTINUE_REASON,
    });
    expect(api.requests).toHaveLength(1);
  });

  it("a 101 Switching Protocols to a request that asked for no upgrade: a ConnectionError saying so", async () => {
    const api = await server((_req, _res, raw) => {
      raw.socket.end("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    });
    const { thrown } = await call(stackerAt(api), "GET");
    expect(thrown).toBeInstanceOf(ConnectionError);
    expect(thrown).toMatchObject({
      attempts: 1,
      maybeReceived: true,
      reason: "UND_ERR_SOCKET (the server sent an unrequested 101 Switching Protocols)",
    });
  });
});

describe("a body that never ends: a RequestTimeoutError saying it was the body the call waited for", () => {
  const gzipped = gzipSync(JSON.stringify({ sid: "rec1", note: "x".repeat(200) }));
  it.each([
    ["a gzip body cut mid-stream (chunked)", { "content-encoding": "gzip" }, gzipped.subarray(0, 20)],
    ["a gzip body short of its Content-Length", { "content-encoding": "gzip", "content-length": "500" }, gzipped],
    ["a plain JSON body short of its Content-Length", { "content-length": "500" }, Buffer.from('{"sid":')],
  ])("%s", async (_, headers, start) => {
    const api = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", ...headers }).write(start);
    });
    const { thrown } = await call(stackerAt(api, 0, 1_000), "GET");
    expect(thrown).toBeInstanceOf(RequestTimeoutError);
    expect((thrown as Error).message).toBe(
      `GET ${api.url}/api/external/objects/${OBJECT}/records/rec1/ timed out after 1000 ms waiting for the rest of the response body (1 attempt)`,
    );
  });
});
