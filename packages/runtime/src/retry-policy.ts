// The whole retry decision of a keyway client: which requests may be repeated, which outcomes are
// retried, how often, and how long to wait. The transport asks; nothing else decides.
import type { ClientOperationMeta } from "./meta.js";

/** Retries after the first attempt, unless the client or call sets `maxRetries`. */
export const DEFAULT_MAX_RETRIES = 2;

/** Methods that are safe to repeat, so they are retried by default. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
/** The longest server-requested wait (`Retry-After`, `retry-after-ms`) that is honored. */
const MAX_RETRY_AFTER_MS = 60_000;

/** What a client's retry decision depends on besides the outcome itself. */
export interface RetryRules {
  readonly maxRetries: number;
  /** Also repeat non-idempotent requests (POST, PATCH). */
  readonly retryNonIdempotent: boolean;
  /** A service's veto on retrying a response whose status is retryable (Stack Auth: never a KnownError). */
  readonly isRetryableResponse: ((response: Response) => boolean) | undefined;
}

/**
 * Whether a request may be sent again at all: its method is idempotent, its operation is marked
 * safe to repeat (`x-keyway-idempotent`, such as a search sent as POST), or the caller allowed it.
 */
export function isRepeatable(method: string, operation: ClientOperationMeta | undefined, rules: RetryRules): boolean {
  return IDEMPOTENT_METHODS.has(method) || rules.retryNonIdempotent || operation?.idempotent === true;
}

/**
 * Whether a failed response is retried: one the server marks `x-should-retry: true`, or else of status 408, 409, 429
 * or 5xx, unless the server marks it `x-should-retry: false` or the service vetoes it (Stack Auth's known errors are
 * answers, not accidents). A header repeated on the way, which fetch reads as `true, true`, counts by its first value,
 * as `Retry-After` does.
 */
export function isRetryableResponse(response: Response, rules: RetryRules): boolean {
  if (response.ok) return false;
  const override = response.headers.get("x-should-retry")?.split(",")[0]?.trim();
  if (override === "false") return false;
  const status = response.status;
  const retryable = override === "true" || status === 408 || status === 409 || status === 429 || status >= 500;
  return retryable && (rules.isRetryableResponse?.(response) ?? true);
}

/**
 * How long to wait before retry number `retry` (0-based): the server's `retry-after-ms` or
 * `Retry-After` (seconds or HTTP date) when it asks for 0–60 s, else exponential backoff from
 * 0.5 s, doubling, capped at 8 s, with up to 25 % jitter taken off so that clients do not retry
 * in lockstep.
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

/**
 * The wait a response asks for in `retry-after-ms` or `Retry-After` (seconds or HTTP date), in milliseconds; a header
 * repeated on the way (`2, 2`) counts by its first value, and one that is neither (`-1`, `soon`) asks for nothing.
 */
export function serverRequestedDelayMs(header: (name: string) => string | null, now: number): number | undefined {
  const milliseconds = firstNumber(header("retry-after-ms"));
  if (milliseconds !== undefined) return milliseconds;
  const retryAfter = header("retry-after")?.trim();
  if (!retryAfter) return undefined;
  const seconds = firstNumber(retryAfter);
  if (seconds !== undefined) return seconds * 1000;
  const date = HTTP_DATE.exec(retryAfter);
  if (!date) return undefined;
  // asctime has no zone, and Date.parse would read it in the machine's own.
  const at = Date.parse(date[1] === undefined ? date[0] : `${date[0]} GMT`);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The first of a header's comma-separated values when it is a non-negative number. */
function firstNumber(value: string | null): number | undefined {
  const match = value === null ? null : /^\s*(\d+(?:\.\d+)?)\s*(?:,|$)/.exec(value);
  return match ? Number(match[1]) : undefined;
}

const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";
/**
 * The three forms of an HTTP date (RFC 9110 §5.6.7), each at the start of the value (a repeated header follows it with
 * a comma): IMF-fixdate, RFC 850, and asctime, whose group 1 marks it. Date.parse alone reads nearly anything as a
 * date, "-1" and "2, 2" among them, which would have asked for no wait at all.
 */
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT|[A-Z][a-z]{5,8}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT|${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}())(?=\\s*(?:,|$))`,
);
