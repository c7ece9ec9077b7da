// The public packages' `@example` blocks are user code: each compiles, as a user's module, against the built
// packages (test/example-fixtures/ holds what an example takes from the page around it). The generic packages
// (those with no generated client of their own: @keyway/runtime, @keyway/header-auth, @keyway/otel) document
// themselves with a generic API, an Orders API, never with one of this repository's services (its client,
// brand or API paths): their readers may use any keyway client, including one `pnpm new-client` wrote.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { compileSamples, exampleBlocks } from "./compile-samples.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const PACKAGES = join(REPO, "packages");

interface PublicPackage {
  readonly dir: string;
  readonly name: string;
  readonly keywords: readonly string[];
  /** What users import: `@keyway/runtime`, `@keyway/runtime/testing`, … */
  readonly entryPoints: readonly string[];
  /** Whether it holds a client generated from a spec (a service package) rather than generic code. */
  readonly service: boolean;
}

const publicPackages: PublicPackage[] = readdirSync(PACKAGES)
  .filter((dir) => existsSync(join(PACKAGES, dir, "package.json")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(PACKAGES, dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => !manifest.private)
  .map(({ dir, manifest }) => ({
    dir,
    name: manifest.name,
    keywords: manifest.keywords ?? [],
    entryPoints: Object.keys(manifest.exports)
      .filter((subpath) => subpath !== "./package.json")
      .map((subpath) => `${manifest.name}${subpath.slice(1)}`),
    service: existsSync(join(PACKAGES, dir, "src", "generated")),
  }));
const genericPackages = publicPackages.filter((pkg) => !pkg.service);
const servicePackages = publicPackages.filter((pkg) => pkg.service);

/** The path templates of the `paths` interfaces openapi-typescript wrote in `files`. */
function pathTemplates(files: readonly string[]): Set<string> {
  const templates = files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/^\s+"(\/[^"]*)": \{$/gm)].map((match) => match[1]!),
  );
  return new Set(templates);
}
/** The generic APIs of the runtime's README samples and of the doc examples, whose paths examples may call. */
const genericPaths = pathTemplates(
  ["./readme-fixtures/generated/my-api.ts", "./example-fixtures/generated/orders.ts"].map((path) =>
    fileURLToPath(new URL(path, import.meta.url)),
  ),
);
const servicePaths = pathTemplates(
  servicePackages.flatMap((pkg) =>
    readdirSync(join(PACKAGES, pkg.dir, "src", "generated"))
      .filter((file) => /^[\w-]+\.ts$/.test(file)) // the paths, not the .meta.ts or .spec-data.ts beside them
      .map((file) => join(PACKAGES, pkg.dir, "src", "generated", file)),
  ),
);

/** The path templates an example quotes (`"/users/{id}"`, `"GET /users"`) that only a service's spec has. */
function borrowedPaths(code: string): string[] {
  const quoted = [...code.matchAll(/["'`](?:[A-Z]+ )?(\/[^"'`\s]*)["'`]/g)].map((match) => match[1]!);
  return quoted.filter((path) => servicePaths.has(path) && !genericPaths.has(path));
}

/**
 * Words any example's code holds whatever it names: JavaScript's reserved words and the names of what every example
 * handles. A service named so (`new-client import`) is found by its package and its factory only.
 */
const CODE_WORDS = new Set(
  [
    "await break case catch class const continue default delete do else enum export extends false finally for function",
    "if import in instanceof let new null return static super switch this throw true try typeof var void while yield",
    "api auth body client data error fetch headers request response result server url",
  ]
    .join(" ")
    .split(" "),
);

/**
 * What names a service: its package's name without the scope, and its keywords that no generic package
 * shares (its brands, such as "hexclave"). Each becomes a pattern in which a hyphen may also be written as
 * an underscore, a space or nothing, in any case ("stack-auth", "StackAuth", "Stack Auth", "STACK_AUTH"); a word that
 * any code holds ({@link CODE_WORDS}) only as its package (`@keyway/import`) or its factory (`createImportClient`).
 */
function serviceTerms(service: PublicPackage, generic: readonly PublicPackage[]): RegExp[] {
  const shared = new Set(generic.flatMap((pkg) => pkg.keywords));
  const words = new Set([service.name.replace(/^@[^/]+\//, ""), ...service.keywords.filter((k) => !shared.has(k))]);
  return [...words].map((word) => {
    const parts = word.split("-").map(escapeRegExp);
    if (!CODE_WORDS.has(word)) return new RegExp(parts.join("[-_ ]?"), "i");
    const pascal = parts.map((part) => part[0]!.toUpperCase() + part.slice(1)).join("");
    return new RegExp(`@keyway/${parts.join("-")}(?![\\w-])|create${pascal}\\w*Client`);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "generated" ? [] : sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every `@example` of a public package's own code (not its generated code). */
const allExamples = publicPackages.flatMap((pkg) =>
  sourceFiles(join(PACKAGES, pkg.dir, "src")).flatMap((file) =>
    exampleBlocks(readFileSync(file, "utf8")).map((block) => ({
      pkg,
      file,
      where: `${relative(REPO, file)}:${block.line}`,
      code: block.code,
    })),
  ),
);

/** The generic packages' examples, the ones that must not borrow a service. */
const examples = allExamples.filter((example) => !example.pkg.service);
/** What names the services, as `serviceTerms` finds it. */
const terms = servicePackages.flatMap((service) => serviceTerms(service, genericPackages));

/** Modules no entry point exports: their examples show a function users never call, so they are not compiled. */
const NOT_PUBLIC = [
  /\/src\/internal\//,
  /\/runtime\/src\/testing\/(validator-schema|validator-formats|linear-pattern|negotiation|in-place-refs)\.ts$/,
];

const WORK = fileURLToPath(new URL("../.tmp/doc-examples/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("./example-fixtures/", import.meta.url));
const EXPRESS = fileURLToPath(new URL("./readme-fixtures/express.d.ts", import.meta.url));

/** The names an example imports or declares itself. */
function ownNames(code: string): Set<string> {
  const found = code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}|(?:const|let|function|class)\s+\{?\s*([\w$]+)/g);
  return new Set(
    [...found]
      .flatMap((match) => (match[1] ?? match[2]!).split(","))
      .map(
        (name) =>
          name
            .trim()
            .replace(/^type\s+/, "")
            .split(/\s+as\s+/)
            .pop()!,
      ),
  );
}

/** The names each entry point exports, read once per entry point. */
const exportedNames = new Map<string, Promise<string[]>>();
function exportsOf(entryPoint: string): Promise<string[]> {
  let names = exportedNames.get(entryPoint);
  if (!names) exportedNames.set(entryPoint, (names = import(entryPoint).then((module) => Object.keys(module))));
  return names;
}

/**
 * Like a doc comment read beside its name, an example may use what its own package exports without importing
 * it: the imports it leaves out, from the first of the package's entry points that exports each name.
 */
async function preludeOf(pkg: PublicPackage, code: string): Promise<string> {
  const own = ownNames(code);
  const lines: string[] = [];
  for (const entryPoint of pkg.entryPoints) {
    const names = (await exportsOf(entryPoint)).filter(
      (name) => !own.has(name) && new RegExp(`\\b${escapeRegExp(name)}\\b`).test(code),
    );
    for (const name of names) own.add(name);
    if (names.length) lines.push(`import { ${names.join(", ")} } from "${entryPoint}";\n`);
  }
  return lines.join("");
}

/**
 * Writes each public example as a module of its own, and compiles each package's together with what they take
 * from the code around them (a `client`, a `fake`: example-fixtures/context/<package>.d.ts); the generic
 * packages' call the Orders API of example-fixtures/generated/.
 */
async function compileExamples(chosen = allExamples): Promise<{ compiled: number; errors: string[] }> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(FIXTURES, WORK, { recursive: true });
  writeFileSync(join(WORK, "package.json"), JSON.stringify({ private: true, type: "module" }));
  const written = await Promise.all(
    chosen
      .filter((example) => example.code !== undefined && !NOT_PUBLIC.some((pattern) => pattern.test(example.file)))
      .map(async (example, index) => {
        const prelude = await preludeOf(example.pkg, example.code!);
        const module = join(WORK, `example${index}.ts`);
        writeFileSync(module, `${prelude}${example.code}\nexport {};\n`);
        return { ...example, module, preludeLines: prelude.split("\n").length - 1 };
      }),
  );
  const errors = publicPackages.flatMap((pkg) => {
    const own = written.filter((example) => example.pkg === pkg);
    if (own.length === 0) return [];
    // A package new-client made writes examples that need no page around them.
    const context = [join(WORK, "context", `${pkg.dir}.d.ts`)].filter(existsSync);
    return compileSamples([...own.map((example) => example.module), ...context, EXPRESS]).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
      const example = own.find((candidate) => candidate.module === diagnostic.file?.fileName);
      if (!example || diagnostic.start === undefined) return `${diagnostic.file?.fileName ?? "(no file)"}: ${message}`;
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
      return `${example.where}, line ${line + 1 - example.preludeLines} of the example: ${message}`;
    });
  });
  return { compiled: written.length, errors };
}

afterAll(() => {
  rmSync(WORK, { recursive: true, force: true });
});

describe("every public package's @example blocks", () => {
  it("each hold a ```ts block", () => {
    expect(allExamples.filter((example) => example.code === undefined).map((example) => example.where)).toEqual([]);
  });

  it("compile against the built packages, as a user's modules", async () => {
    const { compiled, errors } = await compileExamples();
    expect(errors).toEqual([]);
    expect(compiled).toBeGreaterThan(70);
  }, 300_000);

  it("would report an example that does not compile, at its line in the source", async () => {
    const lists = allExamples.find((example) => example.where.startsWith("packages/stacker/src/lists.ts"))!;
    const broken = { ...lists, code: lists.code!.replace("listItems(data, ", "listItems(data, 42, ") };
    const { errors } = await compileExamples([broken]);
    expect(errors).toEqual([expect.stringMatching(/^packages\/stacker\/src\/lists\.ts:\d+, line 2 of the example: /)]);
  }, 300_000);
});

describe("the generic packages' @example blocks", () => {
  it("are found: the generic and service packages are told apart, and each generic package has examples", () => {
    expect(genericPackages.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining(["@keyway/runtime", "@keyway/header-auth", "@keyway/otel"]),
    );
    expect(servicePackages.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining(["@keyway/stacker", "@keyway/stack-auth"]),
    );
    for (const pkg of genericPackages)
      expect(examples.filter((example) => example.pkg === pkg).length, pkg.name).toBeGreaterThan(0);
  });

  it("name none of this repository's services, their clients or their brands", () => {
    const borrowing = examples.flatMap(({ where, code = "" }) =>
      terms.filter((term) => term.test(code)).map((term) => `${where}: ${term.source}`),
    );
    expect(borrowing).toEqual([]);
  });

  it("call no path that only a service's spec has", () => {
    expect(servicePaths.size).toBeGreaterThan(50);
    expect(genericPaths.has("/users/{id}")).toBe(true);
    const borrowing = examples.flatMap(({ where, code = "" }) =>
      borrowedPaths(code).map((path) => `${where}: ${path}`),
    );
    expect(borrowing).toEqual([]);
  });

  it("would catch a service's client, brand or path written any way", () => {
    const caught = (code: string) => terms.some((term) => term.test(code));
    expect(caught('const stacker = createStackerClient({ integrationKey: "test" });')).toBe(true);
    expect(caught("const admin = createStackAuthServerClient(options);")).toBe(true);
    expect(caught('withHeaderFamily(apiMeta, "hexclave")')).toBe(true);
    expect(caught('import { listAllUsers } from "@keyway/stack-auth/server";')).toBe(true);
    expect(caught('await client.GET("/users/{id}", { params: { path: { id: "ada" } } });')).toBe(false);
    // A service named like a word every example's code holds (new-client allows `import`, `data`): its package and
    // factory name it, the word alone does not.
    for (const word of ["import", "data"]) {
      const named = serviceTerms({ ...servicePackages[0]!, name: `@keyway/${word}`, keywords: [] }, genericPackages);
      const caughtBy = (code: string) => named.some((term) => term.test(code));
      expect(
        caughtBy(`import { createApiClient } from "@keyway/runtime";\nconst { data } = await client.GET("/x");`),
      ).toBe(false);
      expect(caughtBy(`import { create${word[0]!.toUpperCase()}${word.slice(1)}Client } from "x";`)).toBe(true);
      expect(caughtBy(`import { fake } from "@keyway/${word}/testing";`)).toBe(true);
    }
    expect(borrowedPaths('fake.fail("GET /api/external/objects/{object_sid}/records/{record_sid}/", 404);')).toEqual([
      "/api/external/objects/{object_sid}/records/{record_sid}/",
    ]);
    expect(borrowedPaths('await client.GET("/users/{id}", { params: { path: { id: "ada" } } });')).toEqual([]);
  });
});
