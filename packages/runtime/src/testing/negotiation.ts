import type { MediaData, ResponseData } from "./spec-data.js";

/** One media range of an `Accept` header, with its weight. */
interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

/** The media ranges of an `Accept` header (RFC 9110 §12.5.1); a range it cannot read is skipped. */
function mediaRanges(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(",")) {
    const [range = "", ...parameters] = part.split(";").map((piece) => piece.trim());
    const match = /^([\w!#$%&'*+.^`|~-]+)\/([\w!#$%&'*+.^`|~-]+)$/.exec(range.toLowerCase());
    if (!match) continue;
    const weight = parameters.find((parameter) => /^q\s*=/i.test(parameter))?.replace(/^q\s*=\s*/i, "");
    const q = weight === undefined ? 1 : Number(weight);
    ranges.push({ type: match[1]!, subtype: match[2]!, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 });
  }
  return ranges;
}

/** The weight `ranges` give `contentType`: that of the most specific range matching it, 0 when none does. */
function weightOf(contentType: string, ranges: readonly MediaRange[]): number {
  const [type = "", subtype = ""] = contentType.split(";")[0]!.trim().toLowerCase().split("/");
  let best: { specificity: number; q: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === "*"
          ? 1
          : range.type === "*" && range.subtype === "*"
            ? 0
            : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/** Whether a body of `contentType` is JSON (`application/json`, `application/problem+json`, …). */
export function isJsonType(contentType: string | undefined): boolean {
  return /json/i.test(contentType ?? "");
}

/** Whether a handler's body is sent as it is (text or bytes) rather than written as JSON. */
export function isRawBody(body: unknown): body is string | ArrayBuffer | ArrayBufferView | Blob {
  return typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof Blob;
}

/**
 * The media type a response is answered in: of those it declares (the first one and its `alternatives`), the one the
 * request's `Accept` weighs most, the first on a tie. A body a test's handler gave that is not text or bytes is
 * written as JSON, so only JSON types are weighed for it when the response has one. Without an `Accept`, or when it accepts none of
 * them, the first one, as most servers answer.
 *
 * @example
 * ```ts
 * negotiatedMedia(response, "text/csv", undefined); // the response's text/csv alternative, if it declares one
 * ```
 */
export function negotiatedMedia(response: ResponseData, accept: string | null, body?: unknown): MediaData {
  const declared: MediaData[] = [response, ...(response.alternatives ?? [])];
  const json = declared.filter((media) => isJsonType(media.contentType));
  const candidates = body !== undefined && !isRawBody(body) && json.length ? json : declared;
  if (!accept || candidates.length === 1) return candidates[0]!;
  const ranges = mediaRanges(accept);
  let chosen = candidates[0]!;
  let chosenWeight = weightOf(chosen.contentType ?? "", ranges);
  for (const media of candidates.slice(1)) {
    const weight = weightOf(media.contentType ?? "", ranges);
    if (weight > chosenWeight) [chosen, chosenWeight] = [media, weight];
  }
  return chosen;
}
