// The default base URL a package's hand-owned client code holds, against the one its spec now names.
//
// `pnpm new-client` writes `export const <PACKAGE>_BASE_URL = "…"` once, from the spec's first server
// (new-client/api.mjs defaultBaseUrl); `pnpm generate` rewrites only src/generated/. A spec whose first server moves
// thus leaves the client calling the old host by default, and nothing else would say so.
import { readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import ts from "typescript";
import { defaultBaseUrl } from "../new-client/api.mjs";
import { constantCase } from "../new-client/naming.mjs";
import { specName } from "../paths.mjs";
import { parsedSpecFile } from "../spec/spec-files.mjs";
import { handOwnedSources, metaSchemes, unwrapped, variableNamed } from "./client-schemes.mjs";

/**
 * The packages whose `<PACKAGE>_BASE_URL` constant is none of the default base URLs their specs now name (each spec's
 * first server, as new-client would write it). A package without such a constant, or whose specs name no usable
 * server, is not checked.
 *
 * @param {string} root
 * @param {Map<string, string>} outputs the generated files, path to contents, as `generatedFiles` returns them
 * @param {string[]} specPaths the specs they were generated from
 * @returns {Array<{ file: string, line: number, constant: string, value: string, url: string, spec: string }>}
 */
export function baseUrlMismatches(root, outputs, specPaths) {
  /** @type {Map<string, Array<{ url: string, spec: string }>>} */
  const urlsByPackage = new Map();
  for (const [path, contents] of outputs) {
    if (!path.endsWith(".meta.ts") || basename(dirname(path)) !== "generated") continue;
    const specPath = specPaths.find((candidate) => specName(candidate) === basename(path, ".meta.ts"));
    if (!specPath) continue;
    const url = specDefaultUrl(specPath, contents);
    if (url === undefined) continue;
    const packageDir = dirname(dirname(dirname(path)));
    urlsByPackage.set(packageDir, [...(urlsByPackage.get(packageDir) ?? []), { url, spec: relative(root, specPath) }]);
  }
  const mismatches = [];
  for (const [packageDir, urls] of urlsByPackage) {
    const [named] = urls; // the spec the report names: the package's first
    if (!named) continue;
    const constant = `${constantCase(basename(packageDir))}_BASE_URL`;
    for (const found of constantsNamed(packageDir, constant)) {
      if (urls.some(({ url }) => url === found.value.replace(/\/$/, ""))) continue;
      mismatches.push({ file: relative(root, found.file), line: found.line, constant, value: found.value, ...named });
    }
  }
  return mismatches;
}

/**
 * The lines that tell the user what to edit for each mismatch of {@link baseUrlMismatches}.
 * @param {ReturnType<typeof baseUrlMismatches>} mismatches
 * @returns {string[]}
 */
export function baseUrlLines(mismatches) {
  return mismatches.map(
    ({ file, line, constant, value, url, spec }) =>
      `${file}:${line}: ${constant} is "${value}", but the first server of ${spec}, the client's default base URL, ` +
      `is now ${url}; set ${constant} to "${url}" (and the host wherever the package README names it)`,
  );
}

/**
 * The default base URL new-client would write for a spec now: its first server (servers are never `$ref`s, so the
 * root file has them), judged with the secret flags of its regenerated metadata `metaSource`.
 * @param {string} specPath
 * @param {string} metaSource
 */
function specDefaultUrl(specPath, metaSource) {
  const spec = parsedSpecFile(specPath, specPath);
  const securitySchemes = Object.fromEntries(
    [...metaSchemes(metaSource)].map(([name, wire]) => [name, { secret: wire.secret === true }]),
  );
  const server = defaultBaseUrl(spec ?? {}, { securitySchemes });
  return "url" in server ? server.url : undefined;
}

/**
 * The top-level `const <name> = "…"` declarations of a package's hand-owned code.
 * @param {string} packageDir
 * @param {string} name
 */
function constantsNamed(packageDir, name) {
  const found = [];
  for (const path of handOwnedSources(join(packageDir, "src"))) {
    const source = readFileSync(path, "utf8");
    if (!source.includes(name)) continue;
    const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const declaration = variableNamed(file, name);
    const value = declaration?.initializer && unwrapped(declaration.initializer);
    if (!value || !ts.isStringLiteralLike(value)) continue;
    const line = file.getLineAndCharacterOfPosition(declaration.getStart(file)).line + 1;
    found.push({ file: path, line, value: value.text });
  }
  return found;
}
