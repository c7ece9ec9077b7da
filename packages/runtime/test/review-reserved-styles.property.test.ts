import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient, formBodies, type ClientMeta, type ParameterStyle } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";
import { readBack } from "./reserved-read-back.js";

// An outside review of `allowReserved` in every style a query parameter may have, and in form bodies with nested
// fields: whatever the text, no value adds a parameter, a field or a fragment, or changes the path, and each value reads
// back as itself, or as the text the percent-encoded triples it holds spell (which RFC 6570's reserved expansion sends
// as they are), as a server's URL parser decodes it.
const STYLES = {
  formExploded: { style: "form", explode: true },
  formJoined: { style: "form", explode: false },
  spaces: { style: "spaceDelimited", explode: false },
  pipes: { style: "pipeDelimited", explode: false },
  nested: { style: "deepObject", explode: true },
} as const satisfies Record<string, ParameterStyle>;
const JOINERS = { formJoined: ",", spaces: " ", pipes: "|" } as const;

function metaFor(allowReserved: boolean) {
  const query = Object.fromEntries(Object.entries(STYLES).map(([name, style]) => [name, { ...style, allowReserved }]));
  return {
    securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
    operations: {
      "GET /a/{id}/b": { id: "read", security: [["ApiKey"]], query },
      "POST /forms": {
        id: "send",
        security: [["ApiKey"]],
        formBody: allowReserved ? { allowReserved: ["plain", "list", "nested"] } : {},
      },
    },
  } satisfies ClientMeta<"ApiKey">;
}

type Reply = { responses: { 200: { content: { "application/json": unknown } } } };
interface Paths {
  "/a/{id}/b": { get: { parameters: { path: { id: string }; query?: Record<string, unknown> } } & Reply };
  "/forms": {
    post: { requestBody: { content: { "application/x-www-form-urlencoded": Record<string, unknown> } } } & Reply;
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((_request, response) => sendJson(response, 200, {}));
});
afterAll(() => server.close());

const clientFor = (allowReserved: boolean) =>
  createApiClient<Paths>({ meta: metaFor(allowReserved), baseUrl: server.url, auth: apiKeyAuth(), formBodies }).client;

/** Text likely to hold what could end a value, a pair or the query, triples, non-ASCII, and any other text. */
const text = fc.oneof(
  fc
    .array(
      fc.constantFrom(..."ab:/?#[]@!$&'()*+,;= |%-._~é😀", "%2F", "%26", "%3D", "%23", "%C3%A9", "%zz", "\r\n", "%25"),
      { maxLength: 10 },
    )
    .map((pieces) => pieces.join("")),
  fc.string({ unit: "grapheme" }),
);

describe.each([true, false])("allowReserved: %s", (allowReserved) => {
  it("property: a query in every style keeps its parameters and path, and each value reads back", async () => {
    const client = clientFor(allowReserved);
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.tuple(fc.string({ unit: fc.constantFrom(..."abcxyz"), minLength: 1 }), text), {
          selector: ([key]) => key,
          minLength: 1,
          maxLength: 3,
        }),
        async (items, entries) => {
          const query = {
            formExploded: items,
            formJoined: items,
            spaces: items,
            pipes: items,
            nested: Object.fromEntries(entries),
          };
          await client.GET("/a/{id}/b", { params: { path: { id: "x" }, query } });
          const url = new URL(server.requests.at(-1)!.url, "http://127.0.0.1");
          expect(url.pathname).toBe("/a/x/b");
          expect(url.hash).toBe("");
          const read = items.map((item) => readBack(item, allowReserved));
          const keys = [...new Set(url.searchParams.keys())];
          expect(keys).toEqual([
            "formExploded",
            "formJoined",
            "spaces",
            "pipes",
            ...entries.map(([key]) => `nested[${key}]`),
          ]);
          expect(url.searchParams.getAll("formExploded")).toEqual(read);
          for (const [name, joiner] of Object.entries(JOINERS))
            expect(url.searchParams.getAll(name)).toEqual([read.join(joiner)]);
          for (const [key, value] of entries)
            expect(url.searchParams.getAll(`nested[${key}]`)).toEqual([readBack(value, allowReserved)]);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("property: a form body's plain, listed and nested fields keep their names and read back", async () => {
    const client = clientFor(allowReserved);
    await fc.assert(
      fc.asyncProperty(text, fc.array(text, { maxLength: 3 }), text, text, async (plain, list, inner, other) => {
        await client.POST("/forms", { body: { plain, list, nested: { inner: [inner] }, other } });
        const form = new URLSearchParams(server.requests.at(-1)!.body.toString("utf8"));
        expect([...form]).toEqual([
          ["plain", readBack(plain, allowReserved)],
          ...list.map((item) => ["list", readBack(item, allowReserved)]),
          ["nested[inner][0]", readBack(inner, allowReserved)],
          ["other", other],
        ]);
      }),
      { numRuns: 120 },
    );
  });
});
