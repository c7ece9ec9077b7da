import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { iterativeJsonExcerpt, jsonExcerpt } from "../src/internal/json-excerpt.js";
import { ApiError, unwrap } from "../src/index.js";
import { clientAgainst } from "./harness.js";

describe("the JSON excerpt of an error body: the start of JSON.stringify, on every runtime (property-based)", () => {
  it("written without recursion, is JSON.stringify's text cut at the limit, for JSON data and undefined", () => {
    fc.assert(
      fc.property(fc.anything(), fc.nat({ max: 400 }), (value, maxLength) => {
        expect(iterativeJsonExcerpt(value, maxLength)).toBe((JSON.stringify(value) ?? "").slice(0, maxLength));
      }),
    );
  });

  it("is the same for a value nested deeper than JSON.stringify can go", () => {
    let deep: unknown = { code: "DEEP" };
    for (let level = 0; level < 200_000; level++) deep = level % 2 ? [deep] : { inner: deep };
    // Node's JSON.stringify throws a RangeError here; a runtime whose stack goes deeper writes the same text.
    expect(iterativeJsonExcerpt(deep, 30)).toBe('[{"inner":[{"inner":[{"inner":');
    expect(jsonExcerpt(deep, 30)).toBe('[{"inner":[{"inner":[{"inner":');
  });
});

describe("an ApiError's message quotes the start of its JSON body", () => {
  it("as JSON.stringify writes it, with what would break a line escaped too, up to 200 characters and an ellipsis (property-based)", async () => {
    let body: unknown;
    const { client, server } = await clientAgainst((_req, res) =>
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify(body)),
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        body = value;
        const error = await unwrap(client.GET("/items")).then(
          () => expect.fail("expected an ApiError"),
          (e: unknown) => e as ApiError,
        );
        // A body that is a JSON string is quoted as a text/plain body is: in quotes.
        const text = value === "" ? "" : escapedJson(value);
        const prefix = `GET ${server.url}/items answered 400`;
        if (text.length <= 200) expect(error.message).toBe(`${prefix}${text ? `: ${text}` : ""}`);
        else {
          expect(error.message.startsWith(`${prefix}: `) && error.message.endsWith("…")).toBe(true);
          const detail = error.message.slice(prefix.length + 2, -1);
          expect(text.startsWith(detail) && detail.length <= 200 && detail.length > 200 - 6).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});

/** JSON.stringify's text with the characters JSON leaves as they are but a log line must not hold escaped as \uXXXX. */
function escapedJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
