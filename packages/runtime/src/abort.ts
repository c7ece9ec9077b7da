// How the caller's AbortSignal reaches every wait of a call.

/**
 * Forwards the caller's abort to an attempt's controller, and keeps doing so after the
 * response headers arrived, so that a body that stalls ends at once. The caller's signal
 * here is the signal of openapi-fetch's Request, one per call, so the listener goes away
 * with the request (a long-lived signal of the caller is only followed by it, weakly);
 * `unlink` drops it early when the attempt failed.
 */
export function forwardAbort(callerSignal: AbortSignal, attempt: AbortController): { unlink(): void } {
  const forward = () => attempt.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", forward, { once: true });
  return { unlink: () => callerSignal.removeEventListener("abort", forward) };
}

/** Resolves with `work`, or rejects with `aborted()` as soon as `signal` aborts; `work` itself goes on for others. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, aborted: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
