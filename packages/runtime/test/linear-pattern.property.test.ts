import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { patternTester } from "../src/testing/linear-pattern.js";
import { compiles } from "../src/testing/validator-schema.js";

/** The answer a JSON Schema validator gets for `pattern` from the native RegExp. */
function nativeTest(source: string, text: string): boolean {
  return new RegExp(source, "u").test(text);
}

/**
 * The native RegExp's answer when it is tried, sticky, at each code point boundary of `text`, as the spec's search
 * is. V8 (Node 20's included) also finds an empty match inside a surrogate pair (`/(?!😀)\B(?!$)/u.test("a😀")`), a
 * bug fixed upstream that patternTester does not copy.
 */
function specSearch(source: string, text: string): boolean {
  const sticky = new RegExp(source, "uy");
  for (let at = 0; at <= text.length; at += (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1) {
    sticky.lastIndex = at;
    if (sticky.test(text)) return true;
  }
  return false;
}

/** The answer patternTester must give: the native one, by the spec's search when the text holds a surrogate pair. */
function expectedAnswer(source: string, text: string): boolean {
  return /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text) ? specSearch(source, text) : nativeTest(source, text);
}

const ATOMS = [
  "a",
  "b",
  "-",
  "0",
  "1",
  "é",
  "😀",
  "\uD83D",
  "\uDE00",
  ".",
  "[ab]",
  "[^a]",
  "[a-]",
  "[\\]a]",
  "[[]",
  "[\\b]",
  "[]",
  "[^]",
  "[😀a]",
  "\\d",
  "\\D",
  "\\w",
  "\\W",
  "\\s",
  "\\S",
  "\\.",
  "[\\-a]",
  "\\n",
  "\\x61",
  "\\u{1F600}",
  "\\uD83D",
  "\\uDE00",
  "\\p{L}",
  "\\P{L}",
];
const ASSERTIONS = ["^", "$", "\\b", "\\B"];
const QUANTIFIERS = ["*", "+", "?", "{0}", "{1}", "{2}", "{0,}", "{2,}", "{0,1}", "{1,2}", "{0,3}", "{2,3}"];

/** Patterns over a small alphabet, nested at most `depth` deep, so that the native RegExp never backtracks long. */
function patternOf(depth: number): fc.Arbitrary<string> {
  const atom = fc.constantFrom(...ATOMS);
  const leaf = fc.oneof({ weight: 3, arbitrary: atom }, { weight: 1, arbitrary: fc.constantFrom(...ASSERTIONS) });
  if (depth === 0) return leaf;
  const inner = patternOf(depth - 1);
  const group = fc.tuple(fc.constantFrom("(", "(?:", "(?<g>"), inner).map(([open, body]) => `${open}${body})`);
  const lookahead = fc.tuple(fc.constantFrom("(?=", "(?!"), inner).map(([open, body]) => `${open}${body})`);
  const quantifier = fc.tuple(fc.constantFrom(...QUANTIFIERS), fc.boolean()).map(([q, lazy]) => (lazy ? `${q}?` : q));
  const quantified = fc.tuple(fc.oneof(atom, group), quantifier).map(([body, q]) => `${body}${q}`);
  const sequence = fc.array(inner, { minLength: 2, maxLength: 3 }).map((items) => items.join(""));
  const choice = fc.array(inner, { minLength: 2, maxLength: 3 }).map((options) => options.join("|"));
  return fc.oneof(leaf, group, lookahead, quantified, quantified, sequence, choice);
}

/** Patterns nested at most `depth` deep, searched for anywhere or anchored at both ends of the text. */
function searchedOrWhole(depth: number): fc.Arbitrary<string> {
  const pattern = patternOf(depth);
  return fc
    .oneof(
      pattern,
      pattern.map((body) => `^(?:${body})$`),
    )
    .filter(compiles);
}

const text = fc
  .array(fc.constantFrom("a", "b", "-", "0", "1", "_", " ", "A", "é", "😀", "\n", "\uD83D", "\uDE00"), {
    maxLength: 10,
  })
  .map((chars) => chars.join(""));

/** Asserts that `pattern` answers every text as the native RegExp does (as {@link expectedAnswer} has it). */
function expectNativeAnswers(pattern: string, texts: readonly string[]): void {
  const test = patternTester(pattern);
  for (const sample of texts) {
    expect([pattern, sample, test(sample)]).toEqual([pattern, sample, expectedAnswer(pattern, sample)]);
  }
}

describe("patternTester: the same answer as new RegExp(pattern, 'u').test", () => {
  it("for random patterns and texts", () => {
    fc.assert(fc.property(searchedOrWhole(3), fc.array(text, { minLength: 1, maxLength: 4 }), expectNativeAnswers), {
      numRuns: 3000,
    });
  });

  it("for deeper random patterns", () => {
    fc.assert(fc.property(searchedOrWhole(4), fc.array(text, { minLength: 1, maxLength: 3 }), expectNativeAnswers), {
      numRuns: 1000,
    });
  });

  it.each([
    ["^[a-z0-9]+(-[a-z0-9]+)*$", ["hello-world", "hello--world", "-hello", "a", "Hello"]],
    ["^\\d{3}-\\d{4}$", ["555-1234", "555-123", "5555-1234", "55a-1234", "٣٣٣-١٢٣٤"]],
    ["^[A-Z]{2}$", ["FR", "fr", "FRA", "F"]],
    ["^(?!.*--)[a-z-]+$", ["a-b", "a--b", "-", "--"]],
    ["^\\p{Lu}", ["Élan", "élan", "A", "1"]],
    ["^[^]*$", ["anything\nat all", "😀"]],
    ["[]", ["a", "[]"]],
    ["^$", ["a", "\n"]],
    ["a{0}", ["a", "b"]],
    ["(?:)", ["a"]],
    ["^(a|ab)(c|bcd)(d*)$", ["abcd", "acd", "abcdd", "abd"]],
    ["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", ["ann@example.com", "ann@example", "ann @example.com", "a@b.c"]],
    [
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
      [
        "123e4567-e89b-12d3-a456-426614174000",
        "123e4567-e89b-12d3-a456-42661417400",
        "123e4567e89b12d3a456426614174000",
      ],
    ],
    ["^https?://[^\\s/$.?#].[^\\s]*$", ["https://example.com/a?b=c", "http://", "ftp://example.com"]],
    ["\\bcat\\b", ["a cat sat", "concatenate", "cat", "😀cat😀"]],
    ["^\\uD83D\\uDE00+$", ["😀😀", "\uD83D\uDE00\uDE00", "\uD83D"]],
    ["^.$", ["😀", "\uD83D", "\n", "\u2028", "ab"]],
    ["(?<year>\\d{4})-(?<month>\\d{2})", ["2024-05", "24-05"]],
    ["^(?=.*\\d)(?=.*[a-z]).{8,}$", ["password1", "password", "pass1", "12345678a"]],
    ["^(a*)*$", ["aaa", "aab"]],
    ["(?:)*", ["a"]],
    ["^(?:^)*a(?:$)*$", ["a", "aa"]],
    ["(?:\\b)+a", ["a", "ba", " a"]],
    ["^(?:a?){3}a{3}$", ["aaa", "aaaaaa", "aaaaaaa", "aa"]],
  ])("for the pattern %s", (pattern, texts) => {
    expectNativeAnswers(pattern, ["", ...texts]);
  });
});

describe("patternTester: the spec's search, which never starts inside a surrogate pair", () => {
  it.each([
    ["(?!😀)\\B(?!$)", "a😀"],
    ["((?!a))(\\B)|a|a", "b😀_"],
  ])("finds no empty match of %s inside the pair of %s", (pattern, sample) => {
    expect(patternTester(pattern)(sample)).toBe(false);
    expect(specSearch(pattern, sample)).toBe(false);
  });
});

describe("patternTester: catastrophic patterns answer at once", () => {
  const beezup = "^(https?:\\/\\/)?([\\da-z\\.-]+)\\.([a-z\\.]{2,6})([\\/\\w \\.-]*)*\\/?$";

  it("BeezUP's URL pattern", () => {
    const test = patternTester(beezup);
    expect(test("https://www.gravatar.com/avatar/205e460b479e2e5b48aec07710c08d50?d=mm")).toBe(false);
    expect(test("https://example.com/a/b")).toBe(true);
  });

  it("nested and overlapping repetitions on long texts", () => {
    const nested = patternTester("^(a+)+$");
    expect(nested(`${"a".repeat(5000)}!`)).toBe(false);
    expect(nested("a".repeat(5000))).toBe(true);
    expect(patternTester("^(a|a)*$")(`${"a".repeat(5000)}!`)).toBe(false);
    expect(patternTester("^(a*)*b$")("a".repeat(5000))).toBe(false);
    expect(patternTester("(x+x+)+y")("x".repeat(5000))).toBe(false);
    expect(patternTester("(x+x+)+y")(`${"x".repeat(5000)}y`)).toBe(true);
  });

  it("image-charts' pipe-separated lists on a 10,000-character text", () => {
    const long = "ab|cd".repeat(2000);
    expect(patternTester("^(?:[^\\|]*\\|?)+$")(long)).toBe(true);
    expect(patternTester("^(?:[^\\|,]*\\|?)+$")(long)).toBe(true);
    expect(patternTester("^(?:[^\\|,]*\\|?)+$")(`${long.slice(1)},`)).toBe(false);
  });

  it("a lookahead over a 9,000-character text", () => {
    const long = "ab-".repeat(3000);
    expect(patternTester("^(?!.*--)(?:[a-z]+-?)+$")(long)).toBe(true);
    expect(patternTester("^(?!.*--)(?:[a-z]+-?)+$")(`${long}-`)).toBe(false);
  });
});

describe("patternTester: what the native RegExp tests", () => {
  it.each([
    ["^(a)\\1$", ["aa", "ab", "a"]],
    ["(?<=a)b", ["ab", "cb", "b"]],
    ["(?<!a)b", ["ab", "cb", "b"]],
    ["(?<=>)b", [">b", "b"]],
    ["(?<n>a)\\k<n>", ["aa", "ab", "baab"]],
    ["(?:a{1000}){1000}", ["a".repeat(1000), "a".repeat(1_000_000)]],
    ["a{1000000000}", ["aaa"]],
  ])("the pattern %s", (pattern, texts) => {
    expectNativeAnswers(pattern, ["", ...texts]);
  });

  it("a pattern nested 5,000 groups deep", () => {
    expectNativeAnswers(`${"(?:".repeat(5000)}a${")".repeat(5000)}`, ["", "a", "b"]);
  });

  it("a modifier group: the native answers where the runtime has them (Node 24), its SyntaxError where not", () => {
    if (compiles("(?i:a)b")) expectNativeAnswers("(?i:a)b", ["Ab", "AB", "ab"]);
    else expect(() => patternTester("(?i:a)b")).toThrow(SyntaxError);
  });
});

describe("patternTester: a source that is no regular expression with the u flag", () => {
  it.each(["\\_", "a{", "{", "]", "(?=a)*", "\\1", "(", "[a"])(
    "throws the RegExp constructor's SyntaxError for %s",
    (source) => {
      expect(() => new RegExp(source, "u")).toThrow(SyntaxError);
      expect(() => patternTester(source)).toThrow(SyntaxError);
    },
  );
});
