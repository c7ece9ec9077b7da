// The URL new-client's generated test expects its call to send (callOf), against what a keyway client sends for the
// same call: required path and query parameters of every style, plain values and lists of one item, with names and
// values that need encoding. A generated package whose expectation differs fails its own test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHeaderAuth } from "../../packages/header-auth/src/index.js";
import { type ClientMeta, createApiClient } from "../../packages/runtime/src/index.js";
import { chooseOperation } from "../lib/new-client/api.mjs";
import { callOf } from "../lib/new-client/package-files.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";
import { keyedDocument } from "./fixtures/keyed-document.js";

type Parameter = {
  name: string;
  in: "path" | "query";
  required: true;
  style: string;
  explode: boolean;
  schema: object;
};

const SCALARS = [{ type: "string" }, { type: "integer" }, { type: "boolean" }, { type: "string", enum: ["a b/c"] }];
/** A plain value, or a list the samples give one item (no minItems above 1). */
const schemas = fc.oneof(
  fc.constantFrom(...SCALARS),
  fc.constantFrom(...SCALARS).map((items) => ({ type: "array", items })),
);
/**
 * Names of any character but braces, slashes and the template's own delimiters (path-template.ts owns those), and
 * names every object inherits a member of (a client once read `toString`'s style from Object.prototype).
 */
const names = fc.oneof(
  fc.stringMatching(/^[\w .!'()*~$,;=:@-]{1,8}$/),
  fc.constantFrom("toString", "constructor", "__proto__", "valueOf"),
);

const pathParameter = fc.record({
  name: names,
  in: fc.constant("path" as const),
  required: fc.constant(true as const),
  style: fc.constantFrom("simple", "label", "matrix"),
  explode: fc.boolean(),
  schema: schemas,
});
const queryParameter = fc.record({
  name: names,
  in: fc.constant("query" as const),
  required: fc.constant(true as const),
  style: fc.constantFrom("form", "spaceDelimited", "pipeDelimited"),
  explode: fc.boolean(),
  schema: schemas,
});

/** A spec of one GET on `/things/{…}` with these parameters, authenticated by one header key. */
function specOf(path: Parameter[], query: Parameter[]) {
  const template = `/things${path.map((parameter) => `/{${parameter.name}}`).join("")}`;
  return keyedDocument("Styles", {
    [template]: {
      get: {
        parameters: [...path, ...query],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  });
}

describe("new-client's generated test expects the URL a keyway client sends", () => {
  it("for required parameters of every style, plain values and one-item lists (property-based)", async () => {
    const parameters = fc
      .tuple(
        fc.uniqueArray(pathParameter, { maxLength: 3, selector: (p) => p.name }),
        fc.array(queryParameter, { maxLength: 3 }),
      )
      .map(([path, query]) => ({
        path,
        query: query.filter((q, i) => query.findIndex((o) => o.name === q.name) === i),
      }));
    await fc.assert(
      fc.asyncProperty(parameters, async ({ path, query }) => {
        const spec = specOf(path, query);
        const meta = deriveMeta(spec, "specs/styles.json") as unknown as ClientMeta<"Key">;
        const choice = chooseOperation(spec, meta);
        const call = callOf(choice);
        const sent: string[] = [];
        const { client } = createApiClient<any>({
          meta,
          baseUrl: "https://api.example.test",
          auth: createHeaderAuth({ meta, credentials: { Key: "key-1" } }),
          fetch: async (input: Request | string | URL) => {
            const url = new URL(input instanceof Request ? input.url : input);
            sent.push(`${url.pathname}${url.search}`);
            return Response.json({});
          },
        });
        await client.GET(choice.path, call.init);
        expect(sent).toEqual([call.url]);
      }),
      { numRuns: 150 },
    );
  });

  it("passes over a required list the test cannot give one plain item: deepObject, or two items at least", () => {
    const list = { type: "array", items: { type: "string" } };
    const spec = (parameter: object) =>
      specOf([], [{ name: "ids", in: "query", required: true, explode: true, ...parameter } as Parameter]);
    for (const parameter of [
      { style: "deepObject", schema: list },
      { style: "form", schema: { ...list, minItems: 2 } },
      { style: "form", schema: { type: "object", properties: { a: { type: "string" } } } },
    ]) {
      const chosen = spec(parameter);
      expect(() => chooseOperation(chosen, deriveMeta(chosen, "specs/styles.json"))).toThrow(
        "1 with a required parameter that is an object or a list of several items, such as GET /things",
      );
    }
  });
});
