import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ResponseParseError } from "../src/index.js";
import { clientAgainst, SECRET } from "./harness.js";

/** Every run of 4 characters of the secret: none may show in an error, however the body cuts it. */
const SECRET_FRAGMENTS = Array.from({ length: SECRET.length - 3 }, (_, at) => SECRET.slice(at, at + 4));

/** Text around the echoed secret: JSON's own characters and words, so JSON.parse fails at every kind of place. */
const around = fc.string({
  unit: fc.constantFrom("{", "}", "[", "]", '"', ":", ",", " ", "\n", "\\", "1", "-", "e", ".", "a", "key", "null"),
  maxLength: 12,
});

describe("ResponseParseError never quotes the body (property-based)", () => {
  it("a body that echoes the credential anywhere in text that is not JSON: the error names the failure, not the text", async () => {
    let body = "";
    const { client } = await clientAgainst((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(body),
    );
    await fc.assert(
      fc.asyncProperty(around, around, async (before, after) => {
        body = `${before}${SECRET}${after}`;
        const error = await client.GET("/items").then(
          () => undefined, // the echo made valid JSON (inside a string): nothing to check
          (e: unknown) => e,
        );
        if (error === undefined) return;
        expect(error).toBeInstanceOf(ResponseParseError);
        expect((error as ResponseParseError).message).toMatch(
          /^GET \/items answered with a body that is not valid JSON/,
        );
        const shown = `${String(error)} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`;
        for (const fragment of SECRET_FRAGMENTS) expect(shown).not.toContain(fragment);
      }),
      { numRuns: 60 },
    );
  });
});
