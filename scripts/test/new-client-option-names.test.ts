import { describe, expect, it } from "vitest";
import { API_CLIENT_OPTIONS } from "../../packages/runtime/src/internal/option-names.js";
import { RESERVED_OPTIONS } from "../lib/new-client/api.mjs";
import { packageFiles } from "../lib/new-client/package-files.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";

/** Lufthansa's shape: security schemes named like options every client has (`auth`, `headers`). */
const spec = {
  openapi: "3.0.0",
  info: { title: "Named Schemes", version: "1" },
  components: {
    securitySchemes: {
      auth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://example.com/token", scopes: {} } } },
      headers: { type: "apiKey", in: "header", name: "X-Key" },
    },
  },
  security: [{ auth: [], headers: [] }],
  paths: {
    "/values": {
      get: {
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  },
};

describe("new-client on schemes named like a client's own options", () => {
  it("names their options after what their credentials are, and fills each scheme from its option", () => {
    const files = packageFiles({
      name: "named-schemes",
      specFile: "named-schemes.json",
      dir: "named-schemes",
      spec,
      meta: deriveMeta(spec, "specs/named-schemes.json"),
      runtimeManifest: { dependencies: { "openapi-fetch": "^0.17.0" } },
    });
    const client = files.get("src/client.ts") as string;
    expect(client).toContain("  readonly authToken: Credential;\n");
    expect(client).toContain("  readonly headersKey: Credential;\n");
    expect(client).toContain("credentials: { auth: options.authToken, headers: options.headersKey }");
    expect(files.get("test/client.test.ts")).toContain(
      'expect(request.headers["authorization"]).toBe(`Bearer ${AUTH_TOKEN}`);\n    expect(request.headers["x-key"]).toBe(HEADERS_KEY);',
    );
  });

  it("names an option after its credential when its scheme is named like a member every object has", () => {
    const named = structuredClone(spec);
    named.components.securitySchemes = {
      Constructor: { type: "apiKey", in: "header", name: "X-Key" },
      ValueOf: { type: "http", scheme: "bearer" },
    } as never;
    named.security = [{ Constructor: [], ValueOf: [] }] as never;
    const files = packageFiles({
      name: "member-schemes",
      specFile: "member-schemes.json",
      dir: "member-schemes",
      spec: named,
      meta: deriveMeta(named, "specs/member-schemes.json"),
      runtimeManifest: { dependencies: { "openapi-fetch": "^0.17.0" } },
    });
    const client = files.get("src/client.ts") as string;
    expect(client).toContain("credentials: { Constructor: options.constructorKey, ValueOf: options.valueOfToken }");
    expect(client).not.toMatch(/options\.(constructor|valueOf)\b/);
  });
});

describe("the option names new-client keeps for the client's own", () => {
  it("hold every option createApiClient takes: a scheme named like one would be spread into it", () => {
    expect(Object.keys(API_CLIENT_OPTIONS).filter((option) => !RESERVED_OPTIONS.has(option))).toEqual([]);
  });

  it.each(["userAgent", "maxResponseBytes", "allowedRedirectOrigins", "instrumentation", "secretParameters"])(
    "a scheme named %s gets an option named after its credential",
    (scheme) => {
      const named = structuredClone(spec);
      named.components.securitySchemes = { [scheme]: { type: "apiKey", in: "header", name: "X-Key" } } as never;
      named.security = [{ [scheme]: [] }] as never;
      const files = packageFiles({
        name: "option-schemes",
        specFile: "option-schemes.json",
        dir: "option-schemes",
        spec: named,
        meta: deriveMeta(named, "specs/option-schemes.json"),
        runtimeManifest: { dependencies: { "openapi-fetch": "^0.17.0" } },
      });
      expect(files.get("src/client.ts")).toContain(`credentials: { ${scheme}: options.${scheme}Key }`);
    },
  );
});
