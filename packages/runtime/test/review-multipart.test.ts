import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientMeta, createApiClient, InvalidRequestBodyError, mediaBodies } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// An outside review of the multipart writer: what a part the spec types as JSON holds when the caller gives text, and
// every kind of value a plain object's field may hold, read back by fetch's own multipart parser from the bytes a local
// server received.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /documents": {
      id: "uploadDocument",
      security: [["ApiKey"]],
      bodyMedia: "multipart/form-data",
      bodyEncoding: { json: ["options"] },
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

interface Paths {
  "/documents": {
    post: {
      requestBody: { content: { "multipart/form-data": Record<string, unknown> } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((_request, response) => sendJson(response, 200, {}));
});
afterAll(() => server.close());

const client = () => createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), mediaBodies }).client;

/** The last body as fetch's own parser reads it: each entry's name and text (a file's as its name and text). */
async function parsedForm(): Promise<[string, string][]> {
  const request = server.requests.at(-1)!;
  const form = await new Response(new Uint8Array(request.body), {
    headers: { "content-type": request.headers["content-type"]! },
  }).formData();
  return Promise.all(
    [...form].map(
      async ([name, value]): Promise<[string, string]> => [
        name,
        typeof value === "string" ? value : `${value.name}: ${await value.text()}`,
      ],
    ),
  );
}

describe("text given for a part the spec types as JSON", () => {
  it("goes as the JSON it holds, whitespace and line breaks included, and reads back as the same value", async () => {
    const options = JSON.stringify({ dpi: 300, title: 'a "b"\n', pages: [1, 2] }, null, 2);
    await client().POST("/documents", { body: { options } });
    const [[name, text]] = (await parsedForm()) as [[string, string]];
    expect(name).toBe("options");
    expect(JSON.parse(text)).toEqual(JSON.parse(options));
  });

  it("fails before anything is sent when it is not JSON, naming the part and not quoting it", async () => {
    for (const options of ["dpi=300", "{dpi: 300}", "", "s3cr3t-value"]) {
      const before = server.requests.length;
      const call = client().POST("/documents", { body: { title: "Q4", options: [options] } });
      await expect(call).rejects.toBeInstanceOf(InvalidRequestBodyError);
      await expect(call).rejects.toMatchObject({ at: "body.options[0]" });
      await expect(call).rejects.not.toMatchObject({ message: expect.stringContaining("s3cr3t") });
      expect(server.requests.length).toBe(before);
    }
  });
});

describe("a plain object's fields of every kind", () => {
  it("property: each reads back as its text, in order, nothing for null and undefined, a list as repeated fields", async () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.bigInt(),
      fc.date({ noInvalidDate: true }),
      fc.constantFrom(null, undefined),
    );
    const textOf = (value: unknown) =>
      value instanceof Date ? value.toISOString() : String(value).replace(/\r\n|\r|\n/g, "\r\n");
    const name = fc
      .string({ minLength: 1 })
      .filter((text) => !/[\r\n"\uD800-\uDFFF]/.test(text) && text !== "__proto__");
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(name, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))), {
          selector: ([key]) => key,
          maxLength: 5,
        }),
        async (fields) => {
          fc.pre(fields.every(([key]) => key !== "options"));
          const body = Object.fromEntries(fields);
          await client().POST("/documents", { body });
          const expected = Object.entries(body).flatMap(([key, value]) =>
            (Array.isArray(value) ? value : [value])
              .filter((item) => item !== null && item !== undefined)
              .map((item): [string, string] => [key, textOf(item)]),
          );
          const lone = (text: string) => text.replace(/[\uD800-\uDFFF]/g, "\uFFFD");
          expect(await parsedForm()).toEqual(expected.map(([key, text]) => [key, lone(text)]));
        },
      ),
      { numRuns: 60 },
    );
  });
});
