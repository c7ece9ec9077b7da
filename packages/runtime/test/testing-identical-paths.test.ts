import { describe, expect, it } from "vitest";
import { createFakeApi, type OperationData, type SpecData } from "../src/testing/index.js";

// Path templates that differ only by a parameter's name, which OpenAPI forbids and vendors write anyway (HubSpot
// Files: `/folders/{folderId}` and `/folders/{folderPath}`, with GET and DELETE on both).
type Op = {
  parameters: { path: Record<string, string> };
  responses: { 200: { content: { "application/json": { by: string } } } };
};
interface Paths {
  "/folders/{folderId}": { get: Op; delete: Op };
  "/folders/{folderPath}": { get: Op; patch: Op };
}

const operation = (id: string, name: string): OperationData => ({
  id,
  security: [],
  parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
  responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { by: id } } },
});
const spec: SpecData = {
  basePath: "",
  securitySchemes: {},
  schemas: {},
  responses: {},
  operations: {
    "GET /folders/{folderId}": operation("getById", "folderId"),
    "DELETE /folders/{folderId}": operation("deleteById", "folderId"),
    "GET /folders/{folderPath}": operation("getByPath", "folderPath"),
    "PATCH /folders/{folderPath}": operation("patchByPath", "folderPath"),
  },
};

describe("fake API: paths that differ only by a parameter's name", () => {
  it("routes each method to the operation that has it, and a method both have to the first declared", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Folders" });
    const answers: unknown[] = [];
    for (const method of ["GET", "DELETE", "PATCH"]) {
      const response = await fake.fetch(new Request("https://api.example.test/folders/reports", { method }));
      answers.push(await response.json());
    }
    expect(answers).toEqual([{ by: "getById" }, { by: "deleteById" }, { by: "patchByPath" }]);
    expect(fake.calls("PATCH /folders/{folderPath}")[0]?.params.path).toEqual({ folderPath: "reports" });
    expect(() => fake.verify()).not.toThrow();
  });
});
