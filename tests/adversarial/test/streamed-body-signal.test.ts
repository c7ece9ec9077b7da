import { getEventListeners } from "node:events";
import { sendJson } from "@keyway/test-server";
import { RequestAbortedError } from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import { server, stackerAt, until } from "./network.js";

const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";
const path = { object_sid: "object.custom.orders", record_sid: "rec1" };

/** A streamed GET of the record, following `signal`. */
function streamed(baseUrl: string, signal: AbortSignal) {
  return stackerAt(baseUrl).GET(RECORD, { params: { path }, parseAs: "stream", signal });
}

describe('a body read as a stream (parseAs: "stream") follows the caller\'s signal until it ends, and no longer', () => {
  it("a read waiting on a body that stalls fails with a RequestAbortedError when the signal aborts after the call returned, and the connection is closed", async () => {
    let closed = false;
    const api = await server((_req, res) => {
      res.on("close", () => (closed = true));
      res.writeHead(200, { "content-type": "application/json", "content-length": "100000" });
      res.write('{"a": "');
    });
    const controller = new AbortController();
    const { data } = await streamed(api.url, controller.signal);
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).value).toHaveLength(7);
    let outcome: unknown;
    void reader.read().then(
      (read) => (outcome = read),
      (error: unknown) => (outcome = error),
    );
    controller.abort();
    await until(() => outcome !== undefined && closed, "the read settles and the connection closes", 2_000);
    expect(outcome).toBeInstanceOf(RequestAbortedError);
    expect(String(outcome)).toContain(`GET ${api.url}/api/external/objects/object.custom.orders/records/rec1/`);
  }, 10_000);

  it("leaves no listener on the caller's signal once the body is read to its end, or canceled", async () => {
    const api = await server((_req, res) => sendJson(res, 200, { id: "rec1" }));
    const signal = new AbortController().signal;
    const read = await streamed(api.url, signal);
    expect(getEventListeners(signal, "abort")).toHaveLength(1); // followed while the body is the caller's to read
    expect(await new Response(read.data as ReadableStream).json()).toEqual({ id: "rec1" });
    expect(getEventListeners(signal, "abort")).toHaveLength(0);

    const canceled = await streamed(api.url, signal);
    await (canceled.data as ReadableStream).cancel();
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  }, 10_000);

  it("is a byte stream, read with a BYOB reader, and leaves the response's own body unlocked until it is read", async () => {
    const api = await server((_req, res) => sendJson(res, 200, { id: "rec1" }));
    const { data, response } = await streamed(api.url, new AbortController().signal);
    expect(response.body?.locked).toBe(false);
    const reader = (data as ReadableStream<Uint8Array>).getReader({ mode: "byob" });
    let text = "";
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(4));
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(JSON.parse(text)).toEqual({ id: "rec1" });
  }, 10_000);
});
