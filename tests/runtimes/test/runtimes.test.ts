// Runs two small applications that use the BUILT packages (dist/, through their package names
// and exports maps), one an ES module and one CommonJS, as separate processes on this machine's
// Node and on Node 24, against a local server, and checks what they print and send.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipOnPurpose } from "../../../vitest.shared.js";
import { machineNode, node24 } from "./node-binaries.js";

const execFileAsync = promisify(execFile);
const CONSUMERS = fileURLToPath(new URL("./consumers/", import.meta.url));

const RECORD_PATH = "/api/external/objects/object.custom.orders/records/rec7wzphqrc9w7rii7h/";
const RECORD = { _sid: "rec7wzphqrc9w7rii7h", orders__order_number: "SO-10517", orders__status: "shipped" };
const PROJECT = { id: "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11", display_name: "Analytical Engines App", config: {} };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((request, response) => {
    if (request.method === "GET" && request.url === RECORD_PATH) return sendJson(response, 200, RECORD);
    if (request.method === "GET" && request.url === "/projects/current") return sendJson(response, 200, PROJECT);
    return sendJson(response, 404, { detail: "Not found." });
  });
});

afterAll(() => server.close());

const MODULE_SYSTEMS = [
  { name: "ESM", how: "import", file: "consumer.mjs", moduleSystem: "esm" },
  { name: "CommonJS", how: "require()", file: "consumer.cjs", moduleSystem: "cjs" },
] as const;

/** Node 24 comes from an npm package that exists only for linux x64; anywhere else its absence is expected. */
const node24Expected = process.platform === "linux" && process.arch === "x64";

describe.each(
  [
    { ...machineNode(), expected: true },
    { ...node24(), expected: node24Expected },
  ].map((runtime) => [runtime.label, runtime] as const),
)("%s", (_label, runtime) => {
  it.for(MODULE_SYSTEMS.map((consumer) => [`${consumer.name} consumer (${consumer.how})`, consumer] as const))(
    "an %s of the built packages gets typed results from a Stacker and a Stack Auth client",
    async ([, { file, moduleSystem }], context) => {
      if (!runtime.path && !runtime.expected)
        skipOnPurpose(context, `${runtime.label} has no npm package for ${process.platform}-${process.arch}`);
      expect(runtime.path, runtime.missing).toBeDefined();
      const before = server.requests.length;

      const { stdout } = await execFileAsync(runtime.path!, [join(CONSUMERS, file)], {
        cwd: CONSUMERS,
        env: { PATH: process.env.PATH, KEYWAY_SMOKE_URL: server.url },
      });

      expect(JSON.parse(stdout)).toEqual({
        node: runtime.version,
        moduleSystem,
        record: { sid: RECORD._sid, status: RECORD.orders__status },
        project: { id: PROJECT.id, name: PROJECT.display_name },
      });
      const requests = server.requests.slice(before);
      expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
        `GET ${RECORD_PATH}`,
        "GET /projects/current",
      ]);
      expect(requests[0]!.headers).toMatchObject({
        "x-integration-key": "ik_smoke_7d2c9e",
        "x-account-id": "acc_8f2d41",
        "x-stack-id": "app785vwedw46e3bx8",
      });
      expect(requests[1]!.headers).toMatchObject({
        "x-stack-access-type": "client",
        "x-stack-project-id": PROJECT.id,
        "x-stack-publishable-client-key": "pck_smoke_3k8q",
      });
    },
  );
});
