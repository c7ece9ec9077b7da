import { describe, expect, it } from "vitest";
import { packageFiles } from "../lib/new-client/package-files.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";

/** OpenFIGI's shape: every operation open to anonymous calls, the empty alternative listed first. */
const spec = {
  openapi: "3.1.0",
  info: { title: "Optional Key", version: "1" },
  components: { securitySchemes: { Key: { type: "apiKey", in: "header", name: "X-Key" } } },
  security: [{}, { Key: [] }],
  paths: {
    "/values": {
      get: {
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  },
};

describe("new-client on an API whose key is optional", () => {
  it("writes a test expecting the key the client is given, as header-auth sends it", () => {
    const files = packageFiles({
      name: "optional-key",
      specFile: "optional-key.json",
      dir: "optional-key",
      spec,
      meta: deriveMeta(spec, "specs/optional-key.json"),
      runtimeManifest: { dependencies: { "openapi-fetch": "^0.17.0" } },
    });
    const test = files.get("test/client.test.ts");
    expect(test).toContain('expect(request.headers["x-key"]).toBe(KEY);');
    expect(test).not.toContain('not.toHaveProperty("x-key")');
  });
});
