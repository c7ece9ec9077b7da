import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ClientMeta, createApiClient, formBodies } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";
import { readBack } from "./reserved-read-back.js";

// Whatever the fields' names and text, and whichever of them the spec's `encoding` gives `allowReserved: true`, a form
// body reads back as the fields the caller gave, in the body's order (JavaScript's: integer-like names first), reserved
// fields neither moved nor split.
type FormOp = {
  requestBody: { content: { "application/x-www-form-urlencoded": Record<string, unknown> } };
  responses: { 200: { content: { "application/json": unknown } } };
};
interface Paths {
  "/forms": { post: FormOp };
}

/** The bodies a client sends, read at the network boundary. */
function recordingClient(allowReserved: string[]) {
  const meta = {
    securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
    operations: { "POST /forms": { id: "send", security: [["ApiKey"]], formBody: { allowReserved } } },
  } satisfies ClientMeta<"ApiKey">;
  const bodies: string[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    bodies.push(await new Response(init?.body ?? (input as Request).body).text());
    return Response.json({});
  };
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: apiKeyAuth(),
    formBodies,
    fetch,
  });
  return { client, bodies };
}

/** Text without lone surrogates (which have no URL encoding and are refused), reserved characters likely. */
const fieldText = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."abc :/?#[]@!$&'()*+,;=% -_.~") }),
  fc.string({ unit: "grapheme" }),
);
const field = fc.record({
  name: fieldText.filter((name) => name !== "__proto__"),
  text: fieldText,
  reserved: fc.boolean(),
});

describe("a form with fields that allow reserved characters", () => {
  it("reads back as the caller's fields, in the caller's order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(field, { selector: (entry) => entry.name, maxLength: 6 }), async (fields) => {
        const { client, bodies } = recordingClient(fields.filter((entry) => entry.reserved).map((entry) => entry.name));
        const body = Object.fromEntries(fields.map((entry) => [entry.name, entry.text]));
        await client.POST("/forms", { body });
        // A reserved field's percent-encoded triples are sent as they are: a server decodes them (`%ab` too).
        const reserved = new Set(fields.filter((entry) => entry.reserved).map((entry) => entry.name));
        const read = Object.entries(body).map(([name, text]) => [name, readBack(text, reserved.has(name))]);
        expect([...new URLSearchParams(bodies[0])]).toEqual(read);
        expect(bodies[0]).not.toMatch(/^&|&&|&$/);
      }),
      { numRuns: 300 },
    );
  });
});
