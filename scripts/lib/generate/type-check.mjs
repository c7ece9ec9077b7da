// The types generated from a spec, type-checked alone before anything is written: a spec whose types
// would not compile stops generation with TypeScript's errors, named by schema.
import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../paths.mjs";
import { cappedLines } from "../text.mjs";
import { memberName } from "./type-repairs.mjs";

/** How many TypeScript errors a {@link GeneratedTypesError} lists before "and N more". */
const LISTED_TYPE_ERRORS = 10;

/**
 * @typedef {object} TypeProblem
 * @property {string} member the declaration the error is in: `components["schemas"]["Cause"]`
 * @property {number} line 1-based, in the generated file
 * @property {number} code `2344` for TS2344
 * @property {string} message TypeScript's message, on one line
 * @property {string} source the line of the generated file, trimmed
 */

/**
 * The types generated from a spec do not compile: each error names the schema (the declaration it
 * is in), the line and TypeScript's message.
 */
export class GeneratedTypesError extends Error {
  /**
   * @param {string} label the spec (`specs/plaid.json`)
   * @param {string} file the generated file (`packages/plaid/src/generated/plaid.ts`)
   * @param {TypeProblem[]} errors
   */
  constructor(label, file, errors) {
    super(formatTypeErrors(label, file, errors));
    this.name = "GeneratedTypesError";
    this.label = label;
    this.file = file;
    this.errors = errors;
  }
}

/** The message of a {@link GeneratedTypesError}. */
function formatTypeErrors(label, file, errors) {
  const lines = errors.map(
    (error) =>
      `${error.member || "(file)"}, line ${error.line}: TS${error.code} ${error.message}\n      ${truncate(error.source, 160)}`,
  );
  return [
    `${label}: the types generated from it (${file}) do not compile with TypeScript ${ts.version}, so its package would not build (${errors.length} error${errors.length === 1 ? "" : "s"}):`,
    ...cappedLines(lines, LISTED_TYPE_ERRORS),
    "Nothing was written. Change the schemas named above in the spec, or repair what openapi-typescript emits for them in scripts/lib/generate/type-repairs.mjs.",
  ].join("\n");
}

const truncate = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * The TypeScript errors of the generated types `text`, checked alone as the file `fileName` (which
 * need not exist) with the compiler options the packages build with, libraries unchecked.
 *
 * @example
 * ```js
 * typeErrorsOf("/repo/packages/x/src/generated/x.ts", "export interface components { schemas: { A: B } }");
 * // [{ member: 'components["schemas"]["A"]', line: 1, code: 2304, message: "Cannot find name 'B'.", source: "…" }]
 * ```
 * @param {string} fileName
 * @param {string} text
 * @returns {TypeProblem[]}
 */
export function typeErrorsOf(fileName, text) {
  const options = typeCheckOptions();
  const host = ts.createCompilerHost(options);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, languageVersion, onError) => {
    if (path === fileName) return ts.createSourceFile(path, text, languageVersion, true);
    if (!librarySourceFiles.has(path)) librarySourceFiles.set(path, readSourceFile(path, languageVersion, onError));
    return librarySourceFiles.get(path);
  };
  const program = ts.createProgram({ rootNames: [fileName], options, host });
  const file = program.getSourceFile(fileName);
  return ts.getPreEmitDiagnostics(program, file).map((diagnostic) => typeErrorOf(diagnostic));
}

/** The library files the type check read (lib.es2022.d.ts…), parsed once per process. */
const librarySourceFiles = new Map();

/** @type {ts.CompilerOptions | undefined} */
let compilerOptions;

/**
 * The packages' compiler options (tsconfig.base.json), for a check that emits nothing. The DOM
 * libraries are left out: the types name no DOM type (openapi-typescript writes only the ES
 * utility types: Record, Omit…), and reading them would triple the check's time.
 */
function typeCheckOptions() {
  if (!compilerOptions) {
    const configFile = join(repoRoot, "tsconfig.base.json");
    const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
    if (error) throw new Error(`${configFile}: ${ts.flattenDiagnosticMessageText(error.messageText, " ")}`);
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, repoRoot, configFile);
    compilerOptions = {
      ...options,
      noEmit: true,
      declaration: false,
      declarationMap: false,
      sourceMap: false,
      skipLibCheck: true,
      types: [],
      lib: options.lib?.filter((lib) => !/^lib\.dom\b/.test(lib)),
    };
  }
  return compilerOptions;
}

/** @param {ts.Diagnostic} diagnostic @returns {TypeProblem} */
function typeErrorOf(diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  const { file, start } = diagnostic;
  if (!file || start === undefined) return { member: "", line: 0, code: diagnostic.code, message, source: "" };
  const { line } = file.getLineAndCharacterOfPosition(start);
  const source = file.text.slice(file.getPositionOfLineAndCharacter(line, 0), file.getLineEndOfPosition(start)).trim();
  return { member: declarationAt(file, start), line: line + 1, code: diagnostic.code, message, source };
}

/**
 * The declaration at `position`, as the types are indexed: `components["schemas"]["Cause"]`,
 * `paths["/pets/{id}"]["get"]`, or a top-level name.
 * @param {ts.SourceFile} file
 * @param {number} position
 */
function declarationAt(file, position) {
  /** @type {string[]} */
  const names = [];
  const visit = (node) => {
    if (position < node.getStart(file) || position >= node.end) return;
    const named = ts.isPropertySignature(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
    const name = named ? memberName(node) : undefined;
    if (name !== undefined) names.push(name);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  const [top = "", ...rest] = names;
  return top + rest.map((name) => `[${JSON.stringify(name)}]`).join("");
}
