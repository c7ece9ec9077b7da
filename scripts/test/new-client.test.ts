// `pnpm new-client <name>` in a scratch copy of the workspace: from a spec alone to a package
// that builds, type-checks, lints and passes its generated test, with no hand edits.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSpecs, specName } from "../lib/paths.mjs";
import { capture, cleanEnv, pnpm } from "../lib/run.mjs";
import { copyWorkspace, installPreferringStore } from "../registry-test.mjs";
import { fixturesDir, runScript } from "./fixtures/git-repo.js";

let work: string;
let created: Awaited<ReturnType<typeof capture>>;
let checks: Awaited<ReturnType<typeof capture>>;
const file = (path: string) => readFileSync(join(work, "packages", "petstore", path), "utf8");

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "keyway-new-client-"));
  copyWorkspace(work, ["specs", "scripts", "packages"]);
  await installPreferringStore(work);
  cpSync(join(fixturesDir, "petstore.yaml"), join(work, "specs", "petstore.yaml"));
  created = await pnpm(["new-client", "petstore"], { cwd: work, env: cleanEnv() }).catch((error: Error) => ({ status: 1, stdout: "", stderr: error.message }));
  if (created.status !== 0) return;
  await installPreferringStore(work);
  const turbo = join(work, "node_modules", ".bin", "turbo");
  checks = await capture(turbo, ["run", "build", "typecheck", "lint", "test", "--filter=@keyway/petstore", "--output-logs=errors-only"], { cwd: work, env: cleanEnv({ CI: "true" }) });
}, 300_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("pnpm new-client petstore", () => {
  it("creates packages/petstore from specs/petstore.yaml alone, with its generated types", () => {
    expect(created.stderr).not.toMatch(/new-client:/);
    expect(created.status).toBe(0);
    for (const path of ["package.json", "tsconfig.json", "tsconfig.build.json", "vitest.config.ts", "README.md", "src/index.ts", "src/client.ts", "src/testing.ts", "test/client.test.ts", "test/testing.test.ts", "src/generated/petstore.ts", "src/generated/petstore.meta.ts", "src/generated/petstore.spec-data.ts"]) {
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
    expect(client).toContain("export function createPetstoreClient(options: PetstoreClientOptions): PetstoreClient");
    expect(client).toMatch(/Sent as `Authorization: Bearer …`.*\n {2}readonly bearerAuth\?: Credential;/);
    expect(client).toMatch(/Sent as `X-Api-Key`.*\n {2}readonly apiKeyAuth\?: Credential;/);
    expect(client).toContain("credentials: { BearerAuth: options.bearerAuth, ApiKeyAuth: options.apiKeyAuth }");
    expect(client).toContain('export const PETSTORE_BASE_URL = "https://api.petstore.test/v1";');
    expect(file("src/index.ts")).toContain('export * from "@keyway/runtime/errors";');
  });

  it("writes a README with the install command and a first typed call", () => {
    const readme = file("README.md");
    expect(readme).toContain("npm install @keyway/petstore");
    expect(readme).toContain('const { data, error } = await petstore.GET("/pets/{petId}", { params: { path: { petId: 1 } } });');
    expect(readme).toContain("| `bearerAuth` (optional) | `Authorization: Bearer …`");
  });

  it("writes a test that calls an operation needing both schemes, checking method, URL, both headers and the typed result", () => {
    const test = file("test/client.test.ts");
    expect(test).toContain('await petstore.GET("/pets/{petId}", { params: { path: { petId: 1 } } })');
    expect(test).toContain('expect(request.method).toBe("GET");');
    expect(test).toContain('expect(request.url).toBe("/pets/1");');
    expect(test).toContain('expect(request.headers["authorization"]).toBe(`Bearer ${BEARER_AUTH}`);');
    expect(test).toContain('expect(request.headers["x-api-key"]).toBe(API_KEY_AUTH);');
    expect(test).toContain('expectTypeOf(data).toEqualTypeOf<operations["getPet"]["responses"][200]["content"]["application/json"] | undefined>();');
  });

  it("builds, type-checks, lints (publint, attw) and passes its generated tests with no hand edits", () => {
    expect(checks?.status, `${checks?.stdout}\n${checks?.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(join(work, "packages", "petstore", ".vitest", "results.json"), "utf8"));
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBe(3); // the client test (2) and the fake test (1)
  });
});

describe("pnpm new-client refuses bad input with a clear message", () => {
  const newClient = (...args: string[]) => runScript("new-client.mjs", ["--root", work, ...args]);

  it("an unknown spec name, listing the specs there are", () => {
    const result = newClient("petshop");
    expect(result.status).toBe(1);
    const specs = listSpecs(work).map(specName).join(", ");
    expect(specs).toContain("petstore");
    expect(result.stderr).toContain(`new-client: no spec specs/petshop.yaml (specs: ${specs})`);
  });

  it("a package folder that already exists", () => {
    const result = newClient("stacker");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("new-client: packages/stacker already exists");
  });

  it("a name that is not a spec name, or no name", () => {
    expect(newClient("../secrets").stderr).toContain('new-client: "../secrets" is not a spec name');
    const none = newClient();
    expect(none.status).toBe(1);
    expect(none.stderr).toContain("new-client: give the spec name");
  });
});
