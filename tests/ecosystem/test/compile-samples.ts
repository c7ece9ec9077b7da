// One TypeScript pass over samples written out as a user's ES modules: Node's own resolution against the
// built packages, strict settings, the DOM and Node's types (a sample may be for either). Also used by
// scripts/test/new-client.test.ts, for the READMEs and doc examples new-client writes.
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
      // Set by stricter presets (@tsconfig/strictest): a sample reads process.env["NAME"], which compiles everywhere.
      noPropertyAccessFromIndexSignature: true,
      noEmit: true,
      skipLibCheck: true,
    },
  });
  return ts.getPreEmitDiagnostics(program);
}

/** The ```ts and ```typescript blocks of a Markdown file, with the line each starts on. */
export function typescriptBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|typescript)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const start = i;
    const code: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) code.push(lines[i]!.slice(indent));
    blocks.push({ line: start + 1, code: code.join("\n") });
  }
  return blocks;
}

/** The ```ts blocks of a source file's `@example` tags, with the line of each tag. */
export function exampleBlocks(source: string): { line: number; code: string | undefined }[] {
  const lines = source.split("\n");
  const blocks: { line: number; code: string | undefined }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
    const fence = lines.findIndex((text, index) => index > i && /^\s*\*\s*```(ts|typescript)\s*$/.test(text));
    const end = lines.findIndex((text, index) => index > fence && /^\s*\*\s*```\s*$/.test(text));
    const commentEnd = lines.findIndex((text, index) => index > i && text.includes("*/"));
    if (fence < 0 || end < 0 || fence > commentEnd) {
      blocks.push({ line: i + 1, code: undefined });
      continue;
    }
    const code = lines.slice(fence + 1, end).map((text) => text.replace(/^\s*\* ?/, ""));
    blocks.push({ line: i + 1, code: code.join("\n") });
  }
  return blocks;
}
