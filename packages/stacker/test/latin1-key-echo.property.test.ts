// A key with a Latin-1 letter in it (HTTP allows them in a header), echoed by a server as the very bytes it received:
// read as UTF-8, each such letter is a byte that cannot be read, U+FFFD. The echo is hidden all the same.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError, unwrap } from "../src/index.js";
import { stackerAgainst } from "./setup.js";

const GET_RECORD = [
  "/api/external/objects/{object_sid}/records/{record_sid}/",
  { params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } } },
] as const;

/** A key of visible ASCII with one to three Latin-1 letters or signs among it, apart or side by side. */
const latin1Key = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9_]{6,20}$/),
    fc.array(
      fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    fc.constantFrom("", "x"), // side by side, two such bytes may read as one letter (Ã© as é) or as one U+FFFD
  )
  .map(([ascii, latin1, between]) => `sk_${ascii.slice(0, 3)}${latin1.join(between)}${ascii.slice(3)}`);

describe("a key with Latin-1 letters, echoed as raw bytes", () => {
  it("reads [REDACTED] in the error body and message, JSON or text", async () => {
    await fc.assert(
      fc.asyncProperty(latin1Key, fc.boolean(), async (key, asJson) => {
        const { stacker } = await stackerAgainst(
          (req, res) => {
            const received = String(req.headers["x-integration-key"]); // Node reads header bytes as Latin-1
            const text = asJson ? `{"detail":"invalid key ${received}"}` : `invalid key ${received}`;
            res.writeHead(403, { "content-type": asJson ? "application/json" : "text/plain" });
            res.end(Buffer.from(text, "latin1"));
          },
          { integrationKey: key, maxRetries: 0 },
        );
        const { error, response } = await stacker.GET(...GET_RECORD);
        expect(response.status).toBe(403);
        const thrown = await unwrap(stacker.GET(...GET_RECORD)).catch((e: unknown) => e);
        expect(thrown).toBeInstanceOf(ApiError);
        const shown = `${JSON.stringify(error)} ${String(thrown)} ${inspect(thrown, { depth: 6 })}`;
        expect(shown).toContain("invalid key [REDACTED]");
        expect(shown).not.toContain(key);
        expect(shown).not.toContain(new TextDecoder().decode(Buffer.from(key, "latin1")));
      }),
      {
        numRuns: 25,
        examples: [
          ["sk_abc\u00c3\u00a9defghij", false],
          ["sk_abc\u00e0\u00a0defghij", true],
        ],
      },
    );
  });
});
