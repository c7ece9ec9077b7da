import { describe, expect, it, vi } from "vitest";
import {
  ConnectionError,
  InternalServerError,
  InvalidRequestBodyError,
  ResponseParseError,
  unwrap,
} from "../src/index.js";
import { clientAgainst, settle, useFakeClock } from "./harness.js";

describe("bad responses give a typed result or error, never an unhandled rejection", () => {
  const unhandled = vi.fn();
  process.on("unhandledRejection", unhandled);

  it("a connection reset mid-body: a ConnectionError naming the call (the body is read after the transport, so it is not retried)", async () => {
    const { client, server } = await clientAgainst((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"items": [1, 2, ');
      setImmediate(() => res.socket?.destroy());
    });
    const error = await client.GET("/items").then(
      () => expect.fail("expected a connection error"),
      (e: unknown) => e as ConnectionError,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/items: the response body could not be read \(.+\)$/);
    expect(error.maybeReceived).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it("a body cut after a retried 503: the ConnectionError counts both attempts", async () => {
    const { client, server } = await clientAgainst((_req, res) => {
      if (server.requests.length === 1) return void res.writeHead(503, { "retry-after-ms": "0" }).end();
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" }).write('{"items": [');
      setImmediate(() => res.socket?.destroy());
    });
    await expect(client.GET("/items")).rejects.toMatchObject({ name: "ConnectionError", attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it("a body that does not decompress: a ConnectionError saying why", async () => {
    const { client, server } = await clientAgainst((_req, res) =>
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end("not gzip at all"),
    );
    const error = await client.GET("/items/{id}", { params: { path: { id: "7" } } }).then(
      () => expect.fail("expected a connection error"),
      (e: unknown) => e as ConnectionError,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "Z_DATA_ERROR", url: `${server.url}/items/7`, attempts: 1 });
    expect(error.message).toBe(`GET ${server.url}/items/7: the response body could not be read (${error.reason})`);
  });

  // What other runtimes throw when a body cannot be read, from a fetch at the network boundary whose body breaks mid-way.
  it.each([
    ["Deno", new TypeError("error reading a body from connection")],
    [
      "Bun",
      Object.assign(new TypeError("ECONNRESET: The socket connection was closed unexpectedly."), {
        code: "ECONNRESET",
      }),
    ],
    ["a browser", new TypeError("network error")],
    ["Cloudflare Workers", new Error("Network connection lost.")],
  ])("a body cut mid-way on %s: a ConnectionError with the runtime's reason", async (_, thrown) => {
    const breakingFetch = async (url: string, init: RequestInit) => {
      const response = await fetch(url, init);
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"items": ['));
          controller.error(thrown);
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const { client, server } = await clientAgainst(
      (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
      { fetch: breakingFetch as typeof fetch },
    );
    const error = await client.GET("/items/{id}", { params: { path: { id: "7" } } }).then(
      () => expect.fail("expected a connection error"),
      (e: unknown) => e as ConnectionError,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.url).toBe(`${server.url}/items/7`);
    expect(error.reason).toContain(thrown.message);
    expect(server.requests).toHaveLength(1); // the response was received: not retried
  });

  // Statuses HTTP has no final response for, as runtimes pass them through: Bun gives 0 and 99, Node and Bun 600–999.
  it.each([0, 99, 600, 999])("a response with status %i: a ConnectionError, retried like one", async (status) => {
    const oddStatusFetch = async (url: string, init: RequestInit) =>
      Object.defineProperty(await fetch(url, init), "status", { value: status });
    const { client, server } = await clientAgainst(
      (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
      { fetch: oddStatusFetch as typeof fetch, maxRetries: 1 },
    );
    useFakeClock();
    const error = await settle(client.GET("/items/{id}", { params: { path: { id: "7" } } })).then(
      () => expect.fail("expected a connection error"),
      (e: unknown) => e as ConnectionError,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ url: `${server.url}/items/7`, attempts: 2, maybeReceived: true });
    expect(error.message).toBe(
      `GET ${server.url}/items/7 failed after 2 attempts: the response is not valid HTTP (status ${status})`,
    );
    expect(server.requests).toHaveLength(2);
  });

  it("an error before any response (a request body JSON cannot serialize) is not made a ConnectionError", async () => {
    const { client, server } = await clientAgainst(() => {});
    const error = await client.POST("/items", { body: { count: 1n } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestBodyError);
    expect(error).toMatchObject({ at: "body.count", cause: expect.any(TypeError) });
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(0);
  });

  it("a refused connection: a ConnectionError naming the request", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst(() => {});
    await server.close();
    const error = await settle(client.GET("/items")).then(
      () => expect.fail("expected a connection error"),
      (e: unknown) => e as ConnectionError,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/items failed to connect after 3 attempts: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    expect(error).toMatchObject({
      code: "ECONNREFUSED",
      reason: expect.stringContaining("ECONNREFUSED"),
      maybeReceived: false,
    });
    expect((error.cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  // Deno's fetch carries no code: "fetch failed", caused by an Error whose message names the phase that failed.
  const denoFailure = (url: string, detail: string) =>
    Object.assign(new TypeError("fetch failed"), {
      cause: new Error(`error sending request for url (${url}): client error (Connect): ${detail}`),
    });

  it.each([
    ["a refused connection", "tcp connect error: Connection refused (os error 111)", "ECONNREFUSED"],
    [
      "a name that does not resolve",
      "dns error: failed to lookup address information: Name or service not known",
      "ENOTFOUND",
    ],
    ["an unreachable network", "tcp connect error: Network is unreachable (os error 101)", "ENETUNREACH"],
    ["a certificate refused", "invalid peer certificate: UnknownIssuer", undefined],
  ])("%s on Deno: a ConnectionError that knows the POST was never sent", async (_case, detail, code) => {
    const { client, server } = await clientAgainst(() => {}, {
      maxRetries: 0,
      fetch: ((url: string) => Promise.reject(denoFailure(url, detail))) as unknown as typeof fetch,
    });
    const error = await client.POST("/items", { body: { name: "x" } }).then(
      () => expect.fail("expected a connection error"),
      (e: unknown) => e as ConnectionError,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code, maybeReceived: false, attempts: 1 });
    expect(error.message).toBe(
      `POST ${server.url}/items failed to connect after 1 attempt: ${code ? `${code} (` : ""}error sending request for url (${server.url}/items): client error (Connect): ${detail}${code ? ")" : ""}`,
    );
  });

  it.each([
    [
      "a port fetch blocks, on Deno",
      () => new TypeError("Fetch failed: Requests to port 6000 are blocked"),
      "bad port (fetch sends nothing to it)",
    ],
    [
      "a host Deno's permissions do not allow",
      () =>
        Object.assign(new Error('Requires net access to "api.example.com:443", run again with the --allow-net flag'), {
          name: "NotCapable",
        }),
      'Requires net access to "api.example.com:443", run again with the --allow-net flag',
    ],
  ])("%s: a ConnectionError at once, known never sent, not retried", async (_case, failure, reason) => {
    let attempts = 0;
    const { client } = await clientAgainst(() => {}, {
      maxRetries: 2,
      fetch: (() => (attempts++, Promise.reject(failure()))) as unknown as typeof fetch,
    });
    const error = await client.GET("/items").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason, maybeReceived: false, attempts: 1 });
    expect(attempts).toBe(1);
  });

  it("a TLS handshake that fails on Bun (EPROTO): a ConnectionError that knows the POST was never sent", async () => {
    const { client } = await clientAgainst(() => {}, {
      maxRetries: 0,
      fetch: (() =>
        Promise.reject(
          Object.assign(new TypeError("EPROTO: Unable to connect. Is the computer able to access the url?"), {
            code: "EPROTO",
          }),
        )) as unknown as typeof fetch,
    });
    const error = await client.POST("/items", { body: { name: "x" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError", code: "EPROTO", maybeReceived: false, attempts: 1 });
  });

  it("a failure after Deno connected (the connection closed before the answer): the request may have been received", async () => {
    const { client, server } = await clientAgainst(() => {}, {
      maxRetries: 0,
      fetch: ((url: string) =>
        Promise.reject(
          Object.assign(new TypeError("fetch failed"), {
            cause: new Error(`error sending request for url (${url}): connection closed before message completed`),
          }),
        )) as unknown as typeof fetch,
    });
    const error = await client.POST("/items", { body: { name: "x" } }).then(
      () => expect.fail("expected a connection error"),
      (e: unknown) => e as ConnectionError,
    );
    expect(error).toMatchObject({ name: "ConnectionError", code: undefined, maybeReceived: true });
    expect(error.message).toMatch(new RegExp(`^POST ${server.url}/items failed after 1 attempt: `));
  });

  it("an HTML 502 page: an InternalServerError carrying the page text", async () => {
    useFakeClock();
    const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const { client } = await clientAgainst((_req, res) =>
      res.writeHead(502, { "content-type": "text/html" }).end(page),
    );
    const error = await settle(unwrap(client.GET("/items"))).then(
      () => expect.fail("expected an error"),
      (e: unknown) => e as InternalServerError,
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(502);
    expect(error.body).toBe(page);
  });

  it("invalid JSON on a 200: a ResponseParseError", async () => {
    const { client } = await clientAgainst((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end("{not json"),
    );
    const error = await client.GET("/items").then(
      () => expect.fail("expected a parse error"),
      (e: unknown) => e as ResponseParseError,
    );
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("an empty 204: data and error are both undefined", async () => {
    const { client } = await clientAgainst((_req, res) => res.writeHead(204).end());
    const { data, error, response } = await client.DELETE("/items/{id}", { params: { path: { id: "1" } } });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it("a 200 with Content-Length: 0: data is undefined", async () => {
    const { client } = await clientAgainst((_req, res) =>
      res.writeHead(200, { "content-length": "0", "content-type": "application/json" }).end(),
    );
    const { data, error, response } = await client.GET("/items");
    expect(response.status).toBe(200);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it("no unhandled rejection was seen in any of these cases", () => {
    expect(unhandled).not.toHaveBeenCalled();
  });
});
