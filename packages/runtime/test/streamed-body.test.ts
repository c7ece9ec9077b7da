import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { clientAgainst } from "./harness.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Full collections, with a turn of the event loop after each for the finalizers they queue. */
async function collectAllGarbage(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a streamed body (parseAs: "stream")', () => {
  it("stays readable when the caller keeps only `data`: its response is kept as long as the body", async () => {
    let finish = () => {};
    const { client, server } = await clientAgainst((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).write('{"items": [');
      finish = () => res.end("1, 2]}");
    });
    // What a caller who hands the stream on keeps: the body, not the response.
    const streamOnly = async () => (await client.GET("/items", { parseAs: "stream" })).data;
    const body = await streamOnly();
    expect(server.requests).toHaveLength(1);
    // undici cancels the unread body of a Response it has collected, and the rest of the body is still on its way.
    await collectAllGarbage();
    finish();
    expect(await new Response(body).json()).toEqual({ items: [1, 2] });
  });
});
