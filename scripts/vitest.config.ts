import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfigSharingModules } from "../vitest.shared.js";

export default mergeConfig(
  sharedConfigSharingModules(),
  defineConfig({
    // Two files at a time, where vitest would run one on a 2-core machine: this suite is the longest of the test
    // run (new-client, registry and generate end to end), and it alone was left running on one core for the last
    // six minutes of CI. Each file works in its own temporary copy of the workspace.
    test: { maxWorkers: 2 },
  }),
);
