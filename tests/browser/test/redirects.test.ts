// In a browser, fetch's redirect: "manual" answers with an opaque response that hides the
// redirect's target, so keyway cannot vet it: it follows no redirect there, and the call fails
// with a RedirectError. Chromium itself must not have followed it either.
import { fileURLToPath } from "node:url";
import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Chromium } from "./chromium.js";
import { servePage } from "./page-server.js";

const ENTRY = fileURLToPath(new URL("./page/redirects.ts", import.meta.url));
let other: TestServer;
let pageServer: TestServer;
let browser: Chromium;
let rendered: string | null;

beforeAll(async () => {
  other = await startTestServer((_req, res) =>
    sendJson(res, 200, { stolen: true }, { "access-control-allow-origin": "*", "access-control-allow-headers": "*" }),
  );
  pageServer = await servePage(ENTRY, (req, res) =>
    req.url.startsWith("/api/")
      ? res.writeHead(302, { location: `${other.url}/collect` }).end()
      : res.writeHead(404).end(),
  );
  browser = await launchChromium();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${pageServer.url}/`);
  await page.waitForSelector("body[data-state]");
  rendered = await page.$eval("#redirect", (output) => output.textContent);
});

afterAll(async () => {
  await Promise.all([browser?.close(), pageServer?.close(), other?.close()]);
});

describe("redirects in Chromium", () => {
  it("a redirect to another origin is a RedirectError (status 0: the browser hides it), and the other origin receives nothing", () => {
    expect(rendered).toMatch(
      /^RedirectError 0: GET .* answered a redirect, which keyway does not follow: a browser hides the target/,
    );
    expect(other.requests).toHaveLength(0);
    const apiCalls = pageServer.requests.filter((request) => request.url.startsWith("/api/"));
    expect(apiCalls).toHaveLength(1);
    expect(apiCalls[0]!.headers["x-integration-key"]).toBeDefined();
  });
});
