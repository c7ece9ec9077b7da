import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  createApiClient,
  InvalidParameterError,
  InvalidPathParameterError,
  InvalidQueryParameterError,
  RequestAbortedError,
  type ClientMeta,
} from "../src/index.js";
import { apiKeyAuth, SECRET } from "./harness.js";

// Operations whose specs write parameters in styles other than openapi-fetch's defaults, as vendors' specs do:
// SendGrid's comma-joined lists (explode: false), pipe- and space-delimited lists, a form-exploded object, JSON text,
// and lists and objects in the path.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /messages": {
      id: "listMessages",
      security: [["ApiKey"]],
      query: {
        ids: { style: "form", explode: false },
        tags: { style: "pipeDelimited", explode: false },
        words: { style: "spaceDelimited", explode: false },
        color: { style: "form", explode: true },
        point: { style: "form", explode: false },
        fields: "json",
      },
    },
    "GET /messages/{ids}": {
      id: "getMessages",
      security: [["ApiKey"]],
      path: { ids: { style: "simple", explode: false } },
    },
    "GET /grid/{cell}": { id: "getCell", security: [["ApiKey"]], path: { cell: { style: "matrix", explode: true } } },
    "GET /labels/{id}": { id: "getLabel", security: [["ApiKey"]], path: { id: { style: "label", explode: false } } },
    "GET /plain": { id: "listPlain", security: [["ApiKey"]] },
    "GET /plain/{id}": { id: "getPlain", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Reply = { responses: { 200: { content: { "application/json": unknown } } } };
type Query = Record<string, unknown>;
interface Paths {
  "/messages": { get: { parameters: { query?: Query } } & Reply };
  "/messages/{ids}": { get: { parameters: { path: { ids: unknown } } } & Reply };
  "/grid/{cell}": { get: { parameters: { path: { cell: unknown } } } & Reply };
  "/labels/{id}": { get: { parameters: { path: { id: unknown } } } & Reply };
  "/plain": { get: { parameters: { query?: Query } } & Reply };
  "/plain/{id}": { get: { parameters: { path: { id: unknown } } } & Reply };
}

const servers: TestServer[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((server) => server.close()))));

async function styledApi() {
  const server = await startTestServer((_request, response) => sendJson(response, 200, {}));
  servers.push(server);
  const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth() });
  return { client, server };
}

/** The path and query of the last request, as sent. */
const requestLine = (server: TestServer) => server.requests.at(-1)!.url;

describe("query parameters are written in their spec's style", () => {
  it("lists comma-, pipe- and space-joined, an object exploded or joined, JSON text", async () => {
    const { client, server } = await styledApi();
    await client.GET("/messages", {
      params: {
        query: {
          ids: ["m 1", "m,2"],
          tags: ["a", "b"],
          words: ["x", "y"],
          color: { R: 100, G: 200 },
          point: { x: 1, y: 2 },
          fields: ["name", "email"],
        },
      },
    });
    expect(requestLine(server)).toBe(
      "/messages?ids=m%201,m%2C2&tags=a|b&words=x%20y&R=100&G=200&point=x,1,y,2&fields=%5B%22name%22%2C%22email%22%5D",
    );
  });

  it("without a style, lists are repeated and objects written as deepObject, their keys encoded", async () => {
    const { client, server } = await styledApi();
    await client.GET("/plain", {
      params: {
        query: {
          status: ["paid", "open"],
          empty: [],
          filter: { created: { gte: 1 }, "a&admin=true": "x", skipped: undefined },
          when: new Date("2026-12-03T10:00:00.000Z"),
          gone: undefined,
          none: null,
        },
      },
    });
    expect(requestLine(server)).toBe(
      "/plain?status=paid&status=open&filter[created][gte]=1&filter[a%26admin%3Dtrue]=x&when=2026-12-03T10%3A00%3A00.000Z",
    );
    const sent = new URL(requestLine(server), "http://x").searchParams;
    expect(sent.has("admin")).toBe(false);
  });

  it.each([
    ["a list inside a list", { status: [["a"]] }, 'Query parameter "status" holds a list'],
    ["NaN", { page: Number.NaN }, 'Query parameter "page" is NaN'],
    ["a lone surrogate", { q: `${SECRET}\ud800` }, 'Query parameter "q" contains a lone UTF-16 surrogate'],
    [
      "an object inside a form-exploded object",
      { color: { R: { deep: 1 } } },
      'Query parameter "color" holds an object',
    ],
  ])(
    "refuses %s with an InvalidQueryParameterError that does not quote it, sending nothing",
    async (_, query, message) => {
      const { client, server } = await styledApi();
      const path = "color" in query ? "/messages" : "/plain";
      const error = await client.GET(path as "/plain", { params: { query } }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidQueryParameterError);
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain(SECRET);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("refuses a deepObject value that contains itself instead of writing forever", async () => {
    const { client } = await styledApi();
    const filter: Record<string, unknown> = { status: "paid" };
    filter.self = filter;
    await expect(client.GET("/plain", { params: { query: { filter } } })).rejects.toThrow(
      new InvalidQueryParameterError({
        parameter: "filter",
        reason: "nests more than 64 levels deep or contains itself",
      }),
    );
  });

  it("a caller's own querySerializer wins over the spec's style", async () => {
    const { client, server } = await styledApi();
    await client.GET("/messages", { params: { query: { ids: ["1", "2"] } }, querySerializer: () => "custom=1" });
    expect(requestLine(server)).toBe("/messages?custom=1");
  });
});

describe("path parameters are written in their spec's style", () => {
  it.each([
    ["/messages/{ids}", { ids: ["m 1", "m2"] }, "/messages/m%201,m2"],
    ["/grid/{cell}", { cell: { row: 3, column: "b" } }, "/grid/;row=3;column=b"],
    ["/grid/{cell}", { cell: [3, 4] }, "/grid/;cell=3;cell=4"],
    ["/labels/{id}", { id: 7 }, "/labels/.7"],
    ["/labels/{id}", { id: ["a", "b"] }, "/labels/.a,b"],
  ])("%s with %j", async (path, parameters, expected) => {
    const { client, server } = await styledApi();
    await client.GET(path as "/messages/{ids}", { params: { path: parameters as { ids: unknown } } });
    expect(requestLine(server)).toBe(expected);
  });

  it.each([
    ["/messages/{ids}", { ids: [] }, 'Path parameter "ids" is empty'],
    ["/messages/{ids}", { ids: [["nested"]] }, 'Path parameter "ids" holds a list'],
    ["/labels/{id}", { id: "." }, 'Path parameter "id" is written as ".." (a dot segment)'],
    ["/plain/{id}", { id: ["a", "b"] }, 'Path parameter "id" is a list, not a string'],
  ])("%s refuses %j with an InvalidPathParameterError, sending nothing", async (path, parameters, message) => {
    const { client, server } = await styledApi();
    const error = await client
      .GET(path as "/messages/{ids}", { params: { path: parameters as { ids: unknown } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidPathParameterError);
    expect((error as Error).message).toContain(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe("a parameter whose data is not in properties (a Set of ids, bytes) is refused, not sent as nothing", () => {
  it.each([
    ["/plain", { since: new Set(["m1"]) }, 'Query parameter "since" is a Set'],
    ["/plain", { since: new Map([["status", "paid"]]) }, 'Query parameter "since" is a Map'],
    ["/plain", { since: /m1/ }, 'Query parameter "since" is a RegExp'],
    ["/plain", { since: new Uint8Array([1, 2]) }, 'Query parameter "since" is a Uint8Array'],
    ["/messages", { ids: new Set(["m1", "m2"]) }, 'Query parameter "ids" is a Set'],
    ["/messages", { ids: ["m1", new Map()] }, 'Query parameter "ids" holds a Map'],
    ["/plain", { since: { ids: new Set(["m1"]) } }, 'Query parameter "since" holds a Set'],
    ["/plain", { since: { at: { raw: new Uint8Array([1]) } } }, 'Query parameter "since" holds a Uint8Array'],
    ["/plain", { since: new Date(Number.NaN) }, 'Query parameter "since" is an invalid Date'],
    [
      "/messages",
      { fields: { limit: Number.NaN } },
      'Query parameter "fields" cannot be sent as JSON: fields.limit is NaN, which JSON would send as null',
    ],
    [
      "/messages",
      { fields: [new Set(["name"])] },
      'Query parameter "fields" cannot be sent as JSON: fields[0] is a Set, which JSON would send as {}',
    ],
  ])("%s refuses %o with an InvalidQueryParameterError, sending nothing", async (path, query, message) => {
    const { client, server } = await styledApi();
    const error = await client.GET(path as "/plain", { params: { query } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidQueryParameterError);
    expect((error as Error).message).toBe(message);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["/plain/{id}", 'Path parameter "id" is a Set, not a string; it must name exactly one path segment'],
    ["/labels/{id}", 'Path parameter "id" is a Set; it must name exactly one path segment'],
  ])("%s refuses a Set with an InvalidPathParameterError naming its type", async (path, message) => {
    const { client, server } = await styledApi();
    const error = await client
      .GET(path as "/plain/{id}", { params: { path: { id: new Set(["m1"]) } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidPathParameterError);
    expect(error).toMatchObject({ parameter: "id", message });
    expect(server.requests).toHaveLength(0);
  });

  it("a class instance is still written by its fields", async () => {
    const { client, server } = await styledApi();
    class Range {
      constructor(readonly gte: number) {}
    }
    await client
      .GET("/plain", { params: { query: { filter: new Range(3), since: new Uint8Array([1]) } } })
      .catch(() => {});
    await client.GET("/plain", { params: { query: { filter: new Range(3) } } });
    expect(server.requests.map((request) => request.url)).toEqual(["/plain?filter[gte]=3"]);
  });
});

describe("errors name the URL as it would have been sent", () => {
  it("an aborted call of a styled path parameter", async () => {
    const { client, server } = await styledApi();
    const error = await client
      .GET("/labels/{id}", { params: { path: { id: [3, 4] } }, signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error as Error).message).toBe(`GET ${server.url}/labels/.3,4 was aborted by the caller`);
  });
});

describe("whatever keys and values an object holds, it adds no other query parameter", () => {
  it("deepObject and form-joined objects keep every key and value inside their own parameter", async () => {
    const { client, server } = await styledApi();
    const text = fc.string({ unit: fc.constantFrom("a", "&", "=", "?", "#", "[", "]", "%", "+", " ", ",", "é") });
    await fc.assert(
      fc.asyncProperty(fc.dictionary(text, text, { minKeys: 1, maxKeys: 4 }), async (object) => {
        // A deepObject key holding a bracket would nest deeper on the server: refused (bracket-keys.test.ts).
        const bracketed = Object.keys(object).some((key) => /[[\]]/.test(key));
        const deepCall = client.GET("/plain", { params: { query: { filter: object } } });
        if (bracketed) await expect(deepCall).rejects.toThrow(InvalidQueryParameterError);
        else await deepCall;
        await client.GET("/messages", { params: { query: { point: object } } });
        if (bracketed) {
          expect([...new URL(server.requests.at(-1)!.url, "http://x").searchParams.keys()]).toEqual(["point"]);
          return;
        }
        const [deep, joined] = server.requests
          .slice(-2)
          .map((request) => new URL(request.url, "http://x").searchParams);
        expect([...deep!.keys()].every((key) => key.startsWith("filter["))).toBe(true);
        expect([...deep!.values()]).toEqual(Object.values(object));
        expect([...joined!.keys()]).toEqual(["point"]);
      }),
      { numRuns: 60 },
    );
  });
});
