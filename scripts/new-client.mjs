#!/usr/bin/env node
// pnpm new-client <name> [--root <dir>] [--no-install]
//
// Turns specs/<name>.{yaml,yml,json} (OpenAPI 3.0 or 3.1) into the package packages/<package>/
// (<package> is the spec's info.x-keyway-package, or <name>): package.json, tsconfig files,
// vitest config, README, src/index.ts and src/client.ts with a `create<Pascal>Client({ <one
// option per security scheme>, baseUrl?, fetch?, …transport options })` factory on
// @keyway/runtime, and test/client.test.ts calling one operation against @keyway/test-server.
// Then it generates src/generated/, installs the package into the workspace (updating
// pnpm-lock.yaml) and writes the changeset of its first release, so that after a commit the
// README's test command passes. The templates are in templates/new-client/. --no-install leaves
// the install to the caller (a script creating several packages runs `pnpm install` once after).
import { runCli, UsageError } from "./lib/cli.mjs";
import { newClient } from "./lib/new-client/create.mjs";
import { repoRoot } from "./lib/paths.mjs";

await runCli({
  name: "new-client",
  usage:
    "usage: pnpm new-client <spec name> [--root <dir>] [--no-install]   (creates packages/<name>/ from specs/<name>.yaml, .yml or .json)",
  options: { root: { type: "string", default: repoRoot }, "no-install": { type: "boolean", default: false } },
  allowPositionals: true,
  main: async ({ values, positionals }) => {
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? "give exactly one spec name" : "give the spec name");
    const install = !values["no-install"];
    const { dir, files, changeset } = await newClient(values.root, positionals[0], { install });
    console.log(`\nnew-client: created packages/${dir}/:\n${files.map((file) => `  ${file}`).join("\n")}`);
    if (changeset) console.log(`wrote .changeset/${dir}-first-release.md.`);
    console.log(
      install
        ? "installed it into the workspace (pnpm-lock.yaml updated)."
        : "not installed (--no-install): run `pnpm install` before building it.",
    );
    console.log(
      `\nNext: commit, then run the test command: npx --yes pnpm@10 install --frozen-lockfile && npx --yes pnpm@10 test`,
    );
  },
});
