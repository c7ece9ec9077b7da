import { createServer, type AddressInfo, type Server } from "node:net";
import { NotFoundError, ResponseParseError, searchAll, unwrap, type ApiError } from "@keyway/stacker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackerAt } from "./network.js";

// A server answers with an empty body, written byte for byte in each of HTTP/1.1's three framings: a user of the
// generated Stacker client sees one answer for it, and the spec's declared responses decide which.

const FRAMINGS = {
  "Content-Length: 0": (body: string) => [`Content-Length: ${Buffer.byteLength(body)}`, body],
  "chunked, one last chunk": (body: string) => [
    "Transfer-Encoding: chunked",
    `${body ? `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n` : ""}0\r\n\r\n`,
  ],
  "ended by closing the connection": (body: string) => [undefined, body],
} satisfies Record<string, (body: string) => [string | undefined, string]>;
type Framing = keyof typeof FRAMINGS;

let answer = "";
let server: Server;
let baseUrl = "";
beforeAll(async () => {
  server = createServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", () => socket.end(answer, "latin1"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The next answer: `status` with a JSON Content-Type and `body` (empty unless given) framed as `framing` says. */
function answerWith(status: string, framing: Framing, body = "") {
  const [length, payload] = FRAMINGS[framing](body);
  const headers = ["Connection: close", "Content-Type: application/json", ...(length ? [length] : [])];
  answer = `HTTP/1.1 ${status}\r\n${headers.map((header) => `${header}\r\n`).join("")}\r\n${payload}`;
}

const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";
const RECORDS = "/api/external/objects/{object_sid}/records/";
const path = { object_sid: "object.custom.orders", record_sid: "rec1" };

const stacker = () => stackerAt(baseUrl, { timeout: 5_000 });

const framings = Object.keys(FRAMINGS) as Framing[];

describe("an empty success where the spec declares a body: a ResponseParseError naming the status", () => {
  it.each(framings)("a record GET answered 200 (%s)", async (framing) => {
    answerWith("200 OK", framing);
    const thrown = await stacker()
      .GET(RECORD, { params: { path } })
      .then(
        () => expect.fail("an empty 200 was taken as a record"),
        (error: unknown) => error as ResponseParseError,
      );
    expect(thrown).toBeInstanceOf(ResponseParseError);
    expect(thrown.message).toBe(`GET ${RECORD} answered 200 with an empty body, where its spec declares one`);
    expect(thrown.cause).toBeUndefined();
  });

  it.each(framings)("a record POST answered 201 (%s)", async (framing) => {
    answerWith("201 Created", framing);
    await expect(stacker().POST(RECORDS, { params: { path }, body: {} })).rejects.toThrow(
      `POST ${RECORDS} answered 201 with an empty body, where its spec declares one`,
    );
  });

  it.each(framings)("a search page, through searchAll (%s)", async (framing) => {
    answerWith("200 OK", framing);
    const pages = searchAll(stacker(), "object.custom.orders");
    await expect(pages.next()).rejects.toBeInstanceOf(ResponseParseError);
  });

  it.each(framings)("a body of whitespace alone fails as JSON that is not valid (%s)", async (framing) => {
    answerWith("200 OK", framing, " \r\n ");
    await expect(stacker().GET(RECORD, { params: { path } })).rejects.toThrow(
      `GET ${RECORD} answered with a body that is not valid JSON: Unexpected end of JSON input`,
    );
  });
});

describe("an empty success read as the caller asks (parseAs): what that read gives, whatever its framing", () => {
  it.each(framings)("text is an empty string, a Blob or bytes empty, a stream empty (%s)", async (framing) => {
    const read = async <As extends "text" | "blob" | "arrayBuffer" | "stream">(parseAs: As) => {
      answerWith("200 OK", framing);
      const { data, error } = await stacker().GET(RECORD, { params: { path }, parseAs });
      expect(error).toBeUndefined();
      return data;
    };
    expect(await read("text")).toBe("");
    const blob = await read("blob");
    expect([blob?.type, blob?.size]).toEqual(["application/json", 0]);
    expect((await read("arrayBuffer"))?.byteLength).toBe(0);
    expect(await new Response(await read("stream")).text()).toBe("");
  });

  it.each(framings)("a 204 has no body to read: data undefined (%s)", async (framing) => {
    for (const parseAs of ["text", "blob", "arrayBuffer", "stream"] as const) {
      answerWith("204 No Content", framing);
      const { data, response } = await stacker().DELETE(RECORD, { params: { path }, parseAs });
      expect([response.status, data]).toEqual([204, undefined]);
    }
  });
});

describe("an empty answer the spec allows, or a failure", () => {
  it.each(framings)(
    "a DELETE answered 204, which the spec declares without a body: data undefined (%s)",
    async (framing) => {
      answerWith("204 No Content", framing);
      const { data, error, response } = await stacker().DELETE(RECORD, { params: { path } });
      expect([response.status, data, error]).toEqual([204, undefined, undefined]);
    },
  );

  it.each(framings)(
    "a DELETE answered 200, where the spec declares a 204 too, so data is typed as possibly undefined: data undefined (%s)",
    async (framing) => {
      answerWith("200 OK", framing);
      const { data, error, response } = await stacker().DELETE(RECORD, { params: { path } });
      expect([response.status, data, error]).toEqual([200, undefined, undefined]);
    },
  );

  it.each(framings)(
    "a 404 with no body: error undefined, a NotFoundError without a body from unwrap (%s)",
    async (framing) => {
      answerWith("404 Not Found", framing);
      const { data, error, response } = await stacker().GET(RECORD, { params: { path } });
      expect([response.status, data, error]).toEqual([404, undefined, undefined]);
      answerWith("404 Not Found", framing);
      const thrown = await unwrap(stacker().GET(RECORD, { params: { path } })).then(
        () => expect.fail("a 404 was unwrapped"),
        (e: unknown) => e as ApiError,
      );
      expect(thrown).toBeInstanceOf(NotFoundError);
      expect(thrown.body).toBeUndefined();
      expect(thrown.message).toBe(
        `GET ${baseUrl}/api/external/objects/object.custom.orders/records/rec1/ answered 404`,
      );
    },
  );
});
