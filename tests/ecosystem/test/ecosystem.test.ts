// The ecosystem matrix: the same smoke program (test/consumer/smoke.ts) of both clients, installed
// from the packed tarballs, runs on every runtime keyway supports, each from a pinned npm package
// (@keyway/test-toolchain), against one 127.0.0.1 server; and the consumer type-checks under
// TypeScript 5.9 and 7 with bundler and nodenext resolution. Nothing here reaches another host:
// Deno may only connect to 127.0.0.1, workerd's outbound network is loopback only.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { RecordedRequest, TestServer } from "@keyway/test-server";
import { PACKAGES, toolchain, versionOf } from "@keyway/test-toolchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipOnPurpose } from "../../../vitest.shared.js";
import { INSTALL_HOOK_TIMEOUT_MS, installConsumer, TSCONFIGS, type Consumer } from "./consumer-install.js";
import {
  PROJECT,
  SEARCHED,
  STREAMED_BODY,
  STREAMED_SHA256,
  startSmokeServer,
  TOKEN_SUBJECT,
  USERS,
} from "./smoke-server.js";
import { expectUploads, SERVER_UPLOAD_REQUESTS } from "./uploads-api.js";
import { expectWireOutcomes, startWireServer, WIRE_ANSWERS, type WireServer } from "./wire-server.js";

const execFileAsync = promisify(execFile);
const EDGE_RUN = fileURLToPath(new URL("./edge-run.mjs", import.meta.url));
/** Each runtime's run gets this long: shorter than the test timeout around it. */
const RUN_TIMEOUT_MS = 45_000;
/**
 * Each type check gets this long, under the 120 s test timeout: tsc 5.9 on the consumer's four files took 40–45 s on a
 * busy 2-core CI machine.
 */
const TYPE_CHECK_TIMEOUT_MS = 100_000;
/** The runtime binaries exist as npm packages for linux x64 only; elsewhere their absence is expected. */
const BINARIES_EXPECTED = process.platform === "linux" && process.arch === "x64";

/**
 * workerd's compatibility dates: one before 2024-03-04 (which still defines a global
 * `importScripts` that only throws, and is miniflare's default), and one this workerd supports
 * at its newest.
 */
const WORKERD_DATES = { old: "2023-06-01", current: "2026-11-01" };

let work: string;
let consumer: Consumer;
let server: TestServer;
let wireServer: WireServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "keyway-ecosystem-"));
  wireServer = await startWireServer();
  server = await startSmokeServer({ url: wireServer.url, count: WIRE_ANSWERS.length });
  consumer = await installConsumer(work);
}, INSTALL_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await server?.close();
  await wireServer?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs a command in the consumer's folder and returns its stdout; its stderr joins the error on failure. */
async function runIn(command: string, args: string[], timeoutMs = RUN_TIMEOUT_MS): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd: consumer.dir,
      timeout: timeoutMs,
      killSignal: "SIGKILL",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: tmpdir(), NO_COLOR: "1" },
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${(error as Error).message}\n${stdout}\n${stderr}`.trim());
  }
}

function workerdConfig(compatibilityDate: string): string {
  const file = join(consumer.dir, `workerd-${compatibilityDate}.capnp`);
  writeFileSync(
    file,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
);

const worker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.bundle.js") ],
  compatibilityDate = "${compatibilityDate}",
  bindings = [ (name = "BASE_URL", text = "${server.url}") ],
  globalOutbound = "loopback",
);
`,
  );
  return file;
}

interface Runtime {
  readonly label: string;
  /** How keyway's User-Agent names it. */
  readonly agent: string;
  /** The binary (or module) it needs, undefined when its package is missing. */
  readonly needs: string | undefined;
  readonly from: string;
  /**
   * Whether its fetch tells a refused connection from one lost after the request went out: workerd says "Network
   * connection lost." for both, so keyway must assume the server may have the request.
   */
  readonly namesRefusedConnections?: false;
  /**
   * Whether its FormData names a Blob appended without a filename after the field, as it is appended (workerd's), where
   * the standard says `blob`: nothing that reads the form later can tell that from a name the caller gave.
   */
  readonly namesUnnamedBlobsAfterField?: true;
  /** Runs the smoke program and returns the report it printed. */
  run(): Promise<string>;
}

const RUNTIMES: Runtime[] = [
  {
    label: `Node ${process.version} (this machine's)`,
    agent: `node/${process.versions.node}`,
    needs: process.execPath,
    from: "PATH",
    run: () => runIn(process.execPath, [consumer.main, server.url]),
  },
  {
    label: `Node 22 (${versionOf("node22")})`,
    agent: `node/${versionOf("node22")}`,
    needs: toolchain.node22,
    from: PACKAGES.node22,
    run: () => runIn(toolchain.node22!, [consumer.main, server.url]),
  },
  {
    label: `Node 24 (${versionOf("node24")})`,
    agent: `node/${versionOf("node24")}`,
    needs: toolchain.node24,
    from: PACKAGES.node24,
    run: () => runIn(toolchain.node24!, [consumer.main, server.url]),
  },
  {
    label: `Bun ${versionOf("@oven/bun-linux-x64")}`,
    agent: `bun/${versionOf("@oven/bun-linux-x64")}`,
    needs: toolchain.bun,
    from: PACKAGES.bun,
    run: () => runIn(toolchain.bun!, [consumer.main, server.url]),
  },
  {
    label: `Deno ${versionOf("@deno/linux-x64-glibc")}`,
    agent: `deno/${versionOf("@deno/linux-x64-glibc")}`,
    needs: toolchain.deno,
    from: PACKAGES.deno,
    run: () =>
      runIn(toolchain.deno!, [
        "run",
        "--quiet",
        "--no-remote",
        "--no-prompt",
        "--allow-net=127.0.0.1",
        "--allow-read=.",
        consumer.main,
        server.url,
      ]),
  },
  ...Object.entries(WORKERD_DATES).map(([age, date]) => ({
    label: `workerd ${versionOf("@cloudflare/workerd-linux-64")}, ${age} compatibility date (${date})`,
    agent: "workerd",
    namesRefusedConnections: false as const,
    namesUnnamedBlobsAfterField: true as const,
    needs: toolchain.workerd,
    from: PACKAGES.workerd,
    run: async () => {
      const output = await runIn(toolchain.workerd!, ["test", workerdConfig(date)]);
      const line = output.split("\n").find((text) => text.startsWith("SMOKE_REPORT "));
      if (!line) throw new Error(`workerd printed no report:\n${output}`);
      return line.slice("SMOKE_REPORT ".length);
    },
  })),
  {
    label: `edge-runtime ${versionOf("edge-runtime")}`,
    agent: "edge-runtime",
    needs: toolchain.edgeRuntime,
    from: PACKAGES.edgeRuntime,
    run: () => runIn(process.execPath, [EDGE_RUN, toolchain.edgeRuntime!, consumer.edgeBundle, server.url]),
  },
];

/** The credential headers keyway may send, by the operation that should carry them. */
const STACKER = {
  "x-integration-key": "ik_smoke_7d2c9e",
  "x-account-id": "acc_8f2d41",
  "x-stack-id": "app785vwedw46e3bx8",
};
const STACK_SERVER = {
  "x-stack-access-type": "server",
  "x-stack-project-id": PROJECT.id,
  "x-stack-secret-server-key": "ssk_smoke_5m2x",
};
const STACK_CLIENT = {
  "x-stack-access-type": "client",
  "x-stack-project-id": PROJECT.id,
  "x-stack-publishable-client-key": "pck_smoke_3k8q",
};
const CREDENTIAL_HEADER = /^x-(integration-key|account-id|stack-|timezone)/;

/** A request line with the credential headers it carried. */
const seen = (request: RecordedRequest) => ({
  request: `${request.method} ${request.url.split("?")[0]}`,
  credentials: Object.fromEntries(Object.entries(request.headers).filter(([name]) => CREDENTIAL_HEADER.test(name))),
});

const versionOfPackage = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../packages/${name}/package.json`, import.meta.url)), "utf8"))
    .version as string;
/** The User-Agent keyway sends from a runtime, for each client. */
const agents = (runtime: string) => ({
  stacker: `keyway-stacker/${versionOfPackage("stacker")} ${runtime}`,
  stackAuth: `keyway-stack-auth/${versionOfPackage("stack-auth")} ${runtime}`,
});

describe.each(RUNTIMES.map((runtime) => [runtime.label, runtime] as const))("%s", (_label, runtime) => {
  it("runs the smoke program of both clients: typed results, credentials and User-Agent per operation, a retry, a typed 404, a cut and a stalled body, a status HTTP does not define, an endless body, a gzip bomb and a gzipped body, a refused connection, paging, a webhook verified and a tampered one refused, a JWT checked locally, bodies read as streams (to their end with a default and a BYOB reader, cut mid-way, canceled), a call's own timeout and maxRetries, the test kit's fake with a dropped connection and a timeout; uploads of a Blob, bytes, a stream and an async generator retried after a 503, a generator's bad chunk, a multipart form with a file and bytes, CSV text, bytes refused for a JSON operation, a File and an empty File, the caller's FormData, an object with a file or without to a JSON-or-multipart operation, text refused for a multipart one, a form, cookie parameters, a CSV response's parse error, and a middleware's own error; and 40 answers of a hostile server, each ending in its data or a typed error that shows no key", async (context) => {
    if (!runtime.needs && !BINARIES_EXPECTED)
      skipOnPurpose(context, `${runtime.from} has no build for ${process.platform}-${process.arch}`);
    expect(runtime.needs, `${runtime.from} is not installed: run pnpm install`).toBeDefined();
    const before = server.requests.length;

    const report = JSON.parse(await runtime.run());

    expect(report).toEqual({
      record: { sid: expect.stringMatching(/^rec_smoke_\d+$/), status: "shipped" },
      missing: { error: "NotFoundError", status: 404 },
      gzipped: "rec_gzipped",
      broken: {
        cut: "ConnectionError",
        stalled: "RequestTimeoutError",
        oddStatus: "ConnectionError",
        endless: "ResponseTooLargeError",
        gzipBomb: "ResponseTooLargeError",
      },
      refused: { error: "ConnectionError", maybeReceived: runtime.namesRefusedConnections === false },
      searched: SEARCHED,
      users: USERS,
      project: PROJECT.display_name,
      webhook: { type: "user.created", tampered: "WebhookSignatureError" },
      token: { sub: TOKEN_SUBJECT },
      streamed: {
        read: { bytes: STREAMED_BODY.length, sha256: STREAMED_SHA256 },
        // Every runtime here has byte streams, so keyway's `data` takes a BYOB reader everywhere (Bun's own fetch body
        // refuses one with a TypeError).
        byob: { bytes: STREAMED_BODY.length, sha256: STREAMED_SHA256 },
        cut: { error: "ConnectionError", showedKey: false },
        canceled: { readAfter: "done", closed: true },
      },
      ownSettings: {
        timedOut: { error: "RequestTimeoutError", timeoutMs: 300, attempts: 1 },
        next: "rec_late",
        oneAttempt: { error: "InternalServerError", status: 503 },
      },
      fake: { hello: "hello", dropped: "ConnectionError", slow: "RequestTimeoutError", statuses: [0, 0] },
      uploads: expect.any(Object),
      wire: expect.any(Array),
    });
    expectWireOutcomes(report.wire, wireServer);
    const record = `GET /api/external/objects/object.custom.orders/records/${report.record.sid}/`;
    const search = "POST /api/external/objects/object.custom.orders/search/";
    // Each operation carries exactly the credentials its security requirement names; the 503 was retried once. The
    // program's polls of whether a canceled body's connection is open are left out.
    const requests = server.requests.slice(before).filter((request) => !request.url.startsWith("/smoke/open-stream"));
    expect(requests.map(seen)).toEqual([
      { request: "GET /smoke/fixtures", credentials: {} },
      { request: record, credentials: STACKER },
      { request: record, credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_missing/", credentials: STACKER },
      // A body cut, stalled or too long after its response arrived is not retried; the odd status is asked for once.
      { request: "GET /api/external/objects/object.custom.orders/records/rec_cut/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_stalled/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_odd_status/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_endless/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_gzip_bomb/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_gzipped/", credentials: STACKER },
      { request: search, credentials: STACKER },
      { request: search, credentials: STACKER },
      { request: search, credentials: STACKER },
      { request: "GET /users", credentials: STACK_SERVER },
      { request: "GET /users", credentials: STACK_SERVER },
      { request: "GET /projects/current", credentials: STACK_CLIENT },
      { request: `GET /projects/${PROJECT.id}/.well-known/jwks.json`, credentials: {} },
      // Streamed: read with a default reader, then a BYOB one; cut; canceled.
      { request: "GET /api/external/objects/object.custom.orders/records/rec_streamed/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_streamed/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_streamed_cut/", credentials: STACKER },
      {
        request: expect.stringMatching(
          /^GET \/api\/external\/objects\/object\.custom\.orders\/records\/rec_canceled_\d+\/$/,
        ),
        credentials: STACKER,
      },
      // A call's own timeout and maxRetries: 0 (one attempt each), then the client's next call.
      { request: "GET /api/external/objects/object.custom.orders/records/rec_no_answer/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_late/", credentials: STACKER },
      { request: "GET /api/external/objects/object.custom.orders/records/rec_unavailable/", credentials: STACKER },
      ...Array(SERVER_UPLOAD_REQUESTS).fill({ request: expect.stringMatching(/^[A-Z]+ \/uploads\//), credentials: {} }),
    ]);
    // Every client call names the package, its version and the runtime.
    const { stacker, stackAuth } = agents(runtime.agent);
    expect(
      server.requests
        .slice(before, before + 17)
        .map((request) => request.headers["user-agent"])
        .slice(1, 16),
    ).toEqual([...Array(12).fill(stacker), ...Array(3).fill(stackAuth)]);
    await expectUploads(report.uploads, requests, report.record.sid, {
      unnamedBlobFile: runtime.namesUnnamedBlobsAfterField ? "scan" : "blob",
    });
  });
});

/**
 * TypeScript 7 checks the packages' declaration files too (it takes seconds); 5.9 skips them here,
 * since the registry test (scripts/test/registry.test.ts) already checks them under 5.9.
 */
const COMPILERS = [
  {
    label: `TypeScript ${versionOf("typescript")}`,
    tsc: toolchain.tsc,
    from: PACKAGES.typescript,
    flags: ["--skipLibCheck"],
  },
  { label: `TypeScript ${versionOf("typescript7")}`, tsc: toolchain.tsc7, from: PACKAGES.typescript7, flags: [] },
];

describe.each(COMPILERS.map((compiler) => [compiler.label, compiler] as const))("%s", (_label, compiler) => {
  it.for(Object.keys(TSCONFIGS))(
    "type-checks the smoke program and the call-settings type tests against the installed packages with %s resolution",
    async (resolution, context) => {
      if (!compiler.tsc && !BINARIES_EXPECTED)
        skipOnPurpose(context, `${compiler.from} has no build for ${process.platform}-${process.arch}`);
      expect(compiler.tsc, `${compiler.from} is not installed: run pnpm install`).toBeDefined();
      const check = [compiler.tsc!, "-p", `tsconfig.${resolution}.json`, ...compiler.flags];
      await runIn(process.execPath, check, TYPE_CHECK_TIMEOUT_MS);
    },
  );
});

describe("the installed packages", () => {
  it.each(["header-auth", "runtime", "stacker", "stack-auth"])(
    "@keyway/%s ships the MIT license its package.json names, and its README",
    (name) => {
      const installed = join(consumer.dir, "node_modules", "@keyway", name);
      expect(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).license).toBe("MIT");
      expect(readFileSync(join(installed, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 /);
      expect(readFileSync(join(installed, "README.md"), "utf8")).toMatch(new RegExp(`^# @keyway/${name}\\b`));
    },
  );
});
