import { RequestTimeoutError } from "../transport-errors.js";
import type { Redactor } from "../redaction.js";
import { shownUrl, type ShownRequest } from "./url.js";

/** The longest delay a timer keeps: runtimes fire a longer one at once (Node after 1 ms, with a warning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The abort reason of an attempt whose time ran out. */
const TIMED_OUT = Symbol("timed out");

/**
 * The time one attempt has, from sending its request, after which its controller is aborted (which
 * ends the request, or the body it is still sending). The transport disarms it when it drops the
 * response, or when the caller streams the body; a call that reads the body itself keeps it running
 * through its {@link BodyDeadline}.
 */
export class AttemptDeadline {
  readonly #signal: AbortSignal;
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(controller: AbortController, timeoutMs: number) {
    this.#signal = controller.signal;
    this.#timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
  }

  /** The attempt's signal, which its time running out or the caller's abort ends. */
  get signal(): AbortSignal {
    return this.#signal;
  }

  /** Whether the attempt was ended by its time running out. */
  get expired(): boolean {
    return this.#signal.reason === TIMED_OUT;
  }

  disarm(): void {
    clearTimeout(this.#timer);
  }
}

/**
 * Where a call that reads its response body keeps the last attempt's deadline running until the body
 * is read: the transport hands it over with the response it returns, and the call ends it once it has
 * the body. A body that stalls then fails the call with a {@link RequestTimeoutError}, and its
 * connection is closed, instead of holding both for as long as the server keeps it open. Once held,
 * it also names the response for any other error raised while the body is read.
 */
export class BodyDeadline {
  /**
   * Whether a middleware of the caller may put another response in place of the one handed over: the transport then
   * keeps the call's context for a success too, so that a failure the middleware makes of it is named and redacted as
   * the API's own would be.
   */
  mayBeReplaced = false;
  #attempt: AttemptDeadline | undefined;
  #response: Response | undefined;
  #method = "";
  #request: ShownRequest = { url: "" };
  #attempts = 0;
  #timeoutMs = 0;
  #redactor: Redactor | undefined;

  /**
   * Takes over the deadline of the attempt whose response the call returns; its URL is shown as the client's
   * `redactor` shows it (a key in the base URL's path hidden).
   */
  hold(
    attempt: AttemptDeadline,
    response: Response,
    method: string,
    request: ShownRequest,
    attempts: number,
    timeoutMs: number,
    redactor: Redactor,
  ): void {
    this.#attempt = attempt;
    this.#response = response;
    this.#method = method;
    this.#request = request;
    this.#attempts = attempts;
    this.#timeoutMs = timeoutMs;
    this.#redactor = redactor;
  }

  /** The response the call reads, once the transport has handed it over. */
  get response(): Response | undefined {
    return this.#response;
  }

  /** Origin and path of the response the call reads, once the transport has handed it over. */
  get responseUrl(): string | undefined {
    return this.#attempt && this.#shownUrl();
  }

  /**
   * Whether the call has begun to read the body of the response the transport handed over: an error raised before
   * then comes from a middleware, not from the body.
   */
  get bodyRead(): boolean {
    return this.#response?.bodyUsed === true;
  }

  /** The `Content-Type` of the response the call reads, once the transport has handed it over. */
  get responseContentType(): string | undefined {
    return this.#response?.headers.get("content-type") ?? undefined;
  }

  /** The `Content-Encoding` of the response the call reads, once the transport has handed it over. */
  get responseContentEncoding(): string | undefined {
    return this.#response?.headers.get("content-encoding") ?? undefined;
  }

  /** How many attempts the call made in all, the one whose response it reads included. */
  get attempts(): number {
    return this.#attempts;
  }

  #shownUrl(): string {
    const shown = shownUrl(this.#request);
    return this.#redactor ? this.#redactor.redactText(shown) : shown;
  }

  /** The call has ended, its body read or its failure known. */
  end(): void {
    this.#attempt?.disarm();
  }

  /** The call failed before its body was read (a middleware threw): the body is canceled, its connection freed. */
  discardUnreadBody(): void {
    const response = this.#response;
    if (response && !response.bodyUsed) response.body?.cancel().catch(() => {});
  }

  /**
   * The error for a call whose time ran out once its response had arrived, if it did. It says when the body was what
   * the call waited for: a server that stalls mid-body (or a compressed body that never ends) is told from a slow one.
   */
  timeoutError(): RequestTimeoutError | undefined {
    if (!this.#attempt?.expired) return undefined;
    return new RequestTimeoutError({
      method: this.#method,
      url: this.#shownUrl(),
      attempts: this.#attempts,
      timeoutMs: this.#timeoutMs,
      waitingFor: this.bodyRead ? "the rest of the response body" : undefined,
    });
  }
}

/**
 * Resolves as `work` settles, or rejects with `expired()` once `timeoutMs` has passed first; `work` itself goes on,
 * its result unused. A `signal` that aborts first ends the wait with its reason: the timer would otherwise hold a Node
 * process open for the whole timeout after its caller gave up.
 */
export function settledWithin<T>(
  work: Promise<T>,
  timeoutMs: number,
  expired: () => Error,
  signal?: AbortSignal | null,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
    };
    const abort = () => {
      end();
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      end();
      reject(expired());
    }, timeoutMs);
    signal?.addEventListener("abort", abort, { once: true });
    work.then(
      (value) => {
        end();
        resolve(value);
      },
      (error: unknown) => {
        end();
        reject(error);
      },
    );
  });
}
