// An object schema that says nothing of its properties (`type: object` alone) allows any, as JSON Schema reads it, and
// is typed Record<string, unknown>: openapi-typescript's Record<string, never> took no value with a property, not even
// where an allOf adds properties to it (NPR's sponsorship spec: a body no call could type). One the spec says is empty
// keeps Record<string, never>.
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { generatedInScratch } from "./fixtures/generated-in-scratch.js";
import { TOOL_STEPS_TIMEOUT_MS } from "./fixtures/node-tools.js";

const spec = {
  openapi: "3.0.3",
  info: { title: "Ads", version: "1" },
  paths: {
    "/ads": {
      post: {
        operationId: "trackAd",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/TrackingDocument" } } },
        },
        responses: { "204": { description: "tracked" } },
      },
    },
  },
  components: {
    schemas: {
      Document: {
        type: "object",
        required: ["attributes", "links"],
        properties: { attributes: { type: "object" }, links: { type: "object", nullable: true } },
      },
      TrackingData: { type: "object", required: ["adId"], properties: { adId: { type: "string" } } },
      TrackingDocument: {
        allOf: [
          { $ref: "#/components/schemas/Document" },
          { properties: { attributes: { $ref: "#/components/schemas/TrackingData" } } },
        ],
      },
      Empty: { type: "object", additionalProperties: false },
      NoProperties: { type: "object", maxProperties: 0 },
      Map: { type: "object", additionalProperties: { type: "integer" } },
    },
  },
};

let types: string;
beforeAll(async () => {
  types = (await generatedInScratch("ads", spec)).get("ads.ts")!;
}, TOOL_STEPS_TIMEOUT_MS);

/** The type the generated types give `schemas[name]`, as printed. */
const schemaType = (name: string) => new RegExp(`\\n\\s+${name}: ([^\\n]+)`).exec(types)?.[1];

describe("generate: object schemas that say nothing of their properties", () => {
  it("are objects of any properties; those the spec says are empty, or maps, keep their type", () => {
    expect(types).toMatch(/attributes: Record<string, unknown>;/);
    expect(schemaType("Empty")).toBe("Record<string, never>;");
    expect(schemaType("NoProperties")).toBe("Record<string, never>;");
    expect(schemaType("Map")).toBe("{");
    // A nullable one stays as openapi-typescript writes it, null included.
    expect(types).toMatch(/links: Record<string, never> \| null;/);
  });

  it("take a body whose allOf adds properties to one, which no value fitted before", () => {
    const program = `${types}
      type Body = operations["trackAd"]["requestBody"] extends { content: { "application/json": infer B } } ? B : never;
      export const body: Body = { attributes: { adId: "ad_1" }, links: null };`;
    const file = "check.ts";
    const host = ts.createCompilerHost({ strict: true, noEmit: true });
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version) =>
      name === file ? ts.createSourceFile(file, program, ts.ScriptTarget.ES2022) : read(name, version);
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([file], { strict: true, noEmit: true }, host));
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  });
});
