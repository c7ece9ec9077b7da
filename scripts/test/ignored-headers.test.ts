// Header parameters named Content-Type or Authorization, which OpenAPI says to ignore, and Content-Length or
// Transfer-Encoding, which fetch writes from the body it sends, are left out of the generated types, metadata and
// spec data (Authorization only when a security scheme sends it); Accept and other headers stay.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../lib/paths.mjs";
import { runNode } from "./fixtures/node-tools.js";

const roots: string[] = [];
afterAll(() => {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A spec whose GET /orders declares the four headers, the Authorization one through a `$ref`. */
function specText(securitySchemes: string): string {
  return `openapi: 3.1.0
info: { title: Orders, version: "1" }
servers: [{ url: https://api.example.com }]
${securitySchemes}
paths:
  /orders:
    get:
      operationId: listOrders
      parameters:
        - $ref: "#/components/parameters/Authorization"
        - { name: Content-Type, in: header, required: true, schema: { type: string, enum: [application/json] } }
        - { name: Accept, in: header, required: true, schema: { type: string } }
        - { name: Content-Length, in: header, required: true, schema: { type: integer } }
        - { name: Transfer-Encoding, in: header, schema: { type: string } }
        - { name: X-Request-Tag, in: header, schema: { type: string } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: object } } } }
`;
}

const PARAMETERS = `  parameters:
    Authorization: { name: Authorization, in: header, required: true, schema: { type: string } }`;

/** Generates `spec` as package `orders` in a scratch workspace; returns its types and metadata. */
function generate(spec: string) {
  const root = mkdtempSync(join(tmpdir(), "keyway-headers-"));
  roots.push(root);
  for (const config of ["redocly.yaml", "redocly.strict.yaml"]) cpSync(join(repoRoot, config), join(root, config));
  mkdirSync(join(root, "specs"));
  writeFileSync(join(root, "specs", "orders.yaml"), spec);
  mkdirSync(join(root, "packages", "orders"), { recursive: true });
  writeFileSync(join(root, "packages", "orders", "package.json"), '{ "type": "module" }\n');
  const run = runNode([join(repoRoot, "scripts", "generate.mjs"), "--root", root]);
  expect(run.status, run.stderr).toBe(0);
  const file = (suffix: string) =>
    readFileSync(join(root, "packages", "orders", "src", "generated", `orders${suffix}`), "utf8");
  const types = file(".ts");
  const operation = types.slice(types.indexOf("listOrders: {"));
  return {
    header: operation.slice(operation.indexOf("header"), operation.indexOf("path")),
    meta: file(".meta.ts"),
    specData: file(".spec-data.ts"),
  };
}

describe("generate: header parameters OpenAPI says to ignore", () => {
  it("leaves out Content-Type, and Authorization that a security scheme sends; keeps Accept and the others", () => {
    const { header, meta, specData } = generate(
      specText(
        `security: [{ Token: [] }]\ncomponents:\n  securitySchemes:\n    Token: { type: http, scheme: bearer }\n${PARAMETERS}`,
      ),
    );
    expect(header).toContain('"X-Request-Tag"?: string;');
    expect(header).toContain("Accept: string;");
    expect(header).not.toContain("Authorization");
    expect(header).not.toContain("Content-Type");
    // fetch frames the body itself (Azure Monitor's and VTEX's required Content-Length hung or failed the request).
    expect(header).not.toContain("Content-Length");
    expect(header).not.toContain("Transfer-Encoding");
    expect(meta).toContain('"headers":["Accept","X-Request-Tag"]');
    // The test kit's fake does not require them either.
    expect(specData).toContain('"name":"Accept"');
    expect(specData).not.toContain('"name":"Authorization"');
    expect(specData).not.toContain('"name":"Content-Type"');
    expect(specData).not.toContain('"name":"Content-Length"');
  });

  it("keeps Authorization in a spec that has no scheme for it, where the parameter is the only way to send it", () => {
    const { header, meta } = generate(specText(`components:\n${PARAMETERS}`));
    expect(header).toContain(`Authorization: components["parameters"]["Authorization"];`);
    expect(header).not.toContain("Content-Type");
    expect(meta).toContain('"headers":["Authorization","Accept","X-Request-Tag"]');
  });
});
