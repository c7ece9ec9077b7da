import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shownExcerpt, shownSentence, shownToken } from "../src/index.js";

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Any UTF-16 code unit, a lone surrogate included, and the characters that forge a line most often. */
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom("\n", "\u2028", "\u202e", "\u0085", "\u007f", "😀", "\\", '"'),
);
const text = fc.oneof(fc.string({ unit, maxLength: 300 }), fc.constant("\u2028".repeat(10_000)));

describe("what keyway shows of outside text: one line, bounded, escaped, and nothing lost that it shows (property)", () => {
  it("shownExcerpt: the JSON text in quotes, decoded back to the text when it is not cut, a prefix of it with … when it is", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 260 }), (value, maxLength) => {
        const shown = shownExcerpt(value, maxLength);
        expect(shown).not.toMatch(UNSAFE);
        expect(shown).not.toMatch(LONE_SURROGATE);
        if (!shown.endsWith("…")) {
          expect(shown.length).toBeLessThanOrEqual(maxLength);
          expect(JSON.parse(shown)).toBe(value); // every escape is JSON's: nothing is lost
        } else {
          const cut = shown.slice(0, -1);
          expect(cut.length).toBeLessThanOrEqual(maxLength);
          expect(cut.length).toBeGreaterThan(maxLength - 6); // cut before an escape, never in it
          expect(shownExcerpt(value, Number.POSITIVE_INFINITY).startsWith(cut)).toBe(true);
        }
      }),
    );
  });

  it("shownToken and shownSentence: as it is when nothing in it needs escaping, else as shownExcerpt quotes it", () => {
    fc.assert(
      fc.property(text, (value) => {
        for (const shown of [shownToken(value), shownSentence(value)]) {
          expect(shown).not.toMatch(UNSAFE);
          expect(shown).not.toMatch(LONE_SURROGATE);
          expect(shown === value || shown === shownExcerpt(value)).toBe(true);
        }
      }),
    );
    expect(shownToken("req_8f2c")).toBe("req_8f2c");
    expect(shownToken("gzip, br")).toBe("gzip, br");
    expect(shownToken("abc) (request id forged")).toBe('"abc) (request id forged"');
    expect(shownSentence("ECONNRESET (other side closed)")).toBe("ECONNRESET (other side closed)");
    expect(shownSentence("oops\n[INFO] user=admin")).toBe('"oops\\n[INFO] user=admin"');
    expect(shownSentence("\u202egnp.exe")).toBe('"\\u202egnp.exe"');
  });
});
