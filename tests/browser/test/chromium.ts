import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM } from "../ensure-chromium.mjs";

/** Flags for a quiet headless Chromium that talks to nothing but the pages it is sent to. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** A headless Debian Chromium with a fresh profile, and how to close it and delete the profile. */
export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Debian's Chromium (never a downloaded browser) with a new user-data directory. */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), "keyway-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
