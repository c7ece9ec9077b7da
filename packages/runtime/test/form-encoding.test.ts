import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ClientMeta,
  createApiClient,
  type FormBodyMeta,
  formBodies,
  InvalidRequestBodyError,
  mediaBodies,
} from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// Request bodies as vendors' specs declare them with an `encoding`: Stripe's upload (`POST /v1/files`, multipart, its
// `file_link_data` and `expand` in the deepObject style), PeerTube's and Telnyx's typed file parts, and form bodies.

/** Stripe's `POST /v1/files` encoding, as the generator emits it from Stripe's spec (see tests/corpus). */
const stripeFiles: FormBodyMeta = { deepObject: ["expand", "file_link_data"] };
/** PeerTube's thumbnail upload: a file part declared `contentType: image/jpeg`. */
const thumbnails: FormBodyMeta = { contentType: { thumbnailfile: "image/jpeg" } };

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /v1/files": { id: "PostFiles", security: [["ApiKey"]], bodyMedia: "multipart/form-data" },
    "POST /playlists": { id: "addPlaylist", security: [["ApiKey"]], bodyMedia: "multipart/form-data" },
    "POST /documents": { id: "uploadDocument", security: [["ApiKey"]], bodyMedia: "multipart/form-data" },
    "POST /v1/customers": { id: "PostCustomers", security: [["ApiKey"]], formBody: { deepObject: ["metadata"] } },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Op = {
  requestBody: { content: { "multipart/form-data": Record<string, unknown> } };
  responses: { 200: { content: { "application/json": unknown } } };
};
type FormOp = {
  requestBody: { content: { "application/x-www-form-urlencoded": Record<string, unknown> } };
  responses: { 200: { content: { "application/json": unknown } } };
};
interface Paths {
  "/v1/files": { post: Op };
  "/playlists": { post: Op };
  "/documents": { post: Op };
  "/v1/customers": { post: FormOp };
}

const servers: TestServer[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((server) => server.close()))));

/**
 * A client of the API above against a local server, its multipart operations encoded as `encoding` says: their
 * `bodyEncoding`, as the generator emits it from a spec's `encoding`.
 */
async function api(encoding?: FormBodyMeta) {
  const server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(server);
  const operations = Object.entries(meta.operations).map(([key, operation]) => [
    key,
    encoding && "bodyMedia" in operation ? { ...operation, bodyEncoding: encoding } : operation,
  ]);
  const { client } = createApiClient<Paths>({
    meta: { ...meta, operations: Object.fromEntries(operations) },
    baseUrl: server.url,
    auth: apiKeyAuth(),
    formBodies,
    mediaBodies,
  });
  return { client, server };
}

/** One part of a multipart body as it went over the wire: its name, filename, headers and bytes. */
interface WirePart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly text: string;
}

/** The parts of the multipart body the server received, read from its bytes as a server's parser reads them. */
function wireParts(server: TestServer): WirePart[] {
  const request = server.requests.at(-1)!;
  const contentType = request.headers["content-type"] ?? "";
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (!boundary) throw new Error(`No boundary in ${contentType}`);
  const body = Buffer.from(request.body).toString("latin1");
  const chunks = body.split(`--${boundary}`);
  expect(chunks.at(-1)).toBe("--\r\n");
  return chunks.slice(1, -1).map((chunk) => {
    expect(chunk.startsWith("\r\n") && chunk.endsWith("\r\n")).toBe(true);
    const split = chunk.indexOf("\r\n\r\n");
    const headers = new Map(
      chunk
        .slice(2, split)
        .split("\r\n")
        .map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
    );
    const disposition = headers.get("content-disposition") ?? "";
    const filename = /; filename="([^"]*)"/.exec(disposition)?.[1];
    const type = headers.get("content-type");
    return {
      name: /; name="([^"]*)"/.exec(disposition)?.[1] ?? "",
      ...(filename === undefined ? {} : { filename }),
      ...(type === undefined ? {} : { contentType: type }),
      text: Buffer.from(chunk.slice(split + 4, -2), "latin1").toString("utf8"),
    };
  });
}

const receivedForm = (server: TestServer) => [
  ...new URLSearchParams(Buffer.from(server.requests.at(-1)!.body).toString()),
];

describe("a multipart body whose encoding gives properties the deepObject style (Stripe's POST /v1/files)", () => {
  it("sends each value inside as a part named with brackets, lists indexed, beside the file and the plain fields", async () => {
    const { client, server } = await api(stripeFiles);
    const file = new File(["%PDF-1.4 é"], "evidence.pdf", { type: "application/pdf" });
    await client.POST("/v1/files", {
      body: {
        file,
        purpose: "dispute_evidence",
        file_link_data: { create: true, expires_at: 1767225600, metadata: { order: "o_1", note: "a&b=c" } },
        expand: ["file_link", "links"],
      },
    });

    expect(server.requests.at(-1)!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(wireParts(server)).toEqual([
      { name: "file", filename: "evidence.pdf", contentType: "application/pdf", text: "%PDF-1.4 é" },
      { name: "purpose", text: "dispute_evidence" },
      { name: "file_link_data[create]", text: "true" },
      { name: "file_link_data[expires_at]", text: "1767225600" },
      { name: "file_link_data[metadata][order]", text: "o_1" },
      { name: "file_link_data[metadata][note]", text: "a&b=c" },
      { name: "expand[0]", text: "file_link" },
      { name: "expand[1]", text: "links" },
    ]);
  });

  it("leaves out null and undefined inside, writes a Date as its ISO text, and a file inside as a file part", async () => {
    const { client, server } = await api(stripeFiles);
    await client.POST("/v1/files", {
      body: {
        file_link_data: {
          create: false,
          expires_at: null,
          skipped: undefined,
          since: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
          scan: new Uint8Array([0, 255]),
        },
      },
    });
    expect(wireParts(server)).toEqual([
      { name: "file_link_data[create]", text: "false" },
      { name: "file_link_data[since]", text: "2026-01-02T03:04:05.000Z" },
      { name: "file_link_data[scan]", filename: "blob", contentType: "application/octet-stream", text: "\u0000\ufffd" },
    ]);
  });

  it("any nested object of text, numbers and booleans arrives as the bracketed fields the same value makes in a form (property-based)", async () => {
    const { client, server } = await api(stripeFiles);
    const key = fc.string({ minLength: 1, maxLength: 6 }).filter((text) => !/[[\]"\r\n%]/.test(text));
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const nested = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(key, tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, nested, { minKeys: 1, maxKeys: 3 }), async (metadata) => {
        await client.POST("/v1/customers", { body: { metadata } });
        const form = receivedForm(server);
        await client.POST("/v1/files", { body: { file_link_data: metadata } });
        const parts = wireParts(server).map(({ name, text }) => [name.replace(/^file_link_data/, "metadata"), text]);
        expect(parts).toEqual(form);
        for (const part of wireParts(server)) expect(part).not.toHaveProperty("contentType");
      }),
      { numRuns: 40 },
    );
  });
});

describe("a multipart body's parts by OpenAPI's defaults", () => {
  it("repeats a list of plain values, writes numbers, booleans and Dates as text, an object as JSON text, and leaves out null", async () => {
    const { client, server } = await api();
    await client.POST("/documents", {
      body: {
        tags: ["a", "b"],
        pages: 3,
        draft: false,
        at: new Date(Date.UTC(2026, 11, 5)),
        options: { dpi: 300, color: true },
        items: [{ id: 1 }, { id: 2 }],
        gone: null,
        missing: undefined,
      },
    });
    expect(wireParts(server)).toEqual([
      { name: "tags", text: "a" },
      { name: "tags", text: "b" },
      { name: "pages", text: "3" },
      { name: "draft", text: "false" },
      { name: "at", text: "2026-12-05T00:00:00.000Z" },
      { name: "options", text: '{"dpi":300,"color":true}' },
      { name: "items", text: '{"id":1}' },
      { name: "items", text: '{"id":2}' },
    ]);
  });

  it("sends a file part without a type of its own as the encoding's contentType, else application/octet-stream; a typed one as its type", async () => {
    const { client, server } = await api(thumbnails);
    await client.POST("/playlists", {
      body: {
        displayName: "Q4",
        thumbnailfile: new Uint8Array([0xff, 0xd8, 0xff]),
        extra: new Blob(["x"]),
      },
    });
    expect(wireParts(server).map(({ text: _, ...part }) => part)).toEqual([
      { name: "displayName" },
      { name: "thumbnailfile", filename: "blob", contentType: "image/jpeg" },
      { name: "extra", filename: "blob", contentType: "application/octet-stream" },
    ]);

    await client.POST("/playlists", { body: { thumbnailfile: new File(["gif"], "t.gif", { type: "image/gif" }) } });
    expect(wireParts(server)).toEqual([
      { name: "thumbnailfile", filename: "t.gif", contentType: "image/gif", text: "gif" },
    ]);

    await client.POST("/playlists", { body: { thumbnailfile: new File(["raw"], "t.jpg") } });
    expect(wireParts(server)).toEqual([
      { name: "thumbnailfile", filename: "t.jpg", contentType: "image/jpeg", text: "raw" },
    ]);
  });
});

const circular = (): object => {
  const value: { self?: unknown } = {};
  value.self = value;
  return value;
};

describe("a value no form field can hold fails before anything is sent, naming the field", () => {
  const unsendable: [what: string, value: unknown, multipartAt: string, formAt: string][] = [
    ["a nested Map", { tags: new Map([["a", 1]]) }, "body.options.tags", 'body["options[tags]"]'],
    ["a function", () => "secret source", "body.options", "body.options"],
    ["a symbol", Symbol("s"), "body.options", "body.options"],
    ["NaN", Number.NaN, "body.options", "body.options"],
    ["an object that contains itself", circular(), "body.options.self", "body.options"],
  ];

  it.each(unsendable)("%s in a multipart field", async (_what, options, at) => {
    const { client, server } = await api();
    const call = client.POST("/documents", { body: { title: "t", options } });
    await expect(call).rejects.toMatchObject({ name: "InvalidRequestBodyError", at, mediaType: "multipart/form-data" });
    expect(server.requests).toHaveLength(0);
  });

  it.each(unsendable)("%s in a deepObject multipart field", async (_what, value) => {
    const { client, server } = await api(stripeFiles);
    const call = client.POST("/v1/files", { body: { file_link_data: { create: true, options: value } } });
    await expect(call).rejects.toMatchObject({ name: "InvalidRequestBodyError", mediaType: "multipart/form-data" });
    await expect(call).rejects.toHaveProperty(
      "at",
      expect.stringMatching(/^body(\["file_link_data\[options\]|\.file_link_data$)/),
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each(unsendable)("%s in a form field", async (_what, options, _multipartAt, at) => {
    const { client, server } = await api();
    const call = client.POST("/v1/customers", { body: { email: "a@example.com", options } });
    await expect(call).rejects.toMatchObject({
      name: "InvalidRequestBodyError",
      at,
      mediaType: "application/x-www-form-urlencoded",
    });
    expect(server.requests).toHaveLength(0);
  });

  it("the error never quotes the value (a function's source)", async () => {
    const { client } = await api();
    const body = { options: () => "sk_live_source" };
    for (const call of [client.POST("/documents", { body }), client.POST("/v1/customers", { body })]) {
      const error = await call.catch((caught) => caught);
      expect(error).toBeInstanceOf(InvalidRequestBodyError);
      expect(String(error.message)).not.toContain("sk_live_source");
    }
  });
});
