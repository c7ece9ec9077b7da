/**
 * How many bytes a response's body decodes to, when its headers say: its `Content-Length`, unless a
 * `Content-Encoding` makes that the size on the wire only (a small gzip body can decode to gigabytes), or a
 * `Transfer-Encoding` overrides it (HTTP/1.1 ignores the length then, and some runtimes read the chunks past it).
 */
export function declaredBodyBytes(headers: Headers): number | undefined {
  const length = headers.get("content-length");
  if (length === null || headers.has("content-encoding") || headers.has("transfer-encoding")) return undefined;
  const bytes = Number(length);
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : undefined;
}

/**
 * Makes the methods that read a whole body (`text`, `json`, `arrayBuffer` and `blob`, the ones openapi-fetch calls)
 * count the bytes as they arrive and fail with `tooLarge()`, canceling the rest, as soon as more than `maxBytes`
 * have: fetch would otherwise buffer a body of any size. The response stays the one fetch returned, with its `url`,
 * `type` and `clone()`: a new Response around a counting stream would cost some 10 µs a call on Node 20.
 */
export function limitBody(response: Response, maxBytes: number, tooLarge: () => Error): void {
  const { body } = response;
  if (body === null) return;
  const bytes = () => readWhole(body, maxBytes, tooLarge);
  const text = () => bytes().then((whole) => utf8.decode(whole));
  Object.defineProperties(response, {
    text: { value: text },
    json: { value: () => text().then((json) => JSON.parse(json) as unknown) },
    arrayBuffer: { value: () => bytes().then(ownBuffer) },
    blob: {
      value: () =>
        bytes().then((whole) => new Blob([ownBuffer(whole)], { type: response.headers.get("content-type") ?? "" })),
    },
  });
}

/** The bytes in an ArrayBuffer of their own: a chunk's buffer may hold more than the chunk. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
}

// Decodes as `text()` does: UTF-8, a byte order mark dropped, malformed bytes replaced.
const utf8 = new TextDecoder();

/** The whole body, read chunk by chunk while it stays within `maxBytes`. */
async function readWhole(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      const error = tooLarge();
      reader.cancel(error).catch(() => {});
      throw error;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!; // most bodies in memory, and small ones over the network
  const whole = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}
