import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeApi, type JsonSchema, type MediaData, type SpecData } from "../src/testing/index.js";

// A fake's answer when the test installs no handler must meet the spec it checks handlers' answers against: vendors'
// examples often break their own schemas, and a sample of required properties alone often matches several branches of
// a `oneOf`.

/** A fake of `GET /thing`, answering `media`, with component `schemas`. */
function fakeAnswering(media: Omit<MediaData, "contentType">, schemas: SpecData["schemas"] = {}) {
  const spec: SpecData = {
    basePath: "",
    securitySchemes: {},
    operations: {
      "GET /thing": {
        id: "getThing",
        security: [],
        parameters: [],
        responses: { "200": { contentType: "application/json", ...media } },
        pagination: { style: "offset", in: "query", offset: "offset", limit: "limit", items: "items" },
      },
    },
    responses: {},
    schemas,
  };
  return createFakeApi({ spec, name: "Things" });
}

async function defaultAnswer(fake: ReturnType<typeof fakeAnswering>): Promise<unknown> {
  const response = await fake.fetch("https://api.example.test/thing");
  expect(response.status).toBe(200);
  return response.json();
}

/** A fake's answer to the same request when a test's handler gives it: refused unless it meets the spec. */
async function acceptedFromHandler(fake: ReturnType<typeof fakeAnswering>, body: unknown): Promise<boolean> {
  fake.reset();
  // The fake is untyped here; the body is what was answered.
  fake.on("GET /thing" as never, (() => body) as never);
  const { status } = await fake.fetch("https://api.example.test/thing");
  fake.reset();
  return status === 200;
}

const banner: JsonSchema = {
  type: "object",
  required: ["message", "isEnabled"],
  properties: { message: { type: "string" }, isEnabled: { type: "boolean" } },
};

describe("fake API: default answers meet the spec", () => {
  it("answers an example written as JSON text (Jira's) as the JSON it holds", async () => {
    const fake = fakeAnswering({
      schema: banner,
      example: '{"message":"This is a public, enabled banner","isEnabled":true}',
    });

    expect(await defaultAnswer(fake)).toEqual({ message: "This is a public, enabled banner", isEnabled: true });
  });

  it("answers an example that meets the schema as it is, text included", async () => {
    const text = fakeAnswering({ schema: { type: "string" }, example: '{"a":1}' });
    const object = fakeAnswering({ schema: banner, example: { message: "hi", isEnabled: false, extra: 1 } });

    expect(await defaultAnswer(text)).toBe('{"a":1}');
    expect(await defaultAnswer(object)).toEqual({ message: "hi", isEnabled: false, extra: 1 });
  });

  it("answers a sample when the example lacks what the schema requires (GitHub's, as its schemas grew)", async () => {
    const fake = fakeAnswering({ schema: banner, example: { message: "Old example" } });
    const answer = await defaultAnswer(fake);

    expect(answer).toEqual({ message: "x", isEnabled: false });
    expect(await acceptedFromHandler(fake, answer)).toBe(true);
  });

  it("passes over a nested example that breaks its schema (Codat's links)", async () => {
    const fake = fakeAnswering({
      schema: {
        type: "object",
        required: ["href", "count"],
        properties: {
          href: { type: "string", format: "uri-reference", example: "/companies/{companyId} and more" },
          count: { type: "integer", minimum: 1, example: 0, default: 3 },
        },
      },
    });

    expect(await defaultAnswer(fake)).toEqual({ href: "https://example.com/", count: 3 });
  });

  it("takes the example of a part of an allOf when it meets the whole (ShipEngine's ids)", async () => {
    const fake = fakeAnswering(
      {
        schema: {
          type: "object",
          required: ["batch_id"],
          properties: { batch_id: { allOf: [{ $ref: "#/components/schemas/se_id" }], readOnly: true } },
        },
      },
      { se_id: { type: "string", pattern: "^se(-[a-z0-9]+)+$", maxLength: 25, example: "se-28529731" } },
    );

    expect(await defaultAnswer(fake)).toEqual({ batch_id: "se-28529731" });
  });

  it("grows a format's sample to a minLength in a way that keeps the format (Unicourt's 25-character date-times)", async () => {
    const formats = ["date-time", "duration", "email", "hostname", "uri", "url", "uri-reference", "json-pointer"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...formats), fc.integer({ min: 0, max: 40 }), async (format, minLength) => {
        const fake = fakeAnswering({ schema: { type: "string", format, minLength } });
        const answer = await defaultAnswer(fake);

        expect([...(answer as string)].length).toBeGreaterThanOrEqual(minLength);
        expect(await acceptedFromHandler(fake, answer)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it("answers a oneOf with a value only one branch matches, filling in the property that tells them apart", async () => {
    const asset = (type: string, required: string[]): JsonSchema => ({
      type: "object",
      required,
      properties: { type: { type: "string", enum: [type] }, src: { type: "string" }, text: { type: "string" } },
    });
    const fake = fakeAnswering(
      { schema: { $ref: "#/components/schemas/Asset" } },
      {
        Asset: { oneOf: [{ $ref: "#/components/schemas/Video" }, { $ref: "#/components/schemas/Image" }] },
        Video: asset("video", ["src"]),
        Image: asset("image", ["src"]),
      },
    );
    const answer = await defaultAnswer(fake);

    expect(answer).toEqual({ type: "video", src: "x", text: "x" });
    expect(await acceptedFromHandler(fake, answer)).toBe(true);
  });

  it("answers a oneOf whose branches are told apart by what they require with the first branch's sample", async () => {
    const fake = fakeAnswering({
      schema: {
        oneOf: [
          { type: "object", required: ["email"], properties: { email: { type: "string", format: "email" } } },
          { type: "object", required: ["phone"], properties: { phone: { type: "string" } } },
        ],
      },
    });

    expect(await defaultAnswer(fake)).toEqual({ email: "user@example.com" });
  });

  it("answers the example of a schema it cannot read, as before (Rumble's $ref to a response object)", async () => {
    const fake = fakeAnswering({
      schema: { $ref: "#/components/responses/StatusMessage" },
      example: { message: "ok" },
    });

    expect(await defaultAnswer(fake)).toEqual({ message: "ok" });
    expect(fake.violations).toEqual([]);
  });

  it("pages items from a template that meets the spec, though the example breaks it", async () => {
    const fake = fakeAnswering({
      schema: {
        type: "object",
        required: ["items", "total"],
        properties: { items: { type: "array", items: banner }, total: { type: "integer" } },
      },
      example: { items: [{ message: "no isEnabled" }] },
    });
    fake.items("GET /thing" as never, [{ message: "a", isEnabled: true }] as never);

    expect(await defaultAnswer(fake)).toEqual({ items: [{ message: "a", isEnabled: true }], total: 1 });
  });
});
