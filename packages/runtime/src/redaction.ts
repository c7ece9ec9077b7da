import { defineValue } from "./internal/own-properties.js";

/** What a redacted secret reads as in messages, logs and inspected objects. */
export const REDACTED = "[REDACTED]";

// A rotating provider may hand out many values over a client's life; remembering the
// most recent ones is enough to scrub what can still appear in a response or error.
const REMEMBERED_VALUES = 32;
// A shorter value would be found in unrelated text (a 3-digit code in every status and count of a body), and guessed
// sooner than hidden: it is not redacted, a client's credential or a call's secret parameter alike.
const MIN_SECRET_LENGTH = 4;
// A header value's characters beyond ASCII: Latin-1's, the only others a header may carry.
const BEYOND_ASCII = /[\x80-\xff]/;
const LATIN1 = /^[\x00-\xff]*$/;
// Headers that carry credentials in any HTTP API, whatever its spec says.
const ALWAYS_REDACTED_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie"];

/**
 * Knows which headers carry credentials (every header of a security scheme, plus
 * `Authorization`, `Cookie` and `Set-Cookie`) and which secret values have been sent,
 * and scrubs both from text and header maps. One redactor is shared by everything a
 * client owns (auth middleware, transport, errors, log hooks).
 *
 * @example
 * ```ts
 * const redactor = new Redactor(["X-Api-Key"]);
 * redactor.remember(apiKey);
 * logger.warn(redactor.redactText(responseText)); // the key reads [REDACTED] wherever the server echoed it
 * logger.debug(redactor.redactHeaders(request.headers)); // { "x-api-key": "[REDACTED]", ... }
 * ```
 */
export class Redactor {
  #secretHeaders: ReadonlySet<string>;
  /** The remembered values, the least recently sent first. */
  #values = new Set<string>();
  /** Of those, the ones kept whatever else is sent: a client's fixed credentials, sent with every call. */
  #pinned = new Set<string>();
  /** The secret parameter values one call sent, for a {@link forCall} redactor; redacted after the client's. */
  #callValues: readonly string[] = [];

  constructor(credentialHeaders: Iterable<string>) {
    this.#secretHeaders = new Set([...credentialHeaders, ...ALWAYS_REDACTED_HEADERS].map((h) => h.toLowerCase()));
  }

  /**
   * Records a secret value so that later text containing it is scrubbed. Of the values remembered, the 32 sent most
   * recently are kept, and every `pinned` one (a credential fixed for the client's life, which is remembered once but
   * sent with every call) besides.
   */
  remember(value: string, pinned = false): void {
    if (value.length < MIN_SECRET_LENGTH) return;
    this.#keep(value, pinned);
    // A server that echoes the bytes it received writes each Latin-1 letter as one byte, which a response read as UTF-8
    // shows otherwise: as U+FFFD, alone or with the byte after it, or as another letter (Ã© as é).
    if (BEYOND_ASCII.test(value) && LATIN1.test(value)) {
      const read = latin1BytesReadAsUtf8(value);
      if (read.length >= MIN_SECRET_LENGTH) this.#keep(read, pinned);
    }
  }

  #keep(value: string, pinned: boolean): void {
    if (pinned) this.#pinned.add(value);
    // Remembered again, a value is the most recent: a token sent on every call outlives those no longer sent.
    this.#values.delete(value);
    this.#values.add(value);
    if (this.#values.size > REMEMBERED_VALUES + this.#pinned.size) {
      for (const oldest of this.#values)
        if (!this.#pinned.has(oldest)) {
          this.#values.delete(oldest);
          break;
        }
    }
  }

  /**
   * A redactor for what one call shows (its error body, headers, messages, hook events): this one's headers and
   * secrets, the client's as they stand at each use, and also `values`, the call's secret parameters as sent (see
   * `secretValuesSent`), which no other call's text is scrubbed of, and `headers`, the names of the secret header
   * parameters it sent, whose values read `[REDACTED]` in any header map it shows whatever their length. Itself when
   * there is neither a value long enough to redact (4 characters, as every remembered secret) nor such a header.
   *
   * @example
   * ```ts
   * const redactor = new Redactor(["X-Api-Key"]);
   * const callRedactor = redactor.forCall(["492113"], ["X-Webhook-Secret"]);
   * callRedactor.redactText('{"message":"code 492113 expired"}'); // '{"message":"code [REDACTED] expired"}'
   * callRedactor.redactHeaders({ "X-Webhook-Secret": "abc" }); // { "X-Webhook-Secret": "[REDACTED]" }
   * redactor.redactText("code 492113"); // "code 492113": other calls' text is left as it is
   * ```
   */
  forCall(values: readonly string[], headers: readonly string[] = []): Redactor {
    const own = values.filter((value) => value.length >= MIN_SECRET_LENGTH && !this.#callValues.includes(value));
    const named = headers.filter((name) => !this.isSecretHeader(name));
    if (own.length === 0 && named.length === 0) return this;
    const call = new Redactor([]);
    call.#secretHeaders = named.length
      ? new Set([...this.#secretHeaders, ...named.map((name) => name.toLowerCase())])
      : this.#secretHeaders;
    call.#values = this.#values; // shared: a secret the client remembers later (a refreshed token) counts too
    call.#pinned = this.#pinned;
    call.#callValues = [...this.#callValues, ...own];
    return call;
  }

  /** Whether a header (any case) carries a credential, so its value is never shown. */
  isSecretHeader(name: string): boolean {
    return this.#secretHeaders.has(name.toLowerCase());
  }

  /**
   * Replaces every remembered secret value in `text` with `[REDACTED]`, also where the text writes one with escapes: a
   * URL percent-encoded (`ab/cd` as `ab%2Fcd` or `ab%2fcd`, in a path or a `Location` a server chose; a form's `+` for
   * a space), a JSON text with `\u0041`, `\/` or `\"` (an error body that does not parse), an HTML page with `&#43;`,
   * `&#x2F;` or `&amp;`, or escapes of two of these kinds at once (the JSON text of a percent-encoded URL). What is
   * replaced is the secret as the text writes it (a run of escapes it ends in whole), the rest of the text is kept as
   * written. Values that overlap (one a prefix of another, a client's key holding a call's value) are hidden whole, in
   * whatever order they were sent. Deliberately not found: a value the text cuts (across lines, or where a URL's `?`
   * ends its path) or encodes whole (base64, a hash), and one shorter than 4 characters (see {@link forCall}).
   */
  redactText(text: string): string {
    let spans = this.#occurrences(text);
    for (const ways of DECODINGS) {
      // Decoded as a string first; where each character came from is worked out only where a secret was found.
      const steps = [text];
      for (const way of ways) steps.push(decodedBy(steps.at(-1)!, way));
      const decoded = steps.at(-1)!;
      let found = decoded === text ? undefined : this.#occurrences(decoded);
      if (found === undefined) continue;
      for (let step = ways.length - 1; step >= 0; step--) found = spansBefore(steps[step]!, ways[step]!, found);
      (spans ??= []).push(...found);
    }
    return spans === undefined ? text : spansRedacted(text, spans);
  }

  /** Where the client's secrets and the call's values occur in `text`, if anywhere. */
  #occurrences(text: string): Span[] | undefined {
    return occurrences(text, this.#values, this.#callValues, false);
  }

  /**
   * A copy of a JSON-like value (string, number, array, plain object) with remembered secrets replaced in every string,
   * object keys included, and a number that writes one (a numeric code a server echoes, `{"pin":492113}`) replaced by
   * `[REDACTED]`. Copied without recursion: a body nested thousands deep, which JSON.parse accepts, must not overflow
   * the stack.
   */
  redactValue<T>(value: T): T {
    const root: unknown[] = [value];
    const pending: PendingEntry[] = [[root, 0, value]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [target, key, item] = next;
      defineValue(target, key, this.#shallowCopy(item, pending));
    }
    return root[0] as T;
  }

  /** `item` redacted if a string, or an empty copy of an array or plain object whose entries are queued in `pending`. */
  #shallowCopy(item: unknown, pending: PendingEntry[]): unknown {
    if (typeof item === "string") return this.redactText(item);
    if (typeof item === "number") return this.redactText(String(item)) === String(item) ? item : REDACTED;
    if (Array.isArray(item)) {
      const copy: unknown[] = new Array(item.length);
      for (let index = 0; index < item.length; index++) pending.push([copy, index, item[index]]);
      return copy;
    }
    if (item === null || typeof item !== "object" || Object.getPrototypeOf(item) !== Object.prototype) return item;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(item)) {
      const redactedKey = this.redactText(key);
      defineValue(copy, redactedKey, undefined); // keeps the keys in their order, whatever order they are filled in
      pending.push([copy, redactedKey, child]);
    }
    return copy;
  }

  /** A plain-object copy of `headers` with secret headers and values redacted. */
  redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
    const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
    const result: Record<string, string> = {};
    for (const [name, value] of entries) {
      result[this.redactName(name)] = this.isSecretHeader(name) ? REDACTED : this.redactText(value);
    }
    return result;
  }

  /**
   * `name` with any remembered secret in it redacted, in any case, for names that fetch and URL parsers write in lower
   * case: a response's header names, a URL's host.
   *
   * @example
   * ```ts
   * const redactor = new Redactor(["X-Api-Key"]);
   * redactor.remember("Key-AB12");
   * const origin = redactor.redactName("https://key-ab12.attacker.example"); // "https://[REDACTED].attacker.example"
   * ```
   */
  redactName(name: string): string {
    const lower = name.toLowerCase();
    const spans = occurrences(lower, this.#values, this.#callValues, true);
    return spans === undefined ? name : spansRedacted(lower, spans);
  }

  toJSON(): string {
    return "Redactor";
  }
}

/** Where a secret is in a text: from `start` to before `end`. */
type Span = [start: number, end: number];

/**
 * Where each of the client's secrets and a call's values occurs in `text`, overlapping occurrences too; in any case
 * with `caseless` (`text` in lower case).
 */
function occurrences(
  text: string,
  client: Iterable<string>,
  call: readonly string[],
  caseless: boolean,
): Span[] | undefined {
  let found: Span[] | undefined;
  for (const values of [client, call]) {
    for (const value of values) {
      const sought = caseless ? value.toLowerCase() : value;
      for (let at = text.indexOf(sought); at !== -1; at = text.indexOf(sought, at + 1))
        (found ??= []).push([at, at + sought.length]);
    }
  }
  return found;
}

/**
 * `text` with each of `spans` replaced by {@link REDACTED}, those that overlap (a value that is a prefix of another,
 * one holding another) as one, whichever value was found first.
 */
function spansRedacted(text: string, spans: Span[]): string {
  spans.sort(([a], [b]) => a - b);
  let result = "";
  let written = 0;
  let [start, end] = spans[0]!;
  for (const [nextStart, nextEnd] of spans) {
    if (nextStart < end) {
      end = Math.max(end, nextEnd);
      continue;
    }
    result += text.slice(written, start) + REDACTED;
    written = end;
    [start, end] = [nextStart, nextEnd];
  }
  return result + text.slice(written, start) + REDACTED + text.slice(end);
}

// The escapes of one character in UTF-8: an ASCII byte, a lead byte and its continuations, or a stray byte alone (which
// decodes to U+FFFD), so that redacting a secret replaces its own escapes, not a neighbour's (`%22` before it).
const UTF8_CHARACTER = "%[0-7][0-9A-Fa-f]|%[C-Fc-f][0-9A-Fa-f](?:%[89ABab][0-9A-Fa-f]){1,3}|%[0-9A-Fa-f]{2}";
const UTF8 = new TextDecoder();

/** The bytes a run of escapes (`%C3%A9`) writes. */
function escapedBytes(escapes: string): Uint8Array {
  const bytes = new Uint8Array(escapes.length / 3);
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = Number.parseInt(escapes.slice(index * 3 + 1, index * 3 + 3), 16);
  return bytes;
}

/** One way a text may write a secret's characters as escapes: found by `marker`, matched by `escapes`. */
interface Escaping {
  readonly marker: string;
  readonly escapes: RegExp;
  readonly decode: (escapes: string) => string;
}

/** `text` with the escapes `way` writes decoded. */
function decodedBy(text: string, { marker, escapes, decode }: Escaping): string {
  return text.includes(marker) ? text.replace(escapes, decode) : text;
}

/**
 * `spans` of the text `way` decodes `input` to, as spans of `input`: a span starts where the escape (or the character)
 * its first character came from starts, and ends where its last one's ends, so that a character of a run of escapes
 * (`%C3%A9`) stands for all of it. One pass over `input`'s escapes, which stops past the last span: a large body with a
 * secret in it costs about what decoding it does.
 */
function spansBefore(input: string, way: Escaping, spans: readonly Span[]): Span[] {
  if (!input.includes(way.marker)) return [...spans];
  const wanted = [...new Set(spans.flatMap(([start, end]) => [start, end - 1]))].sort((a, b) => a - b);
  const sources = new Map<number, Span>();
  let next = 0; // the next of `wanted` to find
  let inputAt = 0;
  let decodedAt = 0;
  // Characters outside escapes are copied one for one.
  const copiedUpTo = (inputEnd: number) => {
    const decodedEnd = decodedAt + inputEnd - inputAt;
    for (; next < wanted.length && wanted[next]! < decodedEnd; next++) {
      const at = inputAt + wanted[next]! - decodedAt;
      sources.set(wanted[next]!, [at, at + 1]);
    }
    [inputAt, decodedAt] = [inputEnd, decodedEnd];
  };
  for (const match of input.matchAll(way.escapes)) {
    copiedUpTo(match.index);
    if (next === wanted.length) break;
    const source: Span = [match.index, match.index + match[0].length];
    const decodedEnd = decodedAt + way.decode(match[0]).length;
    for (; next < wanted.length && wanted[next]! < decodedEnd; next++) sources.set(wanted[next]!, source);
    [inputAt, decodedAt] = [source[1], decodedEnd];
  }
  copiedUpTo(input.length);
  return spans.map(([start, end]) => [sources.get(start)![0], sources.get(end - 1)![1]]);
}

/** What the HTML entities an escaper writes for a URL's or a token's characters stand for, by name. */
const HTML_NAMED: { readonly [name: string]: string } = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text a run of a URL's escapes (`%C3%A9`) writes in UTF-8. */
const utf8Text = (escapes: string): string => UTF8.decode(escapedBytes(escapes));

const PERCENT_AS_UTF8: Escaping = { marker: "%", escapes: new RegExp(UTF8_CHARACTER, "g"), decode: utf8Text };

const JSON_ESCAPES: Escaping = {
  marker: "\\",
  escapes: /\\(?:u[0-9A-Fa-f]{4}|["\\/bfnrt])/g,
  decode: (written) => JSON.parse(`"${written}"`) as string,
};

// A numeric entity's digits are at most 6 (decimal) or 5 (hex): every code point it names is one.
const HTML_ENTITIES: Escaping = {
  marker: "&",
  escapes: /&(?:#\d{1,6}|#[xX][\dA-Fa-f]{1,5}|amp|lt|gt|quot|apos);/g,
  decode: (entity) => HTML_NAMED[entity.slice(1, -1)] ?? String.fromCodePoint(Number(`0${entity.slice(2, -1)}`)),
};

/** A form's escapes, `+` for a space. */
const FORM_ESCAPES: Escaping = {
  marker: "+",
  escapes: new RegExp(`\\+|${UTF8_CHARACTER}`, "g"),
  decode: (escapes) => (escapes === "+" ? " " : utf8Text(escapes)),
};

/** A URL's escapes byte by byte, as a header value's Latin-1 (`caf%E9`). */
const PERCENT_AS_LATIN1: Escaping = {
  marker: "%",
  escapes: /%[0-9A-Fa-f]{2}/g,
  decode: (triple) => String.fromCharCode(Number.parseInt(triple.slice(1), 16)),
};

/**
 * The ways a text may write a secret with escapes, each tried on the text as written: a form's; a URL's escapes as
 * UTF-8 (a byte that is not, such as a stray `%FF` beside the secret, decodes alone to U+FFFD) or as Latin-1; JSON's
 * `\uXXXX`, `\/`, `\"` and the others; HTML's entities for the characters of URLs and tokens; and the last three
 * decoded one after another, for a secret written with two of them at once.
 */
const DECODINGS: readonly (readonly Escaping[])[] = [
  [FORM_ESCAPES],
  [PERCENT_AS_UTF8],
  [PERCENT_AS_LATIN1],
  [JSON_ESCAPES],
  [HTML_ENTITIES],
  [PERCENT_AS_UTF8, JSON_ESCAPES, HTML_ENTITIES],
];

/** An entry of a copy still to be filled: where it goes, and the value it copies. */
type PendingEntry = [target: Record<string, unknown> | unknown[], key: string | number, item: unknown];

/** Sets an own entry, even one named `__proto__` (which JSON.parse makes an own property, and `=` would not). */

/** `value`'s characters as the bytes a header carries them in (one each, Latin-1), read back as UTF-8 text. */
function latin1BytesReadAsUtf8(value: string): string {
  return new TextDecoder().decode(Uint8Array.from(value, (character) => character.charCodeAt(0)));
}
