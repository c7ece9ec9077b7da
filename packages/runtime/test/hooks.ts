// Run before each test file (vitest.config.ts): the files share their modules, so hooks every file needs live here.
import { afterEach, vi } from "vitest";
import { closeServers } from "./harness.js";

afterEach(async () => {
  vi.useRealTimers();
  await closeServers();
});
