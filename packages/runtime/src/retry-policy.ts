/** The statuses retried by default: timeouts, lock conflicts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Methods that are safe to repeat, so they are retried by default. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export const INITIAL_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;
/** The longest server-requested wait (`Retry-After`, `retry-after-ms`) that is honoured. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How long to wait before retry number `retry` (0-based): the server's
 * `retry-after-ms` or `Retry-After` (seconds or HTTP date) when it asks for
 * 0–60 s, else exponential backoff from 0.5 s, doubling, capped at 8 s, with up
 * to 25% jitter taken off so that clients do not retry in lockstep.
 *
 * @example
 * ```ts
 * retryDelayMs(0, new Headers({ "retry-after": "2" })); // 2000
 * retryDelayMs(3, undefined); // between 3000 and 4000
 * ```
 */
export function retryDelayMs(
  retry: number,
  headers: Headers | undefined,
  now = Date.now(),
  random = Math.random,
): number {
  const requested = headers && serverRequestedDelayMs((name) => headers.get(name), now);
  if (requested !== undefined && requested >= 0 && requested <= MAX_RETRY_AFTER_MS) return requested;
  const backoff = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retry, MAX_RETRY_DELAY_MS);
  return Math.round(backoff * (1 - random() * 0.25));
}

/** The wait a response asks for in `retry-after-ms` or `Retry-After` (seconds or HTTP date), in milliseconds. */
export function serverRequestedDelayMs(header: (name: string) => string | null, now: number): number | undefined {
  const milliseconds = header("retry-after-ms");
  if (milliseconds !== null && milliseconds.trim() !== "" && Number.isFinite(Number(milliseconds)))
    return Number(milliseconds);
  const retryAfter = header("retry-after");
  if (retryAfter === null || retryAfter.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
