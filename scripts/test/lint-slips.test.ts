// Schema slips real vendor specs make (Blockfrost's `type: "null"` in 3.0.3, Codat's map of examples
// in a 3.1 schema): warnings naming the version's spelling in the default profile, errors in the strict one.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { valueAt } from "../lib/spec/json-pointer.mjs";
import { schemaSlip } from "../lib/spec/lint-slips.mjs";
import { repoRoot } from "../lib/paths.mjs";
import { lintSpecs } from "../lib/spec/lint.mjs";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Lints one spec document in a scratch root holding keyway's lint profiles. */
async function lint(document: Record<string, unknown>) {
  const root = mkdtempSync(join(tmpdir(), "keyway-slips-"));
  roots.push(root);
  for (const config of ["redocly.yaml", "redocly.strict.yaml"]) cpSync(join(repoRoot, config), join(root, config));
  mkdirSync(join(root, "specs"));
  writeFileSync(join(root, "specs", "api.json"), JSON.stringify(document));
  const [result] = await lintSpecs(root, [join(root, "specs", "api.json")]);
  return result!.problems;
}

function spec(openapi: string, schemas: Record<string, unknown>, info: Record<string, unknown> = {}) {
  return {
    openapi,
    info: { title: "T", version: "1", ...info },
    servers: [{ url: "https://api.example.test" }],
    paths: {
      "/a": {
        get: {
          operationId: "a",
          responses: {
            200: { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } } },
          },
        },
      },
    },
    components: { schemas },
  };
}

describe("lint: schema slips of real specs", () => {
  it('reads `type: "null"` and a list of types in a 3.0 document as warnings naming the 3.0 spelling', async () => {
    const problems = await lint(
      spec("3.0.3", {
        A: { anyOf: [{ type: "string" }, { type: "null" }] },
        B: { type: ["string", "integer"] },
      }),
    );
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const slips = problems.filter((p) => p.rule === "keyway/openapi-3.1-in-3.0");
    expect(slips.map((p) => p.where.split(" ").pop())).toEqual([
      "#/components/schemas/A/anyOf/1/type",
      "#/components/schemas/B/type",
    ]);
    expect(slips[0]!.message).toBe(
      '`type: "null"` is OpenAPI 3.1; read as null (the 3.0 spelling: nullable: true on the other schemas)',
    );
    expect(slips[1]!.message).toContain("a list of types is OpenAPI 3.1; read as a union");
  });

  it("ignores a 3.1 schema's `examples` map with a warning", async () => {
    const problems = await lint(spec("3.1.0", { A: { type: "object", examples: { first: { value: { id: "x" } } } } }));
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(problems.find((p) => p.where.endsWith("#/components/schemas/A/examples"))).toMatchObject({
      rule: "keyway/ignored-property",
      severity: "warn",
      message: expect.stringContaining("a schema's `examples` is a list in OpenAPI 3.1"),
    });
  });

  it("keeps them errors in the strict profile, and keeps other type errors errors", async () => {
    const strict = await lint(spec("3.0.3", { A: { type: "null" } }, { "x-keyway-lint": "strict" }));
    expect(strict.find((p) => p.where.endsWith("#/components/schemas/A/type"))?.severity).toBe("error");
    const wrong = await lint(spec("3.0.3", { A: { type: "text" } }));
    expect(wrong.find((p) => p.where.endsWith("#/components/schemas/A/type"))).toMatchObject({
      rule: "struct",
      severity: "error",
    });
  });

  it("reads a specification extension's value as a warning, whatever type Redocly expects of it", async () => {
    const document = {
      ...spec("3.0.3", { A: { type: "object", properties: { "x-rate": { type: "text" } } } }, { "x-logo": "logo.png" }),
      "x-webhooks": { "x-sdk-exclude": true },
    };
    const problems = await lint(document);
    const extensions = problems.filter((p) => p.rule === "keyway/extension-value");
    expect(extensions.map((p) => [p.where.split(" ").pop(), p.severity])).toEqual(
      expect.arrayContaining([
        ["#/info/x-logo", "warn"],
        ["#/x-webhooks/x-sdk-exclude", "warn"],
      ]),
    );
    expect(extensions[0]!.message).toMatch(/^`x-\S+` is a specification extension, whose value OpenAPI leaves free/);
    // A property named x-rate is a name, not an extension: its wrong type stays an error.
    expect(problems.find((p) => p.where.endsWith("#/components/schemas/A/properties/x-rate/type"))).toMatchObject({
      rule: "struct",
      severity: "error",
    });
  });

  it("reports a component name outside [a-zA-Z0-9.-_] as a warning: generation quotes it", async () => {
    const problems = await lint(
      spec("3.0.3", { A: { $ref: "#/components/schemas/rate estimate" }, "rate estimate": {} }),
    );
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(problems.map((p) => p.rule)).toContain("spec-components-invalid-map-name");
  });
});

describe("schemaSlip", () => {
  const problem = (where: string, message = "`type` can be one of the following only") => ({
    rule: "struct",
    severity: "error" as const,
    message,
    where: `specs/a.json:1:1 ${where}`,
  });

  it("leaves other rules and versions alone", () => {
    expect(schemaSlip({ ...problem("#/a/type"), rule: "no-unused-components" }, { openapi: "3.0.3" })).toBeUndefined();
    expect(schemaSlip(problem("#/a/type"), { openapi: "3.1.0", a: { type: "null" } })).toBeUndefined();
  });

  it("finds the value through escaped pointer segments", () => {
    expect(valueAt({ "a/b": { "c~d": [1, 2] } }, "#/a~1b/c~0d/1")).toBe(2);
    expect(valueAt({ a: 1 }, "#/a/b/c")).toBeUndefined();
    expect(valueAt({ "rate estimate": 3 }, "#/rate%20estimate")).toBe(3);
  });
});
