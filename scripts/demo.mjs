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
import { parseArgs } from "node:util";
import { repoRoot, specsDir } from "./lib/paths.mjs";
import { startAll, startPrism } from "./lib/prism.mjs";
import { startRecordingProxy } from "./lib/recording-proxy.mjs";
import { run } from "./lib/run.mjs";

const { values: args } = parseArgs({
  options: { live: { type: "boolean", default: false }, trace: { type: "boolean", default: false } },
});

const STACKER_CREDENTIALS = {
  STACKER_INTEGRATION_KEY: "demo-integration-key",
  STACKER_ACCOUNT_ID: "acc_demo",
  STACKER_STACK_ID: "app785vwedw46e3bx8",
};
const STACK_AUTH_CREDENTIALS = {
  STACK_PROJECT_ID: "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b",
  STACK_PUBLISHABLE_CLIENT_KEY: "pck_demo",
  STACK_SECRET_SERVER_KEY: "ssk_demo",
  STACK_USER_EMAIL: "ada@example.com",
  STACK_USER_PASSWORD: "demo-password",
};

/**
 * What the tour's recording proxy answers itself instead of forwarding to Prism: a 503 once (the
 * transport retries it), a 404 for an unknown record, ACCESS_TOKEN_EXPIRED for an expired
 * session's calls (the client refreshes once, then replays them), and a 302 to another origin
 * (the proxy itself under the name localhost, so it would record a request that followed it).
 */
const TOUR_FAULTS = [
  {
    match: (request) => request.path.includes("/records/rec_moved/"),
    answer: (request) => ({
      status: 302,
      headers: { location: `http://${request.headers.host.replace("127.0.0.1", "localhost")}/stolen${request.path}` },
      body: {},
    }),
  },
  {
    match: (request) => request.method === "GET" && request.path.endsWith("/fields/"),
    times: 1,
    answer: { status: 503, body: { detail: "Service temporarily unavailable." } },
  },
  {
    match: (request) => request.path.includes("/records/rec_missing/"),
    answer: { status: 404, body: { detail: "Not found." } },
  },
  {
    match: (request) =>
      request.headers["x-stack-access-token"]?.startsWith("expired") &&
      !request.path.startsWith("/auth/sessions/current/refresh"),
    answer: {
      status: 401,
      headers: { "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" },
      body: { code: "ACCESS_TOKEN_EXPIRED", error: "The access token has expired." },
    },
  },
];

/**
 * Each example, the mocks it needs (the variable that points it at each one, and the spec it
 * serves), and the placeholder credentials it gets when it runs against them. An example with
 * `faults` talks to its mocks through a recording proxy (scripts/lib/recording-proxy.mjs), so it
 * runs against the mocks only.
 */
const EXAMPLES = [
  { program: "stacker.js", mocks: { STACKER_BASE_URL: "stacker.yaml" }, mockCredentials: STACKER_CREDENTIALS },
  {
    program: "stack-auth.js",
    mocks: {
      STACK_AUTH_CLIENT_BASE_URL: "stack-auth-client.yaml",
      STACK_AUTH_SERVER_BASE_URL: "stack-auth-server.yaml",
    },
    mockCredentials: STACK_AUTH_CREDENTIALS,
  },
  {
    program: "tour.js",
    mocks: { STACKER_BASE_URL: "stacker.yaml", STACK_AUTH_CLIENT_BASE_URL: "stack-auth-client.yaml" },
    mockCredentials: { ...STACKER_CREDENTIALS, ...STACK_AUTH_CREDENTIALS },
    faults: TOUR_FAULTS,
  },
];

const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
if (
  (await run(turbo, ["run", "build", "--filter=@keyway/examples...", "--output-logs=errors-only"], {
    cwd: repoRoot,
  })) !== 0
) {
  console.error("demo: the build failed");
  process.exit(1);
}

const available = new Set(readdirSync(join(repoRoot, "examples", "dist")));
let failures = 0;
for (const example of EXAMPLES.filter((e) => available.has(e.program))) {
  const specs = Object.values(example.mocks);
  if (args.live && example.faults) {
    console.log(
      `\n━━ ${example.program}: skipped with --live (it shows retries and refreshes with faults a recording mock injects) ━━`,
    );
    continue;
  }
  const through = example.faults ? ", behind a recording proxy" : "";
  console.log(
    `\n━━ ${example.program} ${args.live ? "(live API)" : `(Prism mocks of ${specs.map((s) => `specs/${s}`).join(", ")}${through})`} ━━`,
  );
  const mocks = args.live ? [] : await startAll(specs.map((spec) => startPrism(join(specsDir, spec))));
  const proxies = example.faults
    ? await startAll(mocks.map((mock) => startRecordingProxy(mock.url, example.faults)))
    : [];
  try {
    const urls = (proxies.length ? proxies : mocks).map((server) => server.url);
    const mockUrls = Object.fromEntries(Object.keys(example.mocks).map((variable, i) => [variable, urls[i]]));
    const env = args.live
      ? { ...process.env, KEYWAY_LIVE: "1" }
      : { ...process.env, ...example.mockCredentials, ...mockUrls };
    if (args.trace) env.KEYWAY_TRACE = "1";
    const code = await run(
      process.execPath,
      ["--enable-source-maps", join(repoRoot, "examples", "dist", example.program)],
      { cwd: repoRoot, env },
    );
    if (code !== 0) failures++;
  } finally {
    await Promise.all([...proxies, ...mocks].map((server) => server.stop()));
  }
}
process.exit(failures ? 1 : 0);
