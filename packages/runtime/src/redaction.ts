/** What a redacted secret reads as in messages, logs and inspected objects. */
export const REDACTED = "[REDACTED]";

// A rotating provider may hand out many values over a client's life; remembering the
// most recent ones is enough to scrub what can still appear in a response or error.
const REMEMBERED_VALUES = 32;
// A shorter value would be found in unrelated text (a 3-digit code in every status and count of a body), and guessed
// sooner than hidden: it is not redacted, a client's credential or a call's secret parameter alike.
const MIN_SECRET_LENGTH = 4;
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
  #values = new Set<string>();
  /** The secret parameter values one call sent, for a {@link forCall} redactor; redacted after the client's. */
  #callValues: readonly string[] = [];

  constructor(credentialHeaders: Iterable<string>) {
    this.#secretHeaders = new Set([...credentialHeaders, ...ALWAYS_REDACTED_HEADERS].map((h) => h.toLowerCase()));
  }

  /** Records a secret value so that later text containing it is scrubbed. */
  remember(value: string): void {
    if (value.length < MIN_SECRET_LENGTH || this.#values.has(value)) return;
    this.#values.add(value);
    if (this.#values.size > REMEMBERED_VALUES) {
      const oldest = this.#values.values().next().value as string;
      this.#values.delete(oldest);
    }
  }

  /**
   * A redactor for what one call shows (its error body, headers, messages, hook events): this one's headers and
   * secrets, the client's as they stand at each use, and also `values`, the call's secret parameters as sent (see
   * `secretValuesSent`), which no other call's text is scrubbed of. Itself when no value is long enough to redact
   * (4 characters, as every remembered secret).
   *
   * @example
   * ```ts
   * const redactor = new Redactor(["X-Api-Key"]);
   * const callRedactor = redactor.forCall(["492113"]);
   * callRedactor.redactText('{"message":"code 492113 expired"}'); // '{"message":"code [REDACTED] expired"}'
   * redactor.redactText("code 492113"); // "code 492113": other calls' text is left as it is
   * ```
   */
  forCall(values: readonly string[]): Redactor {
    const own = values.filter((value) => value.length >= MIN_SECRET_LENGTH && !this.#callValues.includes(value));
    if (own.length === 0) return this;
    const call = new Redactor([]);
    call.#secretHeaders = this.#secretHeaders;
    call.#values = this.#values; // shared: a secret the client remembers later (a refreshed token) counts too
    call.#callValues = [...this.#callValues, ...own];
    return call;
  }

  /** Whether a header (any case) carries a credential, so its value is never shown. */
  isSecretHeader(name: string): boolean {
    return this.#secretHeaders.has(name.toLowerCase());
  }

  /**
   * Replaces every remembered secret value in `text` with `[REDACTED]`, also where the text writes one with escapes: a
   * URL percent-encoded (`ab/cd` as `ab%2Fcd`, in a path or a `Location` a server chose), a JSON text with `\u0041` or
   * `\/` (an error body that does not parse). The text is then redacted with its escapes decoded, and kept as it was
   * otherwise.
   */
  redactText(text: string): string {
    const redacted = this.#redactLiteral(text);
    for (const { marker, escapes, decode } of ESCAPINGS) {
      if (!redacted.includes(marker)) continue;
      const decoded = redacted.replace(escapes, decode);
      const scrubbed = this.#redactLiteral(decoded);
      if (scrubbed !== decoded) return scrubbed;
    }
    return redacted;
  }

  // The client's secrets first: a credential holding a call's shorter value is then redacted whole.
  #redactLiteral(text: string): string {
    return literalsRedacted(literalsRedacted(text, this.#values), this.#callValues);
  }

  /**
   * A copy of a JSON-like value (string, array, plain object) with remembered secrets replaced in every string, object
   * keys included. Copied without recursion: a body nested thousands deep, which JSON.parse accepts, must not overflow
   * the stack.
   */
  redactValue<T>(value: T): T {
    const root: unknown[] = [value];
    const pending: PendingEntry[] = [[root, 0, value]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [target, key, item] = next;
      defineEntry(target, key, this.#shallowCopy(item, pending));
    }
    return root[0] as T;
  }

  /** `item` redacted if a string, or an empty copy of an array or plain object whose entries are queued in `pending`. */
  #shallowCopy(item: unknown, pending: PendingEntry[]): unknown {
    if (typeof item === "string") return this.redactText(item);
    if (Array.isArray(item)) {
      const copy: unknown[] = new Array(item.length);
      for (let index = 0; index < item.length; index++) pending.push([copy, index, item[index]]);
      return copy;
    }
    if (item === null || typeof item !== "object" || Object.getPrototypeOf(item) !== Object.prototype) return item;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(item)) {
      const redactedKey = this.redactText(key);
      defineEntry(copy, redactedKey, undefined); // keeps the keys in their order, whatever order they are filled in
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
    return namesRedacted(namesRedacted(name, this.#values), this.#callValues);
  }

  toJSON(): string {
    return "Redactor";
  }
}

/** `text` with each of `values` in it replaced by {@link REDACTED}. */
function literalsRedacted(text: string, values: Iterable<string>): string {
  let result = text;
  for (const value of values) {
    if (result.includes(value)) result = result.split(value).join(REDACTED);
  }
  return result;
}

/** `name` with each of `values` in it, in any case, replaced by {@link REDACTED} (the rest lower case). */
function namesRedacted(name: string, values: Iterable<string>): string {
  let result = name;
  for (const value of values) {
    const lower = value.toLowerCase();
    if (result.toLowerCase().includes(lower)) result = result.toLowerCase().split(lower).join(REDACTED);
  }
  return result;
}

const PERCENT_ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
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

/**
 * The ways a text may write a secret with escapes, tried in turn: a URL's escapes as UTF-8 (a byte that is not, such as
 * a stray `%FF` beside the secret, decodes alone to U+FFFD), then byte by byte, as a header value's Latin-1
 * (`caf%E9`); JSON's `\uXXXX` and `\/`.
 */
const ESCAPINGS: readonly Escaping[] = [
  { marker: "%", escapes: PERCENT_ESCAPES, decode: (escapes) => UTF8.decode(escapedBytes(escapes)) },
  {
    marker: "%",
    escapes: PERCENT_ESCAPES,
    decode: (escapes) => escapedBytes(escapes).reduce((text, byte) => text + String.fromCharCode(byte), ""),
  },
  {
    marker: "\\",
    escapes: /\\u[0-9A-Fa-f]{4}|\\\//g,
    decode: (written) => (written === "\\/" ? "/" : String.fromCharCode(Number.parseInt(written.slice(2), 16))),
  },
];

/** An entry of a copy still to be filled: where it goes, and the value it copies. */
type PendingEntry = [target: Record<string, unknown> | unknown[], key: string | number, item: unknown];

/** Sets an own entry, even one named `__proto__` (which JSON.parse makes an own property, and `=` would not). */
function defineEntry(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
