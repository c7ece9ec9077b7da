// `pnpm generate` against the hand-owned client code: when a spec's security schemes change, the regenerated metadata
// no longer matches the credentials a package's createHeaderAuth call wires, and generate (and --check) must say which
// scheme, which header, which file and what edit, rather than pass and leave a factory that refuses the new option.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { packageFiles } from "../lib/new-client/package-files.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";
import { generateIn, generationCopy } from "./fixtures/generation-copy.js";
import { TOOL_STEPS_TIMEOUT_MS } from "./fixtures/node-tools.js";

/** The spec a package is made from with new-client: one API key scheme, `key`. */
const ORIGINAL = `openapi: 3.0.3
info: { title: Enc, version: "1.0" }
servers: [{ url: https://api.example.com/v1 }]
security: [{ key: [] }]
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Api-Key }
paths:
  /files/{name}:
    get:
      operationId: getFile
      parameters:
        - { name: name, in: path, required: true, schema: { type: string } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } } }
`;

/** {@link ORIGINAL} with a bearer scheme `tok` added, which a new operation requires. */
const WITH_TOKEN = ORIGINAL.replace(
  "    key: { type: apiKey, in: header, name: X-Api-Key }\n",
  "    key: { type: apiKey, in: header, name: X-Api-Key }\n    tok: { type: http, scheme: bearer }\n",
).concat(`  /items:
    post:
      operationId: createItem
      security: [{ tok: [] }]
      responses:
        "201": { description: ok, content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } } }
`);

/** {@link ORIGINAL} with its scheme gone: every operation is anonymous. */
const WITHOUT_KEY = ORIGINAL.replace("security: [{ key: [] }]\n", "").replace(
  "    key: { type: apiKey, in: header, name: X-Api-Key }\n",
  "    {}\n",
);

let copy: string;
const specFile = () => join(copy, "specs", "enc.yaml");

/** Writes the package new-client makes from `spec` into the copy, as `packages/enc`. */
function newClientPackage(spec: string) {
  const document = parse(spec);
  const files = packageFiles({
    name: "enc",
    specFile: "enc.yaml",
    dir: "enc",
    spec: document,
    meta: deriveMeta(document, "specs/enc.yaml"),
    runtimeManifest: { dependencies: { "openapi-fetch": "^0.17.0" } },
  });
  const dir = join(copy, "packages", "enc");
  rmSync(dir, { recursive: true, force: true });
  for (const [file, contents] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), contents);
  }
  writeFileSync(specFile(), spec);
}

/** A temporary copy of what generation reads and writes, plus a package new-client made. */
beforeAll(() => {
  copy = generationCopy("keyway-schemes-");
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const generate = (...args: string[]) => generateIn(copy, ...args);

describe("pnpm generate: the security schemes the client code wires", () => {
  it(
    "passes on stacker, stack-auth (its session schemes) and a package new-client made",
    () => {
      newClientPackage(ORIGINAL);
      expect(generate("--only", "enc").status).toBe(0);
      const result = generate("--check");
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "fails when a scheme is added, naming it, its header, the file and the option to add; --check too",
    () => {
      newClientPackage(ORIGINAL);
      writeFileSync(specFile(), WITH_TOKEN);
      const generated = generate("--only", "enc");
      expect(generated.status).toBe(1);
      expect(generated.stderr).toContain(
        "packages/enc/src/client.ts: the spec now has security scheme `tok` (header Authorization, bearer); add a credential option for it",
      );
      expect(generated.stderr).toContain("tok: options.tok");
      expect(generated.stderr).toContain('tok: "tok"');
      // The generated files were written all the same: only the hand-owned code is behind.
      expect(readFileSync(join(copy, "packages", "enc", "src", "generated", "enc.meta.ts"), "utf8")).toContain('"tok"');

      const checked = generate("--check");
      expect(checked.status).toBe(1);
      expect(checked.stderr).not.toContain("stale:");
      expect(checked.stderr).toContain(
        "packages/enc/src/client.ts: the spec now has security scheme `tok` (header Authorization, bearer)",
      );
      expect(checked.stderr).toMatch(/client code no longer matches the security schemes or servers of specs\//);
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "fails when a scheme is removed, naming it and the option to remove",
    () => {
      newClientPackage(ORIGINAL);
      expect(generate("--only", "enc").status).toBe(0);
      writeFileSync(specFile(), WITHOUT_KEY);
      const generated = generate("--only", "enc");
      expect(generated.status).toBe(1);
      expect(generated.stderr).toContain(
        "packages/enc/src/client.ts: the spec no longer has security scheme `key` (header X-Api-Key); remove its credential option `key`",
      );
      // After generating, the old header is gone from the disk; the scheme and its option are still named.
      const checked = generate("--check");
      expect(checked.status).toBe(1);
      expect(checked.stderr).toContain(
        "packages/enc/src/client.ts: the spec no longer has security scheme `key`; remove its credential option `key`",
      );
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "fails when stacker's scheme is renamed, naming both names, the header and the keys to rename",
    () => {
      rmSync(join(copy, "packages", "enc"), { recursive: true, force: true });
      rmSync(specFile(), { force: true });
      const spec = join(copy, "specs", "stacker.yaml");
      const original = readFileSync(spec, "utf8");
      writeFileSync(spec, original.replaceAll("AccountId:", "WorkspaceId:"));
      try {
        const checked = generate("--check");
        expect(checked.status).toBe(1);
        expect(checked.stderr).toContain("stale: packages/stacker/src/generated/stacker.meta.ts");
        expect(checked.stderr).toContain(
          "packages/stacker/src/client.ts: the spec's security scheme `AccountId` is now `WorkspaceId` (header X-Account-Id); rename the key `AccountId` to `WorkspaceId` in `credentials` and `credentialNames`",
        );
      } finally {
        writeFileSync(spec, original);
      }
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "fails when stack-auth's spec gains a scheme its session client does not send",
    () => {
      const spec = join(copy, "specs", "stack-auth-client.yaml");
      const original = readFileSync(spec, "utf8");
      const aliases = join(copy, "specs", "stack-auth", "components.yaml");
      const originalAliases = readFileSync(aliases, "utf8");
      writeFileSync(
        aliases,
        originalAliases.replace(
          "    X-Stack-Refresh-Token: X-Hexclave-Refresh-Token\n",
          "    X-Stack-Refresh-Token: X-Hexclave-Refresh-Token\n    X-Stack-Branch-Id: X-Hexclave-Branch-Id\n",
        ),
      );
      expect(original).toMatch(/\n {4}PublishableClientKey:\n/);
      writeFileSync(
        spec,
        original.replace(
          /\n {4}PublishableClientKey:\n/,
          "\n    BranchId: { type: apiKey, in: header, name: X-Stack-Branch-Id, x-keyway-secret: false }\n    PublishableClientKey:\n",
        ),
      );
      try {
        const checked = generate("--check");
        expect(checked.status).toBe(1);
        expect(checked.stderr).toContain(
          "packages/stack-auth/src/session-client.ts: the spec now has security scheme `BranchId` (header X-Stack-Branch-Id)",
        );
        expect(checked.stderr).not.toContain("`PublishableClientKey`");
        expect(checked.stderr).not.toContain("`AccessToken`");
      } finally {
        writeFileSync(spec, original);
        writeFileSync(aliases, originalAliases);
      }
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});
