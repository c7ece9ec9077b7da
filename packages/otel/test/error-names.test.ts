import { createStackerClient } from "@keyway/stacker";
import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { exportedText, exporter, serverWith, tracerProvider } from "./setup.js";

// An outside review: a call fails with what the caller's own code threw (a middleware, a credential provider) as it
// was thrown, and its span records that error's type and message. Both are the thrower's to write: the name, as the
// message, may quote the credential the request carries.
const INTEGRATION_KEY = "sk_MARKER_error_names_7c1d";

class RefusedRequest extends Error {
  constructor(key: string | null) {
    super("refused");
    this.name = `RefusedRequest(${key})`;
  }
}

describe("an error the caller's code threw", () => {
  it("is recorded on the span without a credential in its name", async () => {
    exporter.reset();
    const server = await serverWith((_request, res) => sendJson(res, 200, {}));
    const stacker = createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: "acc_8f2d41",
      stackId: "app785vwedw46e3bx8",
      baseUrl: server.url,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    stacker.use({
      onResponse: ({ request }) => {
        throw new RefusedRequest(request.headers.get("x-integration-key"));
      },
    });
    await expect(stacker.GET("/api/external/hello/")).rejects.toBeInstanceOf(RefusedRequest);
    const spans = exporter.getFinishedSpans();
    const types = spans.map((span) => span.attributes["error.type"]);
    expect(types).toContain("RefusedRequest([REDACTED])");
    for (const span of spans) expect(exportedText(span)).not.toContain(INTEGRATION_KEY);
  });
});
