import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConnectionError } from "@keyway/stacker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackerAt } from "./network.js";

const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";
const path = { object_sid: "object.custom.orders", record_sid: "rec1" };

let bytes = "";
let server: Server;
let baseUrl = "";
/** Answers each request with `bytes` written on its socket as they are. */
beforeAll(async () => {
  server = createServer((request) => {
    request.socket.on("error", () => {});
    request.resume().on("end", () => request.socket.end(Buffer.from(bytes, "latin1")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";

describe('a body read as a stream (parseAs: "stream") that cannot be read fails as a read body does: a ConnectionError', () => {
  it.each([
    ["cut mid-way", `${HEAD}Content-Length: 100\r\n\r\n{"a":`],
    ["with a chunk size that is not hex", `${HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
    [
      "that does not decompress",
      `${HEAD}Content-Encoding: gzip\r\nContent-Length: 24\r\n\r\n\x1f\x8b\x08\x00{"a": 1, "bbbbbbbbb": 2}`,
    ],
  ])("%s", async (_name, answer) => {
    bytes = answer;
    const { data: text } = await stackerAt(baseUrl)
      .GET(RECORD, { params: { path }, parseAs: "text" })
      .catch((e) => ({ data: e }));
    expect(text).toBeInstanceOf(ConnectionError); // as read by keyway
    const { data } = await stackerAt(baseUrl).GET(RECORD, { params: { path }, parseAs: "stream" });
    const read = await new Response(data as ReadableStream).text().catch((error: unknown) => error);
    expect(read).toBeInstanceOf(ConnectionError);
    expect(String(read)).toContain(`GET ${baseUrl}/api/external/objects/object.custom.orders/records/rec1/`);
  });
});
