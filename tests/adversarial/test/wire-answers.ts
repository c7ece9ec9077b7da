// Answers a hostile HTTP/1.1 server may write, drawn by fast-check and written byte for byte: a status line, headers
// and a body, framed, encoded and cut in every way. Shared by the wire fuzz here and the ecosystem matrix, which sends
// a fixed draw of them to every runtime.
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import fc from "fast-check";

/** What one drawn answer is made of. */
export interface Answer {
  readonly status: string;
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
  readonly encoding: "none" | "gzip" | "deflate" | "br" | "corrupt gzip" | "unknown";
  readonly framing: "length" | "length too long" | "length too short" | "chunked" | "bad chunk" | "close";
  readonly extraHeaders: readonly string[];
  readonly cut: boolean;
}

/**
 * Answers a hostile server may write, each echoing one of `echoes` (the credentials of the clients under test) here
 * and there: in the status text, a header, a `Location`, a JSON body.
 */
export function wireAnswers(echoes: readonly string[]): fc.Arbitrary<Answer> {
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

  const hostile = fc.record({
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
    framing: fc.constantFrom(
      "length",
      "length",
      "length too long",
      "length too short",
      "chunked",
      "bad chunk",
      "close",
    ),
    extraHeaders: fc.array(headerArbitrary, { maxLength: 3 }),
    cut: fc.boolean(),
  });
  // A success sent right, in any framing and encoding a server may choose: its body must come through as it was.
  const wellFormed = fc.record({
    status: fc.constantFrom("200 OK", "201 Created"),
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8"),
    body: fc.jsonValue({ maxDepth: 3 }).map((value) => new TextEncoder().encode(JSON.stringify(value))),
    encoding: fc.constantFrom("none", "gzip", "deflate", "br"),
    framing: fc.constantFrom("length", "chunked", "close"),
    extraHeaders: fc.subarray(["X-Request-Id: req_1", "Retry-After: 0", "Cache-Control: no-store"]),
    cut: fc.constant(false),
  });
  return fc.oneof({ weight: 3, arbitrary: hostile }, { weight: 1, arbitrary: wellFormed });
}

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
export function bytesOf(answer: Answer): Buffer {
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
export function intactJson(answer: Answer): unknown[] | undefined {
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
