import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { clearTimeout, setTimeout } from "node:timers";
import { gzipSync } from "node:zlib";
import type { AddressInfo, Socket } from "node:net";

/** A request as it reached the server. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as sent (still percent-encoded). */
  readonly url: string;
  /** The path of `url`, without its query (still percent-encoded). */
  readonly path: string;
  /** The query of `url`, decoded (`query.get("cursor")`, `query.getAll("tag")`). */
  readonly query: URLSearchParams;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The body parsed as JSON (throws if it is not JSON). */
  json<T = unknown>(): T;
}

export type Handler = (request: RecordedRequest, response: ServerResponse, raw: IncomingMessage) => unknown;

export interface TestServerOptions {
  /**
   * How long a handler has to end its response, in milliseconds, from the request's arrival: 3 000 by default, less than
   * the test timeouts of vitest, jest and Bun (5 s), so that a handler that never ends its response fails the request
   * that hung, not the whole test, and more than a test holds a response open on purpose (to outlast a client's 1 or
   * 2 s timeout). `Infinity` waits for as long as the client does.
   */
  readonly handlerTimeoutMs?: number;
}

/** A handler that did not end its response within {@link TestServerOptions.handlerTimeoutMs}. */
export class HandlerTimeoutError extends Error {
  override name = "HandlerTimeoutError";

  constructor(
    readonly method: string,
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(
      `test server: the handler of ${method} ${url} did not end its response within ${timeoutMs} ms (call res.end(), or raise startTestServer's handlerTimeoutMs)`,
    );
  }
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /**
   * What went wrong in handlers, in the order it happened: each error a handler threw (its message prefixed with the
   * request's method and URL) and each {@link HandlerTimeoutError}. A test can assert it is empty to tell a broken
   * handler from a failing client.
   */
  readonly errors: readonly Error[];
  /** Replaces the handler for the requests that follow. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 (a free port) that records every request and
 * answers through `handler`. `close()` never hangs on keep-alive connections or on a handler still running, and the
 * server does not keep the process alive by itself, so a test that fails before its `close()` does not hang the run.
 * A handler that throws, or does not end its response within `handlerTimeoutMs`, is answered 599 with
 * `{ test_server_error }` naming the request and the error and `x-should-retry: false` (a client does not retry a
 * broken test), or, once the response's head is written, by closing the connection; either way it is in
 * `server.errors`. A request whose client went away before its body arrived is dropped, unrecorded.
 *
 * @example
 * ```ts
 * import { sendJson, startTestServer } from "@keyway/test-server";
 *
 * const server = await startTestServer((request, res) => sendJson(res, 200, { path: request.url }));
 * const response = await fetch(`${server.url}/orders`);
 * await server.close();
 * ```
 */
export async function startTestServer(
  handler: Handler = (_, res) => sendJson(res, 200, {}),
  { handlerTimeoutMs = 3_000 }: TestServerOptions = {},
): Promise<TestServer> {
  if (!(handlerTimeoutMs > 0))
    throw new TypeError(
      `startTestServer: handlerTimeoutMs must be a number of milliseconds above 0, not ${handlerTimeoutMs}`,
    );
  const requests: RecordedRequest[] = [];
  const errors: Error[] = [];
  const sockets = new Set<Socket>();
  let current = handler;
  /** Answers a handler's failure as the failure it is, once, and records it. */
  const fail = (res: ServerResponse, error: Error) => {
    if (res.writableEnded || res.destroyed) return;
    errors.push(error);
    // A status no handler sends, naming the error; once the head is written, only a cut connection tells the client
    // (left open, it would wait for its timeout).
    if (res.headersSent) res.destroy();
    else sendJson(res, 599, { test_server_error: error.message }, { "x-should-retry": "false" });
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      // The client went away before its body had arrived (it gave up): there is no request to record or answer.
      res.destroy();
      return;
    }
    const body = Buffer.concat(chunks);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
    );
    const url = req.url ?? "";
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      url,
      path: url.split("?", 1)[0]!,
      query: new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : ""),
      headers,
      body,
      json: <T>() => JSON.parse(body.toString("utf8")) as T,
    };
    requests.push(recorded);
    const timer =
      handlerTimeoutMs === Infinity
        ? undefined
        : setTimeout(
            () => fail(res, new HandlerTimeoutError(recorded.method, recorded.url, handlerTimeoutMs)),
            handlerTimeoutMs,
          ).unref();
    res.once("close", () => clearTimeout(timer));
    try {
      await current(recorded, res, req);
    } catch (error) {
      fail(
        res,
        new Error(`test server: the handler of ${recorded.method} ${recorded.url} threw ${String(error)}`, {
          cause: error,
        }),
      );
    }
  });
  // Neither the server nor a connection keeps the process alive: a call in flight holds it by the client's socket.
  server.unref();
  server.on("connection", (socket) => {
    socket.unref();
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    errors,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(
    status,
    withDefaults({ "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }, headers),
  );
  res.end(text);
}

/**
 * `headers` over `defaults` (lower-case names), a name given in any letter case replacing its default: Node would send
 * both `content-type` and `Content-Type`, which a client reads joined, and two lengths, which fetch refuses.
 */
function withDefaults(defaults: Record<string, string>, headers: Record<string, string>): Record<string, string> {
  const given = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  return { ...Object.fromEntries(Object.entries(defaults).filter(([name]) => !given.has(name))), ...headers };
}

/** Answers with a text body. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(
    status,
    withDefaults(
      { "content-type": "text/plain; charset=utf-8", "content-length": String(Buffer.byteLength(text)) },
      headers,
    ),
  );
  res.end(text);
}

/** Answers with no body: `Content-Length: 0`, or nothing at all for 204 and 304, which never have one. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, status === 204 || status === 304 ? headers : withDefaults({ "content-length": "0" }, headers));
  res.end();
}

/** Answers with a JSON body gzipped and chunked, without a length: only the decoded bytes tell its size. */
export function sendGzippedJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "content-encoding": "gzip" });
  res.end(gzipSync(JSON.stringify(body)));
}

/**
 * How long {@link sendEndlessJson}'s body is when it does end: 256 MiB. A client that stops reading and hangs up
 * was sent less than this; how much less depends on the socket buffers of both ends, which Linux grows on loopback
 * up to `net.ipv4.tcp_rmem`'s maximum (32 MiB on the CI machine), so it is no bound a test can assert.
 */
export const ENDLESS_JSON_BYTES = 256 * 1024 * 1024;

/**
 * Answers with a JSON body without a length that goes on for as long as the client reads it: `start`, then
 * `1,1,1,…` in 16 KiB chunks, ended with `1]` after `maxBytes` ({@link ENDLESS_JSON_BYTES} by default) so that a
 * client that never stops reading still gets an end. Resolves with the bytes written once the connection closes:
 * under `maxBytes` when the client hung up first.
 *
 * @example
 * let sent: Promise<number> | undefined;
 * const server = await startTestServer((_req, res) => void (sent = sendEndlessJson(res)));
 * // … a call whose maxResponseBytes is passed fails, then:
 * expect(await sent).toBeLessThan(ENDLESS_JSON_BYTES);
 */
export function sendEndlessJson(
  res: ServerResponse,
  {
    status = 200,
    start = "[",
    maxBytes = ENDLESS_JSON_BYTES,
  }: { status?: number; start?: string; maxBytes?: number } = {},
): Promise<number> {
  const chunk = Buffer.alloc(16 * 1024, "1,");
  let written = 0;
  res.writeHead(status, { "content-type": "application/json" });
  res.write(start);
  const pump = () => {
    while (!res.destroyed && written < maxBytes) {
      written += chunk.length;
      if (!res.write(chunk)) return;
    }
    if (!res.destroyed) res.end("1]");
  };
  res.on("drain", pump);
  pump();
  return once(res, "close").then(() => written);
}

const bombs = new Map<number, Buffer>();

/**
 * Answers with a gzip bomb: a JSON array of `decodedBytes` (`[0,0,…,0]`) that gzip shrinks about 1000 to 1, sent
 * with the compressed `Content-Length`. Resolves with that length.
 */
export function sendGzipBomb(res: ServerResponse, decodedBytes: number): number {
  let bomb = bombs.get(decodedBytes);
  if (!bomb) {
    bomb = gzipSync(Buffer.concat([Buffer.from("["), Buffer.alloc(decodedBytes - 2, "0,"), Buffer.from("0]")]));
    bombs.set(decodedBytes, bomb);
  }
  res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length });
  res.end(bomb);
  return bomb.length;
}
