import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ClientMeta,
  createApiClient,
  type FormBodyMeta,
  InvalidRequestBodyError,
  mediaBodies,
} from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// A multipart form whose spec types parts as JSON (pdfbroker.io's `options` and `metadata`, declared
// `contentType: application/json`; Box's `attributes`, an object, which OpenAPI sends as JSON by default), read back
// from the raw bytes a local server received, and hostile part names and filenames, which must not add a header.

/** The encoding the generator emits for such a form: `options` and `items` sent as JSON parts. */
const encoding: FormBodyMeta = { json: ["items", "options"], contentType: { scan: "image/png" } };

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /documents": { id: "uploadDocument", security: [["ApiKey"]], bodyMedia: "multipart/form-data" },
    "POST /typed": {
      id: "uploadTyped",
      security: [["ApiKey"]],
      bodyMedia: "multipart/form-data",
      bodyEncoding: encoding,
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Op = {
  requestBody: { content: { "multipart/form-data": Record<string, unknown> } };
  responses: { 200: { content: { "application/json": unknown } } };
};
interface Paths {
  "/documents": { post: Op };
  "/typed": { post: Op };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((_request, response) => sendJson(response, 200, {}));
});
afterAll(() => server.close());

const client = () => createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), mediaBodies }).client;

/** Each part of the last body as sent: its header lines, as they are, and its bytes as text. */
function sentParts(): { headers: string[]; text: string }[] {
  const request = server.requests.at(-1)!;
  const boundary = /^multipart\/form-data; boundary=([\w'()+,./:=?-]{1,70})$/.exec(
    request.headers["content-type"] ?? "",
  )?.[1];
  expect(boundary, request.headers["content-type"]).toBeDefined();
  const body = request.body.toString("utf8");
  expect(body.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  return body
    .slice(0, -`\r\n--${boundary}--\r\n`.length)
    .split(`\r\n--${boundary}\r\n`)
    .map((chunk, index) => (index === 0 ? chunk.slice(`--${boundary}\r\n`.length) : chunk))
    .map((chunk) => {
      const end = chunk.indexOf("\r\n\r\n");
      return { headers: chunk.slice(0, end).split("\r\n"), text: chunk.slice(end + 4) };
    });
}

/** The last body as fetch's own parser reads it: each entry's name, and its text or its file's name and type. */
async function parsedForm() {
  const request = server.requests.at(-1)!;
  const form = await new Response(new Uint8Array(request.body), {
    headers: { "content-type": request.headers["content-type"]! },
  }).formData();
  return [...form].map(([name, value]) =>
    typeof value === "string" ? [name, value] : [name, { file: value.name, type: value.type }],
  );
}

describe("a multipart part the spec types as JSON", () => {
  it("goes as JSON text typed application/json, not as a file: no filename, one part per item of a list", async () => {
    await client().POST("/typed", {
      body: {
        title: "Q4",
        options: { dpi: 300, pages: [1, 2] },
        items: [{ id: 1 }, { id: 2 }],
        scan: new Uint8Array([137, 80]),
      },
    });
    expect(sentParts().map(({ headers }) => headers)).toEqual([
      ['Content-Disposition: form-data; name="title"'],
      ['Content-Disposition: form-data; name="options"', "Content-Type: application/json"],
      ['Content-Disposition: form-data; name="items"', "Content-Type: application/json"],
      ['Content-Disposition: form-data; name="items"', "Content-Type: application/json"],
      ['Content-Disposition: form-data; name="scan"; filename="blob"', "Content-Type: image/png"],
    ]);
    expect(await parsedForm()).toEqual([
      ["title", "Q4"],
      ["options", '{"dpi":300,"pages":[1,2]}'],
      ["items", '{"id":1}'],
      ["items", '{"id":2}'],
      ["scan", { file: "blob", type: "image/png" }],
    ]);
    const request = server.requests.at(-1)!;
    expect(request.headers["content-length"]).toBe(String(request.body.length));
  });

  it("sends text given for a JSON part as the JSON it holds, a Blob as the file it is, and refuses what JSON cannot write", async () => {
    // pdfbroker.io types its `options` part a string of JSON: the text is not encoded again.
    await client().POST("/typed", {
      body: { options: '{"dpi":300}', items: [new File(['{"id":3}'], "item.json", { type: "application/json" })] },
    });
    expect(sentParts()[0]).toEqual({
      headers: ['Content-Disposition: form-data; name="options"', "Content-Type: application/json"],
      text: '{"dpi":300}',
    });
    expect(await parsedForm()).toEqual([
      ["options", '{"dpi":300}'],
      ["items", { file: "item.json", type: "application/json" }],
    ]);

    // What JSON cannot write fails before anything is sent, naming the part.
    const before = server.requests.length;
    const call = client().POST("/typed", { body: { items: [{ id: 1 }, { n: Number.NaN, big: 1n }] } });
    await expect(call).rejects.toBeInstanceOf(InvalidRequestBodyError);
    await expect(call).rejects.toMatchObject({ at: expect.stringMatching(/^body\.items\[1\]/) });
    expect(server.requests.length).toBe(before);
  });
});

describe("hostile part names and filenames", () => {
  /** Text made of what a header could be broken with, and what must arrive as it is. */
  const hostile = fc
    .array(
      fc.constantFrom('"', "\r", "\n", "\r\n", ";", "=", "%22", "é", "😀", "a", " ", "\\", "--", "Content-Type: x"),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .map((pieces) => pieces.join(""));

  it("property: every part arrives under its name, escaped as the HTML standard escapes them, its headers not added to", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, async (name, filename, text) => {
        const file = new File(["%PDF"], filename, { type: "application/pdf" });
        await client().POST("/typed", { body: { [name]: text, file, options: { [name]: text } } });
        // What a FormData of the same entries is written as, by this runtime's fetch (the standard's algorithm).
        const standard = new FormData();
        standard.append(name, text);
        standard.append("file", file);
        const expected = await new Response(standard).formData();
        const parts = sentParts();
        expect(parts.map(({ headers }) => headers.length)).toEqual([1, 2, 2]);
        expect(parts.every(({ headers }) => headers[0]!.startsWith("Content-Disposition: form-data; name="))).toBe(
          true,
        );
        expect(await parsedForm()).toEqual([
          ...[...expected].map(([key, value]) =>
            typeof value === "string" ? [key, value] : [key, { file: value.name, type: value.type }],
          ),
          ["options", JSON.stringify({ [name]: text })],
        ]);
      }),
      { numRuns: 60 },
    );
  });
});
