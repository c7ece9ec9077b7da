import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    // Installs Debian's Chromium when it is missing, before any test starts.
    // One Chromium at a time: each test file launches its own, and two at once starve a 2-core machine.
    test: { globalSetup: ["./ensure-chromium.mjs"], fileParallelism: false },
  }),
);
