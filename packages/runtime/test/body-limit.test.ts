import { once } from "node:events";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import {
  ConfigurationError,
  ConnectionError,
  InternalServerError,
  RequestTimeoutError,
  ResponseTooLargeError,
  createApiClient,
  limitResponseBody,
} from "../src/index.js";
import { ENDLESS_JSON_BYTES, sendEndlessJson, sendGzipBomb } from "@keyway/test-server";
import { apiKeyAuth, clientAgainst, meta, type Paths } from "./harness.js";

const KiB = 1024;

/** The call's error, or a failed expectation when it resolves. */
function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.fail("expected the call to fail"),
    (error: unknown) => error,
  );
}

describe("limitResponseBody: a response without a body", () => {
  it.each([204, 304])("a %i passes whatever length its headers declare: it has no body to read", (status) => {
    const response = new Response(null, { status, headers: { "content-length": "2000000" } });
    expect(limitResponseBody(response, { method: "GET", url: "https://api.example.com/items", maxBytes: 1024 })).toBe(
      response,
    );
  });
});

describe("maxResponseBytes: a body keyway reads for a call never grows past the limit", () => {
  it("an endless chunked body: a ResponseTooLargeError once the limit is passed, the connection closed, no retry", async () => {
    let sent: Promise<number> | undefined;
    const { client, server } = await clientAgainst(
      (_req, res) => {
        sent = sendEndlessJson(res);
      },
      { maxResponseBytes: 256 * KiB, timeout: 5_000 },
    );
    const error = await failure(client.GET("/items", { params: { query: { q: "secret-query" } } }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ method: "GET", url: `${server.url}/items`, maxBytes: 256 * KiB });
    expect((error as Error).message).toBe(
      `GET ${server.url}/items: the response body is larger than maxResponseBytes (262144 bytes)`,
    );
    // What socket buffers hold on both sides, not the endless body: the client stopped reading and hung up.
    expect(await sent).toBeLessThan(ENDLESS_JSON_BYTES);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    { status: 404, framing: "a Content-Length" },
    { status: 429, framing: "chunks" },
    { status: 503, framing: "chunks" },
  ])(
    "a $status whose body, in $framing, passes the limit: a ResponseTooLargeError naming the status",
    async ({ status, framing }) => {
      const page = `<html>${"x".repeat(5 * KiB)}</html>`;
      const { client } = await clientAgainst(
        (_req, res) => {
          res.writeHead(status, {
            "content-type": "text/html",
            "retry-after": "0",
            ...(framing === "chunks" ? {} : { "content-length": String(page.length) }),
          });
          res.end(page);
        },
        { maxResponseBytes: KiB, maxRetries: 0 },
      );
      const error = await failure(client.GET("/items"));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ status, maxBytes: KiB });
      expect((error as Error).message).toMatch(
        new RegExp(
          `^GET http://127\\.0\\.0\\.1:\\d+/items answered ${status}, with a body larger than maxResponseBytes \\(1024 bytes\\)$`,
        ),
      );
    },
  );

  it("a small gzip body that decodes past the limit: counted as it decodes", async () => {
    const { client } = await clientAgainst((_req, res) => sendGzipBomb(res, 8 * 1024 * KiB), {
      maxResponseBytes: 1024 * KiB,
    });
    expect(await failure(client.GET("/items"))).toBeInstanceOf(ResponseTooLargeError);
  });

  it("a Content-Length over the limit: the call fails at the headers, without reading the body", async () => {
    let closed: Promise<unknown> | undefined;
    const { client } = await clientAgainst(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 ** 3) });
        res.write("[");
        closed = once(res, "close");
      },
      { maxResponseBytes: 1024 * KiB, timeout: 5_000 },
    );
    expect(await failure(client.GET("/items"))).toBeInstanceOf(ResponseTooLargeError);
    await closed;
  });

  it("a failed response's body is bounded too: a ResponseTooLargeError, not an ApiError built from a huge text", async () => {
    const { client } = await clientAgainst(
      (_req, res) => {
        void sendEndlessJson(res, { status: 500 });
      },
      { maxResponseBytes: 64 * KiB, maxRetries: 0, timeout: 5_000 },
    );
    const error = await failure(client.GET("/items"));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).not.toBeInstanceOf(InternalServerError);
  });

  it("a body read as a stream is the caller's to bound", async () => {
    const { client } = await clientAgainst(
      (_req, res) => res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.alloc(200 * KiB)),
      { maxResponseBytes: 64 * KiB },
    );
    const { data } = await client.GET("/items", { parseAs: "stream" });
    const bytes = await new Response(data as ReadableStream).arrayBuffer();
    expect(bytes.byteLength).toBe(200 * KiB);
  });

  it("a counted response keeps what the response said: status, headers, url and its parsed body", async () => {
    const { client, server } = await clientAgainst(
      (_req, res) => res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_1" }).end('{"n":1}'),
      { maxResponseBytes: 7 },
    );
    const { data, response } = await client.GET("/items/{id}", { params: { path: { id: "7" } } });
    expect(data).toEqual({ n: 1 });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req_1");
    expect(response.url).toBe(`${server.url}/items/7`);
    expect(response.type).toBe("basic");
  });

  it("a Content-Length beside a Transfer-Encoding says nothing (some runtimes read the chunks past it): counted", async () => {
    const lying = async () =>
      new Response("x".repeat(1000), { headers: { "content-length": "10", "transfer-encoding": "chunked" } });
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: "https://api.example.com",
      auth: apiKeyAuth(),
      fetch: lying as typeof fetch,
      maxResponseBytes: 100,
    });
    await expect(client.GET("/items", { parseAs: "text" })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("the default is 64 MiB", async () => {
    const declaring = (length: number) => async () =>
      new Response("{}", { headers: { "content-type": "application/json", "content-length": String(length) } });
    const clientWith = (fetch: typeof globalThis.fetch) =>
      createApiClient<Paths>({ meta, baseUrl: "https://api.example.com", auth: apiKeyAuth(), fetch }).client;
    await expect(clientWith(declaring(64 * 1024 * KiB)).GET("/items")).resolves.toMatchObject({ data: {} });
    await expect(clientWith(declaring(64 * 1024 * KiB + 1)).GET("/items")).rejects.toMatchObject({
      name: "ResponseTooLargeError",
      maxBytes: 64 * 1024 * KiB,
    });
  });

  it.each([
    [0, "0"],
    [-1, "-1"],
    [1.5, "1.5"],
    [Number.NaN, "NaN"],
    ["1024" as unknown as number, '"1024"'],
  ])("maxResponseBytes %s: a ConfigurationError", (maxResponseBytes, quoted) => {
    expect(() =>
      createApiClient<Paths>({ meta, baseUrl: "https://api.example.com", auth: apiKeyAuth(), maxResponseBytes }),
    ).toThrow(
      new ConfigurationError(
        `createApiClient: maxResponseBytes must be a whole number of bytes (1 or more) or Infinity, got ${quoted}`,
      ),
    );
  });
});

describe("maxResponseBytes: a body of unknown length, however it arrives (property-based)", () => {
  it("is read whole up to the limit, and fails past it", async () => {
    let chunks: Uint8Array[] = [];
    const chunkedFetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        }),
        { headers: { "content-type": "text/plain" } },
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 800 }),
        async (parts, maxResponseBytes) => {
          chunks = parts;
          const { client } = createApiClient<Paths>({
            meta,
            baseUrl: "https://api.example.com",
            auth: apiKeyAuth(),
            fetch: chunkedFetch as typeof fetch,
            maxResponseBytes,
          });
          const total = parts.reduce((sum, part) => sum + part.length, 0);
          const call = client.GET("/items", { parseAs: "arrayBuffer" });
          if (total > maxResponseBytes) {
            await expect(call).rejects.toBeInstanceOf(ResponseTooLargeError);
          } else {
            const { data } = await call;
            expect(new Uint8Array(data as ArrayBuffer)).toEqual(new Uint8Array(Buffer.concat(parts)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("limitResponseBody, for a response read outside a client's call", () => {
  const limit = { method: "GET", url: "https://files.example.com/keys.json?token=s3cr3t", maxBytes: 8 };
  /** A body of unknown length: `text`, then the end unless `endless`. */
  const streamOf = (text: string, { endless = false, onCancel = () => {} } = {}) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        if (!endless) controller.close();
      },
      cancel: onCancel,
    });

  it("a Content-Length over the limit throws at once, naming the URL without its query, and cancels the body", () => {
    let canceled = false;
    const onCancel = () => {
      canceled = true;
    };
    const response = new Response(streamOf("{}", { endless: true, onCancel }), { headers: { "content-length": "9" } });
    expect(() => limitResponseBody(response, limit)).toThrow(
      new ResponseTooLargeError({
        method: "GET",
        url: "https://files.example.com/keys.json",
        maxBytes: 8,
        status: 200,
      }),
    );
    expect(canceled).toBe(true);
  });

  it("a body of unknown length is read within the limit and refused past it, canceling the rest", async () => {
    expect(await limitResponseBody(new Response(streamOf('"123456"')), limit).json()).toBe("123456");
    let canceled = false;
    const onCancel = () => {
      canceled = true;
    };
    const endless = new Response(streamOf('"123456789', { endless: true, onCancel }));
    await expect(limitResponseBody(endless, limit).text()).rejects.toMatchObject({
      name: "ResponseTooLargeError",
      message: "GET https://files.example.com/keys.json: the response body is larger than maxResponseBytes (8 bytes)",
    });
    expect(canceled).toBe(true);
  });

  it("Infinity leaves the response as it is", async () => {
    const response = new Response("x".repeat(100), { headers: { "content-length": "100" } });
    expect(limitResponseBody(response, { ...limit, maxBytes: Number.POSITIVE_INFINITY })).toBe(response);
    expect(await response.text()).toHaveLength(100);
  });

  it("a signal ends a read the body's stream never settles, with its reason, and cancels the rest", async () => {
    let canceled: unknown;
    const stalled = new Response(
      new ReadableStream<Uint8Array>({
        pull: () => new Promise<void>(() => {}), // as Node 20's fetch leaves a body it failed to decode
        cancel: (reason) => {
          canceled = reason;
        },
      }),
    );
    const controller = new AbortController();
    const read = limitResponseBody(stalled, {
      ...limit,
      maxBytes: Number.POSITIVE_INFINITY,
      signal: controller.signal,
    }).text();
    controller.abort(new Error("gave up"));
    await expect(read).rejects.toThrow("gave up");
    expect(canceled).toEqual(new Error("gave up"));
  });
});

describe("a compressed body the runtime fails to decode", () => {
  // A gzip body labelled br, sent after the headers: Node 20's fetch never settles a read of it, whatever its
  // request's signal does; Node 24, Bun, Deno and workerd fail it at once.
  const mislabelled = gzipSync(JSON.stringify({ id: "1" }));
  it.each([64 * 1024, Number.POSITIVE_INFINITY])(
    "fails the call with a typed error by its timeout (maxResponseBytes %s)",
    async (maxResponseBytes) => {
      const { client } = await clientAgainst(
        (_req, res) => {
          res.writeHead(200, {
            "content-type": "application/json",
            "content-encoding": "br",
            "content-length": mislabelled.length,
          });
          res.flushHeaders();
          setTimeout(() => res.end(mislabelled), 20);
        },
        { timeout: 300, maxRetries: 0, maxResponseBytes },
      );
      const failure = await client.GET("/items").catch((error: unknown) => error);
      expect(failure).toSatisfy((error) => error instanceof RequestTimeoutError || error instanceof ConnectionError);
    },
  );
});
