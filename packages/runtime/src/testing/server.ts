/// <reference types="node" />
// @keyway/runtime/testing/server: a fake API on a 127.0.0.1 port, for code that builds its own
// clients. Node only, hence its own entry point: the fetch-based fake never needs it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { DroppedConnection } from "./connection.js";

/** A fake listening on 127.0.0.1. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>` plus the API's base path: give it to a client as `baseUrl`. */
  readonly url: string;
  /**
   * Stops listening and closes open connections; a second call resolves with the first. The server does not keep the
   * process alive meanwhile, so a test that fails before calling it does not leave the process running.
   */
  close(): Promise<void>;
}

/**
 * Serves a fake (anything with a `fetch`, such as a client package's `createOrdersFake()`) on a
 * free 127.0.0.1 port, for code under test that makes its own client from a base URL.
 *
 * @example
 * ```ts
 * import { createOrdersFake } from "@keyway/orders/testing";
 * import { serveFake } from "@keyway/runtime/testing/server";
 *
 * const server = await serveFake(createOrdersFake());
 * process.env["ORDERS_API_URL"] = server.url; // where the code under test finds the API
 * // … run the code under test …
 * await server.close();
 * ```
 */
export async function serveFake(fake: {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly basePath?: string;
}): Promise<FakeServer> {
  let origin = "http://127.0.0.1";
  const server = createServer((incoming, outgoing) => {
    void relay(fake, origin, incoming, outgoing).catch((error: unknown) => {
      if (outgoing.destroyed) return; // the client has gone
      // A connection the test dropped ends as a network failure does, with the socket reset; so does an answer whose
      // body failed after its head was sent.
      if (error instanceof DroppedConnection || outgoing.headersSent) return void outgoing.destroy();
      outgoing.statusCode = 500;
      outgoing.end(`fake server: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // Neither the server nor its side of a connection keeps the process alive: a test that failed before its close()
  // still lets the process exit (a call in flight holds it by the client's socket).
  server.unref();
  server.on("connection", (socket) => socket.unref());
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  // One closing for every call: a test's close() and its afterEach's both resolve once the port is free.
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}${fake.basePath ?? ""}`,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      })),
  };
}

/** Hands a request to the fake at `origin`, the server's own, so that the fake records the URL the app sent. */
async function relay(
  fake: { readonly fetch: (request: Request) => Promise<Response> },
  origin: string,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = incoming.method ?? "GET";
  const body = chunks.length && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  // The client closing its connection before the answer is the abort a handler sees on its request's signal.
  const gone = new AbortController();
  outgoing.once("close", () => {
    if (!outgoing.writableFinished) gone.abort(new DOMException("The client closed the connection", "AbortError"));
  });
  const request = new Request(`${origin}${incoming.url ?? "/"}`, { method, headers, body, signal: gone.signal });
  const response = await fake.fetch(request);
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => {
    outgoing.setHeader(name, value);
  });
  // The head goes out at once and the body as it comes, as a server's does: a body that stalls after its head (or
  // streams) reaches the client the way the fake's fetch gives it.
  outgoing.flushHeaders();
  const reader = response.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) outgoing.write(part.value);
  outgoing.end();
}
