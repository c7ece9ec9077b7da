import { createStackerClient } from "@keyway/stacker";
import { sendJson } from "@keyway/test-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { INTEGRATION_KEY } from "./fixtures.js";
import { exporter, serverWith, tracerProvider } from "./setup.js";

const HELLO = "/api/external/hello/";

/** A base path segment: a dot segment, or text with what a URL writes percent-encoded, or turns into a `/`. */
const segment = fc.oneof(
  fc.constantFrom(".", ".."),
  fc.string({
    unit: fc.constantFrom("v", "1", " ", "é", "\\", "|", "^", "`", "{", "'", "~", "\u00a0"),
    minLength: 1,
    maxLength: 5,
  }),
);
const basePath = fc
  .array(segment, { minLength: 1, maxLength: 4 })
  .map((segments) => segments.map((s) => `/${s}`).join(""));

describe("url.full is the URL the request was sent to, as RFC 3986 writes it", () => {
  it("whatever the base URL's path holds, url.full is the URL the server got, on the call span and the request's", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 200, {}));
    await fc.assert(
      fc.asyncProperty(basePath, fc.boolean(), async (path, ownBaseUrl) => {
        exporter.reset();
        server.requests.length = 0;
        const stacker = createStackerClient({
          integrationKey: INTEGRATION_KEY,
          baseUrl: ownBaseUrl ? server.url : `${server.url}${path}`,
          instrumentation: openTelemetry({ tracerProvider }),
        });
        await stacker.GET(HELLO, ownBaseUrl ? { baseUrl: `${server.url}${path}` } : {});

        const [received] = server.requests;
        const urls = exporter.getFinishedSpans().map((span) => span.attributes["url.full"]);
        expect(urls).toEqual([`${server.url}${received!.url}`, `${server.url}${received!.url}`]);
      }),
      { numRuns: 40 },
    );
  });

  it("a dot segment and a space in the base URL's path: url.full has them resolved and percent-encoded, as sent", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 200, {}));
    const stacker = createStackerClient({
      integrationKey: INTEGRATION_KEY,
      baseUrl: `${server.url}/v1/./beta/../my api`,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    await stacker.GET(HELLO);

    expect(server.requests.map((request) => request.url)).toEqual([`/v1/my%20api${HELLO}`]);
    expect(exporter.getFinishedSpans().map((span) => span.attributes["url.full"])).toEqual([
      `${server.url}/v1/my%20api${HELLO}`,
      `${server.url}/v1/my%20api${HELLO}`,
    ]);
  });
});
