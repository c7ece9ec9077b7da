import { RequestTimeoutError } from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import { server, stackerAt } from "./network.js";

// A middleware may read a clone of a response (a logger). On Node 20, when the attempt ends (its timeout, the caller's
// abort) while that clone is read, the response's own copy of the body then ends as if whole, with what had arrived:
// the call must still fail as its attempt did, never answer with a body cut short.

/** A logging middleware that reads a clone of every response, and swallows what that read fails with. */
const cloneReader = {
  async onResponse({ response }: { readonly response: Response }) {
    await response
      .clone()
      .text()
      .catch(() => {});
  },
};

describe("a body whose clone a middleware was reading when the attempt ended", () => {
  it("fails the call with its RequestTimeoutError, not a body cut short", async () => {
    const api = await server((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" }); // no length: the body's end is the stream's
      res.write("the start of a longer text");
    });
    // Long enough that the headers arrive first on a busy machine, so that the timeout strikes while the body is read.
    const stacker = stackerAt(api.url, { timeout: 1_500 });
    stacker.use(cloneReader);
    const outcome = await stacker.GET("/api/external/hello/", { parseAs: "text" }).then(
      (result) => ({ data: result.data, error: result.error }),
      (thrown: unknown) => thrown,
    );
    expect(outcome).toBeInstanceOf(RequestTimeoutError);
    expect((outcome as Error).message).toBe(
      `GET ${api.url}/api/external/hello/ timed out after 1500 ms waiting for the rest of the response body (1 attempt)`,
    );
  }, 10_000);
});
