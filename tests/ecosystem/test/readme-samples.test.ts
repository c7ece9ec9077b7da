// Every TypeScript sample in the READMEs (the repository's and each package's) compiles against
// the built packages, as a user's ES module under Node's own resolution with strict settings. Each
// fenced ts block is its own module; what samples take from the reader's program (a client made
// earlier on the page, a logger) and the generated files of the runtime samples' API are in
// test/readme-fixtures/.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSamples, typescriptBlocks } from "./compile-samples.js";
import { PUBLIC_PACKAGES, REPO } from "./public-packages.js";

const FIXTURES = fileURLToPath(new URL("./readme-fixtures/", import.meta.url));
/** Inside this workspace, so the samples resolve @keyway/* (the built packages) and openapi-fetch from its node_modules. */
const WORK = fileURLToPath(new URL("../.tmp/readme-samples/", import.meta.url));

/** The repository's README and those of the packages users install. */
const READMES = ["README.md", ...PUBLIC_PACKAGES.map(({ dir }) => `packages/${dir}/README.md`)];

interface Sample {
  readonly readme: string;
  /** The line of the opening fence. */
  readonly line: number;
  readonly code: string;
  readonly file: string;
}

/**
 * Where a sample is written. A block that names its file on its first line (`// orders.ts: the code
 * under test`) is written under that name, beside the other named blocks of its README, so that a
 * test sample can import it (`./orders.js`) as the reader's project would.
 */
function sampleFile(readme: string, line: number, code: string): string {
  const slug = readme.replace(/[/.]/g, "_");
  const named = /^\/\/ ([\w-]+(?:\.[\w-]+)*\.ts)\b/.exec(code);
  return named ? join(WORK, slug, named[1]!) : join(WORK, `${slug}_line${line}.ts`);
}

let samples: Sample[] = [];
let diagnostics: readonly ts.Diagnostic[] = [];

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(FIXTURES, WORK, { recursive: true });
  writeFileSync(join(WORK, "package.json"), JSON.stringify({ private: true, type: "module" }));
  samples = READMES.flatMap((readme) =>
    typescriptBlocks(readFileSync(join(REPO, readme), "utf8")).map(({ line, code }) => {
      const file = sampleFile(readme, line, code);
      mkdirSync(dirname(file), { recursive: true });
      // `export {}` keeps each sample a module of its own, whether or not it imports anything.
      writeFileSync(file, `${code}\nexport {};\n`);
      return { readme, line, code, file };
    }),
  );
  diagnostics = compileSamples([
    ...samples.map((sample) => sample.file),
    join(WORK, "globals.d.ts"),
    join(WORK, "express.d.ts"),
  ]);
  // One compiler pass over every sample, which takes minutes on a loaded machine.
}, 300_000);

afterAll(() => {
  rmSync(WORK, { recursive: true, force: true });
});

/** A diagnostic as `README.md:<line>: <message>`, its line counted in the README. */
function located(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  const sample = samples.find((candidate) => candidate.file === diagnostic.file?.fileName);
  if (!sample || diagnostic.start === undefined)
    return `${diagnostic.file ? relative(WORK, diagnostic.file.fileName) : "(no file)"}: ${message}`;
  const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
  return `${sample.readme}:${sample.line + 1 + line}: ${message}`;
}

describe("README samples", () => {
  it("are found in every public package's README and the repository's", () => {
    expect(READMES).toEqual(
      expect.arrayContaining([
        "README.md",
        "packages/stacker/README.md",
        "packages/stack-auth/README.md",
        "packages/runtime/README.md",
        "packages/header-auth/README.md",
      ]),
    );
    for (const readme of READMES)
      expect(samples.filter((sample) => sample.readme === readme).length, readme).toBeGreaterThan(0);
  });

  it.for(READMES)("%s: every TypeScript block compiles against the built packages", (readme) => {
    const errors = diagnostics.filter(
      (diagnostic) =>
        !diagnostic.file ||
        samples.some((sample) => sample.readme === readme && sample.file === diagnostic.file!.fileName),
    );
    expect(errors.map(located)).toEqual([]);
  });

  it("reports no error outside the samples (fixtures, declarations)", () => {
    const elsewhere = diagnostics.filter(
      (diagnostic) => diagnostic.file && !samples.some((sample) => sample.file === diagnostic.file!.fileName),
    );
    expect(elsewhere.map(located)).toEqual([]);
  });
});
