// Prism (@stoplight/prism-cli) mock servers of our specs on 127.0.0.1.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort, startServerProcess } from "./local-server.mjs";

export { SERVER_START_TIMEOUT_MS, startAll } from "./local-server.mjs";

function prismBin() {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8"));
  return join(dirname(manifestPath), typeof bin === "string" ? bin : bin.prism);
}

/**
 * Starts `prism mock` for one spec and resolves once it listens.
 * `errors: true` makes Prism answer invalid requests with an error instead of a best-effort example.
 * @param {string} specPath
 * @param {{ errors?: boolean }} [options]
 * @returns {Promise<Required<import("./local-server.mjs").LocalServer>>}
 */
export async function startPrism(specPath, { errors = false } = {}) {
  const port = await freePort();
  return startServerProcess({
    name: `Prism for ${specPath}`,
    args: [prismBin(), "mock", "-h", "127.0.0.1", "-p", String(port), ...(errors ? ["--errors"] : []), specPath],
    url: `http://127.0.0.1:${port}`,
    isReady: (output) => output.includes("Prism is listening"),
  });
}
