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

/** The calls following one caller's signal, and the one listener that tells them. */
interface Following {
  readonly followers: Set<() => void>;
  readonly listener: () => void;
}

const followingOf = new WeakMap<AbortSignal, Following>();

/**
 * Runs `follower` once when `signal` aborts, through a single listener on the signal however many calls follow it at
 * once: Node 20 warns of a leak (`MaxListenersExceededWarning`) past 10 listeners on one signal, which a request's
 * signal shared by a `Promise.all` of calls passes. Returns what stops following; the listener goes with the last
 * follower, so a long-lived signal keeps none between calls.
 */
export function followAbort(signal: AbortSignal, follower: () => void): () => void {
  const following = followingOf.get(signal) ?? startFollowing(signal);
  following.followers.add(follower);
  return () => {
    if (!following.followers.delete(follower) || following.followers.size > 0) return;
    signal.removeEventListener("abort", following.listener);
    if (followingOf.get(signal) === following) followingOf.delete(signal);
  };
}

/**
 * The one listener `signal` gets, made apart from any follower: a closure made beside one would keep that follower's
 * call (its controller, its response) for as long as the signal lives.
 */
function startFollowing(signal: AbortSignal): Following {
  const followers = new Set<() => void>();
  const listener = () => {
    followingOf.delete(signal);
    for (const each of followers) each();
  };
  const following = { followers, listener };
  followingOf.set(signal, following);
  signal.addEventListener("abort", listener, { once: true });
  return following;
}

/**
 * Resolves with `work`, or rejects with `aborted()` as soon as `signal` aborts; `work` itself goes on for others.
 *
 * @example
 * ```ts
 * import { untilAborted } from "@keyway/runtime";
 *
 * // Stops waiting for a vault that may never answer once the user cancels; the read itself goes on.
 * const cancel = new AbortController();
 * cancelButton.onclick = () => cancel.abort();
 * const apiKey = await untilAborted(vault.read("api-key", {}), cancel.signal, () => cancel.signal.reason);
 * ```
 */
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

/**
 * Whether `value` can be followed as an `AbortSignal`: one of another realm or a polyfill has what keyway calls on it
 * (`aborted`, and adding and removing a listener); an object with less would fail the call after its request was sent.
 */
export function isAbortSignal(value: unknown): boolean {
  const signal = value as Partial<AbortSignal> | null | undefined;
  return (
    typeof signal?.aborted === "boolean" &&
    typeof signal.addEventListener === "function" &&
    typeof signal.removeEventListener === "function"
  );
}
