import { fileURLToPath } from "node:url";
import { sendText, startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import { build } from "esbuild";

const ENTRY = fileURLToPath(new URL("./page/main.ts", import.meta.url));

const HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>keyway in a browser</title><script type="module" src="/main.js"></script></head>
  <body></body>
</html>
`;

/** A test page bundled for browsers with esbuild, as one ES module. */
async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/**
 * Bundles a test page (by default page/main.ts) and serves it from 127.0.0.1: `/` is the HTML,
 * `/main.js` the bundle; `api` answers every other path (404 without it). Every request the
 * server gets is recorded in `requests`.
 */
export async function servePage(entry = ENTRY, api?: Handler): Promise<TestServer> {
  const script = await bundlePage(entry);
  return startTestServer((request, response, raw) => {
    const path = request.url.split("?")[0];
    if (path === "/") return sendText(response, 200, HTML, { "content-type": "text/html; charset=utf-8" });
    if (path === "/main.js")
      return sendText(response, 200, script, { "content-type": "text/javascript; charset=utf-8" });
    if (api) return api(request, response, raw);
    return sendText(response, 404, "not found");
  });
}
