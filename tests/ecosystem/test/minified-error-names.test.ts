// Every error class keyway exports keeps its `name` in a minified bundle, where a minifier renames the
// classes themselves (`e`, `p`, `$`): a browser build's `String(error)` and `error.name === "RateLimitError"`
// read as they do in Node.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const here = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "keyway-minified-names-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Each public entry that exports errors (@keyway/otel exports none), bundled as an application's browser build would bundle it
// (the testing entries as a Node test would).
const entries = [
  { specifier: "@keyway/runtime", platform: "browser" },
  { specifier: "@keyway/runtime/errors", platform: "browser" },
  { specifier: "@keyway/runtime/testing", platform: "node" },
  { specifier: "@keyway/header-auth", platform: "browser" },
  { specifier: "@keyway/stacker", platform: "browser" },
  { specifier: "@keyway/stacker/testing", platform: "node" },
  { specifier: "@keyway/stack-auth", platform: "browser" },
  { specifier: "@keyway/stack-auth/server", platform: "browser" },
  { specifier: "@keyway/stack-auth/tokens", platform: "browser" },
  { specifier: "@keyway/stack-auth/webhooks", platform: "browser" },
  { specifier: "@keyway/stack-auth/testing", platform: "node" },
] as const;

// Arguments that every keyway error constructor accepts one of: a message, or an init object holding
// each constructor's fields (MissingCredentialError's `headers` is a list, ApiError's a record).
const init = {
  method: "GET",
  url: "https://api.example.com/items",
  path: "/items",
  status: 400,
  headers: {},
  body: "no",
  attempts: 1,
  maxBytes: 10,
  reason: "is wrong",
  cause: new Error("cause"),
  parameter: "id",
  at: "body.id",
  operation: "getItem",
  header: "X-Api-Key",
  host: "api.example.com",
  code: "UNKNOWN",
  error: "no",
  details: {},
  violations: ["one"],
  completed: { created: [], updated: [] },
  batch: 0,
  batchSize: 1,
  records: [],
};
const candidates: readonly (readonly unknown[])[] = [
  ["A message"],
  [init],
  [{ ...init, headers: ["X-Api-Key"] }],
  [init, "A message"],
];

function construct(ErrorClass: new (...args: never[]) => Error): Error | undefined {
  for (const args of candidates) {
    try {
      return new ErrorClass(...(args as never[]));
    } catch {}
  }
  return undefined;
}

describe("error names in a minified bundle", () => {
  it.each(entries)("$specifier: each error class's name is its export name", async ({ specifier, platform }) => {
    const outfile = join(work, `${specifier.replaceAll(/[@/]/g, "_")}.mjs`);
    await build({
      stdin: { contents: `export * from "${specifier}";`, resolveDir: here, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform,
      target: "es2022",
      outfile,
      external: ["@opentelemetry/api", "node:*"],
      logLevel: "silent",
    });
    const bundle: Record<string, unknown> = await import(pathToFileURL(outfile).href);

    const errors = Object.entries(bundle).filter(
      (entry): entry is [string, new (...args: never[]) => Error] =>
        typeof entry[1] === "function" && entry[1].prototype instanceof Error,
    );
    expect(errors.length).toBeGreaterThan(0);
    const names = errors.map(([exported, ErrorClass]) => [exported, construct(ErrorClass)?.name ?? "(not built)"]);
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(errors.map(([exported]) => [exported, exported])));
  });

  it("the minifier renames the classes themselves, so the check above is a real one", async () => {
    const outfile = join(work, "renamed.mjs");
    await build({
      stdin: { contents: `export * from "@keyway/runtime/errors";`, resolveDir: here, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      outfile,
      logLevel: "silent",
    });
    const bundle: Record<string, { readonly name: string }> = await import(pathToFileURL(outfile).href);
    expect(bundle.RateLimitError?.name).not.toBe("RateLimitError");
  });
});
