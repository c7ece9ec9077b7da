import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackerAt } from "./network.js";
import { bytesOf, type Answer } from "./wire-answers.js";

// The generated Stacker client, answered the same status, headers and body bytes in each of HTTP/1.1's framings
// (with its Content-Length, chunked, ended by closing the connection) and each encoding a server may choose: what a
// user sees of the call, its `{ data, error }` read or what it throws, is the same in every framing.

const FRAMINGS = ["length", "chunked", "close"] as const;
const OBJECT = "object.custom.orders";
const path = { object_sid: OBJECT, record_sid: "rec1" };
const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";
const RECORDS = "/api/external/objects/{object_sid}/records/";
const SEARCH = "/api/external/objects/{object_sid}/search/";

let bytes: Buffer = Buffer.alloc(0);
let server: Server;
let baseUrl = "";
/** Answers each request, once it has arrived whole, with `bytes` written on its socket as they are. */
beforeAll(async () => {
  server = createServer((request) => {
    request.socket.on("error", () => {});
    request.resume().on("end", () => request.socket.end(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type ParseAs = "json" | "text" | "blob" | "arrayBuffer" | "stream" | undefined;
const CALLS = {
  "get a record": (parseAs: ParseAs) => stackerAt(baseUrl).GET(RECORD, { params: { path }, parseAs }),
  "create a record": (parseAs: ParseAs) =>
    stackerAt(baseUrl).POST(RECORDS, { params: { path }, body: { orders__number: 1 }, parseAs }),
  "delete a record": (parseAs: ParseAs) => stackerAt(baseUrl).DELETE(RECORD, { params: { path }, parseAs }),
  "search records": (parseAs: ParseAs) =>
    stackerAt(baseUrl).POST(SEARCH, { params: { path: { object_sid: OBJECT } }, body: {}, parseAs }),
} as const;

/** What a user holds of a result's value: bytes of a Blob (and its type), an ArrayBuffer or a stream, read. */
async function held(value: unknown) {
  if (!(value instanceof Blob || value instanceof ArrayBuffer || value instanceof ReadableStream)) return value;
  const read = [...new Uint8Array(await new Response(value).arrayBuffer())];
  return value instanceof Blob ? { type: value.type, read } : { kind: value.constructor.name, read };
}

const answers: fc.Arbitrary<Answer> = fc
  .record({
    status: fc.constantFrom("200 OK", "201 Created", "202 Accepted", "204 No Content", "205 Reset", "304 Not Modified"),
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/csv", undefined),
    body: fc
      .oneof(
        fc.constant(""),
        fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
        fc.constantFrom("id,total\n1,9.50\n", " ", "{", "<html>Bad gateway</html>"),
      )
      .map((text) => new TextEncoder().encode(text)),
    encoding: fc.constantFrom("none", "gzip", "deflate", "br"),
    framing: fc.constant("length"),
    extraHeaders: fc.constant([]),
    cut: fc.constant(false),
  })
  .map((answer) => {
    // A 204, 205 or 304 has no content; an encoded empty body's Content-Length is its encoding's (a difference the
    // runtime's framing test pins).
    const noContent = /^(204|205|304) /.test(answer.status);
    const empty = noContent || answer.body.length === 0;
    return { ...answer, body: noContent ? new Uint8Array(0) : answer.body, encoding: empty ? "none" : answer.encoding };
  });

describe("a Stacker call sees the same answer in every framing of the same bytes (property)", () => {
  it("for each operation, status, body, encoding and parseAs", async () => {
    await fc.assert(
      fc.asyncProperty(
        answers,
        fc.constantFrom(...(Object.keys(CALLS) as (keyof typeof CALLS)[])),
        fc.constantFrom<ParseAs>(undefined, "json", "text", "blob", "arrayBuffer", "stream"),
        async (answer, call, parseAs) => {
          const seen: unknown[] = [];
          for (const framing of FRAMINGS) {
            bytes = bytesOf({ ...answer, framing });
            seen.push(
              await CALLS[call](parseAs).then(
                async ({ data, error, response }) => ({
                  status: response.status,
                  data: await held(data),
                  error: await held(error),
                }),
                (thrown: Error) => ({ thrown: thrown.constructor.name, message: thrown.message }),
              ),
            );
          }
          expect(seen).toEqual(FRAMINGS.map(() => seen[0]));
        },
      ),
      { numRuns: 200 },
    );
  });
});
