// What an editor shows a user writing a call's own settings, asked of TypeScript's language service as an editor asks
// it, over the consumer's type tests (test/consumer/call-settings.ts) against the built packages: completions offer
// every setting in a call's options, and hovering one shows its type and its doc comment from CallSettings.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const FILE = fileURLToPath(new URL("./consumer/call-settings.ts", import.meta.url));
const TSCONFIG = fileURLToPath(new URL("../tsconfig.json", import.meta.url));
const SETTINGS = ["maxResponseBytes", "maxRetries", "retryNonIdempotent", "timeout"];

let service: ts.LanguageService;
let source: string;

beforeAll(() => {
  source = readFileSync(FILE, "utf8");
  const config = ts.getParsedCommandLineOfConfigFile(
    TSCONFIG,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  )!;
  service = ts.createLanguageService({
    getScriptFileNames: () => [FILE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => fileURLToPath(new URL("..", import.meta.url)),
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
});

/** The position just inside the options object of the first call written as `call`. */
function insideOptions(call: string): number {
  const at = source.indexOf(call);
  expect(at, `${call} is in ${FILE}`).toBeGreaterThanOrEqual(0);
  return at + call.indexOf("{ ") + 2;
}

describe.each([
  ["Stacker", 'stacker.GET("/api/external/stacks/", { timeout: 5_000, maxRetries: 0 })'],
  ["Stack Auth", 'stack.GET("/users/me", { timeout: 5_000, maxRetries: 0 })'],
  ["the runtime's own client", 'client.GET("/orders", { timeout: 5_000 })'],
])("a call of %s", (_client, call) => {
  it("is offered every call setting, beside openapi-fetch's options", () => {
    const offered = service.getCompletionsAtPosition(FILE, insideOptions(call), {})?.entries.map(({ name }) => name);
    // The object already names `timeout` (and `maxRetries`), which an editor does not offer again.
    const named = SETTINGS.filter((name) => call.includes(`${name}:`));
    expect(offered).toEqual(expect.arrayContaining([...SETTINGS.filter((name) => !named.includes(name)), "parseAs"]));
  });

  it("shows timeout's type and doc comment on hover", () => {
    const info = service.getQuickInfoAtPosition(FILE, insideOptions(call));
    expect(ts.displayPartsToString(info?.displayParts)).toBe("(property) timeout?: number | null | undefined");
    expect(ts.displayPartsToString(info?.documentation)).toMatch(/^Time allowed for each attempt, in milliseconds/);
  });
});
