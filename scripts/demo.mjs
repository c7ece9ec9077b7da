#!/usr/bin/env node
// pnpm demo [--live]
//
// Builds the packages and the example programs, starts a Prism mock of every spec on
// 127.0.0.1, runs each example against its mock as an application would, prints what they
// return, and stops the mocks. With --live the examples call the real APIs instead, with
// credentials from environment variables (see README.md); tests never do.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot, specsDir } from "./lib/paths.mjs";
import { startPrism } from "./lib/prism.mjs";
import { run } from "./lib/run.mjs";

const { values: args } = parseArgs({ options: { live: { type: "boolean", default: false } } });

/** Each example, the spec it runs against, and the variable that points it at a mock. */
const EXAMPLES = [
  { program: "stacker.js", spec: "stacker.yaml", baseUrlVariable: "STACKER_BASE_URL", mockCredentials: { STACKER_INTEGRATION_KEY: "demo-integration-key", STACKER_ACCOUNT_ID: "acc_demo", STACKER_STACK_ID: "app785vwedw46e3bx8" } },
];

const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
if ((await run(turbo, ["run", "build", "--filter=@keyway/examples...", "--output-logs=errors-only"], { cwd: repoRoot })) !== 0) {
  console.error("demo: the build failed");
  process.exit(1);
}

const available = new Set(readdirSync(join(repoRoot, "examples", "dist")));
let failures = 0;
for (const example of EXAMPLES.filter((e) => available.has(e.program))) {
  console.log(`\n━━ ${example.program} ${args.live ? "(live API)" : `(Prism mock of specs/${example.spec})`} ━━`);
  const mock = args.live ? undefined : await startPrism(join(specsDir, example.spec));
  try {
    const env = args.live ? { ...process.env, KEYWAY_LIVE: "1" } : { ...process.env, ...example.mockCredentials, [example.baseUrlVariable]: mock.url };
    const code = await run(process.execPath, [join(repoRoot, "examples", "dist", example.program)], { cwd: repoRoot, env });
    if (code !== 0) failures++;
  } finally {
    await mock?.stop();
  }
}
process.exit(failures ? 1 : 0);
