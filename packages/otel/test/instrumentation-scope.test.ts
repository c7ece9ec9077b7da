import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { RECORD_PARAMS, RECORD_TEMPLATE, tracedStacker } from "./fixtures.js";
import { exporter } from "./setup.js";

describe("instrumentation scope", () => {
  it("every span is in the scope @keyway/otel with this package's version, as other instrumentations' are, and the schema URL of the semantic conventions it follows", async () => {
    const { stacker } = await tracedStacker((_req, res) => sendJson(res, 200, { _sid: "rec7wzphqrc9w7rii7h" }));
    await stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS });

    const scopes = exporter.getFinishedSpans().map((span) => span.instrumentationScope);
    expect(scopes).toHaveLength(2); // the call's span and its request's
    for (const scope of scopes)
      expect(scope).toEqual({
        name: "@keyway/otel",
        version: VERSION,
        schemaUrl: "https://opentelemetry.io/schemas/1.44.0",
      });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
