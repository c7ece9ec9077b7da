import { withoutQuery } from "./internal/url.js";
import type { SecretSegment } from "./secret-parameters.js";
import type { Redactor } from "./redaction.js";
import { ConfigurationError } from "./keyway-errors.js";
import { ResponseTooLargeError } from "./transport-errors.js";
import { shownSetting } from "./internal/shown.js";
import { readChunks, type ChunkReadLimit, type ChunksRead } from "./internal/body-chunks.js";

/** The most bytes of a response body a keyway client reads for a call unless told otherwise: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Throws a `ConfigurationError` unless `maxBytes` is a limit {@link limitResponseBody} takes: a whole
 * number of bytes, 1 or more, or `Infinity` for none.
 *
 * @example
 * ```ts
 * import { checkMaxResponseBytes } from "@keyway/runtime";
 *
 * const maxResponseBytes = Number(process.env["FILES_MAX_BYTES"] ?? 1_048_576);
 * checkMaxResponseBytes(maxResponseBytes); // a ConfigurationError for 0, 1.5 or NaN, before any request
 * ```
 */
export function checkMaxResponseBytes(maxBytes: number): void {
  if ((Number.isSafeInteger(maxBytes) && maxBytes > 0) || maxBytes === Number.POSITIVE_INFINITY) return;
  throw new ConfigurationError(
    `maxResponseBytes must be a whole number of bytes (1 or more) or Infinity, got ${shownSetting(maxBytes)}`,
  );
}

/** The request a response answers, named by the {@link ResponseTooLargeError} a body over its limit fails with. */
export interface ResponseBodyLimit {
  readonly method: string;
  /** The request's URL; the error names its origin and path only. */
  readonly url: string;
  /** The most bytes the body may decode to; `Infinity` for no limit. */
  readonly maxBytes: number;
  /**
   * Ends a read of the body when it aborts, which then rejects with its reason, whatever state the runtime's own
   * stream is in: Node 20's fetch leaves a body that fails to decode (a gzip body labelled `br`) hanging however
   * its request is aborted.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Bounds what reading `response`'s whole body may cost, for code that reads a response outside a keyway client's
 * call (a key set, a file): a `Content-Length` over the limit throws a {@link ResponseTooLargeError} at once and
 * cancels the body unread; a body of unknown length, or a compressed one (a small gzip body can decode to
 * gigabytes), is counted as it decodes, and `text()`, `json()`, `arrayBuffer()` and `blob()` reject with the same
 * error, canceling the rest, once it passes the limit. Returns the same response.
 *
 * @example
 * ```ts
 * import { limitResponseBody } from "@keyway/runtime";
 *
 * const url = "https://files.example.com/keys.json";
 * const response = await fetch(url);
 * const keys: unknown = await limitResponseBody(response, { method: "GET", url, maxBytes: 1024 * 1024 }).json();
 * ```
 */
export function limitResponseBody(response: Response, limit: ResponseBodyLimit): Response {
  return boundBody(response, limit);
}

/**
 * {@link limitResponseBody}, for a call whose operation's `secretPath` segments its error hides, with what its client's
 * `redactor` knows (a key in the base URL's path). It keeps only the
 * limit's values: a closure of the caller's would live, with all it reaches, as long as the response's body methods.
 */
export function boundBody(
  response: Response,
  { method, url, maxBytes, signal, cancelOnAbort }: ResponseBodyLimit & Pick<ChunkReadLimit, "cancelOnAbort">,
  secretPath?: readonly SecretSegment[],
  redactor?: Redactor,
): Response {
  // A 204 or 304 has no body, whatever length its headers declare.
  if ((!Number.isFinite(maxBytes) && !signal) || response.body === null) return response;
  const { status } = response;
  const tooLarge = () => {
    const shown = withoutQuery(url, secretPath);
    return new ResponseTooLargeError({ method, url: redactor ? redactor.redactText(shown) : shown, maxBytes, status });
  };
  const declared = declaredBodyBytes(response);
  if (declared === undefined) limitBody(response, { maxBytes, tooLarge, signal, cancelOnAbort });
  else if (declared > maxBytes) {
    response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  return response;
}

/**
 * How many bytes a response's body decodes to, when its headers say: its `Content-Length`, unless a
 * `Content-Encoding` makes that the size on the wire only (a small gzip body can decode to gigabytes), or a
 * `Transfer-Encoding` overrides it (HTTP/1.1 ignores the length then, and some runtimes read the chunks past it).
 * Never for a browser's cross-origin response: CORS shows its `Content-Length` but hides its `Content-Encoding`
 * unless the server exposes it.
 */
function declaredBodyBytes(response: Response): number | undefined {
  const { headers } = response;
  const length = headers.get("content-length");
  if (
    length === null ||
    response.type === "cors" ||
    headers.has("content-encoding") ||
    headers.has("transfer-encoding")
  )
    return undefined;
  const bytes = Number(length);
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : undefined;
}

/**
 * Makes the methods that read a whole body (`text`, `json`, `arrayBuffer` and `blob`, the ones openapi-fetch calls)
 * count the bytes as they arrive and fail with `tooLarge()`, canceling the rest, as soon as more than `maxBytes`
 * have: fetch would otherwise buffer a body of any size. The response stays the one fetch returned, with its `url`,
 * `type` and `clone()`: a new Response around a counting stream would cost some 10 µs a call on Node 20.
 */
function limitBody(response: Response, limit: WholeBodyLimit): void {
  // The body as it is when read: \`clone()\` (a logging middleware's) gives the response a new one and locks the old.
  // Not an async function over readChunks: that frame cost about 450 B of garbage a call.
  const bytes = () => {
    let reader: ReadableStreamDefaultReader<Uint8Array>;
    try {
      reader = response.body!.getReader();
    } catch (error) {
      return Promise.reject(error); // a body already read rejects, as fetch's own methods do
    }
    return readChunks(reader, limit).then((read) => wholeBody(read, limit.tooLarge, reader));
  };
  const text = () => bytes().then((whole) => utf8.decode(whole));
  const json = (whole: Uint8Array): unknown => {
    if (whole.byteLength === 0) emptyBodies.add(response);
    return JSON.parse(utf8.decode(whole));
  };
  Object.defineProperties(response, {
    text: { value: text, configurable: true },
    json: { value: () => bytes().then(json), configurable: true },
    arrayBuffer: { value: () => bytes().then(ownBuffer), configurable: true },
    // Through a Response, so that the Blob's type is the media type as fetch serializes it, with or without a length.
    blob: {
      value: () => bytes().then((whole) => new Response(ownBuffer(whole), { headers: response.headers }).blob()),
      configurable: true,
    },
  });
}

/** Responses whose bounded body was read as JSON and held no bytes once decoded (a gzip body of nothing). */
const emptyBodies = new WeakSet<Response>();

/**
 * Whether a JSON read of `response`'s body found nothing: it has none (a 205, whatever length it declares), or its
 * bounded body decoded to no bytes. JSON.parse fails on such a body, where openapi-fetch reads the same empty body
 * sent without a `Content-Length` as `undefined`; this tells that failure from a body that is not JSON.
 */
export function readNothing(response: Response): boolean {
  return response.body === null || emptyBodies.has(response);
}

/** The bytes in an ArrayBuffer of their own: a chunk's buffer may hold more than the chunk. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
}

// Decodes as `text()` does: UTF-8, a byte order mark dropped, malformed bytes replaced.
const utf8 = new TextDecoder();

/** How much of a body {@link limitBody} reads, the error past that, and the signal that ends the read. */
interface WholeBodyLimit {
  readonly maxBytes: number;
  readonly tooLarge: () => Error;
  readonly signal: AbortSignal | undefined;
  /** Whether the signal's abort also cancels the read (see {@link ChunkReadLimit.cancelOnAbort}). */
  readonly cancelOnAbort?: boolean | undefined;
}

/** The whole body of what {@link readChunks} read, or `tooLarge()` when it stopped past the limit. */
function wholeBody({ chunks, bytes, ended }: ChunksRead, tooLarge: () => Error, reader: ReadableStreamDefaultReader) {
  if (!ended) {
    const error = tooLarge();
    reader.cancel(error).catch(() => {});
    throw error;
  }
  if (chunks.length === 1) return chunks[0]!; // most bodies in memory, and small ones over the network
  const whole = new Uint8Array(bytes);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}
