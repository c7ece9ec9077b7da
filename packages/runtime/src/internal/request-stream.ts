import { InvalidRequestBodyError } from "../errors.js";

/**
 * The bytes of a request body given as a stream, read before the first attempt so that a retry or a 307/308 can send
 * them again. A stream that stalls cannot hold the call: once `timeoutMs` has passed or `signal` aborts, the read ends
 * and the stream is canceled (telling its source to stop), rejecting with `expired()` or `aborted()`. Text is sent as
 * UTF-8; a chunk that is neither bytes nor text ends the read with an `InvalidRequestBodyError`.
 */
export async function streamBytes(
  stream: ReadableStream,
  mediaType: string | null,
  timeoutMs: number,
  expired: () => Error,
  signal: AbortSignal | undefined,
  aborted: () => Error,
) {
  const reader = stream.getReader();
  let ended: Error | undefined;
  const end = (error: Error) => {
    ended ??= error;
    reader.cancel(error).catch(() => {});
  };
  const timer = setTimeout(() => end(expired()), timeoutMs);
  const onAbort = () => end(aborted());
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: BlobPart[] = [];
    for (;;) {
      // A canceled reader's pending read resolves as done: `ended` says why.
      const { done, value } = await reader.read();
      if (!ended && !done && !isBlobPart(value)) {
        const reason = "is a stream that yielded something other than bytes or text";
        end(new InvalidRequestBodyError({ at: "body", reason, mediaType: mediaType ?? undefined }));
      }
      if (ended) throw ended;
      // An empty body as no bytes, which every runtime sends with `Content-Length: 0`: Deno's fetch sends an empty Blob
      // chunked, with no length, which a server that requires one refuses.
      if (done) return chunks.length === 0 ? new Uint8Array(0) : new Blob(chunks);
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function isBlobPart(chunk: unknown): chunk is BlobPart {
  return (
    typeof chunk === "string" || chunk instanceof Blob || chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk)
  );
}
