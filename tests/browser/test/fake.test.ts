// The test kit's fake in Chromium: it claims to run wherever fetch does, so an app's browser tests can use it.
import { fileURLToPath } from "node:url";
import type { TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Chromium } from "./chromium.js";
import { servePage } from "./page-server.js";

const ENTRY = fileURLToPath(new URL("./page/fake.ts", import.meta.url));
let pageServer: TestServer;
let browser: Chromium;
let rendered: Record<string, string | null>;

beforeAll(async () => {
  pageServer = await servePage(ENTRY);
  browser = await launchChromium();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${pageServer.url}/`);
  await page.waitForSelector("body[data-state], output#failed", { timeout: 60_000 });
  rendered = await page.$$eval("output", (outputs) =>
    Object.fromEntries(outputs.map((output) => [output.id, output.textContent])),
  );
});

afterAll(async () => {
  await Promise.all([browser?.close(), pageServer?.close()]);
});

describe("the test kit's fake in Chromium", () => {
  it("answers with the spec's example and checks the request, without a server", () => {
    expect(rendered.failed).toBeUndefined();
    expect(rendered.example).toBe('answered: {"message":"hello"}');
    expect(rendered.violations).toBe("0");
  });

  it("drops a connection as a network failure, and lets the client's timeout end a slow handler", () => {
    expect(rendered.dropped).toBe("ConnectionError");
    expect(rendered.slow).toBe("RequestTimeoutError");
    expect(rendered.statuses).toBe("0,0");
  });

  it("asks the page's server for nothing but the page (and the browser's own favicon)", () => {
    const asked = pageServer.requests.map((request) => request.url).filter((url) => url !== "/favicon.ico");
    expect(asked).toEqual(["/", "/main.js"]);
  });
});
