// Names a spec gives that every JavaScript object also has (`__proto__`, `constructor`, `toString`) survive the
// steps from the spec to the generated files: a schema property, a parameter's style and a form field's media type are
// kept as entries of their own, never set as an object's prototype or found among its inherited members.
import { describe, expect, it } from "vitest";
import { withResolvableMappings } from "../lib/spec/discriminator-mappings.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";

/** The spec as it is read from JSON, where `__proto__` is a key like any other. */
const parsed = (text: string) => JSON.parse(text) as Record<string, any>;

describe("names every object has", () => {
  it("a schema's properties named so stay through the mapping cleanup that every generation runs", () => {
    const document = parsed(
      '{"components":{"schemas":{"Thing":{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"integer"}}}}}}',
    );
    const { properties } = withResolvableMappings(document).components.schemas.Thing;
    expect(Object.keys(properties)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(properties, "__proto__")?.value).toEqual({ type: "string" });
  });

  it("parameters named so keep their styles, and a form field its media type, in the metadata", () => {
    const list = '{"type":"array","items":{"type":"string"}}';
    const spec = parsed(`{
      "openapi": "3.1.0", "info": { "title": "Names", "version": "1" },
      "components": { "securitySchemes": { "Key": { "type": "apiKey", "in": "header", "name": "X-Key" } } },
      "security": [{ "Key": [] }],
      "paths": { "/things/{__proto__}": { "post": {
        "parameters": [
          { "name": "__proto__", "in": "path", "required": true, "style": "label", "schema": ${list} },
          { "name": "__proto__", "in": "query", "style": "pipeDelimited", "explode": false, "schema": ${list} },
          { "name": "toString", "in": "query", "style": "form", "explode": false, "schema": ${list} },
          { "name": "__proto__", "in": "cookie", "schema": { "type": "string" } }
        ],
        "requestBody": { "content": { "multipart/form-data": {
          "schema": { "type": "object", "properties": { "__proto__": { "type": "string", "format": "binary" } } },
          "encoding": { "__proto__": { "contentType": "image/png" } }
        } } },
        "responses": { "204": { "description": "done" } }
      } } }
    }`);
    const operation = deriveMeta(spec, "specs/names.json").operations["POST /things/{__proto__}"] as Record<
      string,
      any
    >;
    const own = (map: object, key: string) => Object.getOwnPropertyDescriptor(map, key)?.value;
    expect(own(operation.path, "__proto__")).toEqual({ style: "label", explode: false });
    expect(own(operation.query, "__proto__")).toEqual({ style: "pipeDelimited", explode: false });
    expect(own(operation.query, "toString")).toEqual({ style: "form", explode: false });
    expect(own(operation.cookie, "__proto__")).toEqual({ style: "form", explode: true });
    expect(own(operation.bodyEncoding.contentType, "__proto__")).toBe("image/png");
  });
});
