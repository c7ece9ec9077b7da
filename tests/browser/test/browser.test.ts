// Loads a page that uses @keyway/stack-auth (client access) and @keyway/stacker in Debian's
// headless Chromium, against Prism mocks of the specs (cross-origin, so every call goes through
// a CORS preflight, which Prism answers), and checks what the page shows and what it sent; and the ecosystem smoke
// program's uploads against the page's own origin.
import { fileURLToPath } from "node:url";
import type { TestServer } from "@keyway/test-server";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiMeta as stackerMeta } from "@keyway/stacker";
// The generated metadata of Stack Auth is not a public export of @keyway/stack-auth: read it from the build.
import { apiMeta as stackAuthMeta } from "../../../packages/stack-auth/dist/generated/stack-auth-client.meta.js";
import { startAll, startPrism } from "../../../scripts/lib/servers/prism.mjs";
import { expectUploads, uploadsApi } from "../../ecosystem/test/uploads-api.js";
import { launchChromium, type Chromium } from "./chromium.js";
import { CREDENTIALS } from "./page/credentials.js";
import { servePage } from "./page-server.js";

const spec = (name: string) => fileURLToPath(new URL(`../../../specs/${name}`, import.meta.url));

let mocks: { stackAuth: { url: string; stop(): Promise<void> }; stacker: { url: string; stop(): Promise<void> } };
let pageServer: TestServer;
let browser: Chromium;
let page: Page;
/** What the page rendered: the text of each `<output>`, by id. */
let rendered: Record<string, string | null>;
/** Every request the page made, with all the headers Chromium sent. */
let sent: { url: string; method: string; headers: Record<string, string> }[];

beforeAll(async () => {
  const uploads = uploadsApi();
  const [stackAuth, stacker, server, chromium] = await startAll([
    startPrism(spec("stack-auth-client.yaml")),
    startPrism(spec("stacker.yaml")),
    servePage(undefined, (request, response) => uploads(request, response) || void response.writeHead(404).end()),
    launchChromium(),
  ]);
  mocks = { stackAuth, stacker };
  pageServer = server;
  browser = chromium;
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const requests: Request[] = [];
  page.on("request", (request) => requests.push(request));
  const query = new URLSearchParams({ stackAuth: stackAuth.url, stacker: stacker.url });
  await page.goto(`${pageServer.url}/?${query}`);
  await page.waitForSelector("body[data-state]");
  rendered = await page.$$eval("output", (outputs) =>
    Object.fromEntries(outputs.map((output) => [output.id, output.textContent])),
  );
  sent = await Promise.all(
    requests.map(async (request) => ({
      url: request.url(),
      method: request.method(),
      headers: await request.allHeaders(),
    })),
  );
});

afterAll(async () => {
  await Promise.all([browser?.close(), pageServer?.close(), mocks?.stackAuth.stop(), mocks?.stacker.stop()]);
});

const STACK_AUTH_HEADERS = Object.values(stackAuthMeta.securitySchemes).map((scheme) => scheme.header.toLowerCase());
const STACKER_HEADERS = Object.values(stackerMeta.securitySchemes).map((scheme) => scheme.header.toLowerCase());

/** The headers of a request that are among `names`. */
const headersAmong = (request: { headers: Record<string, string> }, names: readonly string[]) =>
  Object.keys(request.headers).filter((name) => names.includes(name));

describe("the clients in Chromium", () => {
  it("render the typed results of Stack Auth (client access) and Stacker calls made from the page", () => {
    expect(rendered.failure, "the page failed").toBeUndefined();
    expect(rendered).toMatchObject({
      user: "Ada Lovelace <ada@example.com>",
      project: "Analytical Engines App",
      fields: "orders__order_number, orders__order_date, orders__customer, orders__status",
      record: "rec7wzphqrc9w7rii7h",
    });
  });

  it("never send X-Stack-Secret-Server-Key (or its value) from the page, while the session and keys go where they belong", () => {
    const toStackAuth = sent.filter((request) => request.url.startsWith(`${mocks.stackAuth.url}/`));
    const toStacker = sent.filter((request) => request.url.startsWith(`${mocks.stacker.url}/`));
    expect(toStackAuth.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      "GET /users/me",
      "GET /projects/current",
    ]);
    expect(toStacker).toHaveLength(2);

    for (const request of sent) {
      expect(Object.keys(request.headers), request.url).not.toContain("x-stack-secret-server-key");
      expect(JSON.stringify(request), request.url).not.toContain(CREDENTIALS.stackSecretServerKey);
    }
    expect(toStackAuth[0]!.headers).toMatchObject({
      "x-stack-access-type": "client",
      "x-stack-publishable-client-key": CREDENTIALS.stackPublishableClientKey,
      "x-stack-access-token": CREDENTIALS.stackSession.accessToken,
    });
    // Each service gets only its own credentials; Stacker's secret key left the page only because it opted in.
    for (const request of toStackAuth) expect(headersAmong(request, STACKER_HEADERS), request.url).toEqual([]);
    for (const request of toStacker) {
      expect(request.headers["x-integration-key"]).toBe(CREDENTIALS.stackerIntegrationKey);
      expect(headersAmong(request, STACK_AUTH_HEADERS), request.url).toEqual([]);
    }
  });

  it("upload a Blob, bytes, a stream and an async generator retried after a 503, a multipart form with a file and bytes, CSV text, a File and an empty File, the caller's FormData, an object with a file or without, and a form byte for byte in their media types, refuse bytes for a JSON operation, text for a multipart one and cookie parameters (ConfigurationError), name a CSV response's type, and pass a middleware's own error through", async () => {
    await expectUploads(JSON.parse(rendered.uploads ?? "null"), pageServer.requests, "browser", { browser: true });
  });

  it("refuse to create a Stack Auth server client in the page without dangerouslyAllowBrowser, and create one with it", () => {
    expect(rendered["server-client-without-opt-in"]).toMatch(
      /^ConfigurationError: createStackAuthServerClient: Refusing to use secretServerKey \(the "X-Stack-Secret-Server-Key" header\) in a browser.*dangerouslyAllowBrowser: true/,
    );
    expect(rendered["server-client-with-opt-in"]).toBe("created");
  });
});
