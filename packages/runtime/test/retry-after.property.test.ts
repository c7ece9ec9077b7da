import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serverRequestedDelayMs } from "../src/retry-policy.js";

const NOW = Date.UTC(2026, 11, 3, 8, 0, 0);
const retryAfter = (value: string) => serverRequestedDelayMs((name) => (name === "retry-after" ? value : null), NOW);

describe("Retry-After: seconds, an HTTP date, or no request at all", () => {
  it("the three forms of an HTTP date (RFC 9110) name the same instant, also repeated", () => {
    const inTenSeconds = [
      "Thu, 03 Dec 2026 08:00:10 GMT",
      "Thursday, 03-Dec-26 08:00:10 GMT",
      "Thu Dec  3 08:00:10 2026",
    ];
    for (const date of inTenSeconds) {
      expect(retryAfter(date)).toBe(10_000);
      expect(retryAfter(`${date}, ${date}`)).toBe(10_000);
    }
    expect(retryAfter("Thu, 03 Dec 2026 07:59:00 GMT")).toBe(0); // a date passed: retry now
  });

  it("whole or decimal seconds, first of a list, are read as seconds", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), fc.constantFrom("", " ", "  "), (a, b, space) => {
        expect(retryAfter(`${space}${a}${space}`)).toBe(a * 1000);
        expect(retryAfter(`${a},${space}${b}`)).toBe(a * 1000);
      }),
    );
  });

  it("anything else asks for nothing, whatever Date.parse would make of it", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."-+0123456789 ,.:aGMTWedThuOctDec/"), maxLength: 30 }),
        (value) => {
          const requested = retryAfter(value);
          const looksLikeSeconds = /^\s*\d+(\.\d+)?\s*(,|$)/.test(value);
          if (!looksLikeSeconds) expect(requested).toBeUndefined();
          else expect(requested).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
