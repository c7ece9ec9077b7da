import { getEventListeners, setMaxListeners } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { sendEndlessJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { ConnectionError, RequestTimeoutError, ResponseTooLargeError } from "../src/index.js";
import { clientAgainst, settle, useFakeClock } from "./harness.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const turn = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Full collections, with a turn of the event loop after each for the finalizers they queue. */
async function collectAllGarbage(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    collectGarbage();
    await turn();
  }
}

/**
 * Full collections until `done` holds, or 40 have run (the test then asserts what `done` checks). Each runs in a turn
 * of its own: an object `done` reads through a WeakRef is kept until the end of that turn.
 */
async function collectGarbageUntil(done: () => boolean): Promise<void> {
  for (let round = 0; round < 40 && !done(); round++) {
    await turn();
    collectGarbage();
    await turn();
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

  // openapi-fetch reads a failed response's body itself (its `error`), whatever `parseAs` says: that body is bounded
  // as any body keyway reads for a call, by the timeout and by maxResponseBytes.
  it("a failed response whose body stalls: a RequestTimeoutError after the timeout", async () => {
    useFakeClock();
    const { client, server } = await clientAgainst(
      (_req, res) =>
        void res.writeHead(500, { "content-type": "application/json", "content-length": "100" }).write("{"),
      { timeout: 1000, maxRetries: 0 },
    );
    await expect(
      settle(client.GET("/items", { parseAs: "stream" }), { ready: () => server.requests.length === 1, limitMs: 5000 }),
    ).rejects.toEqual(
      new RequestTimeoutError({
        method: "GET",
        url: `${server.url}/items`,
        attempts: 1,
        timeoutMs: 1000,
        waitingFor: "the rest of the response body",
      }),
    );
  });

  it("a failed response whose body never ends: a ResponseTooLargeError at maxResponseBytes", async () => {
    const { client, server } = await clientAgainst((_req, res) => void sendEndlessJson(res, { status: 500 }), {
      maxResponseBytes: 64 * 1024,
      maxRetries: 0,
      timeout: 5000,
    });
    const error = await client.GET("/items", { parseAs: "stream" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ url: `${server.url}/items`, maxBytes: 64 * 1024 });
  });

  it("a failed response whose connection closes mid-body: a ConnectionError", async () => {
    const { client } = await clientAgainst(
      (_req, res) => {
        res.writeHead(500, { "content-type": "application/json", "content-length": "100" }).write('{"detail": "');
        setTimeout(() => res.destroy(), 20);
      },
      { maxRetries: 0, timeout: 5000 },
    );
    const error = await client.GET("/items", { parseAs: "stream" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/the response body could not be read/);
  });

  it("a successful body stays the caller's to read, however long it takes", async () => {
    let finish = () => {};
    const { client } = await clientAgainst(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" }).write('{"items": [');
        finish = () => res.end("]}");
      },
      { timeout: 500 },
    );
    const { data } = await client.GET("/items", { parseAs: "stream" });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    finish();
    expect(await new Response(data).json()).toEqual({ items: [] });
  });
});

describe('a streamed body (parseAs: "stream") its caller drops', () => {
  it("lets go of a long-lived signal once collected, unread or read in part: no listener left, its response collected and its connection closed", async () => {
    let open = 0;
    const { client, server } = await clientAgainst((_req, res) => {
      open++;
      res.on("close", () => open--);
      res.writeHead(200, { "content-type": "application/json" }).write('{"items": [');
    });
    const controller = new AbortController();
    setMaxListeners(100, controller.signal); // the application's own, which it keeps for as long as it runs
    const responses: WeakRef<Response>[] = [];
    /** A streamed call whose `data` the caller reads `chunks` chunks of (none: it never touches it), then drops. */
    const dropAfter = async (chunks: number) => {
      const { data, response } = await client.GET("/items", { parseAs: "stream", signal: controller.signal });
      responses.push(new WeakRef(response));
      if (chunks === 0) return;
      const reader = (data as ReadableStream<Uint8Array>).getReader();
      for (let i = 0; i < chunks; i++) await reader.read();
      reader.releaseLock();
    };
    for (let i = 0; i < 10; i++) await dropAfter(0);
    for (let i = 0; i < 10; i++) await dropAfter(1);
    // Read through the response's own body, not `data`: the signal still reaches the read.
    const { response } = await client.GET("/items", { parseAs: "stream", signal: controller.signal });
    const ownRead = response.body!.getReader();
    expect(new TextDecoder().decode((await ownRead.read()).value)).toBe('{"items": [');

    const listeners = () => getEventListeners(controller.signal, "abort").length;
    const collected = () => responses.every((each) => each.deref() === undefined);
    await collectGarbageUntil(() => listeners() === 1 && collected() && open === 1);
    expect(listeners()).toBe(1);
    expect(responses.filter((each) => each.deref() !== undefined)).toHaveLength(0);
    expect(open).toBe(1);

    controller.abort();
    await expect(ownRead.read()).rejects.toBe(controller.signal.reason); // the runtime's own body, as fetch fails it
    expect(server.errors).toEqual([]); // closed by the client, not by the server's handler timeout
  });
});
