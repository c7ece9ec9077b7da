import { fileURLToPath } from "node:url";
import { sendText, startTestServer, type TestServer } from "@keyway/test-server";
import { build } from "esbuild";

const ENTRY = fileURLToPath(new URL("./page/main.ts", import.meta.url));

const HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>keyway in a browser</title><script type="module" src="/main.js"></script></head>
  <body></body>
</html>
`;

/** The test page bundled for browsers with esbuild, as one ES module. */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
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
 * Bundles the test page and serves it from 127.0.0.1: `/` is the HTML, `/main.js` the bundle.
 * Every request the server gets is recorded in `requests`.
 */
export async function servePage(): Promise<TestServer> {
  const script = await bundlePage();
  return startTestServer((request, response) => {
    const path = request.url.split("?")[0];
    if (path === "/") return sendText(response, 200, HTML, { "content-type": "text/html; charset=utf-8" });
    if (path === "/main.js") return sendText(response, 200, script, { "content-type": "text/javascript; charset=utf-8" });
    return sendText(response, 404, "not found");
  });
}
