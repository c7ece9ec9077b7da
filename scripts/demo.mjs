#!/usr/bin/env node
// pnpm demo [--live] [--trace]
//
// Builds the packages and the example programs, starts a Prism mock of every spec on
// 127.0.0.1, runs each example against its mock as an application would, prints what they
// return, and stops the mocks. The tour (examples/src/tour.ts) runs behind a recording proxy that
// shows what reached the mock and injects a 503, a 404 and an expired session. With --live the
// examples call the real APIs instead (the tour is skipped), with credentials from environment
// variables (see README.md); tests never do. With --trace the examples are traced with
// @keyway/otel and print the spans of their first call.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "./lib/cli.mjs";
import { EXAMPLES, runExample } from "./lib/demo/examples.mjs";
import { repoRoot } from "./lib/paths.mjs";
import { run } from "./lib/run.mjs";

await runCli({
  name: "demo",
  usage: "usage: pnpm demo [--live] [--trace]",
  options: { live: { type: "boolean", default: false }, trace: { type: "boolean", default: false } },
  main: async ({ values }) => {
    const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
    const build = ["run", "build", "--filter=@keyway/examples...", "--output-logs=errors-only"];
    if ((await run(turbo, build, { cwd: repoRoot })) !== 0) throw new Error("the build failed");
    const available = new Set(readdirSync(join(repoRoot, "examples", "dist")));
    let failures = 0;
    for (const example of EXAMPLES.filter((e) => available.has(e.program))) {
      if (values.live && example.faults) {
        console.log(
          `\n━━ ${example.program}: skipped with --live (it shows retries and refreshes with faults a recording mock injects) ━━`,
        );
        continue;
      }
      if ((await runExample(example, values)) !== 0) failures++;
    }
    return failures ? 1 : 0;
  },
});
