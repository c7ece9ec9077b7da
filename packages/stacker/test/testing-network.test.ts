import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, createStackerClient, RequestAbortedError, RequestTimeoutError } from "../src/index.js";
import { createStackerFake } from "../src/testing.js";
import { serveFake, type FakeServer } from "../src/testing-server.js";

const OBJECTS_PATH = "/api/external/objects/";
const OBJECTS = `GET ${OBJECTS_PATH}` as const;
const SECRET = "ik_live_do_not_print_7c2e";
const credentials = { integrationKey: SECRET, accountId: "acc4t8kz2mq7xw9pe3", stackId: "app785vwedw46e3bx8" };

/** Resolves when `signal` aborts, or after `ms` (far less than the test's timeout, so a fake that ignores it fails). */
function abortedOrAfter(signal: AbortSignal, ms = 20_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function setup(options: { timeout?: number; maxRetries?: number } = {}) {
  const fake = createStackerFake();
  const stacker = createStackerClient({ ...credentials, fetch: fake.fetch, maxRetries: 0, ...options });
  return { fake, stacker };
}

describe("the fake behaves as a network does", () => {
  it("lets the client's timeout end a call whose handler is slow, and aborts the handler's signal", async () => {
    const { fake, stacker } = setup({ timeout: 100 });
    let handlerSignal: AbortSignal | undefined;
    fake.on(OBJECTS, async ({ request }) => {
      handlerSignal = request.signal;
      await abortedOrAfter(request.signal);
      return [];
    });

    await expect(stacker.GET(OBJECTS_PATH)).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(handlerSignal?.aborted).toBe(true);
    expect(fake.calls(OBJECTS).map((call) => call.status)).toEqual([0]);
    fake.verify();
  });

  it("lets the app's own abort end a call whose handler is slow", async () => {
    const { fake, stacker } = setup();
    const controller = new AbortController();
    fake.on(OBJECTS, async ({ request }) => {
      controller.abort();
      await abortedOrAfter(request.signal);
      throw request.signal.reason; // a handler that stops on the signal breaks nothing
    });

    await expect(stacker.GET(OBJECTS_PATH, { signal: controller.signal })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(fake.calls(OBJECTS).map((call) => call.status)).toEqual([0]);
    fake.verify();
  });

  it("lets the timeout end a response body that stalls after its headers", async () => {
    const { fake, stacker } = setup({ timeout: 100 });
    let ending: ReturnType<typeof setTimeout> | undefined;
    const stalling = new ReadableStream({
      start(body) {
        body.enqueue(new TextEncoder().encode('[{"sid":'));
        ending = setTimeout(() => body.close(), 20_000); // long past the timeout, well within the test's
      },
      cancel: () => clearTimeout(ending),
    });
    fake.on(OBJECTS, () => new Response(stalling, { headers: { "content-type": "application/json" } }));

    await expect(stacker.GET(OBJECTS_PATH)).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it("drops a connection with disconnect, which the client retries", async () => {
    const { fake, stacker } = setup({ maxRetries: 1 });
    fake.disconnect(OBJECTS, { times: 1 });

    const { data } = await stacker.GET(OBJECTS_PATH);

    expect(data).toEqual([
      { sid: "object.custom.orders", name: "Orders" },
      { sid: "object.custom.customers", name: "Customers" },
    ]);
    expect(fake.calls(OBJECTS).map((call) => call.status)).toEqual([0, 200]);
  });

  it("drops a connection when a handler returns Response.error(), as a ConnectionError without the key", async () => {
    const { fake, stacker } = setup();
    fake.on(OBJECTS, () => Response.error());

    const error = await stacker.GET(OBJECTS_PATH).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toContain("GET https://api.go.stackerhq.com/api/external/objects/");
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(SECRET);
    expect(String((error as Error).cause)).toContain("Stacker fake: the connection of GET");
  });

  it("rejects at once a call whose signal has already aborted, recording nothing", async () => {
    const fake = createStackerFake();
    const reason = new DOMException("gone", "AbortError");
    await expect(
      fake.fetch("https://api.go.stackerhq.com/api/external/hello/", { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(fake.calls()).toEqual([]);
  });
});

describe("the fake's local server behaves as a network does", () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("resets the socket of a dropped connection", async () => {
    const fake = createStackerFake();
    server = await serveFake(fake);
    fake.disconnect(OBJECTS);
    const stacker = createStackerClient({ ...credentials, baseUrl: server.url, maxRetries: 0 });

    const error = await stacker.GET(OBJECTS_PATH).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(RequestTimeoutError);
  });

  it("aborts a slow handler's signal when the client gives up on its connection", async () => {
    const fake = createStackerFake();
    server = await serveFake(fake);
    let handlerAborted: Promise<boolean> | undefined;
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    fake.on(OBJECTS, async ({ request }) => {
      handlerAborted = abortedOrAfter(request.signal).then(() => request.signal.aborted);
      started();
      await handlerAborted;
      return [];
    });
    // The client gives up once the handler runs: a timeout that struck first, on a busy machine, would find no handler.
    const giveUp = new AbortController();
    void handlerStarted.then(() => giveUp.abort());
    const stacker = createStackerClient({ ...credentials, baseUrl: server.url, maxRetries: 0 });

    await expect(stacker.GET(OBJECTS_PATH, { signal: giveUp.signal })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(await handlerAborted).toBe(true);
  });
});
