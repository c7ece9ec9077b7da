// A browser from which CORS hides the known-error header (a proxy or deployment that does not expose it) still gets a
// 401's code from its JSON body, so that its session refreshes. The body is read by the fetch, within the attempt that
// received it: a body that stalls or breaks off then fails the attempt as the transport names any other (a
// RequestTimeoutError, a ConnectionError), where reading a clone of it later left the call a 401 with an empty body.
// Only a call's own `fetch` (the call option), which the transport uses instead of the client's, still has its 401
// read from a clone.
import { limitResponseBody } from "@keyway/runtime";
import { firstHeader } from "./header-family.js";

/** The most of a 401's body read for its known error's code: Stack Auth's known errors take a few hundred bytes. */
const KNOWN_ERROR_BODY_BYTES = 64 * 1024;

/** The code each 401 read by {@link readingUnlabelledUnauthorized} names in its body, if any. */
const codesInBody = new WeakMap<Response, string | undefined>();

/**
 * A fetch that reads the body of a 401 without a known-error header under any of `knownErrorNames`, to a request that
 * sent `accessTokenHeader` (the only ones a refresh may recover), up to {@link KNOWN_ERROR_BODY_BYTES}, before it
 * answers: the response it answers with holds the same body, and {@link knownErrorCodeInBody} tells the code it names.
 */
export function readingUnlabelledUnauthorized(
  fetchImpl: typeof fetch,
  knownErrorNames: readonly string[],
  accessTokenHeader: string,
): typeof fetch {
  return (input, init) =>
    fetchImpl(input, init).then((response) =>
      response.status === 401 &&
      response.body !== null &&
      firstHeader(response.headers, knownErrorNames) === null &&
      new Headers(init?.headers).has(accessTokenHeader)
        ? withBodyRead(response, response.body, init?.signal ?? undefined)
        : response,
    );
}

/**
 * The known error's code the JSON body of `response`, a 401 without a known-error header to `request`, names. A
 * response the client's fetch did not read (a call's own `fetch` option sent it) is read from a copy.
 */
export async function knownErrorCodeInBody(
  response: Response,
  { method, url }: { readonly method: string; readonly url: string },
): Promise<string | undefined> {
  if (codesInBody.has(response)) return codesInBody.get(response);
  try {
    const copy = limitResponseBody(response.clone(), { method, url, maxBytes: KNOWN_ERROR_BODY_BYTES });
    const bytes = new Uint8Array(await copy.arrayBuffer());
    return codeOf([bytes]);
  } catch {
    return undefined; // too large to be a known error, or unreadable: the call reads the body itself
  }
}

/**
 * `response` with its body read up to {@link KNOWN_ERROR_BODY_BYTES} (the rest, if any, still streamed), the code it
 * names remembered. Fails as the read does: the attempt's abort (`signal`) or a connection that breaks off.
 */
async function withBodyRead(
  response: Response,
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const reader = body.getReader();
  // Canceling the reader settles a read a runtime's stream may leave pending after the abort.
  const cancel = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", cancel, { once: true });
  const chunks: Uint8Array[] = [];
  let received = 0;
  let whole = false;
  try {
    while (received <= KNOWN_ERROR_BODY_BYTES) {
      const next = await reader.read();
      signal?.throwIfAborted();
      if (next.done) {
        whole = true;
        break;
      }
      chunks.push(next.value);
      received += next.value.byteLength;
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
  const replayed = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (whole) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const answer = new Response(replayed, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // What the transport and the caller read of the response besides its body stays fetch's.
  for (const property of ["url", "redirected", "type"] as const)
    Object.defineProperty(answer, property, { value: response[property] });
  codesInBody.set(answer, whole ? codeOf(chunks) : undefined);
  return answer;
}

/** The `code` of a known error's JSON body, from its chunks; none when it is not JSON or names none. */
function codeOf(chunks: readonly Uint8Array[]): string | undefined {
  // A streaming decoder joins a character split across two chunks, with no copy of the bytes into one buffer.
  const utf8 = new TextDecoder();
  const text = chunks.map((chunk) => utf8.decode(chunk, { stream: true })).join("") + utf8.decode();
  try {
    const code = (JSON.parse(text) as { code?: unknown } | null)?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}
