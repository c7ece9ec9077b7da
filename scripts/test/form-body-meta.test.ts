import { describe, expect, it } from "vitest";
import { deriveMeta } from "../lib/spec/meta.mjs";
import { keyedDocument } from "./fixtures/keyed-document.js";

/** A spec whose operations take the request bodies `content` maps give them, all authenticated by one header key. */
function specWithBodies(bodies: Record<string, Record<string, unknown>>) {
  const paths = Object.fromEntries(
    Object.entries(bodies).map(([path, content]) => [
      path,
      { post: { operationId: path.slice(1), requestBody: { content }, responses: { "200": { description: "ok" } } } },
    ]),
  );
  return keyedDocument("Forms", paths, "3.0.3");
}

describe("deriveMeta: request bodies sent as forms", () => {
  const form = { schema: { type: "object" } };
  const { operations } = deriveMeta(
    specWithBodies({
      "/customers": {
        "application/x-www-form-urlencoded": {
          ...form,
          encoding: { metadata: { style: "deepObject", explode: true }, expand: { style: "deepObject" } },
        },
      },
      "/calls": { "application/x-www-form-urlencoded; charset=utf-8": form },
      "/predict": {
        "application/x-www-form-urlencoded": {
          ...form,
          encoding: { json: { contentType: "application/json" }, meta: { contentType: "application/vnd.api+json" } },
        },
      },
      "/authorize": {
        "application/x-www-form-urlencoded": {
          ...form,
          encoding: { redirect_uri: { allowReserved: true }, state: { allowReserved: false } },
        },
      },
      "/either": { "application/json": form, "application/x-www-form-urlencoded": form },
      "/json": { "application/json": form },
    }),
    "specs/forms.json",
  );

  it("marks an operation whose body is only a form, with the properties its encoding makes deepObject", () => {
    expect(operations["POST /customers"]).toMatchObject({ formBody: { deepObject: ["expand", "metadata"] } });
    expect(operations["POST /calls"]).toMatchObject({ formBody: {} });
  });

  it("marks the properties whose encoding gives a JSON contentType, which are sent as JSON text", () => {
    expect(operations["POST /predict"]).toMatchObject({ formBody: { json: ["json", "meta"] } });
    expect(operations["POST /customers"]?.formBody).not.toHaveProperty("json");
  });

  it("marks the properties whose encoding allows reserved characters, which are sent as they are", () => {
    expect(operations["POST /authorize"]).toEqual(
      expect.objectContaining({ formBody: { allowReserved: ["redirect_uri"] } }),
    );
    expect(operations["POST /customers"]?.formBody).not.toHaveProperty("allowReserved");
  });

  it("leaves an operation that takes JSON (alone or beside a form) to openapi-fetch's JSON", () => {
    expect(operations["POST /either"]).not.toHaveProperty("formBody");
    expect(operations["POST /json"]).not.toHaveProperty("formBody");
  });
});
