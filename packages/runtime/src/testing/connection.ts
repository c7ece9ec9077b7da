// How a fake's answers travel to the app the way a network's do: a signal that aborts the exchange, and a
// connection that drops.

/**
 * The `TypeError` a fake's fetch rejects with when a test drops the connection, as fetch rejects on a network
 * failure. Its class tells a fake's local server to reset the socket rather than answer.
 */
export class DroppedConnection extends TypeError {}

/**
 * `response` with a body that errors with the signal's reason once `signal` aborts, as a fetched body does when the
 * request's signal aborts after the headers arrived (a handler's stream may stall forever).
 */
export function bodyUntilAborted(response: Response, signal: AbortSignal): Response {
  if (response.body === null) return response;
  const reader = response.body.getReader();
  let body!: ReadableStreamDefaultController<Uint8Array>;
  const abort = () => {
    body.error(signal.reason);
    void reader.cancel(signal.reason).catch(() => {});
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      body = controller;
      signal.addEventListener("abort", abort, { once: true });
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (signal.aborted) return; // the body has already failed with the signal's reason
      if (!done) return controller.enqueue(value);
      signal.removeEventListener("abort", abort);
      controller.close();
    },
    cancel(reason) {
      signal.removeEventListener("abort", abort);
      return reader.cancel(reason);
    },
  });
  const { status, statusText, headers } = response;
  return new Response(stream, { status, statusText, headers });
}
