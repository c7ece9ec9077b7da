// In a browser, a body of unknown length (chunked, or compressed) is counted as it decodes, so that one that never
// ends, or decodes to gigabytes, fails its call with a ResponseTooLargeError instead of filling the tab's memory.
import { fileURLToPath } from "node:url";
import { sendEndlessJson, sendGzippedJson, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Chromium } from "./chromium.js";
import { servePage } from "./page-server.js";

const ENTRY = fileURLToPath(new URL("./page/body-limit.ts", import.meta.url));
const RECORDS = "/api/external/objects/object.custom.orders/records/";
let pageServer: TestServer;
let browser: Chromium;
let rendered: Record<string, string | null>;
/** The bytes the endless body got to send before the browser hung up. */
let endlessSent: Promise<number> | undefined;

beforeAll(async () => {
  pageServer = await servePage(ENTRY, (req, res) => {
    if (req.url === `${RECORDS}rec_gzipped/`) return sendGzippedJson(res, 200, { _sid: "rec_gzipped" });
    if (req.url === `${RECORDS}rec_endless/`) return void (endlessSent = sendEndlessJson(res));
    res.writeHead(404).end();
  });
  browser = await launchChromium();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${pageServer.url}/`);
  await page.waitForSelector("body[data-state]");
  rendered = await page.$$eval("output", (outputs) =>
    Object.fromEntries(outputs.map((output) => [output.id, output.textContent])),
  );
});

afterAll(async () => {
  await Promise.all([browser?.close(), pageServer?.close()]);
});

describe("response bodies in Chromium", () => {
  it("a gzipped body without a length is read", () => {
    expect(rendered.gzipped).toBe("read: rec_gzipped");
  });

  it("a body that never ends fails at maxResponseBytes, and the browser stops reading it", async () => {
    expect(rendered.endless).toBe(
      `ResponseTooLargeError: GET ${pageServer.url}${RECORDS}rec_endless/: the response body is larger than maxResponseBytes (262144 bytes)`,
    );
    expect(await endlessSent).toBeLessThan(16 * 1024 * 1024);
  });
});
