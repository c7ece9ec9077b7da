import { describe, expectTypeOf, it } from "vitest";
import { openTelemetry, type OpenTelemetryInstrumentation } from "../src/index.js";

describe("what @keyway/otel's functions return is named by @keyway/otel", () => {
  it("openTelemetry() is an OpenTelemetryInstrumentation, so a module that exports one emits its declaration", () => {
    expectTypeOf(openTelemetry()).toEqualTypeOf<OpenTelemetryInstrumentation>();
  });
});
