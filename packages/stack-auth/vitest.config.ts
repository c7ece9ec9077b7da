import { fileURLToPath } from "node:url";
import { mergeConfig } from "vitest/config";
import { sharedConfigSharingModules } from "../../vitest.shared.js";

const source = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

// The README's examples (test/readme/) import the package by name; run them against its source.
export default mergeConfig(sharedConfigSharingModules(["./test/hooks.ts"]), {
  resolve: {
    alias: [
      { find: /^@keyway\/stack-auth\/(testing|webhooks|server|tokens)$/, replacement: source("$1.ts") },
      { find: /^@keyway\/stack-auth$/, replacement: source("index.ts") },
    ],
  },
});
