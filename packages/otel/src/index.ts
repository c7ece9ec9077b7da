export { openTelemetry, TRACER_NAME } from "./open-telemetry.js";
export type { OpenTelemetryOptions } from "./open-telemetry.js";
