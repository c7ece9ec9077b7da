import { describe, expect, it } from "vitest";
import { packageFiles } from "../lib/new-client/package-files.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";
import { keyedDocument } from "./fixtures/keyed-document.js";

const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };

/** An API with one POST whose body is in `mediaType`, taking `parameters`. */
function specTaking(mediaType: string, parameters: readonly object[] = []) {
  return keyedDocument("Bodies", {
    "/things": {
      post: {
        parameters,
        requestBody: { content: { [mediaType]: { schema: { type: "object" } } } },
        responses: ok,
      },
    },
  });
}

/** The client module new-client writes for a spec whose one operation's body is in `mediaType`. */
function clientFor(mediaType: string, parameters?: readonly object[]): string {
  return filesFor(mediaType, parameters).get("src/client.ts") as string;
}

/** Every file new-client writes for a spec whose one operation's body is in `mediaType`. */
function filesFor(mediaType: string, parameters?: readonly object[]): Map<string, string> {
  const spec = specTaking(mediaType, parameters);
  return packageFiles({
    name: "bodies",
    specFile: "bodies.json",
    dir: "bodies",
    spec,
    meta: deriveMeta(spec, "specs/bodies.json"),
    runtimeManifest: { dependencies: { "openapi-fetch": "^0.17.0" } },
  });
}

describe("new-client's factory: body options", () => {
  it("a JSON-only API's client bundles neither formBodies nor mediaBodies", () => {
    const client = clientFor("application/json");
    expect(client).not.toMatch(/formBodies|mediaBodies/);
    expect(client).toContain('    service: { name: "bodies" },\n    sdk:');
  });

  it("a form body's client passes formBodies only, an upload's mediaBodies only", () => {
    const form = clientFor("application/x-www-form-urlencoded");
    expect(form).toContain("  createApiClient,\n  formBodies,\n  namingFactory,\n  TRANSPORT_OPTIONS,\n");
    expect(form).toContain('    service: { name: "bodies" },\n    formBodies,\n    sdk:');
    expect(form).not.toContain("mediaBodies");

    const upload = clientFor("application/octet-stream");
    expect(upload).toContain("  createApiClient,\n  mediaBodies,\n  namingFactory,\n  TRANSPORT_OPTIONS,\n");
    expect(upload).toContain('    service: { name: "bodies" },\n    mediaBodies,\n    sdk:');
    expect(upload).not.toContain("formBodies");
  });
});

describe("new-client's factory: cookie parameters", () => {
  it("a client of an API with cookie parameters passes cookieParameters, imported in the order Biome sorts", () => {
    const client = clientFor("application/json", [{ name: "session", in: "cookie", schema: { type: "string" } }]);
    expect(client).toContain(
      "  ConfigurationError,\n  cookieParameters,\n  createApiClient,\n  namingFactory,\n  TRANSPORT_OPTIONS,\n",
    );
    expect(client).toContain('    service: { name: "bodies" },\n    cookieParameters,\n    sdk:');
    expect(clientFor("application/json")).not.toContain("cookieParameters");
  });

  it("a client of an API with header parameters that may be objects passes headerParameters", () => {
    const client = clientFor("application/json", [
      { name: "X-Range", in: "header", schema: { type: "object", properties: { from: { type: "string" } } } },
    ]);
    expect(client).toContain("  createApiClient,\n  headerParameters,\n  namingFactory,\n  TRANSPORT_OPTIONS,\n");
    expect(client).toContain('    service: { name: "bodies" },\n    headerParameters,\n    sdk:');
    const plain = clientFor("application/json", [{ name: "X-Limit", in: "header", schema: { type: "integer" } }]);
    expect(plain).not.toContain("headerParameters");
  });

  it("an operation whose required parameter is a cookie can be the generated test's call, which checks the cookie sent", () => {
    const files = filesFor("application/json", [
      { name: "shop session", in: "cookie", required: true, schema: { type: "string" } },
    ]);
    const test = files.get("test/client.test.ts") as string;
    expect(test).toContain('cookie: { "shop session": "shop session-1" }');
    expect(test).toContain('    expect(request.headers.cookie).toBe("shop%20session=shop%20session-1");\n');
  });
});

describe("new-client's factory: option names", () => {
  it("refuses an option name its options type does not declare, as the runtime's factories do (baseUrl required where the spec names no server)", () => {
    const client = clientFor("application/json");
    expect(client).toContain(
      'const BODIES_OPTIONS: OptionNames<BodiesClientOptions> = {\n  ...BASE_CLIENT_OPTIONS,\n  key: "required",\n  baseUrl: "required",\n};',
    );
    expect(client).toContain('  checkOptions("createBodiesClient", options, BODIES_OPTIONS);\n');
    expect(client).toContain('      checkOptions("withOptions", overrides, TRANSPORT_OPTIONS);\n');
  });

  it("names the factory called in every error of its creation, as Stacker and Stack Auth do: namingFactory around it all", () => {
    const client = clientFor("application/json");
    expect(client).toContain('  return namedClient(options, "createBodiesClient");\n');
    expect(client).toContain("  return namingFactory(factory, () => checkedClient(options));\n");
    expect(client).toContain('      return namedClient({ ...options, ...overrides }, "withOptions");\n');
    // Not also through createApiClient's `factory`: one way to name it.
    const createApiClientCall = client.slice(client.indexOf("createApiClient<paths>({"));
    expect(createApiClientCall.slice(0, createApiClientCall.indexOf("});"))).not.toMatch(/^\s*factory:/m);
  });

  it("tells header-auth the option each scheme's credential comes from and the factory, so that an error about its value names both, also at call time", () => {
    expect(clientFor("application/json")).toContain(
      '    credentials: { Key: options.key },\n    credentialNames: { Key: "key" },\n    factory: "createBodiesClient",\n',
    );
  });
});
