import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    // Installs Debian's Chromium when it is missing, before any test starts.
    test: { globalSetup: ["./ensure-chromium.mjs"] },
  }),
);
