#!/usr/bin/env node
// node scripts/registry-test.mjs [--keep]
//
// Installs the clients the way users do, from a real registry. Starts Verdaccio on 127.0.0.1
// (storage and config in a temp dir; @keyway/* published there without auth, everything else
// proxied to the npm registry), versions a scratch copy of the workspace with the pending
// changesets (`changeset version`), builds it, publishes every public package with
// `pnpm publish` (which turns workspace: ranges into versions), then, for each client alone,
// in an empty folder with plain npm and no workspace: installs it with typescript and
// @types/node, type-checks the consumer programs of scripts/test/fixtures/consumers/ under
// moduleResolution node16 and bundler, imports every export from ESM and with require(), and
// checks that no published manifest says `workspace:` and every import is a declared dependency.
// scripts/test/registry.test.ts does the same with lib/registry/ and also runs the consumers
// against a mock API.
//
// --keep leaves Verdaccio running (its URL is printed) until Ctrl-C.
import { runCli } from "./lib/cli.mjs";
import { registryTest } from "./lib/registry/registry-test.mjs";

await runCli({
  name: "registry-test",
  usage: "usage: node scripts/registry-test.mjs [--keep]",
  options: { keep: { type: "boolean", default: false } },
  main: async ({ values }) => {
    const problems = await registryTest({ keep: values.keep });
    if (problems.length) return 1;
    console.log("registry-test: ok");
  },
});
