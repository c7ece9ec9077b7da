/** What {@link readChunks} read of a body. */
export interface ChunksRead {
  /** The chunks read, in order. */
  readonly chunks: Uint8Array[];
  /** Their bytes in all. */
  readonly bytes: number;
  /** Whether the body ended; false when reading stopped past the limit, the rest still in the reader. */
  readonly ended: boolean;
}

/** How far {@link readChunks} reads, and what ends its read. */
export interface ChunkReadLimit {
  /** Reading stops once more than this many bytes have arrived; `Infinity` reads to the body's end. */
  readonly maxBytes: number;
  /** Its abort fails the read with its reason, whatever the stream then does. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Whether the abort also cancels the reader (default true): that settles a read that a runtime's stream leaves
   * pending after its request is aborted (Node 20's fetch, for a body it decodes), at the cost of a listener per read.
   */
  readonly cancelOnAbort?: boolean;
}

/**
 * Reads a response body's chunks from `reader` until the body ends or more than `maxBytes` have arrived, the one
 * implementation every keyway package reads a body with. An abort of `signal` always fails the read, also when the
 * stream then reports its end: on Node 20 a clone of a response whose request was aborted while the other copy was
 * read ends as if whole, and a body cut short is never taken for a complete (or empty) one. A read that fails cancels
 * the reader. For client packages, which read a body before the call does (a service's `readResponse`).
 *
 * @example
 * ```ts
 * import { readChunks } from "@keyway/runtime";
 *
 * const signal = AbortSignal.timeout(5_000);
 * const response = await fetch("https://api.example.com/status", { signal });
 * const reader = response.body!.getReader();
 * // The first 16 KiB at most, within the request's 5 s.
 * const { chunks, ended } = await readChunks(reader, { maxBytes: 16 * 1024, signal });
 * const start = await new Blob(chunks).text();
 * if (!ended) await reader.cancel(); // the rest is not needed
 * ```
 */
export async function readChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  { maxBytes, signal, cancelOnAbort = true }: ChunkReadLimit,
): Promise<ChunksRead> {
  // Canceling the reader settles a read the runtime's stream would leave pending (as ended: the check below says why).
  const cancel = signal && cancelOnAbort ? () => void reader.cancel(signal.reason).catch(() => {}) : undefined;
  if (cancel) signal!.addEventListener("abort", cancel, { once: true });
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    signal?.throwIfAborted();
    while (bytes <= maxBytes) {
      const next = await reader.read();
      signal?.throwIfAborted();
      if (next.done) return { chunks, bytes, ended: true };
      chunks.push(next.value);
      bytes += next.value.byteLength;
    }
    return { chunks, bytes, ended: false };
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    if (cancel) signal!.removeEventListener("abort", cancel);
  }
}
