// The steps of `pnpm generate` around each spec's files (scripts/generate.mjs): which specs, their
// lint, and the comparison with (or the writing of) what is on disk.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { listSpecs, SPEC_FILE, specName } from "../paths.mjs";
import { formatLintReport, lintSpecs } from "../spec/lint.mjs";

/**
 * The root specs under `root` (only the one named `only`, if given); warns about files in specs/
 * that are not specs. Throws when there is none, or two share a name.
 * @param {string} root
 * @param {string} [only]
 */
export function specsToGenerate(root, only) {
  const specs = listSpecs(root).filter((spec) => only === undefined || specName(spec) === only);
  if (specs.length === 0) throw new Error(`no specs found in ${join(root, "specs")}${only ? ` named ${only}` : ""}`);
  const names = specs.map(specName);
  const clash = names.find((name, index) => names.indexOf(name) !== index);
  if (clash) {
    const files = specs.filter((spec) => specName(spec) === clash).map((spec) => relative(root, spec));
    throw new Error(`specs/ holds two files named ${clash} (${files.join(", ")}): keep one`);
  }
  for (const name of readdirSync(join(root, "specs"))) {
    if (!SPEC_FILE.test(name) && !/^readme\.md$/i.test(name) && !statSync(join(root, "specs", name)).isDirectory()) {
      console.warn(
        `generate: warning: specs/${name} is not a spec (a spec ends in .yaml, .yml or .json), so nothing is generated from it`,
      );
    }
  }
  return specs;
}

/**
 * Lints the specs with Redocly; throws after printing the report when any has an error. Warnings
 * are printed unless `quiet`.
 * @param {string} root
 * @param {string[]} specPaths
 * @param {{ quiet: boolean }} options
 */
export async function lintOrThrow(root, specPaths, { quiet }) {
  const results = await lintSpecs(root, specPaths);
  const report = formatLintReport(results.filter((result) => result.problems.length > 0));
  const errors = results.flatMap((result) => result.problems).filter((problem) => problem.severity === "error").length;
  if (errors > 0) {
    console.error(report);
    throw new Error(
      `Redocly lint found ${errors} error${errors === 1 ? "" : "s"} in specs/ (listed above, grouped by rule)`,
    );
  }
  if (report && !quiet) console.warn(report);
}

/**
 * What differs between `outputs` and the disk: files stale or missing, and files in their folders
 * that no spec generates.
 * @param {Map<string, string>} outputs
 */
export function driftFrom(outputs) {
  const stale = [...outputs.keys()].filter(
    (file) => !existsSync(file) || readFileSync(file, "utf8") !== outputs.get(file),
  );
  const dirs = [...new Set([...outputs.keys()].map((file) => dirname(file)))].filter((dir) => existsSync(dir));
  const orphans = dirs.flatMap((dir) =>
    readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((file) => !outputs.has(file)),
  );
  return { stale, orphans };
}

/** Writes every output whose contents differ from the disk. @param {Map<string, string>} outputs */
export function writeOutputs(outputs) {
  for (const [file, contents] of outputs) {
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file) || readFileSync(file, "utf8") !== contents) writeFileSync(file, contents);
  }
}
