import { hideSecretSegments, REDACTED_SEGMENT, type SecretSegment } from "@keyway/runtime";
import type { Scrub } from "./scrub.js";

/** What stands in for a removed query value or URL credential, as the semantic conventions spell it. */
export const REDACTED = REDACTED_SEGMENT;

/** `part` of a URL, or `REDACTED` when it holds a secret `scrub` knows (percent-encoded or not). */
export function hiddenIn(part: string, scrub: Scrub): string {
  return scrub(part) === part ? part : REDACTED;
}

/** A URL's path with each segment that holds a secret parameter of its operation, or a secret `scrub` knows, `REDACTED`. */
export function redactedPath(pathname: string, scrub: Scrub, secret: readonly SecretSegment[]): string {
  return hideSecretSegments(pathname, secret, (segment) => hiddenIn(segment, scrub));
}
