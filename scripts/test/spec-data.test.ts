import { describe, expect, it } from "vitest";
import { deriveSpecData } from "../lib/spec/data.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";

// A bundled spec as generate.mjs hands it over: every reference local (#/components/…).
const spec = {
  openapi: "3.1.0",
  info: { title: "Shop", version: "1" },
  servers: [{ url: "https://api.shop.test/v2/" }],
  security: [{ Key: [] }],
  paths: {
    "/items/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: {
        operationId: "getItem",
        parameters: [
          {
            name: "fields",
            in: "query",
            content: { "application/json": { schema: { type: "array", items: { type: "string" } } } },
          },
        ],
        responses: {
          "200": {
            description: "The item",
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Item" },
                examples: { one: { $ref: "#/components/examples/Item" } },
              },
            },
          },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
      delete: {
        operationId: "deleteItem",
        responses: { "204": { description: "Gone" }, "404": { $ref: "#/components/responses/NotFound" } },
      },
    },
  },
  webhooks: {
    "item.created": {
      post: {
        requestBody: {
          content: { "application/json": { schema: { $ref: "#/components/schemas/Item" }, example: { id: "i1" } } },
        },
        responses: { "200": { description: "ok" } },
      },
    },
  },
  components: {
    securitySchemes: { Key: { type: "apiKey", in: "header", name: "X-Key", "x-keyway-secret": true } },
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string", description: "The id" } } },
    examples: { Item: { value: { id: "i1", name: "Lamp" } } },
    responses: {
      NotFound: {
        description: "Not found",
        content: {
          "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: { code: "NOT_FOUND" } },
        },
      },
    },
    schemas: {
      Item: {
        type: "object",
        description: "An item",
        required: ["id"],
        properties: {
          id: { type: "string" },
          description: { type: "string", description: "a property named description stays" },
        },
      },
      Error: { type: "object", properties: { code: { type: "string" } } },
      ErrorStatuses: { type: "object", properties: { NOT_FOUND: { "x-keyway-status": 404, type: "object" } } },
    },
  },
};

describe("deriveSpecData", () => {
  const data = deriveSpecData(spec, deriveMeta(spec, "specs/shop.yaml"));

  it("resolves path-level parameters and keeps JSON-encoded query parameters' schemas", () => {
    expect(data.operations["GET /items/{id}"].parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" } },
      { name: "fields", in: "query", json: true, schema: { type: "array", items: { type: "string" } } },
    ]);
  });

  it("takes each response's example (a referenced one too) and writes shared responses once, by name", () => {
    expect(data.operations["GET /items/{id}"].responses).toEqual({
      "200": {
        contentType: "application/json",
        schema: { $ref: "#/components/schemas/Item" },
        example: { id: "i1", name: "Lamp" },
      },
      "404": "NotFound",
    });
    expect(data.operations["DELETE /items/{id}"].responses).toEqual({ "204": {}, "404": "NotFound" });
    expect(data.responses).toEqual({
      NotFound: {
        contentType: "application/json",
        schema: { $ref: "#/components/schemas/Error" },
        example: { code: "NOT_FOUND" },
      },
    });
  });

  it("strips prose from schemas but not properties that happen to be named like it", () => {
    expect(data.schemas.Item).toEqual({
      type: "object",
      required: ["id"],
      properties: { id: { type: "string" }, description: { type: "string" } },
    });
  });

  it("collects the base path, security, known error statuses and webhook payloads", () => {
    expect(data.basePath).toBe("/v2");
    expect(data.operations["GET /items/{id}"].security).toEqual([["Key"]]);
    expect(data.knownErrors).toEqual({ NOT_FOUND: 404 });
    expect(data.webhooks).toEqual({
      "item.created": { schema: { $ref: "#/components/schemas/Item" }, example: { id: "i1" } },
    });
  });
});

describe("deriveSpecData: parameter styles", () => {
  const styled = {
    openapi: "3.1.0",
    info: { title: "Styles", version: "1" },
    paths: {
      "/items/{ids}": {
        get: {
          operationId: "getItems",
          parameters: [
            {
              name: "ids",
              in: "path",
              required: true,
              style: "label",
              schema: { type: "array", items: { type: "string" } },
            },
            { name: "tags", in: "query", explode: false, schema: { type: "array", items: { type: "string" } } },
            { name: "limit", in: "query", schema: { type: "integer" } },
            { name: "X-Range", in: "header", explode: true, schema: { type: "object" } },
            { name: "X-Limit", in: "header", schema: { type: "integer" } },
            { name: "prefs", in: "cookie", explode: false, schema: { type: "object" } },
            { name: "session", in: "cookie", schema: { type: "string" } },
          ],
          responses: { "204": { description: "ok" } },
        },
      },
    },
  };

  it("gives a parameter the style its metadata gives it, so the fake reads what the client writes", () => {
    const data = deriveSpecData(styled, deriveMeta(styled, "specs/styles.yaml"));
    expect(data.operations["GET /items/{ids}"].parameters).toEqual([
      {
        name: "ids",
        in: "path",
        required: true,
        schema: { type: "array", items: { type: "string" } },
        style: { style: "label", explode: false },
      },
      {
        name: "tags",
        in: "query",
        schema: { type: "array", items: { type: "string" } },
        style: { style: "form", explode: false },
      },
      { name: "limit", in: "query", schema: { type: "integer" } },
      { name: "X-Range", in: "header", schema: { type: "object" }, style: { style: "simple", explode: true } },
      { name: "X-Limit", in: "header", schema: { type: "integer" } },
      { name: "prefs", in: "cookie", schema: { type: "object" }, style: { style: "form", explode: false } },
      { name: "session", in: "cookie", schema: { type: "string" }, style: { style: "form", explode: true } },
    ]);
  });
});

describe("deriveSpecData: several media types", () => {
  const either = {
    openapi: "3.0.3",
    info: { title: "Pets", version: "1" },
    paths: {
      "/pets": {
        post: {
          operationId: "addPet",
          requestBody: {
            content: {
              "application/xml": { schema: { type: "object" } },
              "application/json": { schema: { type: "object", required: ["name"] } },
            },
          },
          responses: {
            "200": {
              description: "The pet",
              content: {
                "application/xml": { schema: { type: "object" } },
                "application/json": { schema: { type: "object" }, example: { name: "Rex" } },
              },
            },
            "400": { description: "Bad", content: { "text/plain": { schema: { type: "string" } } } },
          },
        },
      },
    },
  };

  it("reads JSON where a body may be JSON or another type and answers it first, keeping the others for Content-Type and Accept", () => {
    const data = deriveSpecData(either, deriveMeta(either, "specs/pets.json"));
    const operation = data.operations["POST /pets"];
    expect(operation.body).toEqual({
      contentType: "application/json",
      schema: { type: "object", required: ["name"] },
      alternatives: [{ contentType: "application/xml", schema: { type: "object" } }],
    });
    expect(operation.responses).toEqual({
      "200": {
        contentType: "application/json",
        schema: { type: "object" },
        example: { name: "Rex" },
        alternatives: [{ contentType: "application/xml", schema: { type: "object" } }],
      },
      "400": { contentType: "text/plain", schema: { type: "string" } },
    });
  });
});

describe("deriveSpecData: references into another component's inside", () => {
  const nested = {
    openapi: "3.0.3",
    info: { title: "Nested", version: "1" },
    paths: {
      "/companies": {
        post: {
          operationId: "addCompany",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Company" } } } },
          responses: { "204": { description: "ok" } },
        },
      },
    },
    components: {
      parameters: { companyId: { name: "companyId", in: "path", schema: { type: "string", format: "uuid" } } },
      schemas: {
        Company: {
          type: "object",
          properties: {
            id: { $ref: "#/components/parameters/companyId/schema" },
            owner: { $ref: "#/components/schemas/Person/properties/name" },
          },
        },
        Person: { type: "object", properties: { name: { type: "string" } } },
        Account: {
          type: "object",
          properties: {
            url: { type: "string", pattern: "^/v1/accounts" },
            code: { type: "string", pattern: "^[A-Z]{2}$", example: "DE" },
            odd: { type: "string", pattern: "^a(?=b)c$" },
            slug: { type: "string", pattern: "^[a-z0-9\\-\\_]+$" },
          },
        },
      },
    },
  };

  it("copies what they point at, since the data's schemas are components.schemas alone (Codat's parameter schemas)", () => {
    const data = deriveSpecData(nested, deriveMeta(nested, "specs/nested.yaml"));
    expect(data.schemas.Company).toEqual({
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        owner: { $ref: "#/components/schemas/Person/properties/name" },
      },
    });
  });

  it("gives a patterned string without an example one that meets its pattern, for the fake's default answers (Stripe's urls)", () => {
    const data = deriveSpecData(nested, deriveMeta(nested, "specs/nested.yaml"));
    expect(data.schemas.Account).toEqual({
      type: "object",
      properties: {
        url: { example: "/v1/accounts", type: "string", pattern: "^/v1/accounts" },
        code: { type: "string", pattern: "^[A-Z]{2}$", example: "DE" },
        odd: { type: "string", pattern: "^a(?=b)c$" },
        // Compiled as JavaScript reads it without the u flag, where only that compiles (SendGrid's).
        slug: { example: "value-1", type: "string", pattern: "^[a-z0-9\\-\\_]+$" },
      },
    });
  });
});

describe("deriveSpecData: a server URL with variables", () => {
  const withServer = (server: Record<string, unknown>) => {
    const spec = {
      openapi: "3.1.0",
      info: { title: "Regions", version: "1" },
      servers: [server],
      paths: { "/x": { get: { operationId: "getX", responses: { 200: { description: "ok" } } } } },
    };
    return deriveSpecData(spec, deriveMeta(spec, "specs/regions.yaml"));
  };

  it("reads the base path with the variables' defaults, in the host, the port and the path", () => {
    const data = withServer({
      url: "https://{region}.api.example.com:{port}/{basePath}",
      variables: {
        region: { default: "eu", enum: ["eu", "us"] },
        port: { default: "8443" },
        basePath: { default: "v2/" },
      },
    });
    expect(data.basePath).toBe("/v2");
  });

  it("leaves a variable without a default out, and still reads the path", () => {
    expect(withServer({ url: "https://api.example.com:{port}/v1" }).basePath).toBe("/v1");
  });
});

describe("deriveSpecData: form and multipart fields sent as JSON text", () => {
  const seldon = {
    openapi: "3.0.3",
    info: { title: "Seldon", version: "1" },
    paths: {
      "/predict": {
        post: {
          operationId: "predict",
          requestBody: {
            content: {
              "application/x-www-form-urlencoded": {
                schema: { type: "object", properties: { json: { type: "object" }, name: { type: "string" } } },
                encoding: { json: { contentType: "application/json" }, name: { contentType: "text/plain" } },
              },
              "multipart/form-data": {
                schema: { type: "object", properties: { meta: { type: "object" }, file: { type: "string" } } },
                encoding: {
                  meta: { contentType: "application/vnd.api+json, text/plain" },
                  file: { contentType: "image/png" },
                },
              },
            },
          },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  };

  it("names, for each media type, the properties whose encoding gives a JSON contentType", () => {
    const { body } = deriveSpecData(seldon, deriveMeta(seldon, "specs/seldon.json")).operations["POST /predict"];
    expect(body.json).toEqual(["json"]);
    expect(body.alternatives).toEqual([
      expect.objectContaining({ contentType: "multipart/form-data", json: ["meta"] }),
    ]);
  });
});
