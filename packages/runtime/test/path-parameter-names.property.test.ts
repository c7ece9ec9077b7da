import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError, type ClientMeta, createApiClient, unwrap } from "../src/index.js";
import { createFakeApi, type SpecData } from "../src/testing/index.js";
import { apiKeyAuth } from "./harness.js";

// Path parameters named with any characters OpenAPI allows between a template's braces (all but braces: RapidAPI's
// IdealSpot names one `insight_id:`), beside names of letters and digits: a call puts the value, percent-encoded, where
// `{name}` stands, the fake routes the request to its operation and reads the value under that name, and a parameter
// named a secret shows as REDACTED in the errors of its calls.
type Thing = {
  parameters: { path: Record<string, string> };
  responses: { 200: { content: { "application/json": { id: string } } } };
};
type Paths = Record<string, { get: Thing }>;

const BASE_URL = "https://api.example.test/v1";
const security = [["ApiKey"]] as const;
const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } } as const;

const parameterName = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."abcXYZ019_.-"), minLength: 1 }),
  fc.string({ unit: fc.constantFrom(..."ab:/?#%&=+ @;,.~!$'()*[]|\\^`\"<>é€😀*"), minLength: 1 }),
);
/** Any text but a dot segment (`.`, `..`), which the client refuses as a path parameter's value. */
const parameterValue = fc
  .string({ unit: fc.constantFrom(..."ab:/?#%&=+ @;,.~!$'()*[]{}|\\^`\"<>é€😀"), minLength: 1 })
  .filter((value) => value !== "." && value !== "..");

/** The names the properties found defects with, run first: `#` cut the template, `/` and `[` hid no secret. */
const FOUND_NAMES = ["insight_id:", "#a", "a?b", "a/b", "a[a"];

/** The one operation's path template, its parameter named `name`. */
const pathOf = (name: string) => `/insights/{${name}}/query`;

function metaFor(path: string): ClientMeta<"ApiKey"> {
  return { securitySchemes, operations: { [`GET ${path}`]: { id: "getThing", security } } };
}

/** A client of the one operation at `path`, sending through `fetch`, with the given `secretParameters`. */
function clientFor(path: string, fetch: typeof globalThis.fetch, secretParameters?: readonly string[]) {
  return createApiClient<Paths>({ meta: metaFor(path), baseUrl: BASE_URL, auth: apiKeyAuth(), fetch, secretParameters })
    .client;
}

function specFor(path: string, name: string): SpecData {
  return {
    basePath: "/v1",
    securitySchemes,
    schemas: {},
    responses: {},
    operations: {
      [`GET ${path}`]: {
        id: "getThing",
        security: [["ApiKey"]],
        parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { id: "t" } } },
      },
    },
  };
}

describe("path parameters named with any characters but braces", () => {
  it("send the value, percent-encoded, as the one segment the template's {name} stands for", async () => {
    await fc.assert(
      fc.asyncProperty(parameterName, parameterValue, async (name, value) => {
        const path = pathOf(name);
        const sent: string[] = [];
        const client = clientFor(path, async (url) => {
          sent.push(String(url));
          return Response.json({ id: "t" });
        });

        const { data, error } = await client.GET(path, { params: { path: { [name]: value } } });

        expect(error).toBeUndefined();
        expect(data).toEqual({ id: "t" });
        const segments = new URL(sent[0]!).pathname.split("/");
        expect(segments).toHaveLength(5);
        expect(segments.slice(0, 3)).toEqual(["", "v1", "insights"]);
        expect(decodeURIComponent(segments[3]!)).toBe(value);
        expect(segments[4]).toBe("query");
      }),
      { numRuns: 60, examples: FOUND_NAMES.map((name): [string, string] => [name, "a b"]) },
    );
  });

  it("reach their operation in the fake, which reads the value under the parameter's name", async () => {
    await fc.assert(
      fc.asyncProperty(parameterName, parameterValue, async (name, value) => {
        const path = pathOf(name);
        const fake = createFakeApi<Paths>({ spec: specFor(path, name), name: "Insights" });
        const client = clientFor(path, fake.fetch);

        const { data } = await client.GET(path, { params: { path: { [name]: value } } });

        expect(data).toEqual({ id: "t" });
        expect(fake.calls(`GET ${path}`).map((call) => call.params.path)).toEqual([{ [name]: value }]);
        expect(fake.violations).toEqual([]);
      }),
      { numRuns: 60, examples: FOUND_NAMES.map((name): [string, string] => [name, "a b"]) },
    );
  });

  it("hide a secret they are named as (secretParameters): a failed call's error reads REDACTED in its segment", async () => {
    const secret = "S3cr3tMark";
    await fc.assert(
      fc.asyncProperty(parameterName, async (name) => {
        const path = pathOf(name);
        const notFound = async () => Response.json({ error: "no such insight" }, { status: 404 });
        const client = clientFor(path, notFound, [name]);

        const failure = await unwrap(client.GET(path, { params: { path: { [name]: secret } } })).catch(
          (error: unknown) => error,
        );

        expect(failure).toBeInstanceOf(ApiError);
        expect((failure as ApiError).url).toBe(`${BASE_URL}/insights/REDACTED/query`);
        expect(`${String(failure)} ${inspect(failure, { depth: 5 })} ${JSON.stringify(failure)}`).not.toContain(secret);
      }),
      { numRuns: 60, examples: FOUND_NAMES.map((name): [string] => [name]) },
    );
  });
});
