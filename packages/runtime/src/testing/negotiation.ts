import type { MediaData, ResponseData } from "./spec-data.js";

/** One item of a header's weighted list (RFC 9110 §12.4.2), lower-cased, with its weight. */
interface WeightedItem {
  readonly value: string;
  readonly q: number;
}

/** The items of a weighted list (`gzip;q=0.8, br`); an empty item is skipped. */
function weightedItems(header: string): WeightedItem[] {
  const items: WeightedItem[] = [];
  for (const part of header.split(",")) {
    const [value = "", ...parameters] = part.split(";").map((piece) => piece.trim());
    if (!value) continue;
    const weight = parameters.find((parameter) => /^q\s*=/i.test(parameter))?.replace(/^q\s*=\s*/i, "");
    const q = weight === undefined ? 1 : Number(weight);
    items.push({ value: value.toLowerCase(), q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 });
  }
  return items;
}

/** One media range of an `Accept` header, with its weight. */
interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

/** The media ranges of an `Accept` header (RFC 9110 §12.5.1); a range it cannot read is skipped. */
function mediaRanges(accept: string): MediaRange[] {
  return weightedItems(accept).flatMap(({ value, q }) => {
    const match = /^([\w!#$%&'*+.^`|~-]+)\/([\w!#$%&'*+.^`|~-]+)$/.exec(value);
    return match ? [{ type: match[1]!, subtype: match[2]!, q }] : [];
  });
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

/** How each negotiation header's items take a value: a media range, a language range, or a token (`*` for any). */
const TAKES: Readonly<Record<string, (header: string, value: string) => boolean>> = {
  accept: (header, value) => weightOf(value, mediaRanges(header)) > 0,
  "accept-charset": (header, value) => takesItem(header, (item) => item === value.toLowerCase()),
  "accept-encoding": (header, value) => takesItem(header, (item) => item === value.toLowerCase()),
  // RFC 4647's basic filtering: `en` takes `en` and `en-us`.
  "accept-language": (header, value) => {
    const tag = value.toLowerCase();
    return takesItem(header, (item) => item === tag || tag.startsWith(`${item}-`));
  },
};

/** Whether an item of the header weighted above 0 is `*` or one `matches` (given lower-cased). */
function takesItem(header: string, matches: (item: string) => boolean): boolean {
  return weightedItems(header).some((item) => item.q > 0 && (item.value === "*" || matches(item.value)));
}

/**
 * Whether `name` is a negotiation header (`Accept`, `Accept-Charset`, `Accept-Encoding`, `Accept-Language`): one
 * that lists what the sender takes, which a server answers with one of. fetch writes some of them itself.
 *
 * @example
 * ```ts
 * isNegotiationHeader("Accept-Language"); // true
 * ```
 */
export function isNegotiationHeader(name: string): boolean {
  return Object.hasOwn(TAKES, name.toLowerCase());
}

/**
 * Whether a negotiation header ({@link isNegotiationHeader}) takes one of `values` with a weight above 0: a parameter
 * that lists the values a server answers with is met by fetch's own `Accept-Language: *` and a keyway client's weighted
 * `Accept` as well as by one of them alone.
 *
 * @example
 * ```ts
 * takesOneOf("Accept", "application/problem+json, text/vtt;q=0.9", ["application/x-subrip", "text/vtt"]); // true
 * takesOneOf("Accept-Language", "*", ["de", "en-us"]); // true
 * takesOneOf("Accept-Encoding", "br", ["gzip"]); // false
 * ```
 */
export function takesOneOf(name: string, header: string, values: readonly string[]): boolean {
  const takes = TAKES[name.toLowerCase()];
  return takes !== undefined && values.some((value) => takes(header, value));
}
