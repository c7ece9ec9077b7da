// Verdaccio, the local npm registry of the registry test, on 127.0.0.1.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { capture, cleanEnv } from "../run.mjs";
import { freePort, startServerProcess } from "./local-server.mjs";

const CONFIG = fileURLToPath(new URL("./verdaccio.yaml", import.meta.url));

/** The registry Verdaccio proxies third-party packages to: npm's configured one. */
async function upstreamRegistry() {
  const { stdout } = await capture("npm", ["config", "get", "registry"], { env: cleanEnv() });
  const url = stdout.trim();
  return /^https?:\/\//.test(url) ? url : "https://registry.npmjs.org/";
}

/**
 * Starts Verdaccio on 127.0.0.1 with its config (verdaccio.yaml) and storage under `dir`: @keyway/*
 * can be published without auth and is never proxied; everything else is proxied to npm's registry.
 * @param {string} dir
 * @returns {Promise<Required<import("./local-server.mjs").LocalServer>>}
 */
export async function startVerdaccio(dir) {
  mkdirSync(join(dir, "storage"), { recursive: true });
  const config = parse(readFileSync(CONFIG, "utf8"));
  config.uplinks.npmjs.url = await upstreamRegistry();
  const configFile = join(dir, "config.yaml");
  writeFileSync(configFile, stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(dirname(createRequire(import.meta.url).resolve("verdaccio/package.json")), "bin", "verdaccio");
  return startServerProcess({
    name: "Verdaccio",
    args: [bin, "--config", configFile, "--listen", `127.0.0.1:${port}`],
    url,
    options: { cwd: dir, env: cleanEnv() },
    isReady: () =>
      fetch(`${url}-/ping`).then(
        (response) => response.ok,
        () => false,
      ),
  });
}
