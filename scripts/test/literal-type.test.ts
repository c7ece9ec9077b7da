import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { literalType, sourceLiteral } from "../lib/source-text.mjs";
import { declarationsOf } from "./fixtures/declarations.js";

// Exact equality of two types: each is assignable to the other and neither is any.
const EQUAL =
  "type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;";

describe("literalType", () => {
  it("writes the type `value as const` has, for any JSON value (keys and strings of any characters, __proto__ too)", () => {
    const key = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("__proto__", "constructor", "*/", "a\u2028b"));
    const json = fc
      .jsonValue({ maxDepth: 3 })
      .chain((value) => fc.oneof(fc.constant(value), fc.dictionary(key, fc.constant(value), { maxKeys: 3 })));
    fc.assert(
      fc.property(fc.array(json, { minLength: 1, maxLength: 25 }), (values) => {
        const checks = values.map(
          (value, i) =>
            // Held in an object: `null as const` is no TypeScript, and the metadata holds no value at its top.
            `const value${i} = { v: ${sourceLiteral(value)} } as const;\n` +
            `export const same${i}: Equal<{ readonly v: ${literalType(value)} }, typeof value${i}> = true;\n`,
        );
        const file = "/virtual/literal-types.ts";
        const { diagnostics } = declarationsOf({ [file]: `${EQUAL}\n${checks.join("")}` });
        expect(diagnostics).toEqual([]);
      }),
      { numRuns: 6 },
    );
  }, 240_000);
});
