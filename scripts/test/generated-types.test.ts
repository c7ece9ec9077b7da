// The types `pnpm generate` writes compile, with the packages' compiler options: openapi-typescript's
// output is repaired where it does not (a nullable schema made to require properties, subtypes of a base
// that lists them, schemas recursive through arrays), and a spec whose types still do not compile stops generation with the
// TypeScript errors, named by schema. Fixture specs: fixtures/generated-types/.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GeneratedTypesError, typeErrorsOf } from "../lib/generate/type-check.mjs";
import { repoRoot } from "../lib/paths.mjs";
import { fixturesDir } from "./fixtures/git-repo.js";
import { TOOL_STEPS_TIMEOUT_MS, runNode } from "./fixtures/node-tools.js";

const GENERATE = join(repoRoot, "scripts", "generate.mjs");
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const FIXTURES = join(fixturesDir, "generated-types");
/** openapi-fetch's module, as the runtime depends on it: a generated client's calls are typed by it. */
const OPENAPI_FETCH = createRequire(join(repoRoot, "packages", "runtime", "package.json")).resolve("openapi-fetch");

/** The current scratch workspace (see {@link workspace}). */
let root: string;
const roots: string[] = [];
afterAll(() => {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Makes `root` a scratch workspace with the fixture specs `names` and an ESM package for each. */
function workspace(names: string[]) {
  root = mkdtempSync(join(tmpdir(), "keyway-types-"));
  roots.push(root);
  for (const config of ["redocly.yaml", "redocly.strict.yaml"]) cpSync(join(repoRoot, config), join(root, config));
  mkdirSync(join(root, "specs"));
  for (const name of names) {
    cpSync(join(FIXTURES, `${name}.yaml`), join(root, "specs", `${name}.yaml`));
    mkdirSync(join(root, "packages", name), { recursive: true });
    writeFileSync(join(root, "packages", name, "package.json"), '{ "type": "module" }\n');
  }
}

function generate(...args: string[]) {
  return runNode([GENERATE, "--root", root, ...args]);
}

/** Generates the fixture spec `name` alone in a new scratch workspace, with no error. */
function generateAlone(name: string) {
  workspace([name]);
  expect(generate().stderr).not.toContain("generate:");
}

const generated = (name: string) =>
  readFileSync(join(root, "packages", name, "src", "generated", `${name}.ts`), "utf8");

/**
 * Runs tsc (not the generator's own check) over the generated types with tsconfig.base.json, as
 * a package build does; `usage` adds src/usage.ts to a package, importing its generated types.
 */
function tsc(usage: Record<string, string>) {
  for (const [name, text] of Object.entries(usage)) {
    writeFileSync(
      join(root, "packages", name, "src", "usage.ts"),
      `import type { components } from "./generated/${name}.js";\n${text}`,
    );
  }
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      extends: join(repoRoot, "tsconfig.base.json"),
      compilerOptions: { noEmit: true, types: [] },
      include: ["packages/*/src/usage.ts"],
    }),
  );
  return runNode([TSC, "-p", root, "--pretty", "false"]);
}

/** Runs {@link tsc} over `usage` and expects no error. */
function expectCompiles(usage: Record<string, string>) {
  const check = tsc(usage);
  expect(check.stdout + check.stderr).toBe("");
  expect(check.status).toBe(0);
}

describe("generate repairs the types openapi-typescript writes that do not compile", () => {
  let result: ReturnType<typeof generate>;
  beforeAll(() => {
    workspace(["nullable-allof", "recursive", "polymorphic"]);
    result = generate();
  }, TOOL_STEPS_TIMEOUT_MS);

  it("generates the three specs", () => {
    expect(result.stderr).not.toContain("generate:");
    expect(result.status).toBe(0);
  });

  it("requires the properties of a nullable schema's non-null part (allOf + required, Plaid's TS2344)", () => {
    const types = generated("nullable-allof");
    expect(types).toContain('Cause: WithRequired<components["schemas"]["Error"], "code">;');
    expect(types).toContain("type WithRequired<T, K extends keyof RequirableOf<T>> = T & {");
  });

  it("requires the properties of a schema read-only or write-only as a whole, inside its marker (Linode's TS2344)", () => {
    const types = generated("nullable-allof");
    expect(types).toContain('EntityRef: WithRequired<components["schemas"]["Device"]["entity"], "id">;');
    expect(types).toContain('SecretRef: WithRequired<components["schemas"]["Credentials"]["secret"], "key">;');
  });

  it("declares schemas recursive through arrays as type aliases of their own (TS2502), and leaves the others", () => {
    const types = generated("recursive");
    expect(types).toMatch(/\* @description Any JSON value\. \*\/\n\s+JsonValue: Schema_JsonValue;/);
    expect(types).toMatch(
      /\ntype Schema_JsonValue = string \| number \| boolean \| null \| \{[^}]*\} \| Schema_JsonValue\[\];/,
    );
    expect(types).toContain('"edge-config.value": Schema_edge_config_value;');
    expect(types).toContain("type Schema_Expression = string | Schema_Expressions;");
    expect(types).toContain("type Schema_Expressions = Schema_Expression[];");
    // Recursive through an object's property, which TypeScript resolves lazily: as openapi-typescript wrote it.
    expect(types).toContain('children?: components["schemas"]["Tree"][];');
    expect(types).not.toContain("Schema_Tree");
  });

  it("gives a subtype that is allOf its base the base's own part, where the base lists its subtypes (TS2502)", () => {
    const types = generated("polymorphic");
    expect(types).toMatch(
      /\n\s+Pet: \(\{[^}]*\} & components\["schemas"\]\["Animal"\]\) & \(components\["schemas"\]\["Cat"\] \| /,
    );
    expect(types).toMatch(
      /\n\s+Cat: Omit<\(\{[^}]*\} & components\["schemas"\]\["Animal"\]\), "petType"> & \{\s+meows: boolean;/,
    );
    expect(types).not.toContain('Omit<components["schemas"]["Pet"]');
    expect(types).toContain('pet?: components["schemas"]["Pet"];');
  });

  it(
    "writes types that compile as a package builds them, and mean what the schemas say",
    () => {
      const check = tsc({
        "nullable-allof": [
          'type Cause = components["schemas"]["Cause"];',
          'export const cause: Cause = { code: "E1", message: "m" };',
          "// @ts-expect-error a Cause requires its code",
          "export const noCode: Cause = {};",
          "// @ts-expect-error null is no Cause: it has no code",
          "export const none: Cause = null;",
          'export const error: components["schemas"]["Error"] = null;',
          'import type { Readable, Writable } from "./generated/nullable-allof.js";',
          "// A response reads the read-only entity; a request body cannot send it, as openapi-typescript marks it.",
          'export const read: Readable<components["schemas"]["EntityRef"]> = { id: 1, label: "a" };',
          "// @ts-expect-error a read-only entity is no request body",
          'export const sent: Writable<components["schemas"]["EntityRef"]> = { id: 1 };',
          'export const secret: Writable<components["schemas"]["SecretRef"]> = { key: "k" };',
          "// @ts-expect-error a write-only secret is never read",
          'export const shown: Readable<components["schemas"]["SecretRef"]> = { key: "k" };',
        ].join("\n"),
        recursive: [
          'type Json = components["schemas"]["JsonValue"];',
          'export const json: Json = [1, "a", { b: [null, true, { c: [] }] }];',
          "// @ts-expect-error undefined is no JSON value",
          "export const notJson: Json = [undefined];",
          'export const expression: components["schemas"]["Expression"] = ["a", ["b", ["c"]]];',
          "// @ts-expect-error an Expression holds strings",
          'export const notExpression: components["schemas"]["Expression"] = [1];',
          'export const tree: components["schemas"]["Tree"] = { children: [{ children: [] }] };',
        ].join("\n"),
        polymorphic: [
          'export const cat: components["schemas"]["Cat"] = { petType: "cat", name: "Tom", legs: 4, meows: true };',
          "// A pet is one of the subtypes, which a cat is.",
          'export const owner: components["schemas"]["Owner"] = { pet: cat };',
          "// @ts-expect-error a cat says that it is one",
          'export const notCat: components["schemas"]["Cat"] = { petType: "dog", name: "Rex", legs: 4, meows: true };',
          "// @ts-expect-error a cat has the base's required properties",
          'export const nameless: components["schemas"]["Cat"] = { petType: "cat", legs: 4, meows: true };',
          "// @ts-expect-error a pet is a cat or a dog, with what each requires",
          'export const neither: components["schemas"]["Pet"] = { petType: "cat", name: "Tom", legs: 4 };',
        ].join("\n"),
      });
      expect(check.stdout + check.stderr).toBe("");
      expect(check.status).toBe(0);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("generate types a file in a component schema as an upload in request bodies", () => {
  beforeAll(() => generateAlone("binary-components"), 60_000);

  it(
    "lets a call send a Blob, bytes or a stream where the component's file is, and reads a response's as text",
    () => {
      expectCompiles({
        "binary-components": [
          'import type { operations } from "./generated/binary-components.js";',
          'type Form = operations["createUpload"]["requestBody"]["content"]["multipart/form-data"];',
          'const blob = new Blob(["%PDF"], { type: "application/pdf" });',
          'export const form: Form = { file: blob, meta: { title: "t" }, attachments: [new Uint8Array([1]), "text"] };',
          "// A form nested in itself keeps the reference: its file is the response's string type.",
          'export const nested: Form = { file: blob, meta: {}, parent: { file: "x", meta: {} } };',
          "// @ts-expect-error a file is still required",
          "export const noFile: Form = { meta: {} };",
          "// @ts-expect-error a file is no number",
          "export const notFile: Form = { file: 1, meta: {} };",
          'export const raw: operations["putFile"]["requestBody"]["content"]["application/octet-stream"] = new ArrayBuffer(1);',
          'export const image: operations["putAvatar"]["requestBody"]["content"]["image/png"] = new ReadableStream();',
          'export const answer: operations["putFile"]["responses"][200]["content"]["application/octet-stream"] = "bytes";',
          "// @ts-expect-error a response's binary string is read with parseAs, not a Blob in the types",
          'export const answerBlob: operations["putFile"]["responses"][200]["content"]["application/octet-stream"] = blob;',
          'export const component: components["schemas"]["RawFile"] = "bytes";',
        ].join("\n"),
      });
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("generate types the success of an operation that answers only default, or a 2xx openapi-fetch does not type", () => {
  beforeAll(() => generateAlone("default-only"), 60_000);

  it(
    "as that response, which openapi-fetch reads as data (2XX), default still as an error",
    () => {
      const types = generated("default-only");
      expect(types.match(/"2XX": /g)).toHaveLength(4); // not for /health or /reset, which declare their 204 and 205
      expectCompiles({
        "default-only": [
          'import type { operations } from "./generated/default-only.js";',
          'type Routes = operations["getRoutes"]["responses"];',
          'export const data: Routes["2XX"]["content"]["application/json"] = { buckets: "/api/v2/buckets" };',
          'export const error: Routes["default"]["content"]["application/json"] = { buckets: "" };',
          "// @ts-expect-error the body's type is the default response's",
          'export const wrong: Routes["2XX"]["content"]["application/json"] = { buckets: 1 };',
          'type Invoices = operations["listInvoices"]["responses"]["2XX"]["content"]["application/vnd.acme-v1+json"];',
          "export const invoices: Invoices = [1, 2];",
          "// @ts-expect-error an operation that declares a success keeps default as its error alone",
          'export type Health = operations["health"]["responses"]["2XX"];',
          'type Saved = operations["updateTransactions"]["responses"]["2XX"]["content"]["application/json"];',
          "export const saved: Saved = { saved: 3 };",
          'type Legacy = operations["legacy"]["responses"]["2XX"]["content"]["application/json"];',
          'export const notice: Legacy = { notice: "use /v2" };',
          "// @ts-expect-error a 205 has no content: default stays the error alone",
          'export type Reset = operations["reset"]["responses"]["2XX"];',
        ].join("\n"),
      });
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("generate types the successes and errors of response keys written in lower case or with spaces", () => {
  let generateWarnings = "";
  beforeAll(() => {
    workspace(["lower-case-ranges"]);
    generateWarnings = generate().stderr;
  }, TOOL_STEPS_TIMEOUT_MS);

  it(
    "as the statuses they stand for: a call's data is the body, its error the problem",
    () => {
      expect(generated("lower-case-ranges")).not.toMatch(/"2xx"|"4xx"|"200 "/);
      expectCompiles({
        "lower-case-ranges": [
          'import type { paths } from "./generated/lower-case-ranges.js";',
          `import createClient from ${JSON.stringify(OPENAPI_FETCH)};`,
          'const client = createClient<paths>({ baseUrl: "https://api.example.test" });',
          "export async function calls() {",
          '  const one = await client.GET("/orders/{id}", { params: { path: { id: "1" } } });',
          '  const order: NonNullable<typeof one.data> = { id: "1" };',
          '  const problem: NonNullable<typeof one.error> = { code: "gone" };',
          "  // @ts-expect-error the body's type is the 2xx response's",
          "  const wrong: NonNullable<typeof one.data> = { id: 1 };",
          '  const created = await client.POST("/orders");',
          '  const made: NonNullable<typeof created.data> = { id: "2" };',
          '  const list = await client.GET("/orders");',
          '  const orders: NonNullable<typeof list.data> = [{ id: "3" }];',
          "  return [order, problem, wrong, made, orders];",
          "}",
        ].join("\n"),
      });
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it("and lint warns of each, naming where it is and what it is read as", () => {
    expect(generateWarnings).toContain(
      'specs/lower-case-ranges.yaml #/paths/~1orders~1{id}/get/responses/2xx: the response key "2xx" is read as 2XX',
    );
    expect(generateWarnings).toContain(
      '#/paths/~1orders~1{id}/get/responses/4xx: the response key "4xx" is read as 4XX',
    );
    expect(generateWarnings).toContain('#/paths/~1orders/get/responses/200 : the response key "200 " is read as 200');
    expect(generateWarnings).not.toContain("responses/201");
  });
});

describe("generate stops when the types do not compile", () => {
  it(
    "naming each schema, its line and TypeScript's error, and writes nothing",
    () => {
      workspace(["union-cycle"]);
      const result = generate();
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        "generate: specs/union-cycle.yaml: the types generated from it (packages/union-cycle/src/generated/union-cycle.ts) do not compile with TypeScript 5.9",
      );
      expect(result.stderr).toMatch(
        /\n {2}components\["schemas"\]\["Left"\], line \d+: TS2502 'Left' is referenced directly or indirectly in its own type annotation\.\n {6}Left: string \| components\["schemas"\]\["Right"\];\n/,
      );
      expect(result.stderr).toContain(`components["schemas"]["Right"], line`);
      expect(existsSync(join(root, "packages", "union-cycle", "src", "generated"))).toBe(false);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("typeErrorsOf and GeneratedTypesError", () => {
  const file = join(tmpdir(), "keyway-never-written", "x.ts");

  it("name the declaration, the line and the error of each problem", () => {
    const text = 'export interface components {\n  schemas: {\n    "A-b": Missing;\n  };\n}\nexport type Top = Nope;\n';
    expect(typeErrorsOf(file, text)).toEqual([
      {
        member: 'components["schemas"]["A-b"]',
        line: 3,
        code: 2304,
        message: "Cannot find name 'Missing'.",
        source: '"A-b": Missing;',
      },
      { member: "Top", line: 6, code: 2304, message: "Cannot find name 'Nope'.", source: "export type Top = Nope;" },
    ]);
  });

  it("check with the packages' options (strict, noUncheckedIndexedAccess)", () => {
    const text = "declare const row: Record<string, number>;\nconst n: number = row.x;\nexport type N = typeof n;\n";
    expect(typeErrorsOf(file, text).map((error) => error.code)).toEqual([2322]);
  });

  it("list at most 10 errors, then how many more", () => {
    const text = Array.from({ length: 12 }, (_, i) => `export type T${i} = Missing${i};`).join("\n");
    const error = new GeneratedTypesError("specs/x.yaml", "packages/x/src/generated/x.ts", typeErrorsOf(file, text));
    expect(error.errors).toHaveLength(12);
    expect(error.message).toContain(
      "(12 errors):\n  T0, line 1: TS2304 Cannot find name 'Missing0'.\n      export type T0 = Missing0;",
    );
    expect(error.message).toContain("T9, line 10");
    expect(error.message).not.toContain("T10, line 11");
    expect(error.message).toContain("\n  and 2 more\n");
  });
});
