import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

// A plain `node` script, not a test runner: the served fake holds the process by no socket of its own, and the
// script's calls to it (the verifier's request for the key set) hold it until they are answered.
it("a standalone script serving the fake verifies a session's token against it, then exits by itself", async () => {
  const script = `
    import { createStackAuthFake } from "@keyway/stack-auth/testing";
    import { serveFake } from "@keyway/stack-auth/testing/server";
    import { createAccessTokenVerifier } from "@keyway/stack-auth/tokens";
    const fake = createStackAuthFake();
    const server = await serveFake(fake);
    const verify = createAccessTokenVerifier({ projectId: "test-project", baseUrl: server.url });
    console.log((await verify(fake.sessions.create().accessToken)).sub);
  `;
  // The 60 s guard is not a speed limit: past it, the process hung on the server. A failed exit rejects.
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    cwd: PACKAGE_DIR,
    timeout: 60_000,
  });
  expect(stdout).toBe("3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10\n");
});
