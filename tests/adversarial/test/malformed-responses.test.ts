import { createServer, type AddressInfo, type Server } from "node:net";
import { gzipSync } from "node:zlib";
import {
  BadRequestError,
  ConnectionError,
  createStackerClient,
  InternalServerError,
  ResponseParseError,
  unwrap,
} from "@keyway/stacker";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACCOUNT_ID, INTEGRATION_KEY, STACK_ID, shown } from "./network.js";

// Responses no HTTP server should send, written byte for byte to the socket: every call must end in a typed error
// or a typed result, soon, and nothing a user sees of it may quote the integration key the server echoes.

/** A response: status line, headers and body, as bytes. The server closes the connection after it, and says so. */
function response(statusLine: string, headers: readonly string[], body: string | Uint8Array = ""): Buffer {
  const lines = ["Connection: close", ...headers].map((header) => `${header}\r\n`).join("");
  const head = `HTTP/1.1 ${statusLine}\r\n${lines}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(body)]);
}
const RECORD = '{"sid":"rec1"}';
const gzippedRecord = gzipSync(RECORD);
const echo = `{"detail":"bad key ${INTEGRATION_KEY}"}`;

let answer: Buffer = Buffer.alloc(0);
let server: Server;
let baseUrl = "";
beforeAll(async () => {
  server = createServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", () => socket.end(answer)); // then the connection closes, whatever the answer promised
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const unhandled = vi.fn();
process.on("unhandledRejection", unhandled);
afterAll(() => {
  process.off("unhandledRejection", unhandled);
});

/** A record GET with one attempt, against whatever `answer` holds; resolves with its result or its error. */
function recordCall() {
  const client = createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl,
    maxRetries: 0,
    timeout: 5_000,
  });
  return client
    .GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
    })
    .catch((error: unknown) => ({ thrown: error }));
}
const RECORD_URL = () => `${baseUrl}/api/external/objects/object.custom.orders/records/rec1/`;

/**
 * The runtime's words for a response its HTTP parser rejects, which keyway passes on as the ConnectionError's reason
 * (after the runtime's code, when it gives one). They are undici's, and differ by the undici Node bundles: Node 20's
 * gives llhttp's code, Node 24's gives none, words some texts differently, and takes two Content-Lengths for a body
 * that does not match them.
 */
const NOT_HTTP = "Response does not match the HTTP/1.1 protocol";
const PARSER_REASONS = {
  invalidStatus: {
    "Node 20 (undici 6)": `HPE_INVALID_STATUS (${NOT_HTTP} (Invalid response status))`,
    "Node 24 (undici 7)": `${NOT_HTTP} (Invalid status code)`,
  },
  notHttp: {
    "Node 20 (undici 6)": `HPE_INVALID_CONSTANT (${NOT_HTTP} (Expected HTTP/))`,
    "Node 24 (undici 7)": `${NOT_HTTP} (Expected HTTP/, RTSP/ or ICE/)`,
  },
  headerValue: {
    "Node 20 (undici 6)": `HPE_INVALID_HEADER_TOKEN (${NOT_HTTP} (Invalid header value char))`,
    "Node 24 (undici 7)": `${NOT_HTTP} (Invalid header value char)`,
  },
  twoContentLengths: {
    "Node 20 (undici 6)": `HPE_UNEXPECTED_CONTENT_LENGTH (${NOT_HTTP} (Duplicate Content-Length))`,
    "Node 24 (undici 7)":
      "UND_ERR_RES_CONTENT_LENGTH_MISMATCH (Response body length does not match content-length header)",
  },
  chunkedAndContentLength: {
    "Node 20 (undici 6)": `HPE_UNEXPECTED_CONTENT_LENGTH (${NOT_HTTP} (Content-Length can't be present with Transfer-Encoding))`,
    "Node 24 (undici 7)": `${NOT_HTTP} (Content-Length can't be present with Transfer-Encoding)`,
  },
  chunkSize: {
    "Node 20 (undici 6)": `HPE_INVALID_CHUNK_SIZE (${NOT_HTTP} (Invalid character in chunk size))`,
    "Node 24 (undici 7)": `${NOT_HTTP} (Invalid character in chunk size)`,
  },
} satisfies Record<string, Record<string, string>>;

/** A pattern matching exactly one of the runtimes' reasons. */
function oneOf(reasons: Record<string, string>): RegExp {
  const escaped = Object.values(reasons).map((reason) => reason.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  return new RegExp(`^(?:${escaped.join("|")})$`);
}

describe("responses that are not valid HTTP: a ConnectionError saying what is wrong", () => {
  it.each([
    ["a status under 100", response("099 Odd", ["Content-Length: 2"], "{}"), /not valid HTTP/],
    ["status 000", response("000 Zero", ["Content-Length: 2"], "{}"), /not valid HTTP/],
    [
      "a status above 599",
      response("600 Beyond", ["Content-Type: application/json", "Content-Length: 2"], "{}"),
      /^the response is not valid HTTP \(status 600\)$/,
    ],
    ["status 999", response("999 Odd", ["Content-Length: 2"], "{}"), /\(status 999\)$/],
    [
      "a status that is not a number",
      response("abc", ["Content-Length: 2"], "{}"),
      oneOf(PARSER_REASONS.invalidStatus),
    ],
    ["no status line", Buffer.from("garbage\r\n\r\n"), oneOf(PARSER_REASONS.notHttp)],
    ["an HTTP/2 preface", Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), oneOf(PARSER_REASONS.notHttp)],
    ["a bare body (HTTP/0.9)", Buffer.from(RECORD), oneOf(PARSER_REASONS.notHttp)],
    [
      "a NUL in a header",
      response("200 OK", ["X-Odd: a\0b", "Content-Length: 2"], "{}"),
      oneOf(PARSER_REASONS.headerValue),
    ],
    [
      "two Content-Lengths",
      response("200 OK", ["Content-Length: 2", "Content-Length: 5"], "{}"),
      oneOf(PARSER_REASONS.twoContentLengths),
    ],
    [
      "chunked and a Content-Length",
      response("200 OK", ["Transfer-Encoding: chunked", "Content-Length: 2"], "2\r\n{}\r\n0\r\n\r\n"),
      oneOf(PARSER_REASONS.chunkedAndContentLength),
    ],
    ["a 70 kB header", response("200 OK", [`X-Big: ${"a".repeat(70_000)}`, "Content-Length: 2"], "{}"), /OVERFLOW/],
    ["a 103 and then nothing", response("103 Early Hints", ["Link: </style.css>"]), /other side closed/],
    ["the connection closed at once", Buffer.alloc(0), /other side closed/],
  ])("%s", async (_, bytes, reason) => {
    answer = bytes;
    const { thrown } = (await recordCall()) as { thrown: ConnectionError };
    expect(thrown).toBeInstanceOf(ConnectionError);
    expect(thrown).toMatchObject({ url: RECORD_URL(), attempts: 1, maybeReceived: true });
    expect(thrown.reason).toMatch(reason);
    expect(thrown.message).toBe(`GET ${RECORD_URL()} failed after 1 attempt: ${thrown.reason}`);
    expect(thrown.reason).not.toContain("false == true"); // undici's assertion, which says nothing
  });
});

describe("bodies that cannot be read: a ConnectionError after the headers", () => {
  const json = "Content-Type: application/json";
  it.each([
    [
      "a Content-Length the body never reaches",
      response("200 OK", [json, "Content-Length: 500"], RECORD),
      /CONTENT_LENGTH_MISMATCH|other side closed/,
    ],
    [
      "a bad chunk size",
      response("200 OK", [json, "Transfer-Encoding: chunked"], "zz\r\n{}\r\n0\r\n\r\n"),
      oneOf(PARSER_REASONS.chunkSize),
    ],
    [
      "a gzip body that is not gzip",
      response("200 OK", [json, "Content-Encoding: gzip", "Content-Length: 8"], "not gzip"),
      /Z_DATA_ERROR/,
    ],
    [
      "a gzip body cut short",
      response(
        "200 OK",
        [json, "Content-Encoding: gzip", `Content-Length: ${gzippedRecord.length}`],
        gzippedRecord.subarray(0, 10),
      ),
      /CONTENT_LENGTH_MISMATCH|other side closed/,
    ],
  ])("%s", async (_, bytes, reason) => {
    answer = bytes;
    const { thrown } = (await recordCall()) as { thrown: ConnectionError };
    expect(thrown).toBeInstanceOf(ConnectionError);
    expect(thrown.message).toBe(`GET ${RECORD_URL()}: the response body could not be read (${thrown.reason})`);
    expect(thrown.reason).toMatch(reason);
  });
});

describe("bodies that are not the JSON they claim: a ResponseParseError that quotes none of it", () => {
  it.each([
    ["HTML", "<html><body>Bad gateway</body></html>"],
    ["invalid UTF-8 in a string", Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22])],
    ["the key echoed in text that is not JSON", `{detail: ${INTEGRATION_KEY}}`],
  ])("%s", async (_, body) => {
    answer = response("200 OK", ["Content-Type: application/json", `Content-Length: ${Buffer.byteLength(body)}`], body);
    const { thrown } = (await recordCall()) as { thrown: ResponseParseError };
    expect(thrown).toBeInstanceOf(ResponseParseError);
    expect(shown(thrown)).not.toMatch(/MARKER|Bad gateway/);
  });
});

describe("odd but valid answers", () => {
  it("a 500 that echoes the key in its status text, a header and its body: an InternalServerError with it redacted", async () => {
    answer = response(
      `500 ${INTEGRATION_KEY}`,
      ["Content-Type: application/json", `X-Echo: ${INTEGRATION_KEY}`, `Content-Length: ${echo.length}`],
      echo,
    );
    const error = await unwrap((await recordCall()) as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(shown(error)).toContain("bad key [REDACTED]");
    expect(shown(error)).not.toContain("MARKER");
  });

  it.each([5_000, 200_000])(
    "a 400 whose JSON body is nested %i deep (JSON.parse takes it): a BadRequestError quoting its start on every runtime, its body kept, redacted",
    async (depth) => {
      const body = `${"[".repeat(depth)}"${INTEGRATION_KEY}"${"]".repeat(depth)}`;
      answer = response("400 Bad Request", ["Content-Type: application/json", `Content-Length: ${body.length}`], body);
      const error = await unwrap((await recordCall()) as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as Error).message).toBe(`GET ${RECORD_URL()} answered 400: ${"[".repeat(200)}…`);
      let innermost = (error as BadRequestError).body;
      for (let level = 0; level < depth; level++) innermost = (innermost as unknown[])[0];
      expect(innermost).toBe("[REDACTED]");
    },
  );

  it("an unknown Content-Encoding is passed through: the body is read as it is", async () => {
    answer = response(
      "200 OK",
      ["Content-Type: application/json", "Content-Encoding: zstdx", "Content-Length: 2"],
      "{}",
    );
    const result = await recordCall();
    expect(result).toMatchObject({ data: {}, response: { status: 200 } });
  });
});

describe("an encoded body the runtime's fetch hands over as it came", () => {
  it.each([
    ["an encoding no fetch decodes", "zstdx"],
    ["two encodings, one unknown", "gzip, zstdx"],
  ])("%s: a ResponseParseError that names the Content-Encoding", async (_, encoding) => {
    answer = response(
      "200 OK",
      ["Content-Type: application/json", `Content-Encoding: ${encoding}`, `Content-Length: ${gzippedRecord.length}`],
      gzippedRecord,
    );
    const { thrown } = (await recordCall()) as { thrown: ResponseParseError };
    expect(thrown).toBeInstanceOf(ResponseParseError);
    expect(thrown.message).toMatch(
      new RegExp(
        `^GET /api/external/objects/\\{object_sid\\}/records/\\{record_sid\\}/ answered with a body that is not valid JSON: .* \\(its Content-Encoding, ${encoding}, may not have been decoded\\)$`,
      ),
    );
  });

  it("a body that is not JSON without an encoding names none", async () => {
    answer = response("200 OK", ["Content-Type: application/json", "Content-Length: 4"], "nope");
    const { thrown } = (await recordCall()) as { thrown: ResponseParseError };
    expect(thrown.message).not.toContain("Content-Encoding");
  });
});

describe("every malformed answer above", () => {
  it("no answer left an unhandled rejection behind", () => {
    expect(unhandled).not.toHaveBeenCalled();
  });
});
