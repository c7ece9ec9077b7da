// Sends one multipart form through the BUILT @keyway/runtime on whichever runtime runs it (Node, Bun, Deno): a file,
// a part the spec types as JSON, and a field whose name a hostile caller chose. Usage: <runtime> multipart.mjs <url>
import { createHeaderAuth } from "../../../../packages/header-auth/dist/index.js";
import { createApiClient, mediaBodies } from "../../../../packages/runtime/dist/index.js";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /documents": {
      id: "uploadDocument",
      security: [["ApiKey"]],
      bodyMedia: "multipart/form-data",
      bodyEncoding: { json: ["options"] },
    },
  },
};
const auth = createHeaderAuth({ meta, credentials: { ApiKey: "k_multipart" } });
const { client } = createApiClient({
  meta,
  baseUrl: globalThis.Deno?.args[0] ?? process.argv[2],
  auth,
  mediaBodies,
});
const { response } = await client.POST("/documents", {
  body: {
    'x"\r\nContent-Type: text/html\r\n\r\né': "line one\nline two",
    file: new File(["%PDF-1.4 é"], 'a"b\r\n.pdf', { type: "application/pdf" }),
    bytes: new Uint8Array([0, 255]),
    options: { dpi: 300 },
  },
});
console.log(JSON.stringify({ status: response.status }));
