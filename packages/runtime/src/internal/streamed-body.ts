// undici (Node's fetch) cancels the unread body of a `Response` it has collected, to free the connection. A caller
// of a `parseAs: "stream"` call who keeps only `data` (the body) would find it canceled before reading it. Keyed by
// the body, this map keeps each such response for as long as its body can still be read, and no longer.
const responseOfBody = new WeakMap<object, Response>();

/** Keeps a streamed call's response alive for as long as its body, the call's `data`, is. */
export function keepResponseWithBody(result: { readonly data?: unknown; readonly response: Response }): void {
  const { data, response } = result;
  if (typeof data === "object" && data !== null) responseOfBody.set(data, response);
}
