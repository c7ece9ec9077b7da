import fc from "fast-check";
import { expect } from "vitest";

/** What must never stand raw in a message or a span: controls, DEL, C1, line separators, bidirectional controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Any UTF-16 code unit, a lone surrogate included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
/** What a hostile server writes to forge a log line, colour a terminal or turn text around. */
const forging = fc.constantFrom(
  "\n",
  "\r\n",
  "\n[INFO] user=admin logged in",
  "\u001b[31m",
  "\u0000",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u2029",
  "\u202e",
  "\u2066",
  "\u200f",
  "\ud800",
  "\udfff",
  "😀",
  '"',
  "\\",
  ") (request id forged",
);

/** Text a server may send: anything, with what forges a line, and now and then very long. */
export const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(codeUnit, forging), maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, minLength: 150, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(100_000), "\n".repeat(5_000), "\u2028".repeat(5_000)) },
);

/** Hostile text with `secret` in it as the server echoed it, or not. */
export function hostileTextWith(secret: string) {
  return fc
    .tuple(hostileText, fc.boolean(), hostileText)
    .map(([before, echoed, after]) => (echoed ? `${before}${secret}${after}` : `${before}${after}`));
}

/**
 * `secret` written as a server may write it where a redactor still finds it: one of its characters as a JSON or URL
 * escape, or cut by a line break either side, within hostile text.
 */
export function hostileTextWithEscaped(secret: string) {
  const written = fc.nat({ max: secret.length - 1 }).chain((at) => {
    const hex = secret.charCodeAt(at).toString(16).padStart(4, "0");
    const around = (middle: string) => `${secret.slice(0, at)}${middle}${secret.slice(at + 1)}`;
    return fc.constantFrom(around(`\\u${hex}`), around(`%${hex.slice(2)}`), `\n${secret}\n`, `\u2028${secret}\r`);
  });
  return fc.tuple(hostileText, written, hostileText).map((parts) => parts.join(""));
}

/** JSON.stringify's text with what JSON leaves as it is but a log line must not hold escaped too, as `\uXXXX`. */
export function escapedJson(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(UNSAFE.source, "g"), (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** `text` with JSON's escapes (`\n`, `\u2028`, `\\`) decoded: what a person reading the line takes it to say. */
function unescaped(text: string): string {
  return text.replace(/\\u([\dA-Fa-f]{4})|\\(["\\/bfnrt])/g, (_, hex: string | undefined, simple: string) =>
    hex ? String.fromCharCode(Number.parseInt(hex, 16)) : (JSON.parse(`"\\${simple}"`) as string),
  );
}

/**
 * A message or a span's text as a log line may hold it: on one line, no control, separator or bidirectional character
 * raw, no lone surrogate, at most `maxLength` characters, and no secret in it, even once its escapes are decoded.
 */
export function expectShownSafely(text: string, secrets: readonly string[], maxLength = 700): void {
  expect(text).not.toMatch(UNSAFE);
  expect(text).not.toMatch(LONE_SURROGATE);
  expect(text.length).toBeLessThanOrEqual(maxLength);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(unescaped(text)).not.toContain(secret);
  }
}

/** `text` as a server received it over HTTP, in UTF-8 (a lone surrogate becomes U+FFFD). */
export function asSentInUtf8(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}
