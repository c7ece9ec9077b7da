// `pnpm generate` on what real vendor specs do: JSON, OpenAPI 3.0 and 3.1, `nullable` in 3.1, query keys in
// path templates, webhooks and operations without ids, basic and query-string schemes. Each either
// generates correctly or stops with one message naming the construct, its location and the fix.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../lib/paths.mjs";
import { declarationsOf } from "./fixtures/declarations.js";
import { fixturesDir } from "./fixtures/git-repo.js";
import { TOOL_STEPS_TIMEOUT_MS, runNode } from "./fixtures/node-tools.js";

const GENERATE = join(repoRoot, "scripts", "generate.mjs");
const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Runs generate in a scratch workspace holding only `specs/<file>` (and `others`) and an empty package for it. */
function workspace(
  file: string,
  contents: string,
  others: Record<string, string> = {},
  packageName = file.replace(/\.\w+$/, ""),
) {
  const root = mkdtempSync(join(tmpdir(), "keyway-tolerance-"));
  roots.push(root);
  for (const config of ["redocly.yaml", "redocly.strict.yaml"]) cpSync(join(repoRoot, config), join(root, config));
  mkdirSync(join(root, "specs"));
  mkdirSync(join(root, "packages", packageName), { recursive: true });
  writeFileSync(join(root, "packages", packageName, "package.json"), "{}\n");
  for (const [name, text] of Object.entries({ [file]: contents, ...others }))
    writeFileSync(join(root, "specs", name), text);
  const result = runNode([GENERATE, "--root", root]);
  const generated = (name: string) =>
    readFileSync(join(root, "packages", packageName, "src", "generated", name), "utf8");
  return { ...result, generated };
}

/** A minimal valid 3.1 document with `extra` merged in. */
function spec(extra: Record<string, unknown> = {}, paths: Record<string, unknown> = {}) {
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    servers: [{ url: "https://api.example.test" }],
    components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } },
    security: [{ key: [] }],
    paths: { "/ping": { get: { operationId: "ping", responses: { 200: { description: "ok" } } } }, ...paths },
    ...extra,
  });
}

describe("generate on a vendor-style JSON 3.1 spec", () => {
  let result: ReturnType<typeof workspace>;
  beforeAll(() => {
    result = workspace("vendor-style.json", readFileSync(join(fixturesDir, "vendor-style.json"), "utf8"));
  }, TOOL_STEPS_TIMEOUT_MS);
  const vendor = () => result;

  it("generates types and metadata from a .json spec, with no errors", () => {
    const result = vendor();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("generated 3 files from 1 specs");
    expect(result.generated("vendor-style.ts")).toContain('"/v1/messages?action=send"');
  });

  it("reads `nullable` in a 3.1 document as nullable, with a warning naming where and the 3.1 spelling", () => {
    const result = vendor();
    expect(result.generated("vendor-style.ts")).toMatch(/subject\?: string \| null;/);
    expect(result.stderr).toContain("warning keyway/openapi-3.0-in-3.1 (2)");
    expect(result.stderr).toContain(
      '#/components/schemas/Message/properties/subject/nullable: `nullable` is OpenAPI 3.0; read as "may be null"',
    );
  });

  it("names operations without an operationId by method and path, and ignores webhooks for calls", () => {
    const meta = vendor().generated("vendor-style.meta.ts");
    expect(meta).toContain('"POST /v1/messages?action=send": {"id":"POST /v1/messages?action=send"');
    expect(meta).not.toContain("message.delivered");
  });

  it("sends basic and bearer in Authorization, and leaves out a query-string key, saying so", () => {
    const result = vendor();
    const meta = result.generated("vendor-style.meta.ts");
    expect(meta).toContain(
      '"basicAuth": {"header":"Authorization","prefix":"Basic ","encoding":"basic","secret":true}',
    );
    // Each security list is spelt out once, as a constant the operations name.
    const list = /const (security\d+) = \[\["basicAuth"\],\["bearerAuth"\]\] as const;/.exec(meta);
    expect(list, "the basic-or-bearer list as a shared constant").not.toBeNull();
    expect(meta).toContain(`"GET /v1/messages": {"id":"listMessages","security":${list![1]}}`);
    expect(meta).not.toContain("queryKey");
    expect(result.stderr).toContain(
      'security scheme "queryKey" in specs/vendor-style.json is an API key in the query string',
    );
  });

  it("reports taste as warnings, grouped by rule with counts", () => {
    const result = vendor();
    expect(result.stderr).toContain("specs/vendor-style.json (default lint profile): 0 errors, 19 warnings");
    expect(result.stderr).toContain("warning operation-operationId (2)");
    expect(result.stderr).toContain("warning operation-4xx-response (4)");
  });
});

describe("generate on a requirement naming two schemes on one header (Google's Oauth2 and Oauth2c, Azure Container Registry)", () => {
  it("takes each alone, since a request carries the header once, with a warning counting the operations", () => {
    const oauth2 = {
      type: "oauth2",
      flows: { implicit: { authorizationUrl: "https://auth.example.test", scopes: {} } },
    };
    const result = workspace(
      "google-style.json",
      spec(
        {
          components: {
            securitySchemes: {
              Oauth2: oauth2,
              Oauth2c: oauth2,
              key: { type: "apiKey", in: "header", name: "X-Key" },
            },
          },
          security: [{ Oauth2: [], Oauth2c: [] }],
        },
        {
          "/keyed": {
            get: {
              operationId: "keyed",
              security: [{ Oauth2: [], Oauth2c: [], key: [] }],
              responses: { 200: { description: "ok" } },
            },
          },
        },
      ),
    );
    expect(result.status, result.stderr).toBe(0);
    const meta = result.generated("google-style.meta.ts");
    expect(meta).toMatch(/const security\d+ = \[\["Oauth2"\],\["Oauth2c"\]\] as const;/);
    expect(meta).toMatch(/const security\d+ = \[\["Oauth2","key"\],\["Oauth2c","key"\]\] as const;/);
    expect(result.stderr).toContain(
      'generate: warning: 2 operations in specs/google-style.json (such as GET /ping) require "Oauth2" and "Oauth2c" together, all sent in Authorization, which a request carries once: each is taken alone instead.',
    );
  });
});

describe("generate on paths that differ only by a parameter's name (HubSpot Files, Vercel)", () => {
  it("generates an operation for each, with a warning naming both paths", () => {
    const folder = (name: string, method: string) => ({
      [method]: {
        operationId: `${method}By${name}`,
        parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
        responses: { 200: { description: "ok" } },
      },
    });
    const result = workspace(
      "folders.json",
      spec(
        {},
        { "/folders/{folderId}": folder("folderId", "get"), "/folders/{folderPath}": folder("folderPath", "delete") },
      ),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning no-identical-paths (1)");
    expect(result.stderr).toContain("`/folders/{folderId}` and `/folders/{folderPath}`");
    expect(result.generated("folders.meta.ts")).toMatch(
      /"GET \/folders\/\{folderId\}"[\s\S]*"DELETE \/folders\/\{folderPath\}"/,
    );
  });
});

describe("generate on response keys written otherwise than OpenAPI writes a status (tools that write 2xx)", () => {
  it("reads each as the status it stands for, in the types and the metadata, with a warning naming each", () => {
    const body = { description: "ok", content: { "application/json": { schema: { type: "object" } } } };
    const result = workspace(
      "ranges.json",
      spec(
        {},
        {
          "/jobs": { post: { operationId: "startJob", responses: { "2xx": body, "202": { description: "queued" } } } },
          "/jobs/{id}": {
            get: {
              operationId: "getJob",
              parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
              responses: { "200 ": body, "4xx": body },
            },
          },
        },
      ),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning keyway/response-status (3)");
    expect(result.stderr).toContain('#/paths/~1jobs/post/responses/2xx: the response key "2xx" is read as 2XX');
    expect(result.stderr).not.toContain("is not expected here");
    const meta = result.generated("ranges.meta.ts");
    // The range stands for every 2xx but the 202, which declares no body and so types `data` as possibly undefined.
    expect(meta).toContain(
      '"POST /jobs": {"id":"startJob","security":security1,"successesWithBody":"200 201 203 206 207 208 226","successMayBeEmpty":true}',
    );
    expect(meta).toContain('"GET /jobs/{id}": {"id":"getJob","security":security1,"successesWithBody":"200"}');
    const types = result.generated("ranges.ts");
    expect(types).toContain('"2XX": {');
    expect(types).toContain('"4XX": {');
    expect(types).not.toMatch(/"2xx"|"4xx"|"200 "/);
  });
});

describe("generate on path templates that hold a query (openSUSE's, Medium's)", () => {
  it("generates each operation, those that also declare query parameters included", () => {
    const paths = {
      "/v1/messages?action=send": {
        post: {
          operationId: "send",
          parameters: [{ name: "dryRun", in: "query", schema: { type: "boolean" } }],
          responses: { 200: { description: "ok" } },
        },
      },
      "/v1/messages?action=list": { get: { operationId: "list", responses: { 200: { description: "ok" } } } },
    };
    const result = workspace("path-query.json", spec({}, paths));
    expect(result.status, result.stderr).toBe(0);
    expect(result.generated("path-query.meta.ts")).toContain('"POST /v1/messages?action=send"');
    expect(result.generated("path-query.spec-data.ts")).toContain('"POST /v1/messages?action=send"');
  });
});

describe("generate on a path parameter named with characters Redocly's rule does not read (RapidAPI's IdealSpot: {insight_id:})", () => {
  it("generates the operation, typed by the name as written, with no lint error", () => {
    const parameters = [{ name: "insight_id:", in: "path", required: true, schema: { type: "string" } }];
    const paths = {
      "/data/insights/{insight_id:}": {
        get: { operationId: "fetchInsight", parameters, responses: { 200: { description: "ok" } } },
      },
    };
    const result = workspace("insights.json", spec({}, paths));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("path-parameters-defined");
    expect(result.generated("insights.meta.ts")).toContain('"GET /data/insights/{insight_id:}"');
    expect(result.generated("insights.ts")).toMatch(/path: \{\s*"insight_id:": string;/);
  });
});

describe("generate on a discriminator mapping naming schemas that are not there (APIs.guru's DigitalOcean: 43 entries)", () => {
  const schemas = {
    Reboot: { type: "object", required: ["type"], properties: { type: { type: "string", enum: ["reboot"] } } },
    Resize: {
      type: "object",
      required: ["type", "size"],
      properties: { type: { type: "string", enum: ["resize"] }, size: { type: "string" } },
    },
    Action: {
      oneOf: [{ $ref: "#/components/schemas/Reboot" }, { $ref: "#/components/schemas/Resize" }],
      discriminator: {
        propertyName: "type",
        mapping: { reboot: "#/components/schemas/Reboot", resize: "models/droplet_actions.yml#/resize" },
      },
    },
  };
  const actions = {
    "/actions": {
      post: {
        operationId: "act",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Action" } } },
        },
        responses: { 200: { description: "ok" } },
      },
    },
  };
  const components = { schemas, securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } };

  it("generates, leaving the entry out, with a warning naming where it is, what it names and the fix", () => {
    const result = workspace("mapping.json", spec({ components }, actions));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning keyway/unresolved-mapping (");
    expect(result.stderr).toContain(
      '#/components/schemas/Action/discriminator/mapping/resize: the discriminator mapping names "models/droplet_actions.yml#/resize", which resolves to nothing',
    );
    expect(result.stderr).toContain(
      'Fix: point it at a schema of this document ("#/components/schemas/<name>"), or remove it',
    );
    const types = result.generated("mapping.ts");
    expect(types).toContain('Action: components["schemas"]["Reboot"] | components["schemas"]["Resize"];');
    expect(result.generated("mapping.meta.ts")).toContain('"POST /actions": {"id":"act"');
  });

  it("lists it with the other $refs that resolve to nothing when there are any", () => {
    const broken = { ...schemas, Reboot: { $ref: "models/droplet_actions.yml#/reboot" } };
    const result = workspace("broken.json", spec({ components: { ...components, schemas: broken } }, actions));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error no-unresolved-refs (");
    expect(result.stderr).toContain("warning keyway/unresolved-mapping (");
  });
});

describe('generate on a 3.0 server variable whose default is not in its enum (VTEX\'s template: default "{environment}")', () => {
  const servers = [
    { url: "https://api.example.test" },
    {
      url: "https://{accountName}.{environment}.{region}.example.test",
      variables: {
        accountName: { default: "{accountName}" },
        environment: { default: "{environment}", enum: ["stable", "myvtex"] },
        region: { default: "eu", enum: [] },
      },
    },
  ];

  it("generates, with a warning naming each variable, since 3.0 only says the default SHOULD be in the enum", () => {
    const result = workspace("variables.json", spec({ openapi: "3.0.3", servers }));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /warning keyway\/server-variable-enum \(1\)\n {4}specs\/variables\.json:\d+:\d+ #\/servers: /,
    );
    expect(result.stderr).toContain(
      'a server variable\'s `enum` is empty or leaves out its `default`, which OpenAPI 3.0 allows (3.1 does not): `environment` (default "{environment}", enum stable, myvtex); `region` (default "eu", enum empty). Generation uses the default and ignores the enum',
    );
    expect(result.stderr).not.toContain("no-server-variables-empty-enum");
  });

  it("still stops on one in a 3.1 document, where the default MUST be in the enum", () => {
    const result = workspace("variables31.json", spec({ openapi: "3.1.0", servers }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error no-server-variables-empty-enum (2)");
    expect(result.stderr).toContain("#/servers: Server variable with `enum` must be a non-empty array.");
  });
});

describe("generate on a spec some of whose operations keyway cannot authenticate (a key only in the query string)", () => {
  let result: ReturnType<typeof workspace>;
  beforeAll(() => {
    result = workspace("partly-keyed.yaml", readFileSync(join(fixturesDir, "partly-keyed.yaml"), "utf8"));
  }, TOOL_STEPS_TIMEOUT_MS);

  it("generates every operation's types, and marks those it cannot authenticate in the metadata", () => {
    expect(result.status, result.stderr).toBe(0);
    expect(result.generated("partly-keyed.ts")).toContain('"/search": {');
    const meta = result.generated("partly-keyed.meta.ts");
    expect(meta).toContain(
      '"GET /search": {"id":"search","security":[],"unsendable":["QueryKey"],"headers":["X-Search-Key"]}',
    );
    expect(meta).toContain('"POST /reports": {"id":"POST /reports","security":[],"unsendable":["CookieKey","Digest"]');
    expect(meta).toContain('"QueryKey": {"what":"an API key in the query string","why":"keyway sends credentials');
    // Partly sendable and anonymous operations are as before.
    expect(meta).toMatch(/"GET \/either": \{"id":"either","security":security\d+\}/);
    expect(meta).toContain('"GET /health": {"id":"health","security":[],"successesWithBody":""}');
    expect(result.generated("partly-keyed.spec-data.ts")).toContain('"unsendable":["QueryKey"]');
  });

  it("warns once per set of schemes, naming each operation, its schemes, why and the fix", () => {
    expect(result.stderr).toContain(
      'generate: warning: 1 operation in specs/partly-keyed.yaml can only be authenticated with "QueryKey" (an API ' +
        "key in the query string): keyway sends credentials only in headers (a secret in a query string or cookie ends " +
        "up in URLs, logs and proxies). It is typed, but a call fails with a ConfigurationError before anything is " +
        "sent. Fix: if the API also accepts the credential in a header, declare that scheme (type: apiKey, in: " +
        "header) and add it to the operation's security alternatives.\n    GET /search (search)\n",
    );
    expect(result.stderr).toContain(
      'can only be authenticated with "CookieKey" (an API key in a cookie), "Digest" (HTTP "digest" authentication)',
    );
    expect(result.stderr).toContain("\n    POST /reports\n");
  });

  it("lists the first five of many operations, then counts the rest", () => {
    const queried = Object.fromEntries(
      ["a", "b", "c", "d", "e", "f", "g"].map((name) => [
        `/${name}`,
        { get: { operationId: name, security: [{ q: [] }], responses: { 200: { description: "ok" } } } },
      ]),
    );
    const many = workspace(
      "many-query.json",
      spec(
        {
          components: {
            securitySchemes: {
              key: { type: "apiKey", in: "header", name: "X-Key" },
              q: { type: "apiKey", in: "query", name: "key" },
            },
          },
        },
        queried,
      ),
    );
    expect(many.status, many.stderr).toBe(0);
    expect(many.stderr).toContain(
      'generate: warning: 7 operations in specs/many-query.json can only be authenticated with "q"',
    );
    expect(many.stderr).toContain("They are typed, but a call fails with a ConfigurationError");
    expect(many.stderr).toContain(
      "\n    GET /a (a)\n    GET /b (b)\n    GET /c (c)\n    GET /d (d)\n    GET /e (e)\n    … 2 more\n",
    );
    expect(many.stderr).not.toContain("GET /f");
  });
});

describe('generate on a spec whose info.title is blank (GoDaddy Orders: title "")', () => {
  it("names the API by the spec's name in the generated files' comments", () => {
    const result = workspace("untitled.json", spec({ info: { title: " ", version: "1" } }));
    expect(result.status, result.stderr).toBe(0);
    expect(result.generated("untitled.meta.ts")).toContain(
      "/** Security schemes and operations of untitled, derived from specs/untitled.json. */",
    );
    expect(result.generated("untitled.spec-data.ts")).toContain("/** What a fake of untitled needs at run time");
  });
});

describe("generate on a spec of any number of operations (Microsoft Graph's 11,422 made a type tsc would not write)", () => {
  it(
    "writes the metadata's type out, so that the package's declaration file copies it and tsc infers nothing",
    () => {
      const operations = {
        "/items": {
          get: {
            operationId: "listItems",
            parameters: [{ name: "filter", in: "query", style: "deepObject", schema: { type: "object" } }],
            responses: { 200: { description: "ok", content: { "application/json": { schema: { type: "array" } } } } },
          },
          post: { operationId: "createItem", security: [], responses: { 204: { description: "created" } } },
        },
        "/items/{id}": {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          delete: {
            operationId: "deleteItem",
            parameters: [{ name: "If-Match", in: "header", schema: { type: "string" } }],
            responses: { 204: { description: "gone" } },
          },
        },
      };
      const result = workspace("many.json", spec({}, operations));
      expect(result.status, result.stderr).toBe(0);
      const file = join(repoRoot, "virtual", "many.meta.ts");
      const { diagnostics, declarations } = declarationsOf({ [file]: result.generated("many.meta.ts") });
      expect(diagnostics).toEqual([]);
      const declaration = declarations.get(file.replace(/\.ts$/, ".d.ts")) ?? "";
      expect(declaration).toContain("export declare const apiMeta: ApiMetaType;");
      expect(declaration).toMatch(
        /readonly "DELETE \/items\/\{id\}": \{\s*readonly "id": "deleteItem";\s*readonly "security": typeof security1;\s*readonly "headers": readonly \["If-Match"\];/,
      );
      expect(declaration).toMatch(
        /readonly "POST \/items": \{\s*readonly "id": "createItem";\s*readonly "security": readonly \[\];/,
      );
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

describe("generate stops with one clear message", () => {
  it("when an operation can only be authenticated through the query string", () => {
    const result = workspace(
      "only-query.yaml",
      spec({
        components: { securitySchemes: { q: { type: "apiKey", in: "query", name: "key" } } },
        security: [{ q: [] }],
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'generate: GET /ping in specs/only-query.yaml can only be authenticated with "q" (an API key in the query string)',
    );
    expect(result.stderr).toContain("Fix: if the API also accepts the credential in a header");
  });

  it("when no operation of several can be authenticated, counting the others", () => {
    const result = workspace(
      "all-query.yaml",
      spec(
        {
          components: { securitySchemes: { q: { type: "apiKey", in: "query", name: "key" } } },
          security: [{ q: [] }],
        },
        { "/pong": { post: { operationId: "pong", responses: { 200: { description: "ok" } } } } },
      ),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'generate: GET /ping in specs/all-query.yaml can only be authenticated with "q" (an API key in the query ' +
        "string) (as can its other operation): keyway sends credentials only in headers",
    );
  });

  it("when an operation's only scheme is an HTTP scheme keyway does not send (PAYONE's request signature)", () => {
    const result = workspace(
      "signed.yaml",
      spec({
        components: { securitySchemes: { signed: { type: "http", scheme: "payone-hmac-sha256" } } },
        security: [{ signed: [] }],
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'generate: GET /ping in specs/signed.yaml can only be authenticated with "signed" (HTTP "payone-hmac-sha256" ' +
        "authentication): keyway sends the HTTP basic and bearer schemes only: any other (digest, a vendor's request " +
        "signature) computes its Authorization header for each request or in a handshake. Fix: if the API also " +
        "accepts a credential keyway sends (an API key in a header, a bearer token), declare that scheme",
    );
    expect(result.stderr).not.toContain("query string");
  });

  it("when an operation's only scheme names a header HTTP does not allow (RapidAPI's \"ADVICEment API Key\")", () => {
    const result = workspace(
      "bad-header.yaml",
      spec({
        components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "ADVICEment API Key" } } },
        security: [{ key: [] }],
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'generate: GET /ping in specs/bad-header.yaml can only be authenticated with "key" (an API key in the header ' +
        '"ADVICEment API Key"): that is not a header name HTTP allows',
    );
    expect(result.stderr).toContain("Fix: give the scheme the name of the header the API reads.");
  });

  it("on a Swagger 2.0 document, naming its version and the way out", () => {
    const result = workspace(
      "old.json",
      JSON.stringify({ swagger: "2.0", info: { title: "T", version: "1" }, paths: {} }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("specs/old.json is Swagger 2.0; keyway generates from OpenAPI 3.0 and 3.1");
  });

  it("on a document that is not valid for its version, naming the rule and the location", () => {
    const paths = {
      "/n": {
        get: {
          operationId: "n",
          parameters: [{ name: "n", in: "query", required: "yes", schema: { type: "integer" } }],
          responses: { 200: { description: "ok" } },
        },
      },
    };
    const result = workspace("invalid.json", spec({}, paths));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error struct (1)");
    expect(result.stderr).toMatch(
      /specs\/invalid\.json:\d+:\d+ #\/paths\/~1n\/get\/parameters\/0\/required: Expected type `boolean` but got `string`/,
    );
    expect(result.stderr).toContain("generate: Redocly lint found 1 error in specs/");
  });

  it("on a schema whose `type` holds a schema (Codat Accounting's itemType), naming the keywords to move up", () => {
    const itemType = { type: { description: "Type of the item.", enum: ["Inventory", "Service"], type: "string" } };
    const result = workspace(
      "nested-type.json",
      spec({
        components: {
          securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } },
          schemas: { itemType },
        },
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error struct (1)");
    expect(result.stderr).toMatch(
      /specs\/nested-type\.json:\d+:\d+ #\/components\/schemas\/itemType\/type: `type` holds an object \(description, enum, type\), where it names a type: a schema's keywords nested one level too deep\. Fix: move them up into #\/components\/schemas\/itemType, in place of `type`/,
    );
  });

  it("on two spec files with one name", () => {
    const result = workspace("twice.json", spec(), { "twice.yaml": spec() });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "specs/ holds two files named twice (specs/twice.json, specs/twice.yaml): keep one",
    );
  });

  it("never ignores a file in specs/ silently", () => {
    const result = workspace("noted.json", spec(), { "noted.yaml.orig": "openapi: 3.1.0\n" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      "generate: warning: specs/noted.yaml.orig is not a spec (a spec ends in .yaml, .yml or .json), so nothing is generated from it",
    );
  });

  it("on an unknown lint profile", () => {
    const result = workspace("profiled.json", spec({ info: { title: "T", version: "1", "x-keyway-lint": "lenient" } }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('specs/profiled.json: info.x-keyway-lint is "lenient"; use one of default, strict');
  });
});

describe("lint profiles", () => {
  it("read OpenAPI 3.0 spellings in a 3.1 document and fields the version lacks as warnings, naming the 3.1 spelling", () => {
    const paths = {
      "/n": {
        get: {
          operationId: "n",
          parameters: [{ name: "n", in: "query", schema: { type: "integer", minimum: 0, exclusiveMinimum: true } }],
          responses: { 200: { description: "ok" } },
        },
      },
    };
    const result = workspace(
      "bounds.json",
      spec({ openapi: "3.1.0", tags: [{ name: "t", "x-displayName": "T", summary: "not a 3.1 tag field" }] }, paths),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /warning keyway\/openapi-3\.0-in-3\.1 \(1\)\n {4}specs\/bounds\.json:\d+:\d+ #\/paths\/~1n\/get\/parameters\/0\/schema\/exclusiveMinimum: a boolean exclusive bound is OpenAPI 3\.0/,
    );
    expect(result.stderr).toContain("the 3.1 spelling: exclusiveMinimum: <number>, without minimum");
    expect(result.stderr).toMatch(
      /warning keyway\/ignored-property \(1\)\n {4}specs\/bounds\.json:\d+:\d+ #\/tags\/0\/summary: `summary` is not part of OpenAPI 3\.1\.0 here, so generation ignores it/,
    );
  });

  const withoutSummaries = (count: number) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `/things/${i}`,
        { get: { operationId: `thing${i}`, responses: { 200: { description: "ok" } } } },
      ]),
    );

  it("print every problem's count and first locations, and write every location to the file they name", () => {
    const result = workspace("many.json", spec({}, withoutSummaries(150)));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning operation-summary (151)");
    expect(result.stderr.match(/Operation object should contain `summary` field/g)).toHaveLength(5);
    expect(result.stderr).toContain("… 146 more");
    const report = /Every location: (.+)$/m.exec(result.stderr)?.[1];
    expect(readFileSync(report!, "utf8").match(/Operation object should contain `summary` field/g)).toHaveLength(151);
  });

  it("make taste an error for a spec that opts into the strict profile", () => {
    const strict = spec({ info: { title: "T", version: "1", "x-keyway-lint": "strict" } });
    const result = workspace("strict.json", strict);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("specs/strict.json (strict lint profile)");
    expect(result.stderr).toContain("error operation-summary (1)");
    expect(result.stderr).toContain("error rule/scheme-has-secret-flag (1)");
  });
});
