// undici (Node's fetch) cancels the unread body of a `Response` it has collected, to free the connection. A caller
// of a `parseAs: "stream"` call who keeps only `data` (the body) would find it canceled before reading it. Keyed by
// the body, this map keeps each such response for as long as its body can still be read, and no longer.
const responseOfBody = new WeakMap<object, Response>();

// A caller who drops `data` without reading it to its end or canceling it, and keeps the signal the call follows, would
// keep the call on that signal (and with it the response) for as long as the signal lives. Once such a body is
// collected, this registry ends it (see `dropped`). A runtime without FinalizationRegistry follows it as before.
const droppedBodies =
  typeof FinalizationRegistry === "function" ? new FinalizationRegistry<() => void>((dropped) => dropped()) : undefined;

/** Keeps a streamed call's response alive for as long as its body, the call's `data`, is. */
export function keepResponseWithBody(result: { readonly data?: unknown; readonly response: Response }): void {
  const { data, response } = result;
  if (typeof data === "object" && data !== null) responseOfBody.set(data, response);
}

/**
 * A streamed call's result (`parseAs: "stream"`) whose `data` the caller reads through keyway, as every other body:
 * a failure to read it (a connection cut mid-body, a body that does not decompress, the caller's signal ending it) is
 * the typed error `failed` makes of it, and `ended` runs once the body has ended (read to its end, canceled by the
 * caller, failed, or dropped and collected), so that the call follows the caller's signal until then and no longer.
 * The response's own body is only locked once the caller reads `data`. A result without a stream (a failure, 204,
 * HEAD) is returned as it is.
 */
export function followedStream<Result extends { readonly data?: unknown; readonly response: Response }>(
  result: Result,
  failed: (error: unknown) => unknown,
  ended: () => void,
): Result {
  const { data } = result;
  if (!(data instanceof ReadableStream)) {
    ended();
    return result;
  }
  const body = data as ReadableStream<Uint8Array>;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    droppedBodies?.unregister(source);
    ended();
  };
  // Runs once the caller has dropped `data` (no read was waiting on it): a body it had begun to read is canceled, as
  // nothing else can read it (undici cancels a collected response's unread body itself). A caller who reads the
  // response's own body (`response.body`) rather than `data` is still followed: that read outlives `data`.
  const dropped = () => {
    if (reader) reader.cancel().catch(() => {});
    if (reader || !body.locked) ended();
  };
  const source: UnderlyingSource<Uint8Array> = {
    async pull(controller) {
      reader ??= body.getReader();
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
          // A byte stream's BYOB read waiting at the end is answered only when told it got nothing.
          (controller as Partial<ReadableByteStreamController>).byobRequest?.respond(0);
        }
        // A copy: a byte stream takes over the buffer it is given, which may be shared with the body's source.
        else controller.enqueue(new Uint8Array(value));
      } catch (error) {
        const failure = failed(error);
        end();
        controller.error(failure);
      }
    },
    cancel(reason) {
      end();
      return (reader ?? body).cancel(reason);
    },
  };
  const stream = byteStream(source);
  // What `dropped` reaches must not hold `stream`, or the registry would keep it for ever.
  droppedBodies?.register(stream, dropped, source);
  const followed = { ...result, data: stream };
  keepResponseWithBody(followed);
  return followed;
}

/**
 * A stream of `source`'s bytes that asks for them only as they are read: a byte stream, as a fetch body is (so a
 * caller's `getReader({ mode: "byob" })` works), where the runtime has byte streams, a plain one where it has not.
 */
function byteStream(source: UnderlyingSource<Uint8Array>): ReadableStream<Uint8Array> {
  try {
    return new ReadableStream({ ...source, type: "bytes" } as UnderlyingByteSource, { highWaterMark: 0 });
  } catch {
    return new ReadableStream(source, { highWaterMark: 0 });
  }
}
