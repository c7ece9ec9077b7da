export { openTelemetry } from "./open-telemetry.js";
export { TRACER_NAME } from "./tracer-source.js";
export type { OpenTelemetryOptions } from "./open-telemetry.js";
