// References the generated types cannot express (Codat's `#/components/schemas/Report/definitions/…`
// and `#/components/parameters/companyId/schema`) are inlined before openapi-typescript runs.
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { withNestedRefsInlined } from "../lib/spec/inline-refs.mjs";

const ref = ($ref: string, extra: Record<string, unknown> = {}) => ({ $ref, ...extra });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

const spec = {
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  paths: {
    "/reports/{companyId}": {
      get: {
        parameters: [ref("#/components/parameters/companyId")],
        responses: { 200: { description: "ok", ...json(ref("#/components/schemas/Report")) } },
      },
    },
  },
  components: {
    parameters: {
      companyId: { name: "companyId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
    },
    schemas: {
      Report: {
        type: "object",
        properties: {
          errors: { type: "array", items: ref("#/components/schemas/Report/definitions/reportError") },
          companyId: ref("#/components/parameters/companyId/schema", { description: "the company" }),
          name: ref("#/components/schemas/Named/properties/name"),
          node: ref("#/components/schemas/Report/definitions/node"),
        },
        definitions: {
          reportError: { type: "object", properties: { message: { type: "string" } } },
          node: { type: "object", properties: { child: ref("#/components/schemas/Report/definitions/node") } },
        },
      },
      Named: { type: "object", properties: { name: { type: "string" } } },
    },
  },
};

describe("withNestedRefsInlined", () => {
  const inlined = withNestedRefsInlined(spec) as typeof spec;
  const report = inlined.components.schemas.Report.properties as Record<string, any>;

  it("replaces references into a schema's definitions or a parameter's schema by their target, keeping siblings", () => {
    expect(report.errors.items).toEqual({ type: "object", properties: { message: { type: "string" } } });
    expect(report.companyId).toEqual({ type: "string", format: "uuid", description: "the company" });
  });

  it("keeps references the types express: components, and properties of component schemas", () => {
    expect(report.name).toEqual(ref("#/components/schemas/Named/properties/name"));
    expect(inlined.paths["/reports/{companyId}"].get.parameters[0]).toEqual(ref("#/components/parameters/companyId"));
  });

  it("stops a cycle with an open schema, and leaves the input untouched", () => {
    expect(report.node).toEqual({ type: "object", properties: { child: {} } });
    expect(spec.components.schemas.Report.properties.node).toEqual(ref("#/components/schemas/Report/definitions/node"));
  });

  it("gives openapi-typescript a document whose types name only members that exist", async () => {
    const types = astToString(await openapiTS(withNestedRefsInlined(spec) as never));
    expect(types).not.toContain('["definitions"]');
    expect(types).not.toContain('["companyId"]["schema"]');
    expect(types).toContain('name?: components["schemas"]["Named"]["name"];');
  });
});
