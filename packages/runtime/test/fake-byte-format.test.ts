import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeApi, type JsonSchema } from "../src/testing/index.js";
import { specDataOf } from "./testing-one-operation.js";

// OpenAPI's `byte` format is base64-encoded bytes: the fake takes what an encoder writes and refuses other text, as it
// checks every other format.

type Paths = Record<string, never>;
const attachment: JsonSchema = {
  type: "object",
  required: ["content"],
  properties: { content: { type: "string", format: "byte" } },
};
const spec = specDataOf({
  "POST /attachments": {
    id: "createAttachment",
    security: [],
    parameters: [],
    body: { contentType: "application/json", required: true, schema: attachment },
    responses: { "200": { contentType: "application/json", schema: attachment } },
  },
});

const post = (fake: ReturnType<typeof createFakeApi<Paths>>, content: string) =>
  fake.fetch("https://api.example.test/attachments", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ content }),
  });

describe("fake API: the byte format", () => {
  it("takes any bytes as base64 writes them, padded or URL-safe without padding (property)", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Files" });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 40 }), async (bytes) => {
        const buffer = Buffer.from(bytes);
        for (const content of [buffer.toString("base64"), buffer.toString("base64url")])
          expect((await post(fake, content)).status, content).toBe(200);
      }),
      { numRuns: 100 },
    );
    expect(fake.violations).toEqual([]);
  });

  it("refuses text that is no base64, naming the format", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Files" });
    for (const content of ["###", "AAAAA", "AA=A", "AAA==", "QUJD\n", "SGVsbG8gd29ybGQ=="])
      expect((await post(fake, content)).status, content).toBe(400);
    expect(fake.violations[0]).toBe(
      'POST /attachments: request body at /content: expected format "byte", found string "###"',
    );
  });

  it("answers a sample that is base64 where the spec gives no example", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Files" });
    const response = await post(fake, "SGk=");
    expect(await response.json()).toEqual({ content: "Ynl0ZXMh" });
  });
});
