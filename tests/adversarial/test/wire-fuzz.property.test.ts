import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { createStackAuthClient, createStackAuthServerClient, StackAuthError } from "@keyway/stack-auth";
import { ApiError, createStackerClient, KeywayError, unwrap } from "@keyway/stacker";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ACCESS_TOKEN,
  ACCOUNT_ID,
  INTEGRATION_KEY,
  PROJECT_ID,
  REFRESH_TOKEN,
  SECRET_SERVER_KEY,
  shown,
  STACK_ID,
} from "./network.js";

// A hostile server's answers drawn at random, written byte for byte: a status line, headers and a body, framed,
// encoded and cut in every way fast-check finds. Whatever arrives, a call ends (soon) in a result or a typed keyway
// error; a body that arrived whole and intact as JSON is the data; and no credential shows in what the caller sees or
// reaches the other origin a `Location` names.

/** What one drawn answer is made of. */
interface Answer {
  readonly status: string;
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
  readonly encoding: "none" | "gzip" | "deflate" | "br" | "corrupt gzip" | "unknown";
  readonly framing: "length" | "length too long" | "length too short" | "chunked" | "bad chunk" | "close";
  readonly extraHeaders: readonly string[];
  readonly cut: boolean;
}

const echoes = [INTEGRATION_KEY, SECRET_SERVER_KEY, ACCESS_TOKEN, REFRESH_TOKEN];

const statusArbitrary = fc.oneof(
  fc.constantFrom("200 OK", "201 Created", "204 No Content", "206 Partial", "299 Odd"),
  fc.constantFrom("301 Moved", "302 Found", "303 See Other", "304 Not Modified", "307 Temporary", "308 Permanent"),
  fc.constantFrom("400 Bad Request", "401 Unauthorized", "403 Forbidden", "404 Not Found", "409 Conflict"),
  fc.constantFrom("422 Unprocessable", "429 Too Many", "500 Internal", "502 Bad Gateway", "503 Unavailable"),
  fc.integer({ min: 100, max: 999 }).map((code) => `${code} Drawn`),
  fc.constantFrom(...echoes).map((secret) => `500 ${secret}`),
  fc.constantFrom("abc", "200", "2000 OK", "-1 Neg", " 200 OK"),
);

const jsonTexts = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.constantFrom(...echoes).map((secret) => JSON.stringify({ detail: `bad key ${secret}`, key: secret })),
  fc.constantFrom('{"sid":"rec1"}', "null", "[]", "{}", "", " ", '{"a":', "<html>Bad gateway</html>", "\uFEFF{}"),
);

const bodyArbitrary = fc.oneof(
  { weight: 4, arbitrary: jsonTexts.map((text) => new TextEncoder().encode(text)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
);

const headerArbitrary = fc.oneof(
  fc.constantFrom("Retry-After: 0", "Retry-After: junk", "Retry-After: 99999999999", "retry-after-ms: -5"),
  fc.constantFrom("x-should-retry: true", "x-should-retry: nope", "X-Request-Id: req_1"),
  fc.constantFrom(...echoes).map((secret) => `X-Echo: ${secret}`),
  fc.constantFrom(...echoes).map((secret) => `Set-Cookie: session=${secret}`),
  fc.constantFrom("Location: /landing", "Location: //elsewhere.invalid/x", "Location: ::", "Location: http://[::1"),
  fc.constantFrom(...echoes).map((secret) => `Location: /moved/${secret}`),
  fc.constantFrom("x-stack-known-error: SCHEMA_ERROR", "x-stack-known-error: ", "x-stack-known-error: NOT_A_CODE"),
  fc.constantFrom(
    "x-stack-known-error: ACCESS_TOKEN_EXPIRED",
    "x-stack-known-error: REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
  ),
  fc.constantFrom("X-Stack-Actual-Status: 418", "X-Stack-Actual-Status: abc"),
);

const answerArbitrary: fc.Arbitrary<Answer> = fc.record({
  status: statusArbitrary,
  contentType: fc.option(
    fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "application/problem+json",
      "text/html",
      "text/plain",
      "application/octet-stream",
      ";;",
    ),
    { nil: undefined },
  ),
  body: bodyArbitrary,
  encoding: fc.constantFrom("none", "none", "gzip", "deflate", "br", "corrupt gzip", "unknown"),
  framing: fc.constantFrom("length", "length", "length too long", "length too short", "chunked", "bad chunk", "close"),
  extraHeaders: fc.array(headerArbitrary, { maxLength: 3 }),
  cut: fc.boolean(),
});

function encoded(body: Uint8Array, encoding: Answer["encoding"]): Uint8Array {
  if (encoding === "gzip") return gzipSync(body);
  if (encoding === "deflate") return deflateSync(body);
  if (encoding === "br") return brotliCompressSync(body);
  if (encoding === "corrupt gzip") return Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), body]);
  return body;
}

function contentEncodingHeader(encoding: Answer["encoding"]): string[] {
  if (encoding === "none") return [];
  if (encoding === "corrupt gzip") return ["Content-Encoding: gzip"];
  if (encoding === "unknown") return ["Content-Encoding: zstdx"];
  return [`Content-Encoding: ${encoding}`];
}

/** The bytes of `answer`, as its framing writes them. */
function bytesOf(answer: Answer): Buffer {
  const payload = encoded(answer.body, answer.encoding);
  const headers = [
    "Connection: close",
    ...(answer.contentType === undefined ? [] : [`Content-Type: ${answer.contentType}`]),
    ...contentEncodingHeader(answer.encoding),
    ...answer.extraHeaders,
  ];
  let framed: Uint8Array = payload;
  if (answer.framing === "length") headers.push(`Content-Length: ${payload.length}`);
  if (answer.framing === "length too long") headers.push(`Content-Length: ${payload.length + 7}`);
  if (answer.framing === "length too short") headers.push(`Content-Length: ${Math.max(0, payload.length - 1)}`);
  if (answer.framing === "chunked" || answer.framing === "bad chunk") {
    headers.push("Transfer-Encoding: chunked");
    const size = answer.framing === "chunked" ? payload.length.toString(16) : "zz";
    const chunk = payload.length ? [Buffer.from(`${size}\r\n`), payload, Buffer.from("\r\n")] : [];
    framed = Buffer.concat([...chunk, Buffer.from("0\r\n\r\n")]);
  }
  const head = `HTTP/1.1 ${answer.status}\r\n${headers.map((header) => `${header}\r\n`).join("")}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), framed]);
}

/** Whether `answer` is a well-formed 2xx whose body is JSON, as a client reads it after undoing its encoding. */
function intactJson(answer: Answer): unknown[] | undefined {
  const status = Number(answer.status.split(" ")[0]);
  if (!/^2\d\d /.test(answer.status) || status === 204 || status === 206) return undefined;
  if (answer.cut || !["length", "chunked", "close"].includes(answer.framing)) return undefined;
  if (!["none", "gzip", "deflate", "br"].includes(answer.encoding)) return undefined;
  if (!answer.contentType?.startsWith("application/json")) return undefined;
  if (answer.extraHeaders.some((header) => /^(x-stack|location)/i.test(header))) return undefined;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(answer.body);
    return text.trim() === "" ? undefined : [JSON.parse(text)];
  } catch {
    return undefined;
  }
}

let planned: Answer;
/** The requests the API's server has read, one a connection (each answer closes its connection). */
let attemptsSeen = 0;
let api: Server;
let elsewhere: Server;
let apiUrl = "";
const seenElsewhere: string[] = [];
const sockets = new Set<Socket>();

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  api = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", () => {
      attemptsSeen++;
      const bytes = bytesOf(planned);
      if (!planned.cut) return void socket.end(bytes);
      socket.write(bytes.subarray(0, Math.ceil(bytes.length / 2)), () => socket.destroy());
    });
  });
  elsewhere = createServer((socket) => {
    socket.on("error", () => {});
    socket.on("data", (chunk) => seenElsewhere.push(chunk.toString("latin1")));
    socket.end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  });
  apiUrl = await listen(api);
  const elsewhereUrl = await listen(elsewhere);
  // A Location to another origin, which the client must not follow with its credentials.
  extraLocations.push(`Location: ${elsewhereUrl}/stolen`, `Location: ${elsewhereUrl.replace("http:", "https:")}/x`);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([api, elsewhere].map((server) => new Promise((resolve) => server.close(resolve))));
});
const extraLocations: string[] = [];

const unhandled = vi.fn();
process.on("unhandledRejection", unhandled);
afterAll(() => {
  process.off("unhandledRejection", unhandled);
});

/** What a caller may see of a settled call: what it threw, the API error `unwrap` throws, and the call's `error`. */
function seenByCaller({ thrown, unwrapped, result }: Awaited<ReturnType<typeof settle>>): string {
  return [thrown, unwrapped instanceof Error ? unwrapped : undefined, result?.error].map(shown).join(" ");
}

/** A call of one of the clients, settled: what it resolved with or threw. */
async function settle(call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>) {
  try {
    const result = await call();
    return { result, thrown: undefined, unwrapped: await unwrap(result as never).catch((error: unknown) => error) };
  } catch (thrown) {
    return { result: undefined, thrown, unwrapped: undefined };
  }
}

/** Each client's call, and the credentials it holds: what must show nowhere (the other client's may). */
const stacker = (maxRetries = 0) =>
  createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl: apiUrl,
    maxRetries,
    timeout: 5_000,
  });

const CALLS = {
  "Stacker GET": () =>
    stacker().GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
    }),
  "Stack Auth server GET": () =>
    createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: apiUrl,
      maxRetries: 0,
      timeout: 5_000,
    }).GET("/users/{user_id}", { params: { path: { user_id: "user_1" } } }),
  // A 401 the client reads as an expired token sends the refresh request, which meets the same answer.
  "Stack Auth client GET, signed in": () =>
    createStackAuthClient({
      projectId: PROJECT_ID,
      baseUrl: apiUrl,
      session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
      maxRetries: 0,
      timeout: 5_000,
    }).GET("/users/me"),
} as const;
const CREDENTIALS: Record<keyof typeof CALLS, readonly string[]> = {
  "Stacker GET": [INTEGRATION_KEY],
  "Stack Auth server GET": [SECRET_SERVER_KEY],
  "Stack Auth client GET, signed in": [ACCESS_TOKEN, REFRESH_TOKEN],
};

describe("a hostile server's answer, drawn at random and written byte for byte", () => {
  it.each(Object.keys(CALLS) as (keyof typeof CALLS)[])(
    "%s ends in its data, an API error or a typed keyway error, and shows no credential",
    async (name) => {
      await fc.assert(
        fc.asyncProperty(
          answerArbitrary,
          fc.option(fc.constantFrom(0, 1), { nil: undefined }),
          async (answer, elsewhereLocation) => {
            const located = elsewhereLocation === undefined ? [] : [extraLocations[elsewhereLocation]!];
            planned = { ...answer, extraHeaders: [...answer.extraHeaders, ...located] };
            const settled = await settle(CALLS[name]);
            const { result, thrown, unwrapped } = settled;
            if (thrown !== undefined) expect(thrown).toBeInstanceOf(KeywayError);
            if (unwrapped instanceof Error) {
              expect(unwrapped).toBeInstanceOf(ApiError);
              expect((unwrapped as ApiError).status).toBe(result?.response.status);
            }
            const intact = intactJson(planned);
            if (intact && result) expect(result.data).toEqual(intact[0]);
            for (const credential of CREDENTIALS[name]) {
              expect(seenByCaller(settled)).not.toContain(credential);
              expect(seenElsewhere.join("")).not.toContain(credential);
            }
          },
        ),
        { numRuns: 150 },
      );
      expect(unhandled).not.toHaveBeenCalled();
    },
    90_000,
  );

  it("a Stack Auth known error drawn at random reads as a StackAuthError or an ApiError, never a thrown parse", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("SCHEMA_ERROR", "USER_NOT_FOUND", "NOT_A_CODE", "", "__proto__", "constructor"),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ code: "USER_NOT_FOUND", details: SECRET_SERVER_KEY })),
        fc.constantFrom("400 Bad Request", "404 Not Found", "200 OK", "500 Internal"),
        async (code, body, status) => {
          planned = {
            status,
            contentType: "application/json",
            body: new TextEncoder().encode(JSON.stringify(body) ?? ""),
            encoding: "none",
            framing: "length",
            extraHeaders: [`x-stack-known-error: ${code}`],
            cut: false,
          };
          const settled = await settle(CALLS["Stack Auth server GET"]);
          const { thrown, unwrapped } = settled;
          if (thrown !== undefined) expect(thrown).toBeInstanceOf(KeywayError);
          if (unwrapped instanceof Error) expect(unwrapped).toBeInstanceOf(ApiError);
          if (unwrapped instanceof StackAuthError) expect(typeof unwrapped.code).toBe("string");
          expect(seenByCaller(settled)).not.toContain(SECRET_SERVER_KEY);
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  it("a retry goes out only for a GET whose answer asks for one, and a POST is never sent twice", async () => {
    const calls = {
      GET: () =>
        stacker(1).GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
          params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
        }),
      POST: () =>
        stacker(1).POST("/api/external/objects/{object_sid}/records/", {
          params: { path: { object_sid: "object.custom.orders" } },
          body: { orders__number: 1 },
        }),
    };
    await fc.assert(
      fc.asyncProperty(
        answerArbitrary,
        fc.constantFrom("GET", "POST"),
        fc.constantFrom(...RETRYABLE_STATUSES, "200 OK", "400 Bad Request", "404 Not Found"),
        async (answer, method: keyof typeof calls, status) => {
          // An immediate retry, whatever the drawn headers ask, so that a run takes milliseconds.
          const extraHeaders = [...answer.extraHeaders.filter((h) => !/^retry-after/i.test(h)), "retry-after-ms: 0"];
          planned = { ...answer, status, framing: "length", cut: false, encoding: "none", extraHeaders };
          attemptsSeen = 0;
          const settled = await settle(calls[method]);
          if (settled.thrown !== undefined) expect(settled.thrown).toBeInstanceOf(KeywayError);
          const override = extraHeaders.find((h) => h.startsWith("x-should-retry: "))?.slice(16);
          // x-should-retry decides when it says true or false; "nope" says neither, so the status does.
          const retried =
            method === "GET" && (override === "true" || (override !== "false" && RETRYABLE_STATUSES.includes(status)));
          expect(attemptsSeen).toBe(retried ? 2 : 1);
          expect(seenByCaller(settled)).not.toContain(INTEGRATION_KEY);
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);
});

const RETRYABLE_STATUSES = [
  "408 Timeout",
  "409 Conflict",
  "429 Too Many",
  "500 Internal",
  "502 Bad Gateway",
  "503 Unavailable",
];
