import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFixtureRepo, runScript, type FixtureRepo } from "./fixtures/git-repo.js";

let repo: FixtureRepo;
beforeEach(() => {
  repo = createFixtureRepo("0.3.0");
});
afterEach(() => repo.remove());

const check = (...args: string[]) => runScript("changeset-check.mjs", ["--root", repo.root, ...args]);
const changeset = (bump: string, name = "@keyway/shop") => `---\n"${name}": ${bump}\n---\n\nA change for users.\n`;
const removeHealth = (s: any) => delete s.paths["/health"];
const addOptionalParameter = (s: any) =>
  s.paths["/products"].get.parameters.push({ name: "q", in: "query", schema: { type: "string" } });

describe("pnpm changeset:check", () => {
  it("fails over HEAD~1..HEAD when the last commit changed a spec without a changeset, naming the package and the changes", () => {
    repo.editYaml("specs/shop.yaml", removeHealth);
    repo.commit("drop /health");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "@keyway/shop needs a minor changeset (breaking changes to specs/shop.yaml; version 0.3.0); found none",
    );
    expect(result.stderr).toContain("breaking: GET /health: removed operation");
    expect(result.stderr).toContain("pnpm spec:diff --base");
  });

  it("passes when the commit adds a changeset with the bump the change needs", () => {
    repo.editYaml("specs/shop.yaml", removeHealth);
    repo.write(".changeset/drop-health.md", changeset("minor"));
    repo.commit("drop /health, with a changeset");
    const result = check();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("@keyway/shop: minor (needs minor) in .changeset/drop-health.md");
  });

  it("fails when the changeset's bump is smaller than the change needs, and lists only the changes it does not cover", () => {
    repo.editYaml("specs/shop.yaml", (s) => {
      removeHealth(s);
      addOptionalParameter(s);
    });
    repo.write(".changeset/small.md", changeset("patch"));
    repo.commit("breaking change, patch changeset");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("@keyway/shop needs a minor changeset");
    expect(result.stderr).toContain("found only patch in .changeset/small.md");
    expect(result.stderr).toContain("breaking: GET /health: removed operation");
    expect(result.stderr).not.toContain("query:q");
  });

  it("requires a major bump for a breaking change once the package is 1.x", () => {
    repo.setVersion("1.0.0");
    repo.commit("1.0.0");
    repo.editYaml("specs/shop.yaml", removeHealth);
    repo.write(".changeset/drop-health.md", changeset("minor"));
    repo.commit("drop /health");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "@keyway/shop needs a major changeset (breaking changes to specs/shop.yaml; version 1.0.0); found only minor",
    );
  });

  it("does not count a changeset for another package, nor one that was already there before the range", () => {
    repo.write(".changeset/older.md", changeset("major"));
    repo.commit("an older pending changeset");
    repo.editYaml("specs/shop.yaml", addOptionalParameter);
    repo.write(".changeset/other.md", changeset("major", "@keyway/other"));
    repo.commit("new parameter");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("@keyway/shop needs a patch changeset (additive changes");
    expect(result.stderr).toContain("additive: GET /products: new optional parameter query:q");
  });

  it("does not count a changeset that was already there and was only touched or renamed in the range", () => {
    repo.write(".changeset/older.md", changeset("minor"));
    repo.commit("an older pending changeset");
    repo.editYaml("specs/shop.yaml", removeHealth);
    repo.commit("drop /health");
    repo.write(".changeset/older.md", `${changeset("minor")}\n`);
    const touched = check("--base", "HEAD~1");
    expect(touched.status).toBe(1);
    expect(touched.stderr).toContain(
      "@keyway/shop needs a minor changeset (breaking changes to specs/shop.yaml; version 0.3.0); found none",
    );
    repo.git("checkout", "--quiet", "--", ".changeset");
    repo.git("mv", ".changeset/older.md", ".changeset/renamed.md");
    const renamed = check("--base", "HEAD~1");
    expect(renamed.status).toBe(1);
    expect(renamed.stderr).toContain(
      "@keyway/shop needs a minor changeset (breaking changes to specs/shop.yaml; version 0.3.0); found none",
    );
    repo.commit("rename it");
    expect(check("--base", "HEAD~2").stderr).toContain("found none");
  });

  it("counts a new changeset that says what a pending one says (a second sync of the spec)", () => {
    repo.write(".changeset/sync-1.md", changeset("minor"));
    repo.commit("a first sync, still pending");
    repo.editYaml("specs/shop.yaml", removeHealth);
    repo.write(".changeset/sync-2.md", changeset("minor"));
    repo.commit("a second sync, with its own changeset");
    const result = check("--base", "HEAD~1");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("checks a change in the shared components file through the spec that uses it", () => {
    repo.editYaml("specs/shop/components.yaml", (c) => c.components.schemas.Status.enum.pop());
    repo.commit("drop the live status");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('enum value "live" removed');
  });

  it("accepts an explicit range, and counts uncommitted changes and changesets when the head is the working tree", () => {
    const base = repo.git("rev-parse", "HEAD");
    repo.editYaml("specs/shop.yaml", (s) => (s.paths["/products"].get.description = "Every product."));
    const head = repo.commit("docs");
    expect(check("--base", `${base}..${head}`).status).toBe(1);
    expect(check("--base", base, "--head", head).stderr).toContain(
      "@keyway/shop needs a patch changeset (docs-only changes",
    );
    repo.write(".changeset/docs.md", changeset("patch"));
    const withWorkingTree = check("--base", base);
    expect(withWorkingTree.status).toBe(0);
    expect(withWorkingTree.stdout).toContain("in .changeset/docs.md");
  });

  it("passes when nothing under specs/ changed", () => {
    repo.write("README.md", "# shop\n");
    repo.commit("readme");
    const result = check();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("no spec changes");
  });

  it("has nothing to compare on a repository with a single commit", () => {
    const result = check();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("HEAD has no parent commit");
  });

  it("says that it checked nothing in a shallow clone, which lacks HEAD's parent", () => {
    repo.editYaml("specs/shop.yaml", removeHealth);
    repo.commit("drop /health");
    const shallow = mkdtempSync(join(tmpdir(), "keyway-shallow-"));
    try {
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo.root}`, shallow]);
      const result = runScript("changeset-check.mjs", ["--root", shallow]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("NOT CHECKED: this clone is shallow and lacks HEAD's parent");
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it("compares a branch with its merge base with origin/main", () => {
    const main = repo.git("rev-parse", "HEAD");
    repo.git("update-ref", "refs/remotes/origin/main", main);
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.editYaml("specs/shop.yaml", removeHealth);
    repo.commit("feature: drop /health");
    repo.write("README.md", "# shop\n");
    repo.commit("feature: readme");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`spec changes in ${main.slice(0, 12)}..the working tree lack changesets`);
  });

  it("fails with a clear message on a bad revision or a malformed changeset", () => {
    expect(check("--base", "nope").stderr).toContain('changeset:check: unknown git revision "nope"');
    repo.editYaml("specs/shop.yaml", removeHealth);
    repo.write(".changeset/broken.md", '---\n"@keyway/shop": enormous\n---\n\nHm.\n');
    repo.commit("broken changeset");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/changeset:check: could not parse the changesets \.changeset\/broken\.md/);
  });
});
