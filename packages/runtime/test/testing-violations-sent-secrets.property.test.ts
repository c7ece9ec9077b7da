import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeApi } from "../src/testing/index.js";
import { specDataOf } from "./testing-one-operation.js";

// An app that also puts its credential where the spec forbids it (a key as a count, a token as a map's key) breaks
// the spec there: the violation says where and how, never what the credential is.

const integer = { type: "integer" } as const;
const spec = specDataOf(
  {
    "POST /things": {
      id: "createThing",
      security: [["apiKey"], ["bearer"]],
      parameters: [{ name: "after", in: "query", schema: integer }],
      body: {
        contentType: "application/json",
        schema: {
          type: "object",
          properties: { count: integer, labels: { type: "object", additionalProperties: integer } },
        },
      },
      responses: { "201": {} },
    },
  },
  {
    securitySchemes: {
      apiKey: { header: "X-Acme-Key", secret: true },
      bearer: { header: "Authorization", prefix: "Bearer ", secret: true },
    },
  },
);

/**
 * Credentials as an app's configuration holds them: printable, without spaces, 4 characters or more; not a number,
 * which an integer's place would take (`6e53`).
 */
const credential = fc
  .string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_.~+/=!&"), minLength: 4, maxLength: 40 })
  .filter((value) => Number.isNaN(Number(value)));

describe("fake API: a violation never shows the credentials its request sent (property)", () => {
  it.each([
    { scheme: "an API key header", headers: (value: string) => ({ "X-Acme-Key": value }) },
    { scheme: "a bearer token", headers: (value: string) => ({ Authorization: `Bearer ${value}` }) },
  ])("sent as $scheme, and also as a count, a query parameter and a map's key", async ({ headers }) => {
    await fc.assert(
      fc.asyncProperty(credential, async (value) => {
        const fake = createFakeApi<Record<string, never>>({ spec, name: "Acme" });
        const response = await fake.fetch(`https://acme.example/things?after=${encodeURIComponent(value)}`, {
          method: "POST",
          headers: { ...headers(value), "content-type": "application/json" },
          body: JSON.stringify({ count: value, labels: { [value]: "x" } }),
        });
        expect(response.status).toBe(400);
        const shown = [...fake.violations, await response.text()].join("\n");
        expect(fake.violations).toEqual([
          expect.stringMatching(/^POST \/things: request query parameter "after": expected type "integer", found /),
          expect.stringMatching(/^POST \/things: request body at \/count: expected type "integer", found string/),
          expect.stringMatching(
            /^POST \/things: request body at \/labels\/.+: expected type "integer", found string "x"$/,
          ),
        ]);
        expect(shown).not.toContain(value);
        expect(shown).not.toContain(JSON.stringify(value).slice(1, -1));
      }),
      { numRuns: 60 },
    );
  });

  it("names the place and the value of what no credential holds", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Acme" });
    await fake.fetch("https://acme.example/things", {
      method: "POST",
      headers: { "X-Acme-Key": "letmein", "content-type": "application/json" },
      body: JSON.stringify({ count: "letmein", labels: { shipping: "fast" } }),
    });
    expect(fake.violations).toEqual([
      'POST /things: request body at /count: expected type "integer", found string "[REDACTED]"',
      'POST /things: request body at /labels/shipping: expected type "integer", found string "fast"',
    ]);
  });
});
