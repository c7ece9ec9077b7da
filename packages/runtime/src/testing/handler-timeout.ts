// The deadline of a test's handler: one that never answers fails its call, named, before the test runner's timeout
// fails the whole test without a word of which call hung.
import { untilAborted } from "../internal/abort.js";

/** Under the 5 s test timeout of vitest, jest and Bun, and above any handler that answers. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 2_000;

const MAX_TIMER_MS = 2 ** 31 - 1;

/** A handler that did not answer in time; its message is the violation. */
export class HandlerTimeout extends Error {
  override name = "HandlerTimeout";
}

/** The violation of a handler of `operation` that did not answer within `timeoutMs`. */
export function handlerTimeout(operation: string, timeoutMs: number): HandlerTimeout {
  return new HandlerTimeout(
    `${operation}: the test's handler did not answer within ${timeoutMs} ms (return or resolve its answer, or give it a longer { timeoutMs })`,
  );
}

/**
 * `answer`, or a rejection with `timedOut()` once `timeoutMs` have passed on the real clock (`AbortSignal.timeout`,
 * which a test's fake timers leave alone and which keeps no process alive).
 */
export function withinTimeout<T>(answer: T | Promise<T>, timeoutMs: number, timedOut: () => Error): Promise<T> {
  // A timer past 2^31 - 1 ms would fire at once; 24 days is as good as never.
  if (timeoutMs > MAX_TIMER_MS) return Promise.resolve(answer);
  return untilAborted(Promise.resolve(answer), AbortSignal.timeout(timeoutMs), timedOut);
}
