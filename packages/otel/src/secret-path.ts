import type { Scrub } from "./scrub.js";
import type { IsSecretParameter } from "./secret-parameters.js";

/** What stands in for a removed query value or URL credential, as the semantic conventions spell it. */
export const REDACTED = "REDACTED";

/**
 * A path segment of an operation that holds a secret parameter (`/verify/{code}`, `/bot{token}/getMe`), counted from
 * the path's end, since the path may follow any base path: 1 is the last segment.
 */
export interface SecretSegment {
  readonly fromEnd: number;
  /** Matches the segment, capturing the value of each secret parameter in it (`bot{token}`: what follows `bot`). */
  readonly values: RegExp;
}

const PARAMETER = /\{([^{}]+)\}/g;

/** The segments of a path template (`/verify/{code}`, without its `#` fragment) that hold a secret parameter. */
export function secretSegmentsOf(template: string, isSecret: IsSecretParameter): readonly SecretSegment[] {
  const segments = template.split("#")[0]!.split("/");
  const secret: SecretSegment[] = [];
  segments.forEach((segment, index) => {
    const names = [...segment.matchAll(PARAMETER)].map((match) => match[1]!);
    if (!names.some(isSecret)) return;
    const pattern = segment
      .split(PARAMETER)
      .map((part, at) => (at % 2 === 0 ? escaped(part) : isSecret(part) ? "(.*?)" : ".*?"))
      .join("");
    secret.push({ fromEnd: segments.length - index, values: new RegExp(`^${pattern}$`, "s") });
  });
  return secret;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The indexes in `segments` (a path split at `/`) of the secret segments; all of its segments when they don't fit. */
export function secretIndexes(segments: readonly string[], secret: readonly SecretSegment[]): ReadonlySet<number> {
  const indexes = secret.map(({ fromEnd }) => segments.length - fromEnd);
  // A path shorter than the template is not the operation's: hide all of it rather than guess.
  return new Set(indexes.some((index) => index < 1) ? segments.keys() : indexes);
}

/** `part` of a URL, or `REDACTED` when it holds a secret `scrub` knows (percent-encoded or not). */
function hiddenIn(part: string, scrub: Scrub): string {
  return scrub(part) === part ? part : REDACTED;
}

/** A URL's path with each segment that holds a secret parameter of its operation, or a secret `scrub` knows, `REDACTED`. */
export function redactedPath(pathname: string, scrub: Scrub, secret: readonly SecretSegment[]): string {
  const segments = pathname.split("/");
  const secretAt = secretIndexes(segments, secret);
  return segments.map((segment, index) => (secretAt.has(index) ? REDACTED : hiddenIn(segment, scrub))).join("/");
}
