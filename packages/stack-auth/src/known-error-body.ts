// A browser from which CORS hides the known-error header (a proxy or deployment that does not expose it) still gets a
// 401's or 403's code from its JSON body, so that its session refreshes, or a call that goes without a user is sent
// again without a token Stack Auth refused for its user. The body is read by the client's response step, within
// the attempt that received it, whichever fetch sent the request (the client's or a call's own): a body that stalls or
// breaks off then fails the attempt as the transport names any other (a RequestTimeoutError, a ConnectionError).
import { readChunks, type ResponseStep } from "@keyway/runtime";
import { firstHeader } from "./header-family.js";
import { replacedResponse } from "./replaced-response.js";

/** The most of a 401's or 403's body read for its known error's code: Stack Auth's known errors take a few hundred bytes. */
const KNOWN_ERROR_BODY_BYTES = 64 * 1024;

/** The code each 401 or 403 read by {@link readingUnlabelledUnauthorized} names in its body, if any. */
const codesInBody = new WeakMap<Response, string | undefined>();

/**
 * A response step (the client's `readResponse`) that reads the body of a 401 or 403 without a known-error header under
 * any of `knownErrorNames`, to a request that sent `accessTokenHeader` (the only ones the client may recover), up to
 * {@link KNOWN_ERROR_BODY_BYTES}, before the transport has the response: the response it answers with holds the same
 * body, and {@link knownErrorCodeInBody} tells the code it names.
 */
export function readingUnlabelledUnauthorized(
  knownErrorNames: readonly string[],
  accessTokenHeader: string,
): ResponseStep {
  return (response, init) =>
    (response.status === 401 || response.status === 403) &&
    response.body !== null &&
    firstHeader(response.headers, knownErrorNames) === null &&
    new Headers(init.headers).has(accessTokenHeader)
      ? withBodyRead(response, response.body, init.signal ?? undefined)
      : response;
}

/** The known error's code the JSON body of `response`, a 401 or 403 without a known-error header, names, if any. */
export function knownErrorCodeInBody(response: Response): string | undefined {
  return codesInBody.get(response);
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
  const { chunks, ended: whole } = await readChunks(reader, { maxBytes: KNOWN_ERROR_BODY_BYTES, signal });
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
  const answer = replacedResponse(response, replayed, { status: response.status, statusText: response.statusText });
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
