import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/index.ts";

// A client that gives up while its request body is still on the way (a timeout, an abort) is what many tests do:
// the server drops that request, and nothing it does surfaces as an unhandled rejection in the test run.

let server: TestServer | undefined;
afterEach(() => server?.close());

describe("a request whose client goes away before its body has arrived", () => {
  it("is dropped, unrecorded and unanswered, with no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      let handled = 0;
      server = await startTestServer(() => void handled++);
      const { port } = new URL(server.url);
      const socket = connect(Number(port), "127.0.0.1");
      await new Promise((resolve) => socket.once("connect", resolve));
      socket.write("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nonly part of it");
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      // Long enough for the server to see the connection close and for a rejection to be reported.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
      expect(server.requests).toEqual([]);
      expect(handled).toBe(0);
    } finally {
      process.off("unhandledRejection", record);
    }
  });
});
