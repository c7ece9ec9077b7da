import { describe, expect, it } from "vitest";
import { deriveMeta } from "../lib/spec/meta.mjs";

/** A spec with one GET operation per entry, at `/<name>/{id}`, taking the given parameters. */
function specWithParameters(operations: Record<string, readonly Record<string, unknown>[]>) {
  const paths = Object.fromEntries(
    Object.entries(operations).map(([name, parameters]) => [
      `/${name}/{id}`,
      { get: { operationId: name, parameters, responses: { "200": { description: "ok" } } } },
    ]),
  );
  return { openapi: "3.1.0", info: { title: "Styles", version: "1" }, paths };
}

const id = (schema: unknown, more: Record<string, unknown> = {}) => ({
  name: "id",
  in: "path",
  required: true,
  schema,
  ...more,
});
const query = (name: string, schema: unknown, more: Record<string, unknown> = {}) => ({
  name,
  in: "query",
  schema,
  ...more,
});
const list = { type: "array", items: { type: "string" } };
const object = { type: "object", properties: { r: { type: "integer" } } };

describe("deriveMeta: how query, path and header parameters are written", () => {
  const { operations } = deriveMeta(
    specWithParameters({
      defaults: [
        id({ type: "string" }),
        query("tags", list),
        query("limit", { type: "integer" }),
        query("filter", object, { style: "deepObject" }),
      ],
      styled: [
        id(list),
        query("ids", list, { explode: false }),
        query("pipes", list, { style: "pipeDelimited" }),
        query("color", object),
        query("point", object, { explode: false }),
        query("anything", {}),
        query("either", { oneOf: [{ type: "string" }, object] }),
        { name: "fields", in: "query", content: { "application/json": { schema: list } } },
      ],
      label: [id({ type: "integer" }, { style: "label" })],
      reserved: [
        id({ type: "string" }),
        query("$filter", { type: "string" }, { allowReserved: true }),
        query("paths", list, { allowReserved: true, explode: false }),
        query("plain", { type: "string" }, { allowReserved: false }),
      ],
      cookies: [
        id({ type: "string" }),
        { name: "session", in: "cookie", schema: { type: "string" } },
        { name: "ids", in: "cookie", schema: list, explode: false },
        { name: "prefs", in: "cookie", schema: object, style: "cookie" },
      ],
      headers: [
        id({ type: "string" }),
        { name: "X-Limit", in: "header", schema: { type: "integer" } },
        { name: "X-Ids", in: "header", schema: list },
        { name: "X-Range", in: "header", schema: object },
        { name: "X-Context", in: "header", schema: object, explode: true },
        { name: "X-Either", in: "header", schema: { anyOf: [{ type: "string" }, object] } },
        { name: "X-Form", in: "header", schema: { type: "string" }, style: "form" },
        { name: "X-Metadata", in: "header", content: { "application/json": { schema: object } } },
        { name: "X-Note", in: "header", content: { "text/plain": { schema: { type: "string" } } } },
      ],
    }),
    "specs/styles.json",
  );

  it("lists nothing for parameters the runtime writes as the spec says by default", () => {
    expect(operations["GET /defaults/{id}"]).not.toHaveProperty("query");
    expect(operations["GET /defaults/{id}"]).not.toHaveProperty("path");
    expect(operations["GET /defaults/{id}"]).not.toHaveProperty("cookie");
  });

  it("lists every cookie parameter, so that its operation's calls send them", () => {
    expect(operations["GET /cookies/{id}"]).toMatchObject({
      cookie: {
        session: { style: "form", explode: true },
        ids: { style: "form", explode: false },
        prefs: { style: "cookie", explode: true },
      },
    });
    expect(() =>
      deriveMeta(
        specWithParameters({ bad: [id({ type: "string" }), { name: "c", in: "cookie", style: "simple" }] }),
        "specs/bad.json",
      ),
    ).toThrow(
      'GET /bad/{id} in specs/bad.json: cookie parameter "c" has style "simple"; OpenAPI defines "form", "cookie" there',
    );
  });

  it("lists each header parameter that may be an object, which the runtime writes in its style", () => {
    expect(operations["GET /headers/{id}"]?.header).toEqual({
      "X-Range": { style: "simple", explode: false },
      "X-Context": { style: "simple", explode: true },
      "X-Either": { style: "simple", explode: false },
      "X-Metadata": "json",
    });
    expect(operations["GET /defaults/{id}"]).not.toHaveProperty("header");
    expect(() =>
      deriveMeta(
        specWithParameters({
          bad: [id({ type: "string" }), { name: "X-O", in: "header", schema: object, style: "form" }],
        }),
        "specs/bad.json",
      ),
    ).toThrow(
      'GET /bad/{id} in specs/bad.json: header parameter "X-O" has style "form"; OpenAPI defines "simple" there',
    );
  });

  it("lists each other parameter with its style and explode, OpenAPI's defaults filled in", () => {
    expect(operations["GET /styled/{id}"]).toMatchObject({
      path: { id: { style: "simple", explode: false } },
      query: {
        ids: { style: "form", explode: false },
        pipes: { style: "pipeDelimited", explode: false },
        color: { style: "form", explode: true },
        point: { style: "form", explode: false },
        anything: { style: "form", explode: true },
        either: { style: "form", explode: true },
        fields: "json",
      },
    });
    expect(operations["GET /label/{id}"]).toMatchObject({ path: { id: { style: "label", explode: false } } });
  });

  it("flags a query parameter that allows reserved characters, whatever its style", () => {
    expect(operations["GET /reserved/{id}"]?.query).toEqual({
      $filter: { style: "form", explode: true, allowReserved: true },
      paths: { style: "form", explode: false, allowReserved: true },
    });
  });

  it("refuses a style OpenAPI does not define where the parameter goes", () => {
    expect(() =>
      deriveMeta(
        specWithParameters({ bad: [id({ type: "string" }), query("q", list, { style: "matrix" })] }),
        "specs/bad.json",
      ),
    ).toThrow(
      'GET /bad/{id} in specs/bad.json: query parameter "q" has style "matrix"; OpenAPI defines "form", "spaceDelimited", "pipeDelimited", "deepObject" there',
    );
  });

  it("terminates on a schema that refers to itself", () => {
    const tree: Record<string, unknown> = { type: "object" };
    tree.properties = { child: tree };
    const recursive = { anyOf: [{ type: "string" }] as unknown[] };
    recursive.anyOf.push(recursive);
    const { operations: found } = deriveMeta(
      specWithParameters({ cyclic: [id({ type: "string" }), query("tree", tree), query("either", recursive)] }),
      "specs/cyclic.json",
    );
    expect(found["GET /cyclic/{id}"]).toMatchObject({ query: { tree: { style: "form", explode: true } } });
    expect(found["GET /cyclic/{id}"]?.query).not.toHaveProperty("either");
  });
});
