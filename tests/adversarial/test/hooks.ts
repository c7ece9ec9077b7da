// Run before each test file (vitest.config.ts): the files share their modules, so hooks every file needs live here.
import { afterEach } from "vitest";
import { closeServers } from "./network.js";

afterEach(closeServers);
