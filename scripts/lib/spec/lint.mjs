// Lints specs with Redocly, each in the profile it asks for, and reports every problem grouped by rule.
//
// Profiles: "default" (redocly.yaml: errors only for invalid OpenAPI and what generation needs,
// warnings for taste) and "strict" (redocly.strict.yaml), chosen by a spec's `info.x-keyway-lint`.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { messageOf } from "../cli.mjs";
import { isMappingEntry } from "./discriminator-mappings.mjs";
import { shownPointer, valueAt } from "./json-pointer.mjs";
import { schemaSlip, serverVariableSlip, statusKeyProblems } from "./lint-slips.mjs";
import { pathTemplateProblems } from "./path-templates.mjs";

export const LINT_PROFILES = { default: "redocly.yaml", strict: "redocly.strict.yaml" };

/** The profile a spec asks for with `info.x-keyway-lint` ("default" when it names none). */
export function lintProfile(spec, label) {
  const profile = spec?.info?.["x-keyway-lint"] ?? "default";
  if (!Object.hasOwn(LINT_PROFILES, profile)) {
    throw new Error(
      `${label}: info.x-keyway-lint is "${profile}"; use one of ${Object.keys(LINT_PROFILES).join(", ")}`,
    );
  }
  return profile;
}

/** Parses a spec file, YAML or JSON (YAML 1.2 reads JSON), naming the file on a syntax error. */
export function readSpecFile(specPath, label = specPath) {
  try {
    return parse(readFileSync(specPath, "utf8"), { maxAliasCount: -1 });
  } catch (error) {
    throw new Error(`${label} is not valid YAML or JSON: ${messageOf(error)}`);
  }
}

/**
 * Lints `specPaths` (absolute) under `root`, each with its profile's config.
 * @returns {Promise<Array<{ spec: string, profile: string, problems: Problem[] }>>}
 */
export async function lintSpecs(root, specPaths) {
  const byProfile = new Map();
  const documents = new Map();
  for (const specPath of specPaths) {
    const label = relative(root, specPath);
    const document = readSpecFile(specPath, label);
    documents.set(label, document);
    const profile = lintProfile(document, label);
    byProfile.set(profile, [...(byProfile.get(profile) ?? []), specPath]);
  }
  const results = [];
  for (const [profile, paths] of byProfile) {
    const reports = await redoclyLint(root, join(root, LINT_PROFILES[profile]), paths);
    paths.forEach((specPath, index) => {
      const spec = relative(root, specPath);
      const document = documents.get(spec);
      const statusKeys = statusKeyProblems(document, spec, profile === "strict" ? "error" : "warn");
      // Redocly's own report of a key these name ("Property `200 ` is not expected here") says less.
      const reported = reports[index].problems
        .map((problem) => toProblem(problem, root))
        .filter(
          (problem) =>
            !/is not expected here/.test(problem.message) ||
            !statusKeys.some(({ where }) => problem.where.endsWith(where.slice(spec.length))),
        );
      const problems = pathTemplateProblems(reported, document, spec);
      results.push({
        spec,
        profile,
        problems: [
          ...distinct(profile === "strict" ? problems : problems.map((p) => tolerated(p, document))),
          ...statusKeys,
        ],
      });
    });
  }
  return results.sort((a, b) => a.spec.localeCompare(b.spec));
}

/**
 * @typedef {{ rule: string, severity: "error" | "warn", message: string, where: string }} Problem
 */

/** `problems` without repeats: Redocly reports some rules once per offender at one location, in one wording. */
function distinct(problems) {
  const seen = new Set();
  return problems.filter(({ rule, where, message }) => {
    const key = `${rule}\u0000${where}\u0000${message}`;
    return !seen.has(key) && seen.add(key);
  });
}
function toProblem(problem, root) {
  const location = problem.location?.[0];
  const file = location?.source?.ref ? relative(root, join(root, location.source.ref)) : "";
  const where = location
    ? `${file}:${location.start?.line ?? "?"}:${location.start?.col ?? "?"} ${shownPointer(location.pointer ?? "")}`
    : file;
  return {
    rule: problem.ruleId,
    severity: problem.severity === "error" ? "error" : "warn",
    message: problem.message,
    where,
  };
}

/**
 * Slips real specs make that do not change what generation produces, reported as warnings in the
 * default profile (the strict profile keeps them errors):
 * - OpenAPI 3.0 keywords in a 3.1 document, read with their 3.0 meaning: `nullable: true` ("may be
 *   null", as openapi-typescript reads it) and boolean `exclusiveMinimum`/`exclusiveMaximum`
 *   (bounds, which the generated types do not carry);
 * - properties the declared version does not define (such as `info.summary` in 3.0), which every
 *   tool ignores;
 * - the schema slips of lint-slips.mjs (3.1 type spellings in 3.0, a 3.1 schema's `examples` map);
 *   its `responses` keys written otherwise than as a status (`2xx`, `"200 "`) are added to Redocly's problems;
 * - a discriminator mapping's entry that names nothing (discriminator-mappings.mjs), which generation leaves out;
 * - a 3.0 server variable whose `enum` is empty or leaves out its `default` (lint-slips.mjs), which 3.0 allows.
 */
function tolerated(problem, document) {
  if (problem.rule === "no-unresolved-refs" && isMappingEntry(problem.where))
    return unresolvedMapping(problem, document);
  if (problem.rule !== "struct") return serverVariableSlip(problem, document) ?? problem;
  const version = String(document?.openapi);
  const pointer = problem.where.split(" ").pop();
  const unexpected = /^Property `([^`]+)` is not expected here/.exec(problem.message)?.[1];
  if (version.startsWith("3.1") && unexpected === "nullable") {
    return {
      ...problem,
      rule: "keyway/openapi-3.0-in-3.1",
      severity: "warn",
      message: '`nullable` is OpenAPI 3.0; read as "may be null" (the 3.1 spelling: type: [<type>, "null"])',
    };
  }
  if (
    version.startsWith("3.1") &&
    /\/exclusive(Minimum|Maximum)$/.test(pointer) &&
    /got `boolean`/.test(problem.message)
  ) {
    return {
      ...problem,
      rule: "keyway/openapi-3.0-in-3.1",
      severity: "warn",
      message:
        "a boolean exclusive bound is OpenAPI 3.0; the types do not carry bounds (the 3.1 spelling: exclusiveMinimum: <number>, without minimum)",
    };
  }
  const extension = extensionAt(pointer);
  if (extension !== undefined) {
    return {
      ...problem,
      rule: "keyway/extension-value",
      severity: "warn",
      message: `\`${extension}\` is a specification extension, whose value OpenAPI leaves free and generation ignores (${problem.message})`,
    };
  }
  if (unexpected !== undefined) {
    return {
      ...problem,
      rule: "keyway/ignored-property",
      severity: "warn",
      message: `\`${unexpected}\` is not part of OpenAPI ${version} here, so generation ignores it`,
    };
  }
  return schemaSlip(problem, document) ?? nestedSchemaType(problem, document, pointer) ?? problem;
}

/**
 * A schema's `type` that holds an object (Codat Accounting's `itemType: { type: { description, enum, type } }`): still
 * an error, reworded to say that the keywords are one level too deep and where they go, or undefined.
 */
function nestedSchemaType(problem, document, pointer) {
  if (!pointer.endsWith("/type")) return undefined;
  const value = valueAt(document, pointer);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return {
    ...problem,
    message: `\`type\` holds an object (${Object.keys(value).join(", ")}), where it names a type: a schema's keywords nested one level too deep. Fix: move them up into ${pointer.slice(0, -"/type".length)}, in place of \`type\``,
  };
}

/** A discriminator mapping's entry that names nothing, as a warning naming its target and the fix. */
function unresolvedMapping(problem, document) {
  const target = valueAt(document, problem.where.split(" ").pop() ?? "");
  return {
    ...problem,
    rule: "keyway/unresolved-mapping",
    severity: "warn",
    message: `the discriminator mapping names ${JSON.stringify(target)}, which resolves to nothing: generation leaves the entry out and reads the schema of that value from the oneOf or anyOf beside it. Fix: point it at a schema of this document ("#/components/schemas/<name>"), or remove it`,
  };
}

// Maps whose keys are names the spec's author chose (a property, a schema, a header): an `x-` key there is a name.
const NAMED_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
  "webhooks",
  "variables",
  "mapping",
  "encoding",
  "content",
]);

/**
 * The first specification extension (`x-logo`, `x-webhooks`) on the way to `pointer`, whose value OpenAPI does not
 * constrain (Redocly gives some a type of its own and calls other values errors), or undefined.
 */
function extensionAt(pointer) {
  const segments = pointer.replace(/^#/, "").split("/");
  return segments.find((segment, index) => segment.startsWith("x-") && !NAMED_MAPS.has(segments[index - 1] ?? ""));
}

/** Runs Redocly's CLI on `paths` with `config`; one JSON report per path, in order. */
async function redoclyLint(root, config, paths) {
  const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
  const args = [
    cli,
    "lint",
    "--config",
    config,
    "--format",
    "json",
    "--max-problems",
    "1000000",
    ...paths.map((p) => relative(root, p)),
  ];
  const { status, stdout, stderr } = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code, stdout: out, stderr: err }));
  });
  // The CLI prints one JSON document per spec, back to back.
  const reports = stdout.trim()
    ? stdout
        .trim()
        .replace(/^\}(?=\s*\{)/gm, "}\u0000")
        .split("\u0000")
        .map((text) => JSON.parse(text))
    : [];
  if (reports.length !== paths.length) {
    throw new Error(
      `Redocly lint (exit ${status}) reported on ${reports.length} of ${paths.length} specs:\n${stderr.trim()}`,
    );
  }
  return reports;
}

/**
 * The problems, grouped by spec and rule, with counts; errors first. Every location of each rule, or with `limit` its
 * first `limit` and how many more: a rule can report tens of thousands (Mailchimp's 41,634 composition warnings).
 */
export function formatLintReport(results, { limit = Number.POSITIVE_INFINITY } = {}) {
  const lines = [];
  for (const { spec, profile, problems } of results) {
    const errors = problems.filter((p) => p.severity === "error").length;
    lines.push(
      `${spec} (${profile} lint profile): ${errors} error${errors === 1 ? "" : "s"}, ${problems.length - errors} warning${problems.length - errors === 1 ? "" : "s"}`,
    );
    const groups = new Map();
    for (const problem of problems) {
      const key = `${problem.severity === "error" ? "0" : "1"} ${problem.rule}`;
      // Appended in place: a rule can report tens of thousands of problems.
      const group = groups.get(key);
      if (group) group.push(problem);
      else groups.set(key, [problem]);
    }
    for (const key of [...groups.keys()].sort()) {
      const group = groups.get(key);
      lines.push(`  ${group[0].severity === "error" ? "error" : "warning"} ${group[0].rule} (${group.length})`);
      for (const problem of group.slice(0, limit)) lines.push(`    ${problem.where}: ${problem.message}`);
      if (group.length > limit) lines.push(`    … ${group.length - limit} more`);
    }
  }
  return lines.join("\n");
}
