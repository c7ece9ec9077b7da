// The registry test (scripts/registry-test.mjs): every package published to a local Verdaccio, then
// each client installed alone from it as users install it, and checked.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startVerdaccio } from "../servers/verdaccio.mjs";
import { importEveryExport, installAlone, TSCONFIGS, typecheckConsumer } from "./consumers.mjs";
import { undeclaredImports } from "./imports.mjs";
import { isClient, publishedManifest, publishWorkspace } from "./workspace.mjs";

/**
 * Runs the registry test, printing each step; resolves with the problems found (none when it passes).
 * With `keep`, Verdaccio keeps running (its URL printed) until Ctrl-C.
 * @param {{ keep?: boolean }} [options]
 * @returns {Promise<string[]>}
 */
export async function registryTest({ keep = false } = {}) {
  const work = mkdtempSync(join(tmpdir(), "keyway-registry-"));
  const registry = await startVerdaccio(join(work, "verdaccio"));
  /** @type {string[]} */
  const problems = [];
  const fail = (/** @type {string} */ message) => {
    problems.push(message);
    console.error(`registry-test: ${message}`);
  };
  try {
    console.log(`Verdaccio on ${registry.url}`);
    const published = await publishWorkspace(registry.url, join(work, "repo"));
    console.log(`published ${published.map((pkg) => `${pkg.name}@${pkg.version}`).join(", ")}`);
    for (const pkg of published) {
      const text = JSON.stringify(await publishedManifest(registry.url, pkg.name, pkg.version));
      if (text.includes("workspace:")) fail(`${pkg.name}@${pkg.version}'s published manifest contains "workspace:"`);
    }
    const clients = published.filter((pkg) => isClient({ manifest: pkg.manifest }));
    // One after the other, as scripts/test/registry.test.ts does: two installs asking Verdaccio for
    // the same uncached package at once have made it answer 404.
    for (const client of clients) {
      const dir = await installAlone(
        registry.url,
        client.name,
        join(work, client.name.split("/").pop() ?? client.name),
      );
      for (const resolution of Object.keys(TSCONFIGS)) {
        const result = await typecheckConsumer(dir, resolution);
        if (result.status !== 0)
          fail(`${client.name}: the consumer does not type-check under ${resolution}:\n${result.stdout}`);
        else console.log(`${client.name}: type-checks under moduleResolution ${resolution}`);
      }
      const found = [...(await importEveryExport(dir, client.name)), ...undeclaredImports(dir)];
      for (const problem of found) fail(`${client.name}: ${problem}`);
      if (!found.length)
        console.log(`${client.name}: every export loads from ESM and require(); every import is a declared dependency`);
    }
    if (keep) {
      console.log(`\nVerdaccio keeps running on ${registry.url} (work dir ${work}); Ctrl-C to stop.`);
      await new Promise((resolve) => process.once("SIGINT", resolve));
    }
  } finally {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return problems;
}
