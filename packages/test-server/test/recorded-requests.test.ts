import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/index.ts";

// What a test asserts on: the method, the path and the query apart, the headers and the body.

let server: TestServer | undefined;
afterEach(() => server?.close());

describe("a recorded request", () => {
  it("gives its path as sent and its query decoded", async () => {
    server = await startTestServer();
    await fetch(`${server.url}/orders/ord%2F1?tag=a&tag=b%20c&cursor=`, { signal: AbortSignal.timeout(5_000) });
    await fetch(`${server.url}/orders`, { signal: AbortSignal.timeout(5_000) });
    const [withQuery, withoutQuery] = server.requests;
    expect(withQuery?.path).toBe("/orders/ord%2F1");
    expect(withQuery?.query.getAll("tag")).toEqual(["a", "b c"]);
    expect(withQuery?.query.get("cursor")).toBe("");
    expect(withoutQuery?.path).toBe("/orders");
    expect([...(withoutQuery?.query ?? [])]).toEqual([]);
  });
});
