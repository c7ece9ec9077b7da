import { describe, expect, it } from "vitest";
import { deriveMeta } from "../lib/spec/meta.mjs";

/** A spec with one POST operation taking a multipart form of `schema`, encoded as `encoding` says. */
function specWithForm(schema: unknown, encoding?: unknown) {
  const media = { schema, ...(encoding ? { encoding } : {}) };
  return {
    openapi: "3.1.0",
    info: { title: "Uploads", version: "1" },
    paths: {
      "/documents": {
        post: {
          operationId: "upload",
          requestBody: { content: { "multipart/form-data": media } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  };
}

const bodyEncodingOf = (schema: unknown, encoding?: unknown) =>
  deriveMeta(specWithForm(schema, encoding), "specs/uploads.json").operations["POST /documents"]?.bodyEncoding;

describe("deriveMeta: a multipart form's JSON parts", () => {
  it("lists the parts the encoding types as JSON, and those OpenAPI sends as JSON by default: objects, lists of objects", () => {
    const schema = {
      type: "object",
      properties: {
        file: { type: "string", format: "binary" },
        title: { type: "string" },
        tags: { type: "array", items: { type: "string" } },
        attributes: { type: "object", properties: { name: { type: "string" } } },
        items: { type: "array", items: { $comment: "an item", properties: { id: { type: "integer" } } } },
        either: { oneOf: [{ type: "string" }, { type: "object" }] },
        options: { type: "string" },
        raw: { type: "object" },
        nested: { type: "object" },
      },
    };
    const encoding = {
      options: { contentType: "application/json" },
      raw: { contentType: "text/plain" },
      nested: { style: "deepObject" },
    };
    expect(bodyEncodingOf(schema, encoding)).toEqual({
      deepObject: ["nested"],
      json: ["attributes", "items", "options"],
      contentType: { raw: "text/plain" },
    });
  });

  it("emits nothing for a form of text and files only", () => {
    const schema = {
      type: "object",
      properties: { file: { type: "string", format: "binary" }, n: { type: "integer" } },
    };
    expect(bodyEncodingOf(schema)).toBeUndefined();
  });
});
