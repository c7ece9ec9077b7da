import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The test kit (@keyway/*/testing: the fake, its JSON Schema validator and the spec data) must
// never enter the bundle of an app that does not import it. Bundled as the size suite does
// (esbuild, browser ESM), and the inputs that went in are listed.
const fromPreset = createRequire(createRequire(import.meta.url).resolve("@size-limit/preset-small-lib/package.json"));
// esbuild is size-limit's own dependency; only the part of its API used here is typed.
const esbuild = createRequire(fromPreset.resolve("@size-limit/esbuild/package.json"))("esbuild") as {
  build(options: Record<string, unknown>): Promise<{ metafile: { inputs: Record<string, unknown> } }>;
};

const TEST_KIT = /[\\/](testing|testing-server)[\\/.]|spec-data|@cfworker[\\/]json-schema/;

async function bundledInputs(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(`../size/${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("the test kit stays out of bundles that do not import it", () => {
  it.each(["stacker.js", "stack-auth-server.js"])("size/%s bundles none of it", async (entry) => {
    expect((await bundledInputs(entry)).filter((input) => TEST_KIT.test(input))).toEqual([]);
  });

  it("a bundle that imports @keyway/stacker/testing has it (so the check above can fail)", async () => {
    const inputs = await bundledInputs("stacker-testing.js");
    expect(inputs.some((input) => /spec-data/.test(input))).toBe(true);
    expect(inputs.some((input) => /@cfworker[\\/]json-schema/.test(input))).toBe(true);
  });
});
