// `pnpm new-client <name>` in a scratch copy of the workspace: from a spec alone to a package
// that is installed, has its first-release changeset, and builds, type-checks, lints and passes
// its generated test, with no hand edits. Three specs: petstore.yaml (3.1 YAML, bearer and API key, a 200 and a 206 of
// different bodies),
// vendor-style.json (3.1 JSON, basic and bearer on one header, a query-string key, webhooks), documents.yaml (3.0,
// an operation that answers a PDF and takes readOnly and writeOnly properties) and uploads.yaml (an octet-stream
// upload, a text/plain body, a multipart upload and a CSV export read as text, checked by fixtures/uploads-client.ts
// copied into its package), and open-data.yaml (no security scheme: a client with no credential option).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSamples, exampleBlocks, typescriptBlocks } from "../../tests/ecosystem/test/compile-samples.js";
import { listSpecs, specName } from "../lib/paths.mjs";
import { capture, cleanEnv, pnpm, withinTimeLimit } from "../lib/run.mjs";
import { fixturesDir, runScript } from "./fixtures/git-repo.js";
import { checkPackages, newClientWorkspace } from "./fixtures/new-client-workspace.js";

/** Five new-client runs, an install and turbo over five packages; each command is stopped before this ends. */
const PREPARE_MS = 900_000;
let work: string;
let created: Awaited<ReturnType<typeof capture>>;
let createdVendor: Awaited<ReturnType<typeof capture>>;
let createdDocuments: Awaited<ReturnType<typeof capture>>;
let createdUploads: Awaited<ReturnType<typeof capture>>;
let createdOpenData: Awaited<ReturnType<typeof capture>>;
let checks: Awaited<ReturnType<typeof capture>>;
const file = (path: string, pkg = "petstore") => readFileSync(join(work, "packages", pkg, path), "utf8");
const failed = (error: Error) => ({ status: 1, stdout: "", stderr: error.message, ms: 0 });

/**
 * The compiler's errors in the TypeScript blocks of packages/`pkg`/README.md, each written as a module of the reader's
 * inside the package (where `@keyway/<pkg>` resolves to its build), as tests/ecosystem checks a committed package's.
 */
function readmeSampleErrors(pkg: string): string[] {
  return sampleErrors(pkg, typescriptBlocks(file("README.md", pkg)));
}

/**
 * The compiler's errors in the `@example` blocks of packages/`pkg`/src's own files, each a module of the reader's as
 * {@link readmeSampleErrors} writes them: tests/ecosystem compiles a committed package's the same way, with nothing
 * from the page around them.
 */
function docExampleErrors(pkg: string): string[] {
  const sources = ["client.ts", "testing.ts", "index.ts"].map((name) => file(join("src", name), pkg));
  return sampleErrors(
    pkg,
    sources.flatMap((source) => exampleBlocks(source)).map(({ line, code }) => ({ line, code: code ?? "" })),
  );
}

function sampleErrors(pkg: string, blocks: readonly { line: number; code: string }[]): string[] {
  const dir = join(work, "packages", pkg, "samples");
  mkdirSync(dir, { recursive: true });
  try {
    const samples = blocks.map(({ code }, index) => {
      const path = join(dir, `sample${index}.ts`);
      writeFileSync(path, `${code}\nexport {};\n`);
      return path;
    });
    expect(samples.length).toBeGreaterThan(0);
    return compileSamples(samples).map((diagnostic) => {
      const text = diagnostic.messageText;
      return `${diagnostic.file?.fileName ?? "(no file)"}: ${typeof text === "string" ? text : text.messageText}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(() => withinTimeLimit(PREPARE_MS, prepare), PREPARE_MS);

/** Everything the tests below read, made once. */
async function prepare() {
  work = await newClientWorkspace("keyway-new-client-");
  for (const spec of ["petstore.yaml", "documents.yaml", "uploads.yaml", "open-data.yaml"])
    cpSync(join(fixturesDir, spec), join(work, "specs", spec));
  // Vendors publish JSON specs minified: the repository's formatter must leave specs/ as they are.
  const vendorSpec = JSON.parse(readFileSync(join(fixturesDir, "vendor-style.json"), "utf8"));
  writeFileSync(join(work, "specs", "vendor-style.json"), JSON.stringify(vendorSpec));
  created = await pnpm(["new-client", "petstore"], { cwd: work, env: cleanEnv() }).catch(failed);
  createdVendor = await pnpm(["new-client", "vendor-style"], { cwd: work, env: cleanEnv() }).catch(failed);
  createdDocuments = await pnpm(["new-client", "documents"], { cwd: work, env: cleanEnv() }).catch(failed);
  createdUploads = await pnpm(["new-client", "uploads"], { cwd: work, env: cleanEnv() }).catch(failed);
  createdOpenData = await pnpm(["new-client", "open-data"], { cwd: work, env: cleanEnv() }).catch(failed);
  if ([created, createdVendor, createdDocuments, createdUploads, createdOpenData].some(({ status }) => status !== 0))
    return;
  cpSync(join(fixturesDir, "uploads-client.ts"), join(work, "packages", "uploads", "test", "uploads.test.ts"));
  // The README's test command installs with a frozen lockfile: new-client must have updated it.
  await pnpm(["install", "--frozen-lockfile", "--prefer-offline", "--reporter=append-only"], {
    cwd: work,
    env: cleanEnv({ CI: "true" }),
  });
  checks = await checkPackages(work, ["petstore", "vendor-style", "documents", "uploads", "open-data"]);
}
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("pnpm new-client petstore", () => {
  it("leaves files the repository's formatter and linter accept as they are", async () => {
    const biome = join(work, "node_modules", ".bin", "biome");
    const dirs = ["packages/petstore", "packages/vendor-style", "specs/vendor-style.json"];
    const result = await capture(biome, ["ci", "--vcs-enabled=false", "--colors=off", ...dirs], { cwd: work });
    expect(result.stdout + result.stderr).not.toMatch(/\bformat\b.*━|lint\/\S+/);
    expect(result.status).toBe(0);
  });

  it("creates packages/petstore from specs/petstore.yaml alone, with its generated types", () => {
    expect(created.stderr).not.toMatch(/new-client:/);
    expect(created.status).toBe(0);
    for (const path of [
      "package.json",
      "tsconfig.json",
      "tsconfig.build.json",
      "vitest.config.ts",
      "README.md",
      "src/index.ts",
      "src/client.ts",
      "src/testing.ts",
      "src/version.ts",
      "test/client.test.ts",
      "test/testing.test.ts",
      "src/generated/petstore.ts",
      "src/generated/petstore.meta.ts",
      "src/generated/petstore.spec-data.ts",
    ]) {
      expect(existsSync(join(work, "packages", "petstore", path)), path).toBe(true);
    }
    const manifest = JSON.parse(file("package.json"));
    expect(manifest).toMatchObject({
      name: "@keyway/petstore",
      type: "module",
      exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
      files: ["dist", "src"],
      dependencies: { "@keyway/header-auth": "workspace:^", "@keyway/runtime": "workspace:^" },
      devDependencies: { "@keyway/test-server": "workspace:*" },
    });
    expect(Object.keys(manifest.scripts).sort()).toEqual(["build", "lint", "test", "typecheck"]);
    expect(manifest.dependencies["openapi-fetch"]).toBeDefined();
  });

  it("gives the factory one option per security scheme, named after it: BearerAuth → bearerAuth, ApiKeyAuth → apiKeyAuth", () => {
    const client = file("src/client.ts");
    expect(client).toContain(
      "export function createPetstoreClient(options: PetstoreClientOptions = {}): PetstoreClient",
    );
    expect(client).toMatch(/Sent as `Authorization: Bearer …`.*\n {2}readonly bearerAuth\?: Credential;/);
    expect(client).toMatch(/Sent as `X-Api-Key`.*\n {2}readonly apiKeyAuth\?: Credential;/);
    expect(client).toContain("credentials: { BearerAuth: options.bearerAuth, ApiKeyAuth: options.apiKeyAuth }");
    expect(client).toContain('export const PETSTORE_BASE_URL = "https://api.petstore.test/v1";');
    expect(client).toContain('sdk: { name: "@keyway/petstore", version: VERSION },');
    expect(file("src/index.ts")).toContain('export * from "@keyway/runtime/errors";');
  });

  it("writes a README with the install command and a first typed call", () => {
    const readme = file("README.md");
    expect(readme).toContain("npm install @keyway/petstore");
    expect(readme).toContain(
      'const { data, error } = await petstore.GET("/pets/{petId}", { params: { path: { petId: 1 } } });',
    );
    expect(readme).toContain("| `bearerAuth` (optional) | sent as `Authorization: Bearer …`");
  });

  it("documents its /testing entry point in the README, with a test of the fake that compiles as every sample does", () => {
    const readme = file("README.md");
    expect(readme).toContain("## Testing your code with a fake of the API");
    expect(readme).toContain('import { createPetstoreFake } from "@keyway/petstore/testing";');
    expect(readme).toContain('  bearerAuth: "bearerAuth-test-value-1",\n');
    expect(readme).toContain('  expect(fake.calls("GET /pets/{petId}")).toHaveLength(1);');
    expect(checks?.status, `${checks?.stdout}\n${checks?.stderr}`).toBe(0);
    expect(readmeSampleErrors("petstore")).toEqual([]);
  });

  it("enrolls every package it makes in the workspace's README and doc example checks (tests/ecosystem), whose examples it writes to compile as a user's modules", () => {
    const ecosystem = JSON.parse(readFileSync(join(work, "tests", "ecosystem", "package.json"), "utf8"));
    expect(ecosystem.dependencies).toEqual({
      "@keyway/runtime": "workspace:*",
      ...Object.fromEntries(
        ["petstore", "vendor-style", "documents", "uploads", "open-data"].map((pkg) => [
          `@keyway/${pkg}`,
          "workspace:*",
        ]),
      ),
    });
    expect(readFileSync(join(work, "pnpm-lock.yaml"), "utf8")).toMatch(
      /\n {2}tests\/ecosystem:\n[\s\S]*'@keyway\/petstore':/,
    );
    expect(checks?.status, `${checks?.stdout}\n${checks?.stderr}`).toBe(0);
    for (const pkg of ["petstore", "open-data", "vendor-style"]) expect(docExampleErrors(pkg), pkg).toEqual([]);
  });

  it("types a call's own settings on the client it makes: a setting of the wrong type does not compile", () => {
    expect(checks?.status, `${checks?.stdout}\n${checks?.stderr}`).toBe(0);
    const code = [
      'import { createPetstoreClient } from "@keyway/petstore";',
      'const petstore = createPetstoreClient({ bearerAuth: "token", apiKeyAuth: "key" });',
      "const params = { path: { petId: 1 } };",
      'await petstore.GET("/pets/{petId}", { params, timeout: 5_000, maxRetries: 0 });',
      "// @ts-expect-error a timeout is a number of milliseconds",
      'await petstore.GET("/pets/{petId}", { params, timeout: "5s" });',
    ].join("\n");
    expect(sampleErrors("petstore", [{ line: 1, code }])).toEqual([]);
  });

  it("installs the package into the workspace, updating the lockfile, and writes its first-release changeset", () => {
    expect(readFileSync(join(work, "pnpm-lock.yaml"), "utf8")).toContain("\n  packages/petstore:\n");
    expect(existsSync(join(work, "packages", "petstore", "node_modules", "@keyway", "header-auth"))).toBe(true);
    expect(readFileSync(join(work, ".changeset", "petstore-first-release.md"), "utf8")).toBe(
      '---\n"@keyway/petstore": minor\n---\n\nFirst release of `@keyway/petstore`: a typed client for Petstore API, generated from `specs/petstore.yaml`.\n',
    );
    expect(created.stdout).toContain("Next: commit, then run the test command");
  });

  it("writes a test that calls an operation needing both schemes, checking method, URL, both headers and the typed result", () => {
    // Compared without whitespace: the formatter wraps the generated lines at its own width (and starts a union it
    // breaks with a "|").
    const withoutWhitespace = (text: string) => text.replace(/\s+/g, "").replace(/<\|/g, "<");
    const test = withoutWhitespace(file("test/client.test.ts"));
    for (const line of [
      'await petstore.GET("/pets/{petId}", { params: { path: { petId: 1 } } })',
      'expect(request.method).toBe("GET");',
      'expect(request.url).toBe("/pets/1");',
      'expect(request.headers["user-agent"]).toMatch(/^keyway-petstore\\/\\S+ /);',
      'expect(request.headers["authorization"]).toBe(`Bearer ${BEARER_AUTH}`);',
      'expect(request.headers["x-api-key"]).toBe(API_KEY_AUTH);',
      // The union of every success's body (the 200's and the 206's) in each media type, as a response reads it (no
      // writeOnly property), however Biome breaks the line.
      'Readable<paths["/pets/{petId}"]["get"]["responses"][200]["content"][keyof paths["/pets/{petId}"]["get"]["responses"][200]["content"]] | paths["/pets/{petId}"]["get"]["responses"][206]["content"][keyof paths["/pets/{petId}"]["get"]["responses"][206]["content"]]> | undefined>();',
      // A provider's value that cannot be sent is refused when the call needs it, naming the factory and the option.
      "bearerAuth: () => 4242 as never",
      ".rejects.toThrow(/^createPetstoreClient: bearerAuth's provider returned a value /",
    ]) {
      expect(test, line).toContain(withoutWhitespace(line));
    }
  });

  it("builds, type-checks, lints (publint, attw) and passes its generated tests with no hand edits", () => {
    expect(checks?.status, `${checks?.stdout}\n${checks?.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(join(work, "packages", "petstore", ".vitest", "results.json"), "utf8"));
    expect(report.numFailedTests).toBe(0);
    // the client test (5: a bad credential and a provider's bad value named among them) and the fake test (2)
    expect(report.numPassedTests).toBe(7);
    // The build stamps the package's version into what its User-Agent reports.
    expect(file("dist/version.js")).toContain('export const VERSION = "0.0.0";');
  });
});

describe("pnpm new-client vendor-style (a JSON spec with basic and bearer auth on one header)", () => {
  it("creates the package from the .json spec, leaving out the query-string key with a warning", () => {
    expect(createdVendor.stderr).not.toMatch(/new-client:/);
    expect(createdVendor.status).toBe(0);
    expect(createdVendor.stderr).toContain(
      'security scheme "queryKey" in specs/vendor-style.json is an API key in the query string',
    );
    expect(file("README.md", "vendor-style")).toContain("[`specs/vendor-style.json`](../../specs/vendor-style.json)");
  });

  it("takes { username, password } for the basic scheme, and says an OAuth-less bearer token is a plain token", () => {
    const client = file("src/client.ts", "vendor-style");
    expect(client).toMatch(
      /Account id and auth token\. `\{ username, password \}`, sent as `Authorization: Basic …`.*\n {2}readonly basicAuth\?: Credential;/,
    );
    expect(client).toContain("credentials: { basicAuth: options.basicAuth, bearerAuth: options.bearerAuth }");
    expect(file("README.md", "vendor-style")).toContain(
      'basicAuth: { username: process.env["VENDOR_STYLE_BASIC_AUTH_USERNAME"]!, password: process.env["VENDOR_STYLE_BASIC_AUTH_PASSWORD"]! },',
    );
  });

  it("writes a test that checks the basic Authorization header and passes", () => {
    const test = file("test/client.test.ts", "vendor-style");
    expect(test).toContain('const BASIC_AUTH = { username: "basicAuth-user", password: "basicAuth-test-value-1" };');
    expect(test).toContain(
      'expect(request.headers["authorization"]).toBe(`Basic ${btoa(`${BASIC_AUTH.username}:${BASIC_AUTH.password}`)}`);',
    );
    const report = JSON.parse(readFileSync(join(work, "packages", "vendor-style", ".vitest", "results.json"), "utf8"));
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBeGreaterThanOrEqual(1);
  });
});

describe("pnpm new-client documents (its one callable operation answers a PDF)", () => {
  it("calls it reading the PDF as a Blob, and sends the body's writeOnly property but not its readOnly one", () => {
    expect(createdDocuments.stderr).not.toMatch(/new-client:/);
    expect(createdDocuments.status).toBe(0);
    const test = file("test/client.test.ts", "documents");
    expect(test).toContain(
      'const server = await startTestServer((_, res) => sendText(res, 201, body, { "content-type": "application/pdf" }));',
    );
    expect(test).toContain('body: { title: "title-1", passphrase: "passphrase-1" },\n      parseAs: "blob",');
    expect(test).toContain("expect(await data?.text()).toBe(body);");
    expect(file("README.md", "documents")).toContain('parseAs: "blob"');
  });

  it("types the body without the readOnly property, and the generated tests pass against a server and the fake", () => {
    expect(file("src/generated/documents.ts", "documents")).toContain("id: $Read<string>;");
    const report = JSON.parse(readFileSync(join(work, "packages", "documents", ".vitest", "results.json"), "utf8"));
    expect(report.numFailedTests).toBe(0);
    // the client test (5: a bad credential and a provider's bad value named among them) and the fake test (2)
    expect(report.numPassedTests).toBe(7);
  });
});

describe("pnpm new-client uploads (bodies that are not JSON: octet-stream, text/plain, multipart)", () => {
  it("passes mediaBodies to its client, names each upload's media type and types a binary body as a Blob too", () => {
    expect(createdUploads.stderr).not.toMatch(/new-client:/);
    expect(createdUploads.status).toBe(0);
    const client = file("src/client.ts", "uploads");
    expect(client).toContain("  mediaBodies,\n");
    expect(client).toContain("    mediaBodies,\n    sdk:");
    expect(client).not.toContain("formBodies");
    const meta = file("src/generated/uploads.meta.ts", "uploads");
    expect(meta).toContain(
      '"PUT /files/{name}": {"id":"uploadFile","security":security1,"bodyMedia":"application/octet-stream"}',
    );
    expect(meta).toContain('"bodyMedia":"text/plain"');
    expect(meta).toContain('"bodyMedia":"multipart/form-data"');
    expect(meta).not.toMatch(/"GET \/files": \{[^}]*bodyMedia/);
    expect(meta).toContain(
      '"GET /exports/{name}": {"id":"exportFiles","security":security1,"accept":"text/csv; charset=utf-8","successBody":"text"}',
    );
    expect(file("src/generated/uploads.ts", "uploads")).toContain("arrayBuffer(): Promise<ArrayBuffer>;");
    // A JSON-only API's client leaves it out.
    expect(file("src/client.ts")).not.toMatch(/formBodies|mediaBodies/);
  });

  it("sends the bodies byte for byte in their media types and passes the fake, type-checked with no hand edits", () => {
    expect(checks?.status, `${checks?.stdout}\n${checks?.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(join(work, "packages", "uploads", ".vitest", "results.json"), "utf8"));
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBe(11); // the client test (5), the fake test (2) and uploads.test.ts (4)
  });
});

describe("pnpm new-client open-data (no security scheme)", () => {
  it("writes a client with no credential option that imports nothing it does not use", async () => {
    expect(createdOpenData.stderr).not.toMatch(/new-client:/);
    expect(createdOpenData.status).toBe(0);
    const client = file("src/client.ts", "open-data");
    expect(client).toContain('import { createHeaderAuth } from "@keyway/header-auth";');
    expect(client).not.toContain("Credential");
    // The repository's lint, as CI runs it over the tree (warnings are errors).
    const biome = join(work, "node_modules", ".bin", "biome");
    const result = await capture(
      biome,
      ["ci", "--vcs-enabled=false", "--colors=off", "--error-on-warnings", "packages/open-data"],
      { cwd: work },
    );
    expect(result.stdout + result.stderr).not.toMatch(/lint\/\S+/);
    expect(result.status).toBe(0);
  });

  it("builds, type-checks and passes its generated tests, and its README's samples (the fake's test too) compile", () => {
    expect(checks?.status, `${checks?.stdout}\n${checks?.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(join(work, "packages", "open-data", ".vitest", "results.json"), "utf8"));
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBe(4); // the client test (2: its call, a bad option named) and the fake test (2)
    expect(file("README.md", "open-data")).toContain('import { createOpenDataFake } from "@keyway/open-data/testing";');
    // Nothing to pass: the first call's client is created without an argument, not with an empty object.
    expect(file("README.md", "open-data")).toContain("const openData = createOpenDataClient();\n");
    expect(readmeSampleErrors("open-data")).toEqual([]);
  });
});

describe("pnpm new-client refuses bad input with a clear message", () => {
  const newClient = (...args: string[]) => runScript("new-client.mjs", ["--root", work, ...args]);

  it("an unknown spec name, listing the specs there are", () => {
    const result = newClient("petshop");
    expect(result.status).toBe(1);
    const specs = listSpecs(work).map(specName).join(", ");
    expect(specs).toContain("petstore");
    expect(result.stderr).toContain(`new-client: no spec specs/petshop.yaml, .yml or .json (specs: ${specs})`);
  });

  it("a package folder that already exists", () => {
    const result = newClient("stacker");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("new-client: packages/stacker already exists");
  });

  it("a name another workspace package already has (tests/ecosystem is @keyway/ecosystem-tests)", () => {
    cpSync(join(work, "specs", "petstore.yaml"), join(work, "specs", "ecosystem-tests.yaml"));
    try {
      const result = newClient("ecosystem-tests");
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        "new-client: @keyway/ecosystem-tests is already the name of the workspace package in tests/ecosystem/",
      );
      expect(existsSync(join(work, "packages", "ecosystem-tests"))).toBe(false);
    } finally {
      rmSync(join(work, "specs", "ecosystem-tests.yaml"));
    }
  });

  it("a name that is not a spec name, or no name", () => {
    expect(newClient("../secrets").stderr).toContain('new-client: "../secrets" is not a spec name');
    const none = newClient();
    expect(none.status).toBe(1);
    expect(none.stderr).toContain("new-client: give the spec name");
  });
});
