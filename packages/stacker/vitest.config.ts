import { fileURLToPath } from "node:url";
import { mergeConfig } from "vitest/config";
import { sharedConfigSharingModules } from "../../vitest.shared.js";

// The README's examples (test/readme/) import the package by name; run them against its source.
export default mergeConfig(sharedConfigSharingModules(["./test/hooks.ts"]), {
  resolve: {
    alias: [
      { find: /^@keyway\/stacker\/testing$/, replacement: fileURLToPath(new URL("./src/testing.ts", import.meta.url)) },
      { find: /^@keyway\/stacker$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
    ],
  },
});
