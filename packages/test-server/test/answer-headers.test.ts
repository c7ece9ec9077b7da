import { afterEach, describe, expect, it } from "vitest";
import { sendEmpty, sendJson, sendText, startTestServer, type TestServer } from "../src/index.ts";

// A header a test gives the answer helpers in its own letter case replaces their default, as the test meant.

let server: TestServer | undefined;
afterEach(() => server?.close());

describe("the answer helpers' headers", () => {
  it("replace the default of the same name whatever its letter case, and go out once", async () => {
    server = await startTestServer((req, res) => {
      if (req.url === "/json")
        return sendJson(res, 400, { title: "bad" }, { "Content-Type": "application/problem+json" });
      if (req.url === "/text") return sendText(res, 200, "hi", { "Content-Type": "text/csv" });
      sendEmpty(res, 200, { "Content-Length": "0" });
    });
    const fetched = (path: string) => fetch(`${server!.url}${path}`, { signal: AbortSignal.timeout(5_000) });
    const json = await fetched("/json");
    expect([json.headers.get("content-type"), await json.json()]).toEqual([
      "application/problem+json",
      { title: "bad" },
    ]);
    const text = await fetched("/text");
    expect([text.headers.get("content-type"), await text.text()]).toEqual(["text/csv", "hi"]);
    const empty = await fetched("/empty");
    expect([empty.status, empty.headers.get("content-length"), await empty.text()]).toEqual([200, "0", ""]);
  });
});
