import { createStackerClient } from "@keyway/stacker";
import { sendJson } from "@keyway/test-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { basePath, INTEGRATION_KEY, RECORD_TEMPLATE } from "./fixtures.js";
import { exporter, recordedStrings, serverWith, tracerProvider } from "./setup.js";

const HELLO = "/api/external/hello/";

/** A local server that answers 200, and traced Stacker clients on it whose base URL has the path `basePath`. */
async function stackerServer() {
  const server = await serverWith((_req, res) => sendJson(res, 200, {}));
  const stackerAt = (basePath: string) =>
    createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: "acc_8f2d41",
      stackId: "app785vwedw46e3bx8",
      baseUrl: `${server.url}${basePath}`,
      instrumentation: openTelemetry({ tracerProvider }),
    });
  return { server, stackerAt };
}

/** Each exported span's name, kind and `url.template`, and the path of its `url.full`. */
function spansSeen() {
  return exporter.getFinishedSpans().map((span) => ({
    name: span.name,
    template: span.attributes["url.template"],
    path: new URL(String(span.attributes["url.full"])).pathname,
  }));
}

/** A record id a caller may pass: any text but the dot segments keyway refuses, with the `/` it percent-encodes. */
const recordSid = fc
  .string({ unit: fc.constantFrom("r", "7", "/", ".", "%", " ", "é"), minLength: 1, maxLength: 8 })
  .filter((sid) => sid !== "." && sid !== "..");

describe("url.template is the path template of the request sent: the path of the base URL it went to, then the operation's", () => {
  it("a call's own baseUrl: its spans are named by the path they were sent to, not the client's", async () => {
    const { server, stackerAt } = await stackerServer();
    await stackerAt("/v1").GET(HELLO, { baseUrl: `${server.url}/v2/beta` });

    expect(server.requests.map((request) => request.url)).toEqual([`/v2/beta${HELLO}`]);
    expect(spansSeen()).toEqual([
      { name: `GET /v2/beta${HELLO}`, template: `/v2/beta${HELLO}`, path: `/v2/beta${HELLO}` },
      { name: `GET /v2/beta${HELLO}`, template: `/v2/beta${HELLO}`, path: `/v2/beta${HELLO}` },
    ]);
  });

  it("whatever the client's and the call's base paths and the path parameters, url.template is the call's base path and the operation's template", async () => {
    const { server, stackerAt } = await stackerServer();
    await fc.assert(
      fc.asyncProperty(basePath, basePath, recordSid, async (clientBase, callBase, sid) => {
        exporter.reset();
        server.requests.length = 0;
        await stackerAt(clientBase).GET(RECORD_TEMPLATE, {
          baseUrl: `${server.url}${callBase}`,
          params: { path: { object_sid: "object.custom.orders", record_sid: sid } },
        });
        // The call's base path as the request wrote it (percent-encoded), without a trailing `/`.
        const base = new URL(`${server.url}${callBase}/x`).pathname.slice(0, -"/x".length).replace(/\/$/, "");
        const template = `${base}${RECORD_TEMPLATE}`;
        const [sent] = server.requests.map((request) => request.url);
        const record = `/records/${encodeURIComponent(sid)}/`;
        expect(sent?.slice(-record.length)).toBe(record);
        expect(spansSeen()).toEqual([
          { name: `GET ${template}`, template, path: sent },
          { name: `GET ${template}`, template, path: sent },
        ]);
      }),
      { numRuns: 30 },
    );
  });

  it("a segment of the call's base path that holds the client's key, as is or percent-encoded, reads REDACTED, as in url.full", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 200, {}));
    const key = fc
      .string({ unit: fc.constantFrom(..."!$&'()*+,-.:;=@_~azAZ09 /?#%\u00e9"), minLength: 12, maxLength: 30 })
      .filter((text) => text.trim() === text);
    await fc.assert(
      fc.asyncProperty(key, fc.boolean(), async (integrationKey, encoded) => {
        exporter.reset();
        const stacker = createStackerClient({
          integrationKey,
          baseUrl: server.url,
          instrumentation: openTelemetry({ tracerProvider }),
        });
        const segment = encodeURIComponent(integrationKey);
        // As is only where it stays one path segment; a URL parser percent-encodes its space or é.
        const written = encoded || /[/?#%]/.test(integrationKey) ? segment : integrationKey;
        await stacker.GET(HELLO, { baseUrl: `${server.url}/keys/${written}` });

        const template = `/keys/REDACTED${HELLO}`;
        expect(spansSeen()).toEqual([
          { name: `GET ${template}`, template, path: template },
          { name: `GET ${template}`, template, path: template },
        ]);
        for (const span of exporter.getFinishedSpans())
          for (const text of recordedStrings(span))
            for (const form of [integrationKey, segment]) expect(text).not.toContain(form);
      }),
      { numRuns: 25 },
    );
  });
});
