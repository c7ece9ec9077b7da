// The smoke program's entry on edge-runtime: bundled into a script that exposes `smoke` to the host.
import { smoke } from "./smoke.js";

globalThis.keywaySmoke = smoke;
