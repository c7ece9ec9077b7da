import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HandlerTimeoutError, type Handler, startTestServer, type TestServer } from "../src/index.ts";

// A handler that never ends its response is a broken test: the request that hung fails, named, well before the test
// runner's own timeout, and nothing it leaves open holds close() or the process.

let server: TestServer | undefined;
afterEach(() => server?.close());

const never = () => new Promise<never>(() => {});

/** Sends a request to a server answering through `handler`; the client gives up after 10 s. */
async function exchange(handler: Handler, options?: Parameters<typeof startTestServer>[1]) {
  server = await startTestServer(handler, options);
  return fetch(`${server.url}/orders/ord_1?expand=items`, {
    method: "POST",
    body: "{}",
    signal: AbortSignal.timeout(10_000),
  });
}

/** Ref'd listening servers and sockets: what keeps a process alive. */
const holding = () =>
  process.getActiveResourcesInfo().filter((resource) => resource === "TCPServerWrap" || resource === "TCPSocketWrap")
    .length;

describe("a handler that never ends its response", () => {
  it("is answered 599 naming the method and path, not retried, and listed in server.errors", async () => {
    const response = await exchange(never, { handlerTimeoutMs: 100 });
    expect(response.status).toBe(599);
    expect(response.headers.get("x-should-retry")).toBe("false");
    const { test_server_error } = (await response.json()) as { test_server_error: string };
    expect(test_server_error).toContain("POST /orders/ord_1?expand=items");
    expect(test_server_error).toContain("did not end its response within 100 ms");
    expect(server?.errors).toEqual([expect.any(HandlerTimeoutError)]);
    expect(server?.errors[0]).toMatchObject({ method: "POST", url: "/orders/ord_1?expand=items", timeoutMs: 100 });
  });

  it("fails by default within 3 s, before vitest's, jest's or Bun's 5 s test timeout", async () => {
    const response = await exchange(never);
    expect(response.status).toBe(599);
    expect(await response.text()).toContain("within 3000 ms");
  });

  it("that wrote its head has its connection cut, so the client's read fails instead of waiting", async () => {
    const response = await exchange(
      (_, res) => {
        res.writeHead(200, { "content-type": "application/json" }).write("[");
        return never();
      },
      { handlerTimeoutMs: 100 },
    );
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(server?.errors.map((error) => error.message)).toEqual([
      expect.stringContaining("POST /orders/ord_1?expand=items did not end its response within 100 ms"),
    ]);
  });

  it("waits as long as the client does with handlerTimeoutMs: Infinity", async () => {
    server = await startTestServer(never, { handlerTimeoutMs: Infinity });
    const call = fetch(`${server.url}/slow`, { signal: AbortSignal.timeout(300) });
    await expect(call).rejects.toThrow(/aborted due to timeout/);
    expect(server.errors).toEqual([]);
  });

  it("is timed by the clock, not by a test's fake timers", async () => {
    let finish = () => {};
    server = await startTestServer(
      (_, res) => {
        res.writeHead(200).write("[");
        finish = () => res.end("]");
      },
      { handlerTimeoutMs: 1_000 },
    );
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let responding: Promise<Response> | undefined;
    try {
      responding = fetch(`${server.url}/slow`);
      while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(5_000);
    } finally {
      vi.useRealTimers();
    }
    const response = await responding;
    finish();
    expect(await response.text()).toBe("[]");
    expect(server.errors).toEqual([]);
  });

  it.each([0, -1, Number.NaN])("refuses handlerTimeoutMs %s", async (handlerTimeoutMs) => {
    await expect(startTestServer(undefined, { handlerTimeoutMs })).rejects.toThrow(/handlerTimeoutMs/);
  });

  it("that the client gave up on is no error of the handler's", async () => {
    server = await startTestServer(never, { handlerTimeoutMs: 200 });
    await expect(fetch(`${server.url}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the handler's timeout
    expect(server.errors).toEqual([]);
  });
});

describe("a handler that throws", () => {
  it("is answered 599 naming the request and the error, not retried, and listed in server.errors", async () => {
    const response = await exchange(() => {
      throw new Error("handler broke");
    });
    expect(response.status).toBe(599);
    expect(response.headers.get("x-should-retry")).toBe("false");
    expect(await response.json()).toEqual({
      test_server_error: "test server: the handler of POST /orders/ord_1?expand=items threw Error: handler broke",
    });
    expect(server?.errors.map((error) => error.message)).toEqual([
      "test server: the handler of POST /orders/ord_1?expand=items threw Error: handler broke",
    ]);
  });
});

describe("close()", () => {
  it("resolves with a handler still running, an idle keep-alive connection and a half-sent request open", async () => {
    server = await startTestServer(never, { handlerTimeoutMs: Infinity });
    const { port } = new URL(server.url);
    const open = (text: string) =>
      new Promise<Socket>((resolve) => {
        const socket = connect(Number(port), "127.0.0.1", () => resolve(socket)).on("error", () => {});
        socket.write(text);
      });
    const sockets = [
      await open("GET /hangs HTTP/1.1\r\nHost: x\r\n\r\n"),
      await open(""),
      await open("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npart"),
    ];
    const closed = sockets.map((socket) => new Promise((resolve) => socket.once("close", resolve)));
    await server.close();
    await Promise.all(closed);
    server = undefined;
  });

  it("is not needed for the process to exit: neither the server nor its connections hold it", async () => {
    const before = holding();
    server = await startTestServer(never, { handlerTimeoutMs: Infinity });
    const { port } = new URL(server.url);
    const client = connect(Number(port), "127.0.0.1").on("error", () => {});
    await new Promise((resolve) => client.once("connect", resolve));
    client.write("GET /hangs HTTP/1.1\r\nHost: x\r\n\r\n");
    client.unref(); // the test's own side, which a test that failed would have given up
    await new Promise((resolve) => setTimeout(resolve, 100)); // the request reaches its handler
    expect(server.requests.map((request) => request.url)).toEqual(["/hangs"]);
    expect(holding()).toBe(before);
    client.destroy();
  });
});
