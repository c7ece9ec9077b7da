// One TypeScript pass over samples written out as a user's ES modules: Node's own resolution against the
// built packages, strict settings, the DOM and Node's types (a sample may be for either).
import ts from "typescript";

/** Type-checks `files` (and the declaration files among them) together and returns every diagnostic. */
export function compileSamples(files: readonly string[]): readonly ts.Diagnostic[] {
  const program = ts.createProgram({
    rootNames: files,
    options: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: ["node"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
  });
  return ts.getPreEmitDiagnostics(program);
}
