import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient, type ClientMeta } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// Query parameters whose spec sets `allowReserved: true`, as Azure's `$filter` and Service Fabric's
// `ContinuationToken` do: RFC 3986's reserved characters a query holds go as they are, what would change the URL's
// structure (`#`, `&`, `=`, `+`, `[`, `]`, a space, a lone `%`) is still encoded.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /assignments": {
      id: "listAssignments",
      security: [["ApiKey"]],
      query: {
        $filter: { style: "form", explode: true, allowReserved: true },
        paths: { style: "form", explode: false, allowReserved: true },
        where: { style: "deepObject", explode: true, allowReserved: true },
      },
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Reply = { responses: { 200: { content: { "application/json": unknown } } } };
interface Paths {
  "/assignments": { get: { parameters: { query?: Record<string, unknown> } } & Reply };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((_request, response) => sendJson(response, 200, {}));
});
afterAll(() => server.close());

const client = () => createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth() }).client;

/** The query of the last request, as sent. */
const sentQuery = () => server.requests.at(-1)!.url.slice("/assignments?".length);

describe("a query parameter with allowReserved: true", () => {
  it("keeps reserved characters and percent-encoded triples as they are, in every style, and nothing else", async () => {
    await client().GET("/assignments", {
      params: {
        query: {
          $filter: "atScope() and name eq 'a/b:c@d;e,f$g!(h)*?'",
          paths: ["/v1/x", "a%2Fb"],
          where: { scope: "/subscriptions/1" },
          other: "/plain:text",
        },
      },
    });
    expect(sentQuery()).toBe(
      // fetch's URL parser writes a query's `'` as %27 itself, on every runtime; a name is encoded as ever.
      "%24filter=atScope()%20and%20name%20eq%20%27a/b:c@d;e,f$g!(h)*?%27&paths=/v1/x,a%2Fb" +
        "&where[scope]=/subscriptions/1&other=%2Fplain%3Atext",
    );
    // What would break the URL or its pairs is still encoded: # & = + [ ], a space, a % that starts no triple.
    await client().GET("/assignments", { params: { query: { $filter: "a#b&admin=true+c [d] 100% %zz %4" } } });
    expect(sentQuery()).toBe("%24filter=a%23b%26admin%3Dtrue%2Bc%20%5Bd%5D%20100%25%20%25zz%20%254");
  });

  it("property: any text reads back as itself, or as the text its percent-encoded triples spell", async () => {
    const pieces = fc.constantFrom(..."xyz:/?#[]@!$&'()*+,;= %é😀-_.~", "%2F", "%41", "%zz", "%", "\r\n");
    await fc.assert(
      fc.asyncProperty(
        fc.array(pieces, { maxLength: 12 }).map((list) => list.join("")),
        async (text) => {
          await client().GET("/assignments", { params: { query: { $filter: text, paths: [text, "x"] } } });
          const url = new URL(server.requests.at(-1)!.url, "http://x");
          expect(url.hash).toBe("");
          expect([...url.searchParams.keys()]).toEqual(["$filter", "paths"]);
          // A triple the caller wrote is sent as written (no hex digit stands alone in these pieces): a server decodes it.
          const decodedOnce = text.replace(/%([\dA-Fa-f]{2})/g, (_, hex: string) =>
            String.fromCharCode(Number.parseInt(hex, 16)),
          );
          expect(url.searchParams.get("$filter")).toBe(decodedOnce);
          expect(url.searchParams.get("paths")!.endsWith(",x")).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
