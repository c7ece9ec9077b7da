// How the caller's AbortSignal reaches every wait of a call.

/**
 * Forwards the caller's abort to an attempt's controller, and keeps doing so after the
 * response headers arrived, so that a body that stalls ends at once. The listener stays on the
 * caller's signal until the attempt fails (`unlink`) or the signal is collected with the call;
 * a signal shared by many calls keeps one small listener per attempt for as long as it lives.
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
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
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
