// The steps of `pnpm generate` around each spec's files (scripts/generate.mjs): which specs, their
// lint, and the comparison with (or the writing of) what is on disk.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { listSpecs, SPEC_FILE, specName } from "../paths.mjs";
import { formatLintReport, lintSpecs } from "../spec/lint.mjs";
import { checkSpecFiles } from "../spec/spec-files.mjs";

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

/** How many locations of each lint rule the terminal shows; the file {@link lintSummary} writes has them all. */
const LOCATIONS_PER_RULE = 5;

/**
 * Lints the specs with Redocly, once each has been checked to read only files beside it ({@link checkSpecFiles});
 * throws after printing the report when any has an error. Warnings
 * are printed unless `quiet`. The report printed is {@link lintSummary}'s.
 * @param {string} root
 * @param {string[]} specPaths
 * @param {{ quiet: boolean }} options
 */
export async function lintOrThrow(root, specPaths, { quiet }) {
  // Before Redocly's lint reads a $ref's file or URL: only files beside the spec are read.
  for (const specPath of specPaths) checkSpecFiles(specPath, relative(root, specPath));
  const results = (await lintSpecs(root, specPaths)).filter((result) => result.problems.length > 0);
  const errors = results.flatMap((result) => result.problems).filter((problem) => problem.severity === "error").length;
  if (results.length === 0 || (quiet && errors === 0)) return;
  const report = lintSummary(root, results);
  if (errors > 0) {
    console.error(report);
    throw new Error(
      `Redocly lint found ${errors} error${errors === 1 ? "" : "s"} in specs/ (listed above, grouped by rule)`,
    );
  }
  console.warn(report);
}

/**
 * The lint report for the terminal: each rule's count and first few locations. When that leaves any location out,
 * the whole report is written to `.tmp/lint/<spec name>.txt` under `root` (`specs.txt` for several; git ignores
 * `.tmp/`), whose path the summary ends with.
 *
 * @example
 * ```js
 * const results = await lintSpecs(root, [join(root, "specs", "orders.yaml")]);
 * console.warn(lintSummary(root, results));
 * // specs/orders.yaml (default lint profile): 0 errors, 9 warnings
 * //   warning operation-summary (9)
 * //     specs/orders.yaml:12:7 #/paths/~1orders/get/summary: Operation object should contain `summary` field.
 * //     … (five in all), then: … 4 more
 * // Every location: /work/repo/.tmp/lint/orders.txt
 * ```
 * @param {string} root
 * @param {Array<{ spec: string, profile: string, problems: import("../spec/lint.mjs").Problem[] }>} results
 */
export function lintSummary(root, results) {
  const summary = formatLintReport(results, { limit: LOCATIONS_PER_RULE });
  const full = formatLintReport(results);
  if (summary === full) return summary;
  const [only, ...others] = results;
  const file = join(root, ".tmp", "lint", `${only && others.length === 0 ? specName(only.spec) : "specs"}.txt`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${full}\n`);
  return `${summary}\nEvery location: ${file}`;
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
