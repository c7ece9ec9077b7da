import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bumpFor } from "../lib/spec-diff/bump.mjs";
import { diffDocuments, highestLevel } from "../lib/spec-diff/diff.mjs";
import { loadDereferenced } from "../lib/spec/load.mjs";
import { createFixtureRepo, fixturesDir, runScript, type FixtureRepo } from "./fixtures/git-repo.js";

type Edit = (spec: any, components: any) => void;
interface Change {
  level: "breaking" | "additive" | "docs";
  operation?: string;
  message: string;
}

const FIXTURE_SPECS = join(fixturesDir, "spec-diff", "specs");
let original: unknown;
const scratch: string[] = [];

/** The fixture spec after `edit` (applied to the parsed root spec and its components file), dereferenced. */
async function edited(edit: Edit) {
  const dir = mkdtempSync(join(tmpdir(), "keyway-spec-diff-"));
  scratch.push(dir);
  cpSync(FIXTURE_SPECS, join(dir, "specs"), { recursive: true });
  const specPath = join(dir, "specs", "shop.yaml");
  const componentsPath = join(dir, "specs", "shop", "components.yaml");
  const spec = parse(readFileSync(specPath, "utf8"));
  const components = parse(readFileSync(componentsPath, "utf8"));
  edit(spec, components);
  writeFileSync(specPath, stringify(spec));
  writeFileSync(componentsPath, stringify(components));
  return loadDereferenced(specPath);
}

async function changesAfter(edit: Edit): Promise<Change[]> {
  return diffDocuments(original, await edited(edit));
}

beforeAll(async () => {
  original = await loadDereferenced(join(FIXTURE_SPECS, "shop.yaml"));
});
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const product = (c: any) => c.components.schemas.Product;
const productWrite = (c: any) => c.components.schemas.ProductWrite;
const listProducts = (s: any) => s.paths["/products"].get;

/** [what changes, the edit, expected level, operation, a fragment of the message] */
const TABLE: Array<[string, Edit, Change["level"], string | undefined, string]> = [
  // breaking
  [
    "an operation removed",
    (s) => delete s.paths["/products/{id}"].delete,
    "breaking",
    "DELETE /products/{id}",
    "removed operation",
  ],
  [
    "a response field removed",
    (_, c) => delete product(c).properties.price,
    "breaking",
    "GET /products/{id}",
    "response 200 application/json, field `price` removed",
  ],
  [
    "an enum value removed (in a shared schema, reported where it is used)",
    (_, c) => (c.components.schemas.Status.enum = ["live"]),
    "breaking",
    "GET /products",
    'enum value "draft" removed',
  ],
  [
    "a new required query parameter",
    (s) => listProducts(s).parameters.push({ name: "shop", in: "query", required: true, schema: { type: "string" } }),
    "breaking",
    "GET /products",
    "new required parameter query:shop",
  ],
  [
    "an optional parameter made required",
    (s) => (listProducts(s).parameters[0].required = true),
    "breaking",
    "GET /products",
    "parameter query:limit is now required",
  ],
  [
    "a new required request field",
    (_, c) => {
      productWrite(c).properties.sku = { type: "string" };
      productWrite(c).required.push("sku");
    },
    "breaking",
    "POST /products",
    "new required request body application/json, field `sku`",
  ],
  [
    "an existing request field made required",
    (_, c) => productWrite(c).required.push("price"),
    "breaking",
    "POST /products",
    "field `price` is now required",
  ],
  [
    "a request field's type narrowed",
    (_, c) => (productWrite(c).properties.price = { type: "integer" }),
    "breaking",
    "POST /products",
    "type narrowed (number no longer accepted)",
  ],
  [
    "a request bound tightened",
    (_, c) => (productWrite(c).properties.name.maxLength = 100),
    "breaking",
    "POST /products",
    "narrowed, maxLength 200 → 100",
  ],
  [
    "an auth requirement added to an open operation",
    (s) => (s.paths["/health"].get.security = [{ ApiKey: [] }]),
    "breaking",
    "GET /health",
    "auth: now requires ApiKey",
  ],
  [
    "an auth requirement changed",
    (s) => (s.paths["/products/{id}"].delete.security = [{ Bearer: [] }]),
    "breaking",
    "DELETE /products/{id}",
    "auth: ApiKey + Bearer no longer accepted",
  ],
  [
    "a response status removed",
    (s) => delete s.paths["/health"].get.responses["503"],
    "breaking",
    "GET /health",
    "removed response 503",
  ],
  [
    "a response media type removed",
    (s) => (s.paths["/health"].get.responses["200"].content = { "application/json": { schema: { type: "string" } } }),
    "breaking",
    "GET /health",
    "response 200 text/plain: media type removed",
  ],
  [
    "a response field made optional",
    (_, c) => (product(c).required = ["id", "name"]),
    "breaking",
    "GET /products/{id}",
    "field `status` may now be absent",
  ],
  [
    "a response field made nullable",
    (_, c) => (product(c).properties.name.type = ["string", "null"]),
    "breaking",
    "GET /products/{id}",
    "type widened (can now be null)",
  ],
  [
    "a new success status answering another body",
    (s) =>
      (s.paths["/products/{id}"].get.responses["202"] = {
        description: "Still importing.",
        content: { "application/json": { schema: { type: "object", properties: { job: { type: "string" } } } } },
      }),
    "breaking",
    "GET /products/{id}",
    "new response 202: a call's data may now be its body",
  ],
  [
    "a 204 beside a success with a body",
    (s) => (s.paths["/products/{id}"].get.responses["204"] = { description: "Gone quiet." }),
    "breaking",
    "GET /products/{id}",
    "new response 204: a call's data may now be undefined",
  ],
  [
    "a success answering in a new media type",
    (s) => (s.paths["/products/{id}"].get.responses["200"].content["text/csv"] = { schema: { type: "string" } }),
    "breaking",
    "GET /products/{id}",
    "response 200 text/csv: can answer with a new media type, which a call's data may now be",
  ],
  [
    "a request field made readOnly",
    (_, c) => (productWrite(c).properties.price.readOnly = true),
    "breaking",
    "POST /products",
    "field `price`: now readOnly (a request no longer sends it)",
  ],
  [
    "a response field made writeOnly",
    (_, c) => (product(c).properties.price.writeOnly = true),
    "breaking",
    "GET /products/{id}",
    "field `price`: now writeOnly (a response no longer has it)",
  ],
  [
    "an enum dropped from a field a response has",
    (_, c) => delete c.components.schemas.Status.enum,
    "breaking",
    "GET /products/{id}",
    "field `status`: no longer an enum (any value may come)",
  ],
  [
    "a path item served elsewhere",
    (s) => (s.paths["/products/{id}"].servers = [{ url: "https://eu.shop.example.com/v1" }]),
    "breaking",
    "GET /products/{id}",
    "servers",
  ],
  [
    "an operationId renamed",
    (s) => (listProducts(s).operationId = "getProducts"),
    "breaking",
    "GET /products",
    "operationId listProducts → getProducts",
  ],
  [
    "a security scheme's header renamed",
    (s) => (s.components.securitySchemes.ApiKey.name = "X-Key"),
    "breaking",
    undefined,
    "security scheme ApiKey: name changed",
  ],
  [
    "a request parameter's default set (calls that leave it out get it)",
    (s) => (listProducts(s).parameters[0].schema.default = 20),
    "breaking",
    "GET /products",
    "parameter query:limit: default none → 20 (calls that leave it out now behave differently)",
  ],
  [
    "a request field's default changed",
    (_, c) => (productWrite(c).properties.price.default = 0),
    "breaking",
    "POST /products",
    "request body application/json, field `price`: default none → 0 (calls that leave it out now behave differently)",
  ],
  [
    "the first server moved (the client's default base URL)",
    (s) => (s.servers[0] = { url: "https://{region}.shop.test/", variables: { region: { default: "eu" } } }),
    "breaking",
    undefined,
    "default server https://api.shop.test → https://eu.shop.test (the client's default base URL moves)",
  ],
  // additive
  [
    "a new operation",
    (s) =>
      (s.paths["/products/{id}"].put = {
        operationId: "replaceProduct",
        summary: "Replace",
        responses: { "204": { description: "ok" } },
      }),
    "additive",
    "PUT /products/{id}",
    "new operation",
  ],
  [
    "a new optional parameter",
    (s) => listProducts(s).parameters.push({ name: "q", in: "query", schema: { type: "string" } }),
    "additive",
    "GET /products",
    "new optional parameter query:q",
  ],
  [
    "a new optional request field",
    (_, c) => (productWrite(c).properties.sku = { type: "string" }),
    "additive",
    "POST /products",
    "new optional request body application/json, field `sku`",
  ],
  [
    "a new response field",
    (_, c) => (product(c).properties.sku = { type: "string" }),
    "additive",
    "GET /products/{id}",
    "new response 200 application/json, field `sku`",
  ],
  [
    "an enum widened",
    (_, c) => c.components.schemas.Status.enum.push("archived"),
    "additive",
    "GET /products",
    'enum value "archived" added',
  ],
  [
    "a new success status answering the same body",
    (s) =>
      (s.paths["/products/{id}"].get.responses["203"] = structuredClone(
        s.paths["/products/{id}"].get.responses["200"],
      )),
    "additive",
    "GET /products/{id}",
    "new response 203",
  ],
  [
    "a success answering the same schema in another media type",
    (s) => {
      const { content } = s.paths["/products/{id}"].get.responses["200"];
      content["application/vnd.shop+json"] = structuredClone(content["application/json"]);
    },
    "additive",
    "GET /products/{id}",
    "response 200 application/vnd.shop+json: can answer with a new media type",
  ],
  [
    "a new response status",
    (s) => (s.paths["/health"].get.responses["429"] = { description: "Slow down." }),
    "additive",
    "GET /health",
    "new response 429",
  ],
  [
    "a new webhook",
    (s) =>
      (s.webhooks = {
        productSold: {
          post: {
            operationId: "productSold",
            summary: "Sold",
            requestBody: { content: { "application/json": { schema: { type: "object" } } } },
            responses: { "200": { description: "ok" } },
          },
        },
      }),
    "additive",
    "POST productSold",
    "new webhook",
  ],
  [
    "an auth alternative added",
    (s) => s.paths["/products/{id}"].delete.security.push({ Bearer: [] }),
    "additive",
    "DELETE /products/{id}",
    "auth: Bearer accepted as an alternative",
  ],
  [
    "a request field made optional",
    (_, c) => (productWrite(c).required = []),
    "additive",
    "POST /products",
    "field `name` is now optional",
  ],
  [
    "a response field's default changed",
    (_, c) => (product(c).properties.price.default = 0),
    "additive",
    "GET /products/{id}",
    "response 200 application/json, field `price`: default none → 0",
  ],
  // docs-only
  [
    "a description changed",
    (s) => (listProducts(s).description = "Lists every product."),
    "docs",
    "GET /products",
    "description changed",
  ],
  ["a summary changed", (s) => (listProducts(s).summary = "All products"), "docs", "GET /products", "summary changed"],
  [
    "an example changed",
    (s) => (listProducts(s).responses["200"].content["application/json"].example = []),
    "docs",
    "GET /products",
    "example changed",
  ],
  [
    "a schema marked x-unverified",
    (_, c) => (product(c)["x-unverified"] = true),
    "docs",
    "GET /products/{id}",
    "x-unverified changed",
  ],
  [
    "a field description changed in the shared components file",
    (_, c) => (product(c).properties.name.description = "Display name."),
    "docs",
    "GET /products/{id}",
    "field `name`: description changed",
  ],
  [
    "a second server added, and the first one described",
    (s) => {
      s.servers[0].description = "Production";
      s.servers.push({ url: "https://sandbox.shop.test" });
    },
    "docs",
    undefined,
    "document servers",
  ],
  [
    "the info block changed",
    (s) => (s.info.description = "A shop."),
    "docs",
    undefined,
    "document info.description changed",
  ],
];
const CASES = TABLE.map(([name, edit, level, operation, message]) => ({ name, edit, level, operation, message }));

describe("spec:diff classification", () => {
  it.each(CASES)("classifies $name as $level", async ({ edit, level, operation, message }) => {
    const changes = await changesAfter(edit);
    const match = changes.find(
      (change) => change.level === level && change.operation === operation && change.message.includes(message),
    );
    expect(match, JSON.stringify(changes, null, 2)).toBeDefined();
    expect(highestLevel(changes)).toBe(level);
  });

  it("finds no change when only formatting and key order change", async () => {
    const changes = await changesAfter((s) => {
      const { paths, ...rest } = s;
      for (const key of Object.keys(s)) delete s[key];
      Object.assign(s, { paths }, rest);
    });
    expect(changes).toEqual([]);
  });

  it("reports a parameter removed from the middle of a list as that one removal", async () => {
    const changes = await changesAfter((s) => listProducts(s).parameters.splice(0, 1));
    expect(changes).toEqual([
      { level: "breaking", operation: "GET /products", message: "removed parameter query:limit" },
    ]);
  });

  it("reports a property added together with its required mark once, as a new required field", async () => {
    const changes = await changesAfter((_, c) => {
      productWrite(c).properties.sku = { type: "string" };
      productWrite(c).required.push("sku");
    });
    expect(changes.filter((change) => change.operation === "POST /products")).toHaveLength(1);
  });

  it("reports a required mark on a field the schema takes from allOf, both ways, and on one it never declares", async () => {
    // ProductWrite as a part that declares the fields, and the schema that requires some of them.
    const composed = (required: string[]) => (_: unknown, c: any) => {
      const { required: _own, ...part } = productWrite(c);
      c.components.schemas.ProductWrite = { allOf: [part], required };
    };
    const before = await edited(composed(["name"]));
    expect(diffDocuments(before, await edited(composed(["name", "price"])))).toContainEqual({
      level: "breaking",
      operation: "POST /products",
      message: "request body application/json, field `price` is now required",
    });
    expect(diffDocuments(before, await edited(composed(["name", "sku"])))).toContainEqual({
      level: "breaking",
      operation: "POST /products",
      message: "request body application/json, field `sku` is now required",
    });
    const output = (required: string[]) => (_: unknown, c: any) => {
      const { required: _own, ...part } = product(c);
      c.components.schemas.Product = { allOf: [part], required };
    };
    const answered = await edited(output(["id", "name", "status"]));
    expect(diffDocuments(answered, await edited(output(["id", "name"])))).toContainEqual({
      level: "breaking",
      operation: "GET /products/{id}",
      message: "response 200 application/json, field `status` may now be absent",
    });
  });

  it("reports a response's typed map values or const dropped, and a binary body's format, as breaking", async () => {
    const version = (narrow: boolean) => (_: unknown, c: any) => {
      if (narrow) product(c).additionalProperties = { type: "string" };
      product(c).properties.kind = narrow ? { type: "string", const: "product" } : { type: "string" };
      productWrite(c).properties.picture = narrow ? { type: "string", format: "binary" } : { type: "string" };
    };
    const changes = diffDocuments(await edited(version(true)), await edited(version(false)));
    for (const [operation, message] of [
      ["GET /products/{id}", "response 200 application/json: other properties of any type"],
      ["GET /products/{id}", "response 200 application/json, field `kind`: const removed"],
      [
        "POST /products",
        "request body application/json, field `picture`: format removed (binary: a Blob no longer, a string)",
      ],
    ])
      expect(changes).toContainEqual({ level: "breaking", operation, message });
  });

  it("reports a const changed or added as breaking both ways, and one removed from a request as additive", async () => {
    const kind = (write: unknown, read: unknown) => (_: unknown, c: any) => {
      productWrite(c).properties.kind = write;
      product(c).properties.kind = read;
    };
    const before = await edited(kind({ type: "string", const: "product" }, { type: "string", const: "product" }));
    const changed = await edited(kind({ type: "string", const: "item" }, { type: "string", const: "item" }));
    expect(diffDocuments(before, changed)).toEqual(
      expect.arrayContaining([
        {
          level: "breaking",
          operation: "GET /products/{id}",
          message: 'response 200 application/json, field `kind`: const "product" → "item" (the literal type changes)',
        },
        {
          level: "breaking",
          operation: "POST /products",
          message: 'request body application/json, field `kind`: const "product" → "item" (the literal type changes)',
        },
      ]),
    );
    const open = await edited(kind({ type: "string" }, { type: "string", enum: ["product", "bundle"] }));
    const added = await edited(
      kind({ type: "string", const: "product" }, { type: "string", enum: ["product", "bundle"], const: "product" }),
    );
    expect(diffDocuments(open, added)).toEqual(
      expect.arrayContaining([
        {
          level: "breaking",
          operation: "GET /products/{id}",
          message:
            'response 200 application/json, field `kind`: now const "product" (its type narrows to that literal)',
        },
        {
          level: "breaking",
          operation: "POST /products",
          message: 'request body application/json, field `kind`: narrowed, const "product"',
        },
      ]),
    );
    expect(diffDocuments(added, open)).toContainEqual({
      level: "additive",
      operation: "POST /products",
      message: "request body application/json, field `kind`: const removed",
    });
  });

  it("classifies readOnly and writeOnly by the request or response type they change", async () => {
    const marked = (readOnly: boolean) => (_: unknown, c: any) => {
      productWrite(c).properties.name.readOnly = readOnly;
      productWrite(c).properties.price.readOnly = readOnly;
    };
    const changes = diffDocuments(await edited(marked(true)), await edited(marked(false)));
    expect(changes).toContainEqual({
      level: "breaking",
      operation: "POST /products",
      message:
        "request body application/json, field `name`: no longer readOnly, and required: a request must now send it",
    });
    expect(changes).toContainEqual({
      level: "additive",
      operation: "POST /products",
      message: "request body application/json, field `price`: no longer readOnly (the request type has it)",
    });
    const otherSide = await changesAfter((_, c) => {
      product(c).properties.price.readOnly = true;
      productWrite(c).properties.price.writeOnly = true;
    });
    expect(highestLevel(otherSide)).toBe("additive");
  });

  it("reports a response's first header added as additive and its last ones removed as breaking, by name", async () => {
    const headers = (names: string[]) => (s: any) => {
      const { responses } = s.paths["/products/{id}"].get;
      if (names.length)
        responses["200"].headers = Object.fromEntries(names.map((name) => [name, { schema: { type: "string" } }]));
    };
    const none = await edited(headers([]));
    const two = await edited(headers(["X-Request-Id", "ETag"]));
    expect(diffDocuments(none, await edited(headers(["X-Request-Id"])))).toEqual([
      { level: "additive", operation: "GET /products/{id}", message: "new response 200 header x-request-id" },
    ]);
    expect(diffDocuments(two, none)).toEqual([
      { level: "breaking", operation: "GET /products/{id}", message: "removed response 200 header x-request-id" },
      { level: "breaking", operation: "GET /products/{id}", message: "removed response 200 header etag" },
    ]);
  });

  it("finds no change when schemas are wrapped in an equivalent allOf, or split into allOf parts", async () => {
    const wrapped = await changesAfter((_, c) => {
      c.components.schemas.Product = { allOf: [product(c)] };
      c.components.schemas.ProductWrite = { description: "What a request sends.", allOf: [productWrite(c)] };
    });
    expect(wrapped).toEqual([
      {
        level: "docs",
        operation: "POST /products",
        message: "request body application/json: description changed",
      },
    ]);
    const split = await changesAfter((_, c) => {
      const { id, name, ...own } = product(c).properties;
      c.components.schemas.Product = {
        allOf: [
          { type: "object", required: ["id", "name"], properties: { id, name } },
          { type: "object", required: ["status"], properties: own },
        ],
      };
    });
    expect(split).toEqual([]);
  });

  it("names the fields of a properties map removed whole, and never a body removed that is still there", async () => {
    const changes = await changesAfter((_, c) => {
      delete product(c).properties;
      delete product(c).required;
    });
    expect(changes).toContainEqual({
      level: "breaking",
      operation: "GET /products/{id}",
      message: "response 200 application/json: fields `id`, `name`, `status`, `price` removed",
    });
    for (const { message } of changes) {
      expect(message).not.toContain("undefined");
      expect(message).not.toMatch(/application\/json removed$/);
    }
  });

  it("names the fields of a properties map a request schema gains whole, as new fields, not a new body", async () => {
    const bare = async (required: string[]) => {
      const before = await edited((_, c) => {
        for (const key of ["properties", "required"]) delete productWrite(c)[key];
      });
      const after = await edited((_, c) => {
        productWrite(c).properties = { name: { type: "string" } };
        if (required.length) productWrite(c).required = required;
        else delete productWrite(c).required;
      });
      return diffDocuments(before, after).map(({ level, message }) => ({ level, message }));
    };
    expect(await bare(["name"])).toContainEqual({
      level: "breaking",
      message: "request body application/json: new fields `name`, some required",
    });
    expect(await bare([])).toContainEqual({
      level: "additive",
      message: "request body application/json: new optional fields `name`",
    });
  });

  it("reports a change of a schema that an extension (x-webhooks) or a callback uses before an operation does", async () => {
    const payload = {
      content: { "application/json": { schema: { $ref: "./shop/components.yaml#/components/schemas/ProductWrite" } } },
    };
    const withExtensions = (s: any) => {
      s["x-webhooks"] = {
        productSold: { post: { requestBody: payload, responses: { "200": { description: "ok" } } } },
      };
      listProducts(s).callbacks = {
        sold: { "{$request.query.url}": { post: { requestBody: payload, responses: {} } } },
      };
    };
    const before = await edited(withExtensions);
    const after = await edited((s, c) => {
      withExtensions(s);
      productWrite(c).properties.price.type = "string";
    });
    expect(diffDocuments(before, after)).toContainEqual({
      level: "breaking",
      operation: "POST /products",
      message: "request body application/json, field `price`: type narrowed (number no longer accepted)",
    });
  });

  it("treats a webhook payload as data the client receives: a removed field breaks", async () => {
    const hook = (fields: object) => (s: any) =>
      (s.webhooks = {
        productSold: {
          post: {
            operationId: "productSold",
            summary: "Sold",
            requestBody: { content: { "application/json": { schema: { type: "object", properties: fields } } } },
            responses: { "200": { description: "ok" } },
          },
        },
      });
    const before = await edited(hook({ id: { type: "string" }, at: { type: "integer" } }));
    const after = await edited(hook({ id: { type: "string" } }));
    expect(diffDocuments(before, after)).toContainEqual({
      level: "breaking",
      operation: "POST productSold",
      message: "request body application/json, field `at` removed",
    });
  });

  it("lists the operations of a new spec as additive", () => {
    const changes = diffDocuments(undefined, original);
    expect(changes[0]).toEqual({ level: "additive", message: "new spec: 5 operations, 0 webhooks" });
    expect(changes).toContainEqual({ level: "additive", operation: "DELETE /products/{id}", message: "new operation" });
  });
});

describe("required bumps", () => {
  it.each([
    ["breaking", "1.4.2", "major"],
    ["additive", "1.4.2", "minor"],
    ["docs", "1.4.2", "patch"],
    ["breaking", "0.3.0", "minor"],
    ["additive", "0.3.0", "patch"],
    ["docs", "0.3.0", "patch"],
    [undefined, "0.3.0", "none"],
  ] as const)("a %s change to a package at %s needs a %s bump", (level, version, bump) => {
    expect(bumpFor(level, version)).toBe(bump);
  });
});

describe("pnpm spec:diff", () => {
  let repo: FixtureRepo;
  beforeAll(() => {
    repo = createFixtureRepo("0.3.0");
  });
  afterAll(() => repo.remove());

  const specDiff = (...args: string[]) => runScript("spec-diff.mjs", ["--root", repo.root, ...args]);

  it("reports no change when the working tree matches HEAD", () => {
    const result = specDiff();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("No changes to any spec.");
  });

  it("compares the working tree with HEAD, resolving the old shared components file from git", () => {
    repo.editYaml("specs/shop/components.yaml", (c) => delete c.components.schemas.Product.properties.price);
    try {
      const result = specDiff();
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("specs/shop.yaml → @keyway/shop 0.3.0");
      expect(result.stdout).toMatch(
        / {2}breaking \(\d+\)\n {4}GET \/products: response 200 application\/json, field `\[\]\.price` removed/,
      );
      expect(result.stdout).toContain("@keyway/shop: minor (breaking changes, version 0.3.0)");
    } finally {
      repo.git("checkout", "--", "specs");
    }
  });

  it("compares two commits given as a range, groups by level, and exits 0 with breaking changes", () => {
    const base = repo.git("rev-parse", "HEAD");
    repo.editYaml("specs/shop.yaml", (s) => {
      delete s.paths["/products/{id}"].delete;
      s.paths["/products"].get.parameters.push({ name: "q", in: "query", schema: { type: "string" } });
      s.paths["/products"].get.summary = "All products";
    });
    const head = repo.commit("change the shop");
    const result = specDiff("--base", `${base}..${head}`);
    expect(result.status).toBe(0);
    const report = result.stdout;
    expect(report).toContain(`from ${base.slice(0, 12)} to ${head.slice(0, 12)}`);
    const [breaking, additive, docs] = ["  breaking (1)", "  additive (1)", "  docs-only (1)"].map((heading) =>
      report.indexOf(heading),
    );
    expect(breaking).toBeGreaterThan(0);
    expect(additive).toBeGreaterThan(breaking);
    expect(docs).toBeGreaterThan(additive);
    expect(report).toContain("    DELETE /products/{id}: removed operation");
    expect(report).toContain("    GET /products: new optional parameter query:q");
    expect(report).toContain("    GET /products: summary changed");
  });

  it("names a spec by its own file, JSON as well as YAML", () => {
    const spec = { openapi: "3.1.0", info: { title: "Pets", version: "1" }, paths: {} };
    repo.write("specs/pets.json", JSON.stringify(spec));
    const base = repo.commit("pets spec");
    repo.write("specs/pets.json", JSON.stringify({ ...spec, paths: { "/pets": { get: { responses: {} } } } }));
    try {
      const result = specDiff();
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain("specs/pets.json → @keyway/pets");
      expect(result.stdout).not.toContain("pets.yaml");
    } finally {
      repo.git("reset", "-q", "--hard", `${base}~1`);
    }
  });

  it("writes a changeset with the bump the changes need (0.x: additive → patch)", () => {
    repo.editYaml("specs/shop.yaml", (s) => (s.paths["/health"].get.responses["429"] = { description: "Slow down." }));
    try {
      const result = specDiff("--changeset");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("wrote .changeset/shop-spec-changes.md (@keyway/shop: patch)");
      const text = readFileSync(join(repo.root, ".changeset", "shop-spec-changes.md"), "utf8");
      expect(text).toMatch(/^---\n"@keyway\/shop": patch\n---\n/);
      expect(text).toContain("- additive: GET /health: new response 429");
      // Run again: the same changeset is not written twice.
      expect(specDiff("--changeset").stdout).toContain("already there: .changeset/shop-spec-changes.md");
      expect(readdirSync(join(repo.root, ".changeset")).filter((name) => name.startsWith("shop-spec"))).toHaveLength(1);
    } finally {
      repo.git("checkout", "--", "specs");
      rmSync(join(repo.root, ".changeset", "shop-spec-changes.md"), { force: true });
    }
  });

  it("asks for a major bump for a breaking change once the package is 1.x", () => {
    repo.setVersion("1.2.0");
    repo.editYaml("specs/shop.yaml", (s) => delete s.paths["/health"]);
    try {
      const result = specDiff("--changeset");
      expect(result.stdout).toContain("@keyway/shop: major (breaking changes, version 1.2.0)");
      expect(readFileSync(join(repo.root, ".changeset", "shop-spec-changes.md"), "utf8")).toContain(
        '"@keyway/shop": major',
      );
    } finally {
      repo.git("checkout", "--", "specs", "packages");
      rmSync(join(repo.root, ".changeset", "shop-spec-changes.md"), { force: true });
    }
  });

  it("fails with a clear message on an unknown revision", () => {
    const result = specDiff("--base", "no-such-branch");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('spec:diff: unknown git revision "no-such-branch"');
  });

  it("fails with a clear message outside a git repository", () => {
    const dir = mkdtempSync(join(tmpdir(), "keyway-not-git-"));
    try {
      const result = runScript("spec-diff.mjs", ["--root", dir]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("is not a git repository");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails with a clear message on a spec whose $ref cannot be resolved", () => {
    repo.editYaml(
      "specs/shop.yaml",
      (s) => (s.paths["/products"].get.responses["401"] = { $ref: "./shop/missing.yaml#/x" }),
    );
    try {
      const result = specDiff();
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/spec:diff: .*shop\.yaml/);
    } finally {
      repo.git("checkout", "--", "specs");
    }
    expect(existsSync(join(repo.root, "specs", "shop.yaml"))).toBe(true);
  });
});
