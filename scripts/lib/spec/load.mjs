// Loads the root specs of a tree (the working tree or a materialized revision) as
// dereferenced documents, with Redocly's bundler resolving every $ref.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bundle, createConfig } from "@redocly/openapi-core";
import { listSpecs, specName } from "../paths.mjs";

/**
 * Bundles and dereferences one spec file (shared component files included).
 * Throws naming the file when Redocly reports unresolvable references.
 */
export async function loadDereferenced(specPath) {
  const { bundle: bundled, problems } = await bundle({
    ref: specPath,
    config: await createConfig({}),
    dereference: true,
  });
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length) throw new Error(`${specPath}: ${errors.map((problem) => problem.message).join("; ")}`);
  return bundled.parsed;
}

/**
 * The root specs (`specs/*.yaml`) under `root`, dereferenced, keyed by spec name.
 * A tree without a specs/ folder has no specs.
 */
export async function loadSpecTree(root) {
  const specs = new Map();
  if (!existsSync(join(root, "specs"))) return specs;
  for (const file of listSpecs(root)) specs.set(specName(file), await loadDereferenced(file));
  return specs;
}

/** The package folder a spec generates into: `info.x-keyway-package`, or the spec's name. */
export function packageDirOf(name, document) {
  return document?.info?.["x-keyway-package"] ?? name;
}
