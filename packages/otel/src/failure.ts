import { ApiError, shownSentence } from "@keyway/runtime";
import type { Scrub } from "./scrub.js";

/** How a failed call is recorded: its error's type and a message without secrets or body. */
export interface Failure {
  /** `error.type` and `exception.type`: the typed error's name (`NotFoundError`), or `_OTHER`. */
  readonly type: string;
  readonly message: string | undefined;
  /** The failure is the response's status, which `http.response.status_code` already says. */
  readonly fromStatus: boolean;
}

/**
 * Describes what a call failed with, for a span: the error's name, and its message scrubbed of
 * every secret the client knows, on one line and cut short, without what would quote the response body: an {@link ApiError}
 * is described by its method, URL, status and request id only, and a bare `SyntaxError` (whose
 * `JSON.parse` message quotes the text it parsed) by what it is. A thrown value that is not an
 * `Error` gets no message: nothing says what it holds.
 */
export function describeFailure(error: unknown, scrub: Scrub): Failure {
  if (!(error instanceof Error)) return { type: "_OTHER", message: undefined, fromStatus: false };
  // The name of an error a caller's code threw (a middleware's, a credential provider's) is theirs to choose, as its
  // message is.
  // Scrubbed before it is shown: an escape or a cut must not hide a secret from the scrubbing.
  const type = shownSentence(scrub(String(error.name || error.constructor.name || "_OTHER")));
  const fromStatus = error instanceof ApiError;
  const message = fromStatus
    ? withoutBody(error, scrub)
    : error instanceof SyntaxError
      ? "the response body is not valid JSON"
      : shownSentence(scrub(error.message));
  return { type, message, fromStatus };
}

function withoutBody(error: ApiError, scrub: Scrub): string {
  const { status, method, url } = error;
  const requestId = error.requestId === undefined ? undefined : scrub(error.requestId);
  return scrub(ApiError.from({ status, method, url, requestId, headers: {}, body: undefined }).message);
}
