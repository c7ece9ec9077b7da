// What new-client names after the spec: the variable its samples hold the client in (a spec named `delete` or
// `class`, or `fake`, which its fake's samples declare too), how its samples create a client that needs no option,
// and its refusal of a spec name that cannot name a package.
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { packageNameProblem } from "../lib/new-client/naming.mjs";
import { packageFiles } from "../lib/new-client/package-files.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";
import { runScript } from "./fixtures/git-repo.js";

const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };

/** A spec with one GET, the security scheme `schemes` declares (none by default) and the `servers` given. */
function specWith({ schemes = {}, servers = [{ url: "https://api.example.test" }] } = {}) {
  return {
    openapi: "3.0.3",
    info: { title: "Named", version: "1" },
    ...(servers.length ? { servers } : {}),
    components: { securitySchemes: schemes },
    security: Object.keys(schemes).map((scheme) => ({ [scheme]: [] })),
    paths: { "/things": { get: { operationId: "listThings", responses: ok } } },
  };
}

/** Every file new-client writes for `spec` as the package `dir`. */
function filesFor(dir: string, spec: ReturnType<typeof specWith> = specWith()): Map<string, string> {
  return packageFiles({
    name: dir,
    specFile: `${dir}.json`,
    dir,
    spec,
    meta: deriveMeta(spec, `specs/${dir}.json`),
    runtimeManifest: { dependencies: { "openapi-fetch": "^0.17.0" } },
  });
}

/** The TypeScript sources among `files`: the modules, and the README's and doc comments' samples. */
function typescriptSources(files: Map<string, string>): [string, string][] {
  const sources: [string, string][] = [];
  for (const [path, text] of files) {
    if (path.endsWith(".ts")) sources.push([path, text]);
    if (path === "README.md")
      for (const [index, block] of [...text.matchAll(/```ts\n([\s\S]*?)```/g)].entries())
        sources.push([`README.md block ${index + 1}`, block[1] ?? ""]);
  }
  for (const [path, text] of sources.slice()) {
    for (const [index, block] of [...text.matchAll(/```ts\n([\s\S]*?) \* ```/g)].entries())
      sources.push([`${path} @example ${index + 1}`, (block[1] ?? "").replace(/^ *\* ?/gm, "")]);
  }
  return sources;
}

/** The syntax errors of a module's source, as `path: message`. */
function syntaxErrors([path, text]: [string, string]): string[] {
  const { diagnostics = [] } = ts.transpileModule(text, { reportDiagnostics: true, fileName: "sample.ts" });
  return diagnostics.map((diagnostic) => `${path}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
}

/** Names a sample's client variable could collide with: reserved words and the samples' own declarations. */
const HARD_NAMES = ["delete", "class", "new", "function", "default", "import", "let", "yield", "await", "fake"];
const HARD_NAMES_TOO = ["server", "data", "error", "response", "expect", "it", "describe"];

describe("new-client names the client's variable so that every sample parses", () => {
  it("for a spec named like a reserved word or a name the samples declare", () => {
    for (const dir of [...HARD_NAMES, ...HARD_NAMES_TOO]) {
      const files = filesFor(dir);
      expect(typescriptSources(files).flatMap(syntaxErrors), dir).toEqual([]);
      expect(files.get("README.md"), dir).toContain(`const ${dir}Client = create`);
    }
  });

  it("for any package name, with a word of either kind among its words", () => {
    const word = fc.oneof(fc.constantFrom(...HARD_NAMES, ...HARD_NAMES_TOO), fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), (parts) => {
        const dir = parts.join("-");
        expect(typescriptSources(filesFor(dir)).flatMap(syntaxErrors)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("keeps the plain name where it is one: petstore, myService", () => {
    expect(filesFor("petstore").get("README.md")).toContain("const petstore = createPetstoreClient(");
    expect(filesFor("my-service").get("README.md")).toContain("const myService = createMyServiceClient(");
  });
});

describe("new-client's samples of a client that needs no option", () => {
  it("create it without an argument, which the factory allows when no credential is required and a server is known", () => {
    const files = filesFor("open-things");
    expect(files.get("README.md")).toContain("const openThings = createOpenThingsClient();\n");
    expect(files.get("README.md")).not.toMatch(/createOpenThingsClient\(\{\s*\}\)/);
    const client = files.get("src/client.ts") as string;
    expect(client).toContain(
      "export function createOpenThingsClient(options: OpenThingsClientOptions = {}): OpenThingsClient {",
    );
    expect(client).toContain(" * const openThings = createOpenThingsClient();\n");
  });

  it("pass the base URL where the spec names no server, and the credential where one is required", () => {
    const serverless = filesFor("no-server", specWith({ servers: [] }));
    expect(serverless.get("README.md")).toContain(
      'const noServer = createNoServerClient({\n  baseUrl: "https://api.example.com",\n});',
    );
    expect(serverless.get("src/client.ts")).toContain("(options: NoServerClientOptions): NoServerClient {");

    const keyed = filesFor("keyed", specWith({ schemes: { Key: { type: "apiKey", in: "header", name: "X-Key" } } }));
    expect(keyed.get("README.md")).toContain(
      'const keyed = createKeyedClient({\n  key: process.env["KEYED_KEY"]!,\n});',
    );
    expect(keyed.get("src/client.ts")).toContain("(options: KeyedClientOptions): KeyedClient {");
  });
});

describe("new-client refuses a spec name that cannot name a package, saying what it must be", () => {
  it("names the rule and a name that follows it", () => {
    expect(packageNameProblem("MyApi")).toBe(
      'must start with a lower-case letter and hold only lower-case letters, digits and dashes (e.g. "my-api")',
    );
    expect(packageNameProblem("Open_Data.v2")).toContain('(e.g. "open-data-v2")');
    expect(packageNameProblem("1forge")).toContain("(spell a leading number out, or put a word before it)");
    expect(packageNameProblem("my-api-2")).toBeUndefined();
  });

  it("on the command line, without writing anything", () => {
    const result = runScript("new-client.mjs", ["--root", "/nonexistent", "1forge", "--no-install"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'new-client: "1forge" is not a spec name: it names the package, so it must start with a lower-case letter',
    );
    expect(result.stderr).toContain("rename the spec file");
  });
});

describe("new-client names the API by its spec's title, or by the spec's name where the title is blank", () => {
  /** The files for a spec named `orders` whose `info.title` is `title`. */
  const filesTitled = (title: string) => filesFor("orders", { ...specWith(), info: { title, version: "1" } });

  it("for a blank title (GoDaddy's Orders spec: an empty title), in the README, package.json and doc comments", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t\r\n]{0,4}$/), (title) => {
        const files = filesTitled(title);
        expect(files.get("README.md")).toContain("A typed client for orders, generated from the OpenAPI spec");
        expect(files.get("package.json")).toContain('"description": "Typed client for orders, generated from');
        expect(files.get("src/client.ts")).toContain(" * Creates a typed client for orders, generated from");
        expect(files.get("src/testing.ts")).toContain("/** A fake orders, typed by the client's operations. */");
        for (const text of files.values()) expect(text).not.toMatch(/ for ,| of ,|A fake ,/);
      }),
      { numRuns: 20 },
    );
  });

  it("for a title with spaces around it, trimmed", () => {
    const files = filesTitled("  Orders API\n");
    expect(files.get("README.md")).toContain("A typed client for Orders API, generated from the OpenAPI spec");
    expect(files.get("package.json")).toContain('"description": "Typed client for Orders API, generated from');
  });
});
