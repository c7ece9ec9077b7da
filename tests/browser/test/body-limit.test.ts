// In a browser, a body of unknown length (chunked, or compressed) is counted as it decodes, so that one that never
// ends, or decodes to gigabytes, fails its call with a ResponseTooLargeError instead of filling the tab's memory.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import {
  ENDLESS_JSON_BYTES,
  sendEndlessJson,
  sendGzippedJson,
  startTestServer,
  type TestServer,
} from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Chromium } from "./chromium.js";
import { servePage } from "./page-server.js";

const ENTRY = fileURLToPath(new URL("./page/body-limit.ts", import.meta.url));
const RECORDS = "/api/external/objects/object.custom.orders/records/";
let pageServer: TestServer;
let otherOrigin: TestServer;
let browser: Chromium;
let rendered: Record<string, string | null>;
/** The bytes the endless body got to send before the browser hung up. */
let endlessSent: Promise<number> | undefined;

/** 16 MiB of JSON that gzip writes in some 16 KiB. */
const BOMB = gzipSync(`[${" ".repeat(16 * 1024 * 1024)}]`);

beforeAll(async () => {
  const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "*" };
  // Content-Encoding is not exposed: the page's fetch sees the compressed length only.
  otherOrigin = await startTestServer((req, res) => {
    if (req.method === "OPTIONS") return void res.writeHead(204, cors).end();
    res
      .writeHead(200, {
        ...cors,
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": BOMB.length,
      })
      .end(BOMB);
  });
  pageServer = await servePage(ENTRY, (req, res) => {
    if (req.url === `${RECORDS}rec_gzipped/`) return sendGzippedJson(res, 200, { _sid: "rec_gzipped" });
    if (req.url === `${RECORDS}rec_endless/`) return void (endlessSent = sendEndlessJson(res));
    res.writeHead(404).end();
  });
  browser = await launchChromium();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${pageServer.url}/?other=${encodeURIComponent(otherOrigin.url)}`);
  await page.waitForSelector("body[data-state]");
  rendered = await page.$$eval("output", (outputs) =>
    Object.fromEntries(outputs.map((output) => [output.id, output.textContent])),
  );
});

afterAll(async () => {
  await Promise.all([browser?.close(), pageServer?.close(), otherOrigin?.close()]);
});

describe("response bodies in Chromium", () => {
  it("a gzipped body without a length is read", () => {
    expect(rendered.gzipped).toBe("read: rec_gzipped");
  });

  it("a body that never ends fails at maxResponseBytes, and the browser stops reading it", async () => {
    expect(rendered.endless).toBe(
      `ResponseTooLargeError: GET ${pageServer.url}${RECORDS}rec_endless/: the response body is larger than maxResponseBytes (262144 bytes)`,
    );
    // The browser hung up before the body's end; what it was sent is what the socket buffers held.
    expect(await endlessSent).toBeLessThan(ENDLESS_JSON_BYTES);
  });

  it("a cross-origin gzip bomb whose Content-Encoding CORS hides fails at maxResponseBytes, though its Content-Length is under it", () => {
    expect(BOMB.length).toBeLessThan(256 * 1024);
    expect(rendered.hiddenBomb).toBe(
      `ResponseTooLargeError: GET ${otherOrigin.url}${RECORDS}rec_bomb/: the response body is larger than maxResponseBytes (262144 bytes)`,
    );
  });
});
