// The multipart form @keyway/runtime writes itself (a Blob of its parts, for a part typed application/json, which a
// FormData cannot send without making it a file) sent by the BUILT runtime on each runtime this machine has: this
// machine's Node, Node 24, Bun and Deno (from tests/toolchain). Each must send the same bytes, with its Content-Type,
// boundary and Content-Length, and no hostile name may add a part header. (workerd sends the same bytes too; it is run
// by tests/ecosystem, whose harness bundles a worker.)
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipOnPurpose } from "../../../vitest.shared.js";
import { PACKAGES, toolchain } from "../../toolchain/index.mjs";
import { machineNode, node24 } from "./node-binaries.js";

const execFileAsync = promisify(execFile);
const CONSUMER = fileURLToPath(new URL("./consumers/multipart.mjs", import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((_request, response) => sendJson(response, 200, {}));
});
afterAll(() => server.close());

/** The runtimes to send from: how to run the consumer on each, or why it is missing. */
const nodes = [machineNode(), node24()];
const runtimes = [
  ...nodes.map(({ label, path, missing }) => ({ label, command: path, args: [CONSUMER], missing })),
  { label: "Bun", command: toolchain.bun, args: [CONSUMER], missing: `${PACKAGES.bun} is not installed` },
  {
    label: "Deno",
    command: toolchain.deno,
    args: ["run", "--allow-net=127.0.0.1", "--allow-read", CONSUMER],
    missing: `${PACKAGES.deno} is not installed`,
  },
];

/** Binaries come from npm packages that exist only for linux x64; anywhere else their absence is expected. */
const expected = process.platform === "linux" && process.arch === "x64";

describe.each(runtimes.map((runtime) => [runtime.label, runtime] as const))("%s", (_label, runtime) => {
  it("sends a multipart form with a JSON part, a file and a hostile name as the same bytes", async (context) => {
    if (!runtime.command && !expected) skipOnPurpose(context, runtime.missing ?? "not installed");
    expect(runtime.command, runtime.missing).toBeDefined();
    const before = server.requests.length;

    const { stdout } = await execFileAsync(runtime.command!, [...runtime.args, server.url], {
      cwd: join(CONSUMER, ".."),
      env: { PATH: process.env.PATH, NO_COLOR: "1" },
    });

    expect(JSON.parse(stdout)).toEqual({ status: 200 });
    const [request] = server.requests.slice(before);
    const boundary = /^multipart\/form-data; boundary=(----keyway-[\da-f]{24})$/.exec(
      request!.headers["content-type"] ?? "",
    )?.[1];
    expect(boundary, request!.headers["content-type"]).toBeDefined();
    expect(request!.headers["content-length"]).toBe(String(request!.body.length));
    expect(request!.body.toString("latin1").split(`--${boundary}`)).toEqual([
      "",
      '\r\nContent-Disposition: form-data; name="x%22%0D%0AContent-Type: text/html%0D%0A%0D%0A\u00c3\u00a9"\r\n\r\n' +
        "line one\r\nline two\r\n",
      '\r\nContent-Disposition: form-data; name="file"; filename="a%22b%0D%0A.pdf"\r\nContent-Type: application/pdf\r\n\r\n' +
        "%PDF-1.4 \u00c3\u00a9\r\n",
      '\r\nContent-Disposition: form-data; name="bytes"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n' +
        "\u0000\u00ff\r\n",
      '\r\nContent-Disposition: form-data; name="options"\r\nContent-Type: application/json\r\n\r\n{"dpi":300}\r\n',
      "--\r\n",
    ]);
  }, 60_000);
});
