#!/usr/bin/env node
// pnpm demo [--live] [--trace]
//
// Builds the packages and the example programs, starts a Prism mock of every spec on
// 127.0.0.1, runs each example against its mock as an application would, prints what they
// return, and stops the mocks. With --live the examples call the real APIs instead, with
// credentials from environment variables (see README.md); tests never do. With --trace the
// examples are traced with @keyway/otel and print the spans of their first call.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot, specsDir } from "./lib/paths.mjs";
import { startPrism } from "./lib/prism.mjs";
import { run } from "./lib/run.mjs";

const { values: args } = parseArgs({ options: { live: { type: "boolean", default: false }, trace: { type: "boolean", default: false } } });

/**
 * Each example, the mocks it needs (the variable that points it at each one, and the spec it
 * serves), and the placeholder credentials it gets when it runs against them.
 */
const EXAMPLES = [
  {
    program: "stacker.js",
    mocks: { STACKER_BASE_URL: "stacker.yaml" },
    mockCredentials: { STACKER_INTEGRATION_KEY: "demo-integration-key", STACKER_ACCOUNT_ID: "acc_demo", STACKER_STACK_ID: "app785vwedw46e3bx8" },
  },
  {
    program: "stack-auth.js",
    mocks: { STACK_AUTH_CLIENT_BASE_URL: "stack-auth-client.yaml", STACK_AUTH_SERVER_BASE_URL: "stack-auth-server.yaml" },
    mockCredentials: {
      STACK_PROJECT_ID: "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b",
      STACK_PUBLISHABLE_CLIENT_KEY: "pck_demo",
      STACK_SECRET_SERVER_KEY: "ssk_demo",
      STACK_USER_EMAIL: "ada@example.com",
      STACK_USER_PASSWORD: "demo-password",
    },
  },
];

const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
if ((await run(turbo, ["run", "build", "--filter=@keyway/examples...", "--output-logs=errors-only"], { cwd: repoRoot })) !== 0) {
  console.error("demo: the build failed");
  process.exit(1);
}

const available = new Set(readdirSync(join(repoRoot, "examples", "dist")));
let failures = 0;
for (const example of EXAMPLES.filter((e) => available.has(e.program))) {
  const specs = Object.values(example.mocks);
  console.log(`\n━━ ${example.program} ${args.live ? "(live API)" : `(Prism mocks of ${specs.map((s) => `specs/${s}`).join(", ")})`} ━━`);
  const mocks = args.live ? [] : await Promise.all(specs.map((spec) => startPrism(join(specsDir, spec))));
  try {
    const mockUrls = Object.fromEntries(Object.keys(example.mocks).map((variable, i) => [variable, mocks[i].url]));
    const env = args.live ? { ...process.env, KEYWAY_LIVE: "1" } : { ...process.env, ...example.mockCredentials, ...mockUrls };
    if (args.trace) env.KEYWAY_TRACE = "1";
    const code = await run(process.execPath, [join(repoRoot, "examples", "dist", example.program)], { cwd: repoRoot, env });
    if (code !== 0) failures++;
  } finally {
    await Promise.all(mocks.map((mock) => mock.stop()));
  }
}
process.exit(failures ? 1 : 0);
