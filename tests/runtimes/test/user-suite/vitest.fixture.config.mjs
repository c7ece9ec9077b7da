// Runs only the suite that fails on purpose, for user-suite.test.ts to read what vitest prints of it.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["sync-failing.vitest.mjs"], reporters: ["default"] } });
