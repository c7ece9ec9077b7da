import { afterEach, describe, expect, it } from "vitest";
import { type Handler, startTestServer, type TestServer } from "../src/index.ts";

// A handler that throws is a broken test, which must fail at once and say so, not leave the client waiting for its
// timeout.

let server: TestServer | undefined;
afterEach(() => server?.close());

/** Fetches from a server answering through `handler`, reading the whole body; gives up after 10 s. */
async function exchange(handler: Handler): Promise<{ status: number; body: string }> {
  server = await startTestServer(handler);
  const response = await fetch(server.url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text() };
}

describe("a handler that throws", () => {
  it.each([
    ["its head", (res: Parameters<Handler>[1]) => res.writeHead(200, { "content-type": "application/json" })],
    ["part of its body", (res: Parameters<Handler>[1]) => res.writeHead(200).write('{"items":[')],
  ])("after writing %s cuts the connection, and the client's read fails instead of waiting", async (_, write) => {
    const read = exchange(async (_request, res) => {
      write(res);
      throw new Error("handler broke");
    });
    await expect(read).rejects.toThrow(TypeError);
  });
});
