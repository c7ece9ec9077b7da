import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptHeader, isJsonMediaType } from "../lib/spec/media-types.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";
import { keyedDocument } from "./fixtures/keyed-document.js";

/** An operation whose responses declare, per status, the media types listed. */
function operationAnswering(responses: Record<string, string[]>) {
  return {
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, types]) => [
        status,
        { description: status, content: Object.fromEntries(types.map((type) => [type, { schema: {} }])) },
      ]),
    ),
  };
}

/** A spec of GET operations, one per path, all authenticated by one header key. */
function specOf(operations: Record<string, Record<string, string[]>>) {
  return keyedDocument(
    "Media",
    Object.fromEntries(
      Object.entries(operations).map(([path, responses]) => [path, { get: operationAnswering(responses) }]),
    ),
  );
}

describe("acceptHeader", () => {
  it("lists a JSON-only operation's types as they are", () => {
    expect(acceptHeader(operationAnswering({ "200": ["application/json"], "400": ["application/problem+json"] }))).toBe(
      "application/json, application/problem+json",
    );
  });

  it("asks for a success declared in JSON and other types in JSON alone, whatever the spec's order", () => {
    // A server that ignores weights (Django REST framework's negotiation) answers in whichever listed type it prefers.
    const operation = operationAnswering({ "200": ["application/xml", "application/json", "text/plain"] });
    expect(acceptHeader(operation)).toBe("application/json");
    const search = operationAnswering({ "200": ["application/json", "text/csv"], "400": ["text/csv", "text/html"] });
    expect(acceptHeader(search)).toBe("application/json, text/html;q=0.9");
    const exported = operationAnswering({ "200": ["application/json", "text/csv"], "202": ["text/csv"] });
    expect(acceptHeader(exported)).toBe("application/json, text/csv;q=0.9");
  });

  it("lists a success's types before the errors', each once", () => {
    const operation = operationAnswering({
      default: ["text/plain"],
      "404": ["application/json"],
      "200": ["text/csv", "text/plain"],
    });
    expect(acceptHeader(operation)).toBe("application/json, text/csv;q=0.9, text/plain;q=0.9");
    expect(acceptHeader(operationAnswering({ "200": ["image/png", "image/*"] }))).toBe("image/png, image/*");
  });

  it("leaves out a content key that is not a media range, and is undefined when none is left", () => {
    const operation = operationAnswering({
      "200": ["application/json\r\nX-Injected: 1", "json", "text/csv; charset=utf-8"],
    });
    expect(acceptHeader(operation)).toBe("text/csv; charset=utf-8");
    expect(acceptHeader(operationAnswering({ "204": [] }))).toBeUndefined();
    expect(acceptHeader({})).toBeUndefined();
  });

  it("always gives a header value that lists every media range declared, JSON first and unweighted", () => {
    const token = fc.stringMatching(/^[a-z0-9][a-z0-9.+-]{0,12}$/);
    const mediaType = fc.oneof(
      fc.tuple(token, token).map(([type, subtype]) => `${type}/${subtype}`),
      token.map((name) => `application/${name}+json`),
      fc.constantFrom("application/json", "*/*", "text/csv; charset=utf-8"),
      fc.string(), // anything a spec's content key may hold
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("200", "201", "400", "default"), fc.array(mediaType)), (responses) => {
        const accept = acceptHeader(operationAnswering(responses));
        if (accept === undefined) return;
        expect(accept).not.toMatch(/[\r\n\0]/);
        const ranges = accept.split(", ");
        const json = ranges.filter((range) => isJsonMediaType(range));
        expect(ranges.slice(0, json.length)).toEqual(json);
        const weighted = ranges.filter((range) => range.endsWith(";q=0.9"));
        expect(weighted).toHaveLength(json.length === 0 ? 0 : ranges.length - json.length);
        const declared = Object.values(responses)
          .flat()
          .map((type) => type.trim());
        for (const range of ranges) expect(declared).toContain(range.replace(/;q=0\.9$/, ""));
      }),
    );
  });
});

describe("deriveMeta: Accept", () => {
  it("names the most common Accept once, and keeps it on operations that differ", () => {
    const meta = deriveMeta(
      specOf({
        "/a": { "200": ["application/json"] },
        "/b": { "200": ["application/json"] },
        "/export": { "200": ["application/json", "text/csv"] },
        "/logo": { "200": ["image/png"] },
        "/ping": { "204": [] },
      }),
      "specs/media.json",
    );
    expect(meta.accept).toBe("application/json");
    expect(meta.operations["GET /a"]).not.toHaveProperty("accept");
    expect(meta.operations["GET /ping"]).not.toHaveProperty("accept");
    expect(meta.operations["GET /export"]).not.toHaveProperty("accept"); // asked for in JSON, the API's Accept
    expect(meta.operations["GET /logo"]).toMatchObject({ accept: "image/png" });
  });

  it("names none for an API whose responses declare no media type", () => {
    expect(deriveMeta(specOf({ "/ping": { "204": [] } }), "specs/media.json")).not.toHaveProperty("accept");
  });
});
