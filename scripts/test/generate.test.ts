import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSpecs, packagesDir, specName } from "../lib/paths.mjs";
import { generateIn, generationCopy } from "./fixtures/generation-copy.js";

let copy: string;

/** A temporary copy of what generation reads and writes: specs, lint rules, package folders. */
beforeAll(() => {
  copy = generationCopy("keyway-drift-");
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const generate = (...args: string[]) => generateIn(copy, ...args);

describe("pnpm generate --check", () => {
  it("passes on the committed specs and generated files", () => {
    const result = generate("--check");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/generated files match \d+ specs/);
  });

  it("fails, naming the stale file, when a spec is edited without regenerating", () => {
    const spec = join(copy, "specs", "stacker.yaml");
    const original = readFileSync(spec, "utf8");
    writeFileSync(spec, original.replace("operationId: getHello", "operationId: sayHello"));
    try {
      const result = generate("--check");
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("stale: packages/stacker/src/generated/stacker.meta.ts");
      expect(result.stderr).toContain("run `pnpm generate`");
    } finally {
      writeFileSync(spec, original);
    }
  });

  it("fails, naming the header, when a header family lacks the alias of a security scheme's header", () => {
    const aliases = join(copy, "specs", "stack-auth", "components.yaml");
    const original = readFileSync(aliases, "utf8");
    writeFileSync(aliases, original.replace("    X-Stack-Refresh-Token: X-Hexclave-Refresh-Token\n", ""));
    try {
      const result = generate("--check");
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('family "hexclave" has no alias for X-Stack-Refresh-Token');
    } finally {
      writeFileSync(aliases, original);
    }
  });

  it("fails when a generated file was edited by hand", () => {
    const file = join(copy, "packages", "stacker", "src", "generated", "stacker.ts");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, `${original}\nexport type HandEdited = true;\n`);
    try {
      const result = generate("--check");
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("stale: packages/stacker/src/generated/stacker.ts");
    } finally {
      writeFileSync(file, original);
    }
  });

  it("regenerates every spec, then --check passes again", () => {
    const spec = join(copy, "specs", "stacker.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("operationId: getHello", "operationId: sayHello"));
    expect(generate().status).toBe(0);
    expect(readFileSync(join(copy, "packages", "stacker", "src", "generated", "stacker.meta.ts"), "utf8")).toContain(
      `"id":"sayHello"`,
    );
    expect(generate("--check").status).toBe(0);
  });

  it("fails the lint step on a spec error and writes nothing", () => {
    const spec = join(copy, "specs", "stacker.yaml");
    const original = readFileSync(spec, "utf8");
    writeFileSync(spec, original.replace(/ *operationId: listAccounts\n/, ""));
    try {
      const result = generate();
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("error operation-operationId (1)");
      expect(result.stderr).toContain("Redocly lint found 1 error in specs/");
    } finally {
      writeFileSync(spec, original);
    }
  });

  it("prints five locations of a lint rule and how many more, and writes every location to the file it names", () => {
    const spec = join(copy, "specs", "stacker.yaml");
    const original = readFileSync(spec, "utf8");
    const ids = [...original.matchAll(/ *operationId: (\w+)\n/g)].slice(0, 7);
    writeFileSync(
      spec,
      ids.reduce((text, [line]) => text.replace(line, ""), original),
    );
    try {
      const result = generate();
      expect(result.status).toBe(1);
      const report = join(copy, ".tmp", "lint", "stacker.txt");
      expect(result.stderr).toContain("error operation-operationId (7)");
      expect(result.stderr.match(/Operation object should contain `operationId` field/g)).toHaveLength(5);
      expect(result.stderr).toContain(`    … 2 more\nEvery location: ${report}`);
      expect(readFileSync(report, "utf8").match(/Operation object should contain `operationId` field/g)).toHaveLength(
        7,
      );
    } finally {
      writeFileSync(spec, original);
    }
  });

  it("generates a header saying the files are generated, for every spec", () => {
    for (const spec of listSpecs()) {
      const name = specName(spec);
      const pkg = parse(readFileSync(spec, "utf8")).info["x-keyway-package"] ?? name;
      for (const file of [`${name}.ts`, `${name}.meta.ts`, `${name}.spec-data.ts`]) {
        expect(readFileSync(join(packagesDir, pkg, "src", "generated", file), "utf8")).toMatch(
          /^\/\/ This file is generated by `pnpm generate` from specs\/.*\. Do not edit it by hand\./,
        );
      }
    }
  });
});
