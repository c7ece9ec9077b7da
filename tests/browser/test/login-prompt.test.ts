// In a browser, fetch sends the page's cookies to its own origin and, given a 401 with `WWW-Authenticate: Basic`,
// holds the response for the browser's login prompt. A keyway client authenticates with headers: its calls send no
// cookies (`credentials: "omit"`, as Stack Auth's own SDK does), so such a 401 is the API's answer at once.
import { fileURLToPath } from "node:url";
import { sendJson, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Chromium } from "./chromium.js";
import { servePage } from "./page-server.js";

const ENTRY = fileURLToPath(new URL("./page/login-prompt.ts", import.meta.url));
let pageServer: TestServer;
let browser: Chromium;
let rendered: string | null;

beforeAll(async () => {
  pageServer = await servePage(ENTRY, (req, res) =>
    req.url.startsWith("/api/")
      ? sendJson(res, 401, { detail: "not signed in" }, { "www-authenticate": 'Basic realm="api"' })
      : res.writeHead(404).end(),
  );
  browser = await launchChromium();
  await browser.context.addCookies([{ name: "page_session", value: "from-the-page", url: pageServer.url }]);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${pageServer.url}/`);
  await page.waitForSelector("body[data-state]", { timeout: 15_000 });
  rendered = await page.$eval("#unauthorized", (output) => output.textContent);
});

afterAll(async () => {
  await Promise.all([browser?.close(), pageServer?.close()]);
});

describe("a 401 asking for HTTP Basic credentials, in Chromium", () => {
  it("is the API's 401 at once, not a timeout behind the browser's login prompt", () => {
    expect(rendered).toBe("answered: 401");
  });

  it("the call sends none of the page's cookies", () => {
    const apiCalls = pageServer.requests.filter((request) => request.url.startsWith("/api/"));
    expect(apiCalls).toHaveLength(1);
    expect(apiCalls[0]!.headers.cookie).toBeUndefined();
  });
});
