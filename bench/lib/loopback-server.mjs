// A keep-alive HTTP server on 127.0.0.1 for the loopback benchmark, run in its own process so
// that it does not share the client's event loop. It answers every request with the same JSON
// body and records nothing (the recording @keyway/test-server is for tests, and would grow
// with every one of the benchmark's calls).
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { CALL_RESPONSE_BODY } from "./fixtures.mjs";

/**
 * Starts the server in a child process; resolves with its URL and a `stop()` that ends it.
 */
export function startLoopbackServer() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--serve"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`loopback server exited with ${code} before listening`)));
    child.stdout.once("data", (chunk) => {
      const { url } = JSON.parse(String(chunk));
      resolve({
        url,
        stop: () =>
          /** @type {Promise<void>} */ (
            new Promise((done) => {
              child.removeAllListeners("exit");
              child.once("exit", () => done());
              child.kill();
            })
          ),
      });
    });
  });
}

function serve() {
  const body = Buffer.from(CALL_RESPONSE_BODY);
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      response.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  });
}

if (process.argv[2] === "--serve") serve();
