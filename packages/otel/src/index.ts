export { openTelemetry } from "./open-telemetry.js";
export { httpClientMetrics } from "./request-duration.js";
export { TRACER_NAME } from "./tracer-source.js";
export type { OpenTelemetryInstrumentation, OpenTelemetryOptions } from "./open-telemetry.js";
export type { HttpClientMetrics, HttpClientMetricsOptions, RequestMeasurement } from "./request-duration.js";
