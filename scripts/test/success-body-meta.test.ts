import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { successBody, successesWithBody, successMayBeEmpty } from "../lib/spec/media-types.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";

const STRING = { type: "string" };

/** An operation whose responses declare, per status, each media type with its schema (a string's unless given). */
function operationAnswering(responses: Record<string, Record<string, object | undefined> | string[]>) {
  return {
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, content]) => [
        status,
        {
          description: status,
          content: Array.isArray(content)
            ? Object.fromEntries(content.map((type) => [type, { schema: STRING }]))
            : Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, schema ? { schema } : {}])),
        },
      ]),
    ),
  };
}

describe("successBody", () => {
  it('is "text" when every success is text that is not JSON, typed as a string or not typed', () => {
    expect(successBody(operationAnswering({ "200": ["text/csv"], "400": ["application/json"] }))).toBe("text");
    expect(successBody(operationAnswering({ "200": ["application/xml", "text/plain"], "204": [] }))).toBe("text");
    expect(successBody(operationAnswering({ "2XX": { "application/yaml": undefined } }))).toBe("text");
    expect(successBody(operationAnswering({ "200": { "text/html": { type: ["string", "null"] } } }))).toBe("text");
    // SVG is XML, whatever its top-level type says.
    expect(successBody(operationAnswering({ "200": ["image/svg+xml"] }))).toBe("text");
    // `default` is the success of an operation that lists no 2xx.
    expect(successBody(operationAnswering({ default: ["text/plain"] }))).toBe("text");
    // A schema that types nothing (Orthanc's `GET /tools/now`): openapi-typescript's `unknown`, which text is.
    expect(successBody(operationAnswering({ "200": { "text/plain": { description: "The UTC time" } } }))).toBe("text");
  });

  it("is undefined (JSON) when a success may be JSON, is not text, or is text of another type", () => {
    expect(successBody(operationAnswering({ "200": ["application/json", "text/csv"] }))).toBeUndefined();
    expect(
      successBody(operationAnswering({ "200": ["text/csv"], "201": ["application/problem+json"] })),
    ).toBeUndefined();
    expect(successBody(operationAnswering({ "200": ["image/png", "application/json"] }))).toBeUndefined();
    expect(successBody(operationAnswering({ "200": ["text/csv", "*/*"] }))).toBeUndefined();
    expect(successBody(operationAnswering({ "200": ["text/csv", "application/pdf"] }))).toBeUndefined();
    // XML of an object schema: openapi-typescript types it as the object, which a string is not.
    const pet = { type: "object", properties: { name: STRING } };
    expect(successBody(operationAnswering({ "200": { "application/xml": pet } }))).toBeUndefined();
    for (const typed of [{ properties: { name: STRING } }, { items: STRING }, { oneOf: [pet, STRING] }, { enum: [1] }])
      expect(successBody(operationAnswering({ "200": { "text/plain": typed } }))).toBeUndefined();
    // Errors in text, a success in JSON; a `default` beside a 2xx is an error.
    expect(successBody(operationAnswering({ "200": ["application/json"], "400": ["text/plain"] }))).toBeUndefined();
    expect(successBody(operationAnswering({ "204": [], default: ["text/plain"] }))).toBeUndefined();
    expect(successBody(operationAnswering({ "204": [] }))).toBeUndefined();
    expect(successBody({})).toBeUndefined();
  });

  it('is "bytes" when every success is bytes that are neither JSON nor text, typed as a string or not typed', () => {
    const binary = { type: "string", format: "binary" };
    expect(successBody(operationAnswering({ "200": { "application/pdf": binary } }))).toBe("bytes");
    expect(successBody(operationAnswering({ "201": ["image/png", "image/jpeg"], "400": ["application/json"] }))).toBe(
      "bytes",
    );
    expect(successBody(operationAnswering({ "200": { "Application/Octet-Stream; q=1": undefined } }))).toBe("bytes");
    expect(successBody(operationAnswering({ "200": ["image/*"], "204": [] }))).toBe("bytes");
    expect(successBody(operationAnswering({ default: ["application/zip"] }))).toBe("bytes");
    // A wildcard a server may answer in JSON, or bytes typed as an object (a spec that means JSON): not refused.
    for (const type of ["*/*", "application/*", "*"])
      expect(successBody(operationAnswering({ "200": [type] }))).toBeUndefined();
    expect(
      successBody(operationAnswering({ "200": { "application/octet-stream": { type: "object" } } })),
    ).toBeUndefined();
  });

  it('is "event-stream" when a success that is text is an event stream', () => {
    expect(successBody(operationAnswering({ "200": ["text/event-stream"] }))).toBe("event-stream");
    expect(successBody(operationAnswering({ "200": ["text/plain", "Text/Event-Stream; charset=utf-8"] }))).toBe(
      "event-stream",
    );
    // Its events typed as objects: still never one JSON document.
    expect(successBody(operationAnswering({ "200": { "text/event-stream": { type: "object" } } }))).toBe(
      "event-stream",
    );
    expect(successBody(operationAnswering({ "200": ["application/json", "text/event-stream"] }))).toBeUndefined();
  });

  it("reads media types in any case and with any parameters", () => {
    const anyCase = (type: string) =>
      fc
        .array(fc.boolean(), { minLength: type.length, maxLength: type.length })
        .map((upper) => [...type].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join(""));
    const parameters = fc
      .array(fc.constantFrom("; charset=utf-8", ";charset=UTF-8", '; header="present"', " ; q=1"), { maxLength: 2 })
      .map((list) => list.join(""));
    const spelt = (types: string[]) =>
      fc.constantFrom(...types).chain((type) => fc.tuple(anyCase(type), parameters).map(([t, p]) => t + p));
    const text = spelt(["text/csv", "text/plain", "application/xml", "application/atom+xml", "application/yaml"]);
    const json = spelt(["application/json", "application/problem+json", "application/vnd.api+json"]);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), fc.option(json), (texts, maybeJson) => {
        const types = maybeJson === null ? texts : [...texts, maybeJson];
        expect(successBody(operationAnswering({ "200": types }))).toBe(maybeJson === null ? "text" : undefined);
      }),
    );
  });
});

describe("deriveMeta: successBody", () => {
  it("is written on the operations whose successes are text or an event stream, and only those", () => {
    const spec = {
      openapi: "3.1.0",
      info: { title: "Exports", version: "1" },
      paths: {
        "/report.csv": { get: operationAnswering({ "200": ["text/csv; charset=utf-8"] }) },
        "/events": { get: operationAnswering({ "200": ["text/event-stream"] }) },
        "/items": { get: operationAnswering({ "200": { "application/json": { type: "array" } } }) },
      },
    };
    const { operations } = deriveMeta(spec, "specs/exports.json");
    expect(operations["GET /report.csv"]).toMatchObject({ successBody: "text" });
    expect(operations["GET /events"]).toMatchObject({ successBody: "event-stream" });
    expect(operations["GET /items"]).not.toHaveProperty("successBody");
  });
});

describe("successMayBeEmpty", () => {
  it("is true when a success is declared without a body beside one with a body, as openapi-fetch then types data", () => {
    const json = ["application/json"];
    expect(successMayBeEmpty(operationAnswering({ "200": json, "204": [] }))).toBe(true);
    expect(successMayBeEmpty(operationAnswering({ "2xx": json, "202": [] }))).toBe(true);
    expect(successMayBeEmpty(operationAnswering({ "201": json, "2XX": [] }))).toBe(true);
    // Failures and `default` do not type `data`; nor does a success list with no body at all.
    expect(successMayBeEmpty(operationAnswering({ "200": json, "404": [], default: [] }))).toBe(false);
    expect(successMayBeEmpty(operationAnswering({ "200": json, "201": json }))).toBe(false);
    expect(successMayBeEmpty(operationAnswering({ "204": [], "202": [] }))).toBe(false);
    expect(successMayBeEmpty({})).toBe(false);
  });

  it("is in the metadata of such an operation only", () => {
    const spec = {
      openapi: "3.1.0",
      info: { title: "Records", version: "1" },
      paths: {
        "/records/{id}": {
          get: operationAnswering({ "200": ["application/json"] }),
          delete: operationAnswering({ "200": ["application/json"], "204": [] }),
        },
      },
    };
    const { operations } = deriveMeta(spec, "specs/records.json");
    expect(operations["DELETE /records/{id}"]).toMatchObject({ successMayBeEmpty: true });
    expect(operations["GET /records/{id}"]).not.toHaveProperty("successMayBeEmpty");
  });
});

describe("successesWithBody (property)", () => {
  it("lists successes only, each once, never 204 or 205, and every exact one declared with a body", () => {
    const statuses = ["200", "201", "202", "204", "205", "206", "2XX", "2xx", "302", "3XX", "400", "default"];
    const declared = fc.dictionary(fc.constantFrom(...statuses), fc.boolean(), { maxKeys: 6 });
    fc.assert(
      fc.property(declared, (withBody) => {
        const operation = operationAnswering(
          Object.fromEntries(
            Object.entries(withBody).map(([status, body]) => [status, body ? ["application/json"] : []]),
          ),
        );
        const listed = successesWithBody(operation).split(" ").filter(Boolean);
        expect(new Set(listed).size).toBe(listed.length);
        for (const status of listed) expect(status).toMatch(/^(?:2(?!0[45]$)\d\d|2XX)$/);
        for (const [status, body] of Object.entries(withBody))
          if (body && /^2\d\d$/.test(status) && status !== "204" && status !== "205") expect(listed).toContain(status);
      }),
    );
  });
});
