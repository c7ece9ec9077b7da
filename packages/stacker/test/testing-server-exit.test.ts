import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createStackerFake } from "../src/testing.js";
import { serveFake } from "../src/testing-server.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/** Listening servers that keep this process alive. */
const listening = () => process.getActiveResourcesInfo().filter((resource) => resource === "TCPServerWrap").length;

describe("a served fake never keeps the test process alive by itself", () => {
  it("holds the process by no listening socket, while it answers", async () => {
    const before = listening();
    const server = await serveFake(createStackerFake());
    try {
      expect(listening()).toBe(before);
      expect((await fetch(`${server.url}/api/external/hello/`, { headers: { "X-Integration-Key": "k" } })).status).toBe(
        200,
      );
    } finally {
      await server.close();
    }
  });

  it("lets a test file whose test failed before server.close() exit by itself", async () => {
    // A script that never closes its served fake, as a test that failed before its close() leaves it.
    const script = `
      import { serveFake } from "@keyway/runtime/testing/server";
      const server = await serveFake({ fetch: async () => new Response("hello") });
      const response = await fetch(server.url + "/api/external/hello/");
      console.log(await response.text());
    `;
    const outcome = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      // The 60 s guard is not a speed limit: past it, the process hung on the server.
      const child = execFile(process.execPath, ["--input-type=module", "-e", script], {
        cwd: PACKAGE_DIR,
        timeout: 60_000,
      });
      let stdout = "";
      child.stdout?.on("data", (chunk: string) => {
        stdout += chunk;
      });
      child.on("exit", (code) => resolve({ code, stdout }));
    });
    expect(outcome).toEqual({ code: 0, stdout: "hello\n" });
  });
});
