// The demo's example programs (examples/src), the mocks each one runs against, and the faults the
// tour's recording proxy injects (scripts/demo.mjs).
import { join } from "node:path";
import { repoRoot, specsDir } from "../paths.mjs";
import { run } from "../run.mjs";
import { startAll } from "../servers/local-server.mjs";
import { startPrism } from "../servers/prism.mjs";
import { startRecordingProxy } from "../servers/recording-proxy.mjs";

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
 * `faults` talks to its mocks through a recording proxy (lib/servers/recording-proxy.mjs), so it
 * runs against the mocks only.
 */
export const EXAMPLES = [
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

/**
 * Runs one example program against Prism mocks of its specs (behind a recording proxy when it has
 * faults), or with `live` against the real APIs; resolves with its exit code.
 * @param {(typeof EXAMPLES)[number]} example
 * @param {{ live: boolean, trace: boolean }} options
 */
export async function runExample(example, { live, trace }) {
  const specs = Object.values(example.mocks);
  const through = example.faults ? ", behind a recording proxy" : "";
  console.log(
    `\n━━ ${example.program} ${live ? "(live API)" : `(Prism mocks of ${specs.map((s) => `specs/${s}`).join(", ")}${through})`} ━━`,
  );
  const mocks = live ? [] : await startAll(specs.map((spec) => startPrism(join(specsDir, spec))));
  const proxies = example.faults
    ? await startAll(mocks.map((mock) => startRecordingProxy(mock.url, example.faults)))
    : [];
  try {
    const urls = (proxies.length ? proxies : mocks).map((server) => server.url);
    const mockUrls = Object.fromEntries(Object.keys(example.mocks).map((variable, i) => [variable, urls[i]]));
    /** @type {NodeJS.ProcessEnv} */
    const env = live
      ? { ...process.env, KEYWAY_LIVE: "1" }
      : { ...process.env, ...example.mockCredentials, ...mockUrls };
    if (trace) env.KEYWAY_TRACE = "1";
    return await run(process.execPath, ["--enable-source-maps", join(repoRoot, "examples", "dist", example.program)], {
      cwd: repoRoot,
      env,
    });
  } finally {
    await Promise.all([...proxies, ...mocks].map((server) => server.stop()));
  }
}
