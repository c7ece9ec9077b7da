// `pnpm generate` against the default base URL a package's hand-owned code holds: new-client writes
// `<PACKAGE>_BASE_URL` once from the spec's first server, so when that server moves, generate (and --check) must name
// the file, the constant and the edit, rather than pass and leave the client calling the old host.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIn, generationCopy } from "./fixtures/generation-copy.js";
import { TOOL_STEPS_TIMEOUT_MS } from "./fixtures/node-tools.js";

let copy: string;
beforeAll(() => {
  copy = generationCopy("keyway-base-url-");
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("pnpm generate: the default base URL the client code holds", () => {
  it(
    "fails when stacker's first server moves, naming the file, the constant and the new URL; --check too",
    () => {
      const spec = join(copy, "specs", "stacker.yaml");
      const original = readFileSync(spec, "utf8");
      expect(original).toContain("  - url: https://api.go.stackerhq.com\n");
      writeFileSync(
        spec,
        original.replace("  - url: https://api.go.stackerhq.com\n", "  - url: https://api.eu.stackerhq.com\n"),
      );
      try {
        const expected =
          'packages/stacker/src/client.ts:20: STACKER_BASE_URL is "https://api.go.stackerhq.com", but the first server ' +
          "of specs/stacker.yaml, the client's default base URL, is now https://api.eu.stackerhq.com; " +
          'set STACKER_BASE_URL to "https://api.eu.stackerhq.com"';
        const generated = generateIn(copy, "--only", "stacker");
        expect(generated.status).toBe(1);
        expect(generated.stderr).toContain(expected);
        const checked = generateIn(copy, "--check");
        expect(checked.status).toBe(1);
        expect(checked.stderr).toContain(expected);
        expect(checked.stderr).toMatch(/client code no longer matches the security schemes or servers of specs\//);
        expect(checked.stderr).not.toContain("STACK_AUTH_BASE_URL");
      } finally {
        writeFileSync(spec, original);
      }
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});
