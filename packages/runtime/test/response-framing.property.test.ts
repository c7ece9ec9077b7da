import { createServer, type AddressInfo, type Server } from "node:net";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient, type ClientMeta } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// One answer, the same bytes of body, reaches a client framed three ways: with its `Content-Length`, chunked, or ended
// by closing the connection. openapi-fetch answers `Content-Length: 0` without reading the body, and reads the others:
// a keyway call gives the same `{ data, error }`, or throws the same error, whichever way its body was framed.

const FRAMINGS = ["length", "chunked", "close"] as const;
type Framing = (typeof FRAMINGS)[number];

/** How each operation's spec declares its successes, as the generator writes it into the metadata. */
const DECLARED = {
  none: { successesWithBody: "" },
  json: { successesWithBody: "200 201" },
  text: { successesWithBody: "2XX", successBody: "text" },
  // As metadata generated before 205 was left out of a range gives it.
  binary: { successesWithBody: "2XX" },
} as const;
type Declared = keyof typeof DECLARED;
const METHODS = ["GET", "HEAD", "POST", "DELETE"] as const;
type Method = (typeof METHODS)[number];
const PARSE_AS = [undefined, "json", "text", "blob", "arrayBuffer", "stream"] as const;
type ParseAs = (typeof PARSE_AS)[number];

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: Object.fromEntries(
    Object.entries(DECLARED).flatMap(([name, declared]) =>
      METHODS.map((method) => [`${method} /${name}`, { id: `${method}-${name}`, security: [["ApiKey"]], ...declared }]),
    ),
  ),
} satisfies ClientMeta<"ApiKey">;

/** One answer a server writes, byte for byte. */
interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
  readonly gzip: boolean;
}

/** The bytes of `answer` to a `method` request, its body framed as `framing` says. */
function bytesOf(answer: Answer, method: Method, framing: Framing): Buffer {
  const payload = answer.gzip ? gzipSync(answer.body) : answer.body;
  const headers = ["Connection: close"];
  if (answer.contentType !== undefined) headers.push(`Content-Type: ${answer.contentType}`);
  if (answer.gzip) headers.push("Content-Encoding: gzip");
  if (framing === "length") headers.push(`Content-Length: ${payload.length}`);
  if (framing === "chunked") headers.push("Transfer-Encoding: chunked");
  const head = Buffer.from(`HTTP/1.1 ${answer.status} Status\r\n${headers.map((h) => `${h}\r\n`).join("")}\r\n`);
  if (method === "HEAD") return head;
  if (framing !== "chunked") return Buffer.concat([head, payload]);
  const chunk = payload.length ? [Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from("\r\n")] : [];
  return Buffer.concat([head, ...chunk, Buffer.from("0\r\n\r\n")]);
}

let answer: Buffer = Buffer.alloc(0);
let server: Server;
let client: ReturnType<typeof createApiClient<Record<string, never>>>["client"];

/** Answers each request, once it has arrived whole (its headers, and its body's `Content-Length` bytes), with `answer`. */
beforeAll(async () => {
  server = createServer((socket) => {
    socket.on("error", () => {});
    let received = Buffer.alloc(0);
    socket.on("data", (data) => {
      received = Buffer.concat([received, data]);
      const headEnd = received.indexOf("\r\n\r\n");
      if (headEnd < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(received.subarray(0, headEnd).toString("latin1"))?.[1];
      if (received.length - headEnd - 4 < Number(length ?? 0)) return;
      socket.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createApiClient<Record<string, never>>({
    meta,
    baseUrl,
    auth: apiKeyAuth(),
    maxRetries: 0,
    timeout: 5_000,
  }).client;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A value as a user sees it, with a Blob, bytes or a stream read into what they hold. */
async function seen(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] };
  if (value instanceof ArrayBuffer) return { arrayBuffer: [...new Uint8Array(value)] };
  if (value instanceof ReadableStream) return { stream: [...new Uint8Array(await new Response(value).arrayBuffer())] };
  return value;
}

/** What a user sees of one call: its status, `data` and `error` read, or the class and message of what it threw. */
async function outcomeOf(declared: Declared, method: Method, parseAs: ParseAs, framing: Framing, drawn: Answer) {
  answer = bytesOf(drawn, method, framing);
  const call = client.request(method.toLowerCase() as "get", `/${declared}`, {
    ...(method === "POST" ? { body: { sent: true } } : {}),
    ...(parseAs === undefined ? {} : { parseAs }),
  } as never) as Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return call.then(
    async ({ data, error, response }) => ({
      status: response.status,
      data: await seen(data),
      error: await seen(error),
    }),
    (thrown: Error) => ({ thrown: thrown.constructor.name, message: thrown.message }),
  );
}

/**
 * What a user sees of an empty body: a failure's `error` is undefined, and so is the `data` of a 204 or a HEAD answer,
 * which have no body at all (as openapi-fetch gives them); read as JSON, a success whose spec declares a body for its
 * status fails, and any other is `undefined`, a 205's too (it never has content, whatever a range declares); read as text, a Blob, bytes or a stream, it is what that read of an
 * empty body gives (a 205's stream is `null`: fetch leaves its body out).
 */
function emptyAnswer(drawn: Answer, declared: Declared, parseAs: ParseAs, method: Method) {
  const { status } = drawn;
  const nothing = { status, data: undefined, error: undefined };
  if (status >= 300 || status === 204 || method === "HEAD") return nothing;
  const declaration: { successesWithBody: string; successBody?: string } = DECLARED[declared];
  const readAs = parseAs ?? (declaration.successBody === "text" ? "text" : "json");
  if (readAs === "json") {
    const withBody = declaration.successesWithBody.split(" ");
    if (status === 205 || (!withBody.includes(String(status)) && !withBody.includes("2XX"))) return nothing;
    const decoded = drawn.gzip ? " once decoded from its Content-Encoding, gzip (which may be corrupt)" : "";
    const message = `${method} /${declared} answered ${status} with an empty body${decoded}, where its spec declares one`;
    return { thrown: "ResponseParseError", message };
  }
  const read = {
    text: "",
    blob: { blob: (drawn.contentType ?? "").replace("; ", ";"), bytes: [] },
    arrayBuffer: { arrayBuffer: [] },
    stream: status === 205 ? null : { stream: [] },
  }[readAs];
  return { ...nothing, data: read };
}

/** What a user sees of one call answered `drawn`, in each framing, one after the other (the server answers one). */
async function outcomesOf(drawn: Answer, declared: Declared, parseAs: ParseAs, method: Method) {
  const outcomes = [];
  for (const framing of FRAMINGS) outcomes.push(await outcomeOf(declared, method, parseAs, framing, drawn));
  return outcomes;
}

const bodies = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  {
    weight: 2,
    arbitrary: fc.constantFrom('{"id":"rec1"}', "[]", "null", '""', " ", "id,total\n1,9.50\n", '{"a":', "\uFEFF{}"),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)) },
);
const drawnAnswers = fc.record({
  status: fc.constantFrom(200, 201, 202, 203, 204, 205, 206, 299, 304, 400, 404, 409, 500),
  contentType: fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "text/plain; charset=utf-8",
    "application/octet-stream",
    undefined,
  ),
  body: fc.oneof(
    { weight: 4, arbitrary: bodies.map((text) => new TextEncoder().encode(text)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 16 }) },
  ),
  gzip: fc.boolean(),
});
// A 205 may still come with content, which fetch leaves out; a 204's or a 304's would be read as the next answer.
const answers: fc.Arbitrary<Answer> = drawnAnswers.map((drawn) =>
  drawn.status === 204 || drawn.status === 304 ? { ...drawn, body: new Uint8Array(0), gzip: false } : drawn,
);

describe("a response's { data, error } does not depend on how its body was framed (property)", () => {
  it("for every status, declared body, parseAs and method: Content-Length, chunked and close-delimited agree", async () => {
    await fc.assert(
      fc.asyncProperty(
        answers,
        fc.constantFrom(...(Object.keys(DECLARED) as Declared[])),
        fc.constantFrom(...PARSE_AS),
        fc.constantFrom(...METHODS),
        async (drawn, declared, parseAs, method) => {
          const outcomes = await outcomesOf(drawn, declared, parseAs, method);
          for (const [index, outcome] of outcomes.entries())
            expect({ framing: FRAMINGS[index], ...outcome }).toEqual({ framing: FRAMINGS[index], ...outcomes[0] });
          // A 205's content, which fetch leaves out, reads as an empty body's.
          if (drawn.body.length === 0 || drawn.status === 205)
            expect(outcomes[0]).toEqual(emptyAnswer(drawn, declared, parseAs, method));
        },
      ),
      { numRuns: 400 },
    );
  });
});

// Answers whose framing changed what a user saw: a body compressed to nothing read as JSON with its Content-Length
// (openapi-fetch then calls `response.json()`), a 205's content (fetch gives a null body, which `json()` cannot parse),
// and a Blob's type without a Content-Length (keyway's bounded reader makes that Blob).
describe("framings that used to differ", () => {
  it("a gzip body that decodes to nothing fails as an empty body, not as JSON that is not valid", async () => {
    const drawn = { status: 200, contentType: "application/json", body: new Uint8Array(0), gzip: true };
    const message =
      "GET /json answered 200 with an empty body once decoded from its Content-Encoding, gzip (which may be corrupt), where its spec declares one";
    expect(await outcomesOf(drawn, "json", undefined, "GET")).toEqual(
      FRAMINGS.map(() => ({ thrown: "ResponseParseError", message })),
    );
  });

  it("a 205 that comes with content, which fetch leaves out, reads as an empty body, not as a SyntaxError", async () => {
    const drawn = { status: 205, contentType: "application/json", body: new TextEncoder().encode("{}"), gzip: false };
    const nothing = { status: 205, data: undefined, error: undefined };
    expect(await outcomesOf(drawn, "json", undefined, "POST")).toEqual(FRAMINGS.map(() => nothing));
    expect(await outcomesOf(drawn, "json", "text", "POST")).toEqual(FRAMINGS.map(() => ({ ...nothing, data: "" })));
  });

  it("a Blob's type is the media type fetch serializes, read with or without a Content-Length", async () => {
    const drawn = {
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: new Uint8Array([104, 105]),
      gzip: false,
    };
    const types = [];
    for (const framing of FRAMINGS) {
      answer = bytesOf(drawn, "GET", framing);
      types.push(((await client.request("get", "/json", { parseAs: "blob" } as never)) as { data: Blob }).data.type);
    }
    expect(types).toEqual(FRAMINGS.map(() => "text/plain;charset=utf-8"));
  });
});
