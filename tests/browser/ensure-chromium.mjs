#!/usr/bin/env node
// Makes sure Debian's Chromium is installed for the browser tests, installing it with apt-get
// when /usr/bin/chromium is missing (CI runs as root, without standard input). The browser
// test's vitest globalSetup calls this; `node ensure-chromium.mjs` does the same by hand.
// Playwright never downloads a browser of its own here.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { run } from "../../scripts/lib/run.mjs";

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

const APT_STEPS = [
  ["update"],
  // Wait for a dpkg lock another apt run holds, rather than failing at once.
  ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", "chromium"],
];

/**
 * Resolves with the path of Chromium once it is installed: at once if it is, otherwise after
 * `apt-get update` and `apt-get install chromium`. Rejects with the failing step if apt-get fails.
 */
export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  console.log(`${CHROMIUM} is missing: installing Debian's chromium package with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of APT_STEPS) {
    const code = await run("apt-get", args, { env, stdio: ["ignore", "inherit", "inherit"] });
    if (code !== 0) {
      throw new Error(
        `apt-get ${args.join(" ")} exited with ${code}: install Chromium yourself (apt-get install chromium, as root)`,
      );
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

/** vitest globalSetup: runs once before the browser tests. */
export default async function setup() {
  await ensureChromium();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Chromium: ${await ensureChromium()}`);
}
