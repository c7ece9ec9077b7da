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

const LAUNCH_TIMEOUT_MS = 90_000;

/** A headless Debian Chromium with a fresh profile, and how to close it and delete the profile. */
export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Debian's Chromium (never a downloaded browser) with a new user-data directory. */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), "keyway-chromium-"));
  let context: BrowserContext;
  try {
    // Shorter than the hook that launches it, so a slow launch fails with Playwright's own error.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
