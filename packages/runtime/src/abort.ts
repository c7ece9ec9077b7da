// How the caller's AbortSignal reaches every wait of a call.

/**
 * The signal fetch gets: aborted by the caller or by the attempt's timeout. With
 * `AbortSignal.any` the caller's abort also reaches the response body after the headers
 * arrived (a stalled body ends at once) without a listener left on the caller's signal;
 * elsewhere the caller's abort is forwarded until the headers arrive.
 */
export function linkedSignal(callerSignal: AbortSignal, timeout: AbortController): { signal: AbortSignal; unlink(): void } {
  if (typeof AbortSignal.any === "function") return { signal: AbortSignal.any([callerSignal, timeout.signal]), unlink: () => {} };
  const forwardAbort = () => timeout.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", forwardAbort, { once: true });
  return { signal: timeout.signal, unlink: () => callerSignal.removeEventListener("abort", forwardAbort) };
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

