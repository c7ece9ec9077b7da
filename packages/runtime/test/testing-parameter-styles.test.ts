import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidPathParameterError } from "../src/index.js";
import type { ParameterStyle } from "../src/meta.js";
import { FakeApiError, type JsonSchema } from "../src/testing/index.js";
import { apiOf, type Declared, point, send } from "./testing-one-operation.js";

// A keyway client against the fake, for parameters of every style the spec can give them: what the fake's handler
// sees must be what the app passed, with no violation.

const strings = { type: "array", items: { type: "string" } } as const;
const integers = { type: "array", items: { type: "integer" } } as const;
const form = (explode: boolean): ParameterStyle => ({ style: "form", explode });
const simple = (explode: boolean): ParameterStyle => ({ style: "simple", explode });
/** A value of a parameter as the spec declares it, and how the client writes it on the wire. */
type WireCase = { title: string; parameter: Declared; value: unknown; wire: string };

describe("the fake reads query parameters as the client writes them, in each style", () => {
  const cases: WireCase[] = [
    {
      title: "a plain value",
      parameter: { name: "v", in: "query", schema: { type: "integer" } },
      value: 42,
      wire: "v=42",
    },
    {
      title: "a list, repeated by default",
      parameter: { name: "v", in: "query", schema: integers },
      value: [3, 4],
      wire: "v=3&v=4",
    },
    {
      title: "a list of one, by default",
      parameter: { name: "v", in: "query", schema: strings },
      value: ["only"],
      wire: "v=only",
    },
    {
      title: "an object, in brackets by default (deepObject), nested with a list inside",
      parameter: {
        name: "v",
        in: "query",
        schema: {
          type: "object",
          properties: {
            status: { type: "string" },
            total: { type: "object", properties: { gte: { type: "number" } } },
            tags: strings,
          },
        },
      },
      value: { status: "paid", total: { gte: 9.5 }, tags: ["a b", "c"] },
      wire: "v[status]=paid&v[total][gte]=9.5&v[tags][0]=a%20b&v[tags][1]=c",
    },
    {
      title: "form, not exploded: a list as comma-separated values, commas inside encoded",
      parameter: { name: "v", in: "query", schema: strings, style: form(false) },
      value: ["a,b", "c d", ""],
      wire: "v=a%2Cb,c%20d,",
    },
    {
      title: "spaceDelimited, not exploded",
      parameter: { name: "v", in: "query", schema: integers, style: { style: "spaceDelimited", explode: false } },
      value: [1, 2, 3],
      wire: "v=1%202%203",
    },
    {
      title: "pipeDelimited, not exploded, pipes inside encoded",
      parameter: { name: "v", in: "query", schema: strings, style: { style: "pipeDelimited", explode: false } },
      value: ["a|b", "c"],
      wire: "v=a%7Cb|c",
    },
    {
      title: "spaceDelimited, exploded: repeated",
      parameter: { name: "v", in: "query", schema: strings, style: { style: "spaceDelimited", explode: true } },
      value: ["a", "b"],
      wire: "v=a&v=b",
    },
    {
      title: "pipeDelimited, exploded: repeated",
      parameter: { name: "v", in: "query", schema: integers, style: { style: "pipeDelimited", explode: true } },
      value: [7, 8],
      wire: "v=7&v=8",
    },
    {
      title: "deepObject: a list indexed",
      parameter: { name: "v", in: "query", schema: strings, style: { style: "deepObject", explode: true } },
      value: ["x", "y"],
      wire: "v[0]=x&v[1]=y",
    },
    {
      title: "form, not exploded: an object as keys and values in turn",
      parameter: { name: "v", in: "query", schema: point, style: form(false) },
      value: { x: 1, label: "a,b", on: true },
      wire: "v=x,1,label,a%2Cb,on,true",
    },
    {
      title: "form, not exploded: an object whose schema is a component ($ref)",
      parameter: { name: "v", in: "query", schema: { $ref: "#/components/schemas/Point" }, style: form(false) },
      value: { x: 3, on: false },
      wire: "v=x,3,on,false",
    },
    {
      title: "pipeDelimited, not exploded: an object",
      parameter: { name: "v", in: "query", schema: point, style: { style: "pipeDelimited", explode: false } },
      value: { x: -2, label: "p" },
      wire: "v=x|-2|label|p",
    },
    {
      title: "form, exploded: an object as parameters of its own",
      parameter: { name: "v", in: "query", schema: point, style: form(true) },
      value: { x: 5, label: "hi there", on: false },
      wire: "x=5&label=hi%20there&on=false",
    },
    {
      title: "form, exploded: an object of any keys",
      parameter: {
        name: "v",
        in: "query",
        schema: { type: "object", additionalProperties: { type: "string" } },
        style: form(true),
      },
      value: { "odd key": "1", "a[b]": "2" },
      wire: "odd%20key=1&a%5Bb%5D=2",
    },
    {
      title: "JSON text (content: application/json)",
      parameter: { name: "v", in: "query", schema: strings, style: "json" },
      value: ["id", "name"],
      wire: "v=%5B%22id%22%2C%22name%22%5D",
    },
  ];

  it.each(cases)("$title: $wire", async ({ parameter, value, wire }) => {
    const q = { name: "q", in: "query", schema: { type: "string" } } as const;
    const { status, violations, seen } = await send("/search", [parameter, q], {
      query: { [parameter.name]: value, q: "ok" },
    });
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect(seen?.url.search).toBe(`?${wire}&q=ok`);
    expect(seen?.query).toEqual({ [parameter.name]: value, q: "ok" });
  });

  it("an exploded form object takes only the fields no other parameter does; absent, nothing is read", async () => {
    const parameters: Declared[] = [
      { name: "filter", in: "query", schema: point, style: form(true) },
      { name: "limit", in: "query", schema: { type: "integer" } },
      { name: "sort", in: "query", schema: { type: "object" } },
    ];
    const both = await send("/search", parameters, {
      query: { limit: 10, filter: { x: 1, label: "l" }, sort: { by: "name" } },
    });
    expect(both.violations).toEqual([]);
    expect(both.seen?.url.search).toBe("?limit=10&x=1&label=l&sort[by]=name");
    expect(both.seen?.query).toEqual({ limit: 10, filter: { x: 1, label: "l" }, sort: { by: "name" } });

    const without = await send("/search", parameters, { query: { limit: 10 } });
    expect(without.violations).toEqual([]);
    expect(without.seen?.query).toEqual({ limit: 10 });
  });

  it("a number or a range of numbers (anyOf), as Stripe's `created` is: read as whichever was sent", async () => {
    const created: Declared = {
      name: "created",
      in: "query",
      schema: {
        anyOf: [
          { type: "integer" },
          { type: "object", properties: { gte: { type: "integer" }, lt: { type: "integer" } } },
        ],
      },
      style: { style: "deepObject", explode: true },
    };
    const one = await send("/search", [created], { query: { created: 1767225600 } });
    const range = await send("/search", [created], { query: { created: { gte: 1767225600, lt: 1767312000 } } });
    expect([one.violations, range.violations]).toEqual([[], []]);
    expect(one.seen?.query).toEqual({ created: 1767225600 });
    expect(range.seen?.url.search).toBe("?created[gte]=1767225600&created[lt]=1767312000");
    expect(range.seen?.query).toEqual({ created: { gte: 1767225600, lt: 1767312000 } });
  });

  it("a parameter whose schema says nothing takes no stray field, which stays a violation", async () => {
    // OpenAPI's default style, form exploded, differs from keyway's for an object: the metadata names it.
    const { fake } = apiOf("/search", [{ name: "anything", in: "query", schema: {}, style: form(true) }]);
    await fake.fetch(
      new Request("https://api.example.test/search?anything=1&limt=5", { headers: { "X-Api-Key": "k" } }),
    );
    expect(fake.violations).toEqual([
      'GET /search: request query parameter "limt": is not a parameter of this operation',
    ]);
  });
});

describe("the fake reads path parameters as the client writes them, in each style", () => {
  const list = (style: ParameterStyle["style"], explode: boolean): Declared => ({
    name: "id",
    in: "path",
    schema: integers,
    style: { style, explode },
  });
  const object = (style: ParameterStyle["style"], explode: boolean): Declared => ({
    name: "id",
    in: "path",
    schema: point,
    style: { style, explode },
  });
  const plain = (style?: ParameterStyle): Declared => ({
    name: "id",
    in: "path",
    schema: { type: "string" },
    ...(style ? { style } : {}),
  });
  // Values hold , ; = (sent encoded); a label's values hold no `.`, which the label style writes bare.
  const cases: WireCase[] = [
    { title: "a plain value", parameter: plain(), value: "a,b;c=d.e f", wire: "a%2Cb%3Bc%3Dd.e%20f" },
    { title: "label: a plain value", parameter: plain({ style: "label", explode: false }), value: "7", wire: ".7" },
    {
      title: "matrix: a plain value",
      parameter: plain({ style: "matrix", explode: true }),
      value: "x;y=z",
      wire: ";id=x%3By%3Dz",
    },
    { title: "simple: a list", parameter: list("simple", false), value: [3, 4], wire: "3,4" },
    { title: "simple, exploded: a list", parameter: list("simple", true), value: [3, 4], wire: "3,4" },
    { title: "label, exploded: a list", parameter: list("label", true), value: [3, 4], wire: ".3.4" },
    { title: "label: a list", parameter: list("label", false), value: [3, 4], wire: ".3,4" },
    { title: "matrix, exploded: a list", parameter: list("matrix", true), value: [3, 4], wire: ";id=3;id=4" },
    { title: "matrix: a list", parameter: list("matrix", false), value: [3, 4], wire: ";id=3,4" },
    {
      title: "simple, exploded: an object",
      parameter: object("simple", true),
      value: { x: 1, label: "a=b,c;d.e" },
      wire: "x=1,label=a%3Db%2Cc%3Bd.e",
    },
    {
      title: "label, exploded: an object whose schema is a component ($ref)",
      parameter: { ...object("label", true), schema: { $ref: "#/components/schemas/Point" } },
      value: { x: 1, on: true },
      wire: ".x=1.on=true",
    },
    {
      title: "simple: an object",
      parameter: object("simple", false),
      value: { x: 1, on: true },
      wire: "x,1,on,true",
    },
    {
      title: "label, exploded: an object",
      parameter: object("label", true),
      value: { x: 1, label: "a=b,c" },
      wire: ".x=1.label=a%3Db%2Cc",
    },
    { title: "label: an object", parameter: object("label", false), value: { x: 1, label: "b" }, wire: ".x,1,label,b" },
    {
      title: "matrix, exploded: an object",
      parameter: object("matrix", true),
      value: { x: 1, label: "p;q.r" },
      wire: ";x=1;label=p%3Bq.r",
    },
    {
      title: "matrix: an object",
      parameter: object("matrix", false),
      value: { x: 1, label: "b" },
      wire: ";id=x,1,label,b",
    },
  ];

  it.each(cases)("$title: $wire", async ({ parameter, value, wire }) => {
    const { status, violations, seen } = await send("/things/{id}/notes", [parameter], { path: { id: value } });
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect(seen?.url.pathname).toBe(`/things/${wire}/notes`);
    expect(seen?.path).toEqual({ id: value });
  });

  it("finds the operation when several styled values share a path", async () => {
    const parameters: Declared[] = [
      { ...list("matrix", true), name: "ids" },
      { ...object("label", false), name: "at" },
      { name: "name", in: "path", schema: { type: "string" } },
    ];
    const { violations, seen } = await send("/a/{ids}/b/{at}/{name}", parameters, {
      path: { ids: [1, 2], at: { x: 3 }, name: "n.json" },
    });
    expect(violations).toEqual([]);
    expect(seen?.url.pathname).toBe("/a/;ids=1;ids=2/b/.x,3/n.json");
    expect(seen?.path).toEqual({ ids: [1, 2], at: { x: 3 }, name: "n.json" });
  });
});

describe("the fake reads header parameters as the client writes them (simple style)", () => {
  const cases: WireCase[] = [
    {
      title: "a plain value",
      parameter: { name: "X-Limit", in: "header", schema: { type: "integer" } },
      value: 7,
      wire: "7",
    },
    { title: "a list of one", parameter: { name: "X-Ids", in: "header", schema: integers }, value: [1], wire: "1" },
    {
      title: "a list, its items joined by commas",
      parameter: { name: "X-Ids", in: "header", schema: integers },
      value: [3, 4],
      wire: "3,4",
    },
    {
      title: "a list of text items, spaces inside kept",
      parameter: { name: "X-Tags", in: "header", schema: strings },
      value: ["a b", "c"],
      wire: "a b,c",
    },
    {
      title: "an object, its keys and values joined by commas, not percent-encoded",
      parameter: { name: "X-Point", in: "header", schema: point, style: simple(false) },
      value: { x: 3, label: "a b/c", on: true },
      wire: "x,3,label,a b/c,on,true",
    },
    {
      title: "an object exploded, as key=value pairs",
      parameter: { name: "X-Point", in: "header", schema: point, style: simple(true) },
      value: { x: -1, label: "é" },
      wire: "x=-1,label=é",
    },
  ];

  it.each(cases)("$title: $wire", async ({ parameter, value, wire }) => {
    const { status, violations, seen } = await send("/things", [parameter], { header: { [parameter.name]: value } });
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect(seen?.headers.get(parameter.name)).toBe(wire);
    expect(seen?.header).toEqual({ [parameter.name]: value });
  });

  it("a list item that is not of the items' type is a violation naming the parameter and the item", async () => {
    const parameter: Declared = { name: "X-Ids", in: "header", schema: integers };
    const { status, violations } = await send("/things", [parameter], { header: { "X-Ids": ["3", "four"] } });
    expect(status).toBe(400);
    expect(violations).toEqual([
      expect.stringMatching(/^GET \/things: request header parameter "X-Ids" at \/1: expected type "integer"/),
    ]);
  });

  it("reads back any list of numbers or booleans the client sends (property-based)", async () => {
    const leaves = fc.oneof(
      fc.record({ schema: fc.constant(integers), value: fc.array(fc.integer(), { minLength: 1, maxLength: 6 }) }),
      fc.record({
        schema: fc.constant({ type: "array", items: { type: "boolean" } } as const),
        value: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(leaves, async ({ schema, value }) => {
        const { violations, seen } = await send("/things", [{ name: "X-Values", in: "header", schema }], {
          header: { "X-Values": value },
        });
        expect(violations).toEqual([]);
        expect(seen?.header).toEqual({ "X-Values": value });
      }),
      { numRuns: 40 },
    );
  });

  // Text a header's simple style can tell apart: no comma or `=`, which delimit it, no space or tab around an item,
  // which HTTP drops, and only what a header value holds (visible Latin-1).
  const headerText = fc
    .string({ unit: fc.constantFrom(..."aZ09 _-./:;!$'()*+@~%é\\"), maxLength: 8 })
    .filter((text) => text.trim() === text);
  const headerObject = fc.oneof(
    fc.record({
      schema: fc.constant({ type: "object", additionalProperties: { type: "string" } } as const),
      value: fc.dictionary(headerText, headerText, { minKeys: 1, maxKeys: 4 }),
    }),
    fc.record({
      schema: fc.constant({ type: "object", additionalProperties: { type: "integer" } } as const),
      value: fc.dictionary(headerText, fc.integer(), { minKeys: 1, maxKeys: 4 }),
    }),
  );

  it("reads back any list of text the client sends (property-based)", async () => {
    const texts = fc.array(
      headerText.filter((text) => text !== ""),
      { minLength: 1, maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(texts, async (value) => {
        const { violations, seen } = await send("/things", [{ name: "X-Tags", in: "header", schema: strings }], {
          header: { "X-Tags": value },
        });
        expect(violations).toEqual([]);
        expect(seen?.headers.get("X-Tags")).toBe(value.join(","));
        expect(seen?.header).toEqual({ "X-Tags": value });
      }),
      { numRuns: 60 },
    );
  });

  it.each([false, true])("reads back any object the client sends, exploded: %s (property-based)", async (explode) => {
    await fc.assert(
      fc.asyncProperty(headerObject, async ({ schema, value }) => {
        const parameter: Declared = { name: "X-Filter", in: "header", schema, style: simple(explode) };
        const { violations, seen } = await send("/things", [parameter], { header: { "X-Filter": value } });
        expect(violations).toEqual([]);
        expect(seen?.header).toEqual({ "X-Filter": value });
      }),
      { numRuns: 60 },
    );
  });
});

describe("the fake reads cookie parameters as the client writes them", () => {
  const cases: WireCase[] = [
    {
      title: "a plain value, percent-encoded",
      parameter: { name: "session", in: "cookie", schema: { type: "string" } },
      value: "s 1;&+",
      wire: "session=s%201%3B%26%2B",
    },
    {
      title: "a list joined by commas",
      parameter: { name: "ids", in: "cookie", schema: integers, style: form(false) },
      value: [3, 4],
      wire: "ids=3,4",
    },
    {
      title: "a list exploded, one cookie per item",
      parameter: { name: "ids", in: "cookie", schema: integers },
      value: [3, 4],
      wire: "ids=3; ids=4",
    },
    {
      title: "an object's keys and values joined by commas",
      parameter: { name: "at", in: "cookie", schema: point, style: form(false) },
      value: { x: 1, label: "a,b" },
      wire: "at=x,1,label,a%2Cb",
    },
    {
      title: "an object exploded, its properties as cookies",
      parameter: { name: "at", in: "cookie", schema: point },
      value: { x: 1, on: false },
      wire: "x=1; on=false",
    },
  ];

  it.each(cases)("$title: $wire", async ({ parameter, value, wire }) => {
    const { status, violations, seen } = await send("/things", [parameter], { cookie: { [parameter.name]: value } });
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect(seen?.headers.get("cookie")).toBe(wire);
    expect(seen?.cookie).toEqual({ [parameter.name]: value });
  });

  it("a required cookie that is missing, or one not of its type, is a violation naming it", async () => {
    const session: Declared = { name: "session", in: "cookie", schema: { type: "integer" }, required: true };
    const { client, fake } = apiOf("/things", [session]);
    fake.on("GET /things", () => ({}));
    await client.GET("/things", { params: { cookie: { session: "abc" } } });
    await client.GET("/things", { headers: { Cookie: "theme=dark" } });
    expect(fake.violations).toEqual([
      expect.stringMatching(/^GET \/things: request cookie parameter "session": expected type "integer"/),
      'GET /things: request cookie parameter "session": is required and missing',
    ]);
  });

  it("cookies of other names, the app's own, are no parameter's", async () => {
    const parameters: Declared[] = [
      { name: "session", in: "cookie", schema: { type: "string" } },
      { name: "at", in: "cookie", schema: { ...point, additionalProperties: false } },
    ];
    const { client, fake } = apiOf("/things", parameters);
    let cookie: unknown;
    fake.on("GET /things", ({ params }) => {
      cookie = params.cookie;
      return {};
    });
    await client.GET("/things", {
      params: { cookie: { session: "s_1", at: { x: 1 } } },
      headers: { Cookie: "theme=a&b+c" },
    });
    expect(fake.violations).toEqual([]);
    expect(cookie).toEqual({ session: "s_1", at: { x: 1 } });
  });

  it("reads back any text and list the client sends (property-based)", async () => {
    const text = fc.string({ unit: "grapheme", maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.array(text, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (session, tags, explode) => {
          const parameters: Declared[] = [
            { name: "session", in: "cookie", schema: { type: "string" } },
            { name: "tags", in: "cookie", schema: strings, style: form(explode) },
          ];
          const { violations, seen } = await send("/things", parameters, { cookie: { session, tags } });
          expect(violations).toEqual([]);
          expect(seen?.cookie).toEqual({ session, tags });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("whatever the client writes in a style, the fake reads back the same value (property-based)", () => {
  type Leaf = "string" | "integer" | "boolean";
  type Shape = "plain" | "list" | "object";
  const QUERY_FORMS: readonly string[] = ["form", "spaceDelimited", "pipeDelimited"];
  const LEAF_SCHEMAS: { [leaf in Leaf]: JsonSchema } = {
    string: { type: "string" },
    integer: { type: "integer" },
    boolean: { type: "boolean" },
  };
  const schemaOf = (shape: Shape, leaf: Leaf): JsonSchema =>
    shape === "plain"
      ? LEAF_SCHEMAS[leaf]
      : shape === "list"
        ? { type: "array", items: LEAF_SCHEMAS[leaf] }
        : { type: "object", additionalProperties: LEAF_SCHEMAS[leaf] };

  /**
   * Values of a shape in a style, with the text the style can tell apart from its own delimiters: a space delimits
   * `spaceDelimited` values and a dot exploded `label` ones, and both are written bare; brackets in a key read as
   * nesting; the keys of an exploded `form` object are parameters, so they are no other parameter's names.
   */
  function valuesOf(shape: Shape, style: ParameterStyle | "json" | undefined) {
    const plainText = fc.string({ unit: "grapheme", maxLength: 12 });
    const text =
      style !== "json" && style?.style === "spaceDelimited" && !style.explode
        ? plainText.filter((s) => !s.includes(" "))
        : style !== "json" && style?.style === "label" && style.explode
          ? plainText.filter((s) => !s.includes("."))
          : plainText;
    const ownFields = style !== undefined && style !== "json" && style.explode && QUERY_FORMS.includes(style.style);
    const nested = style === undefined || (style !== "json" && style.style === "deepObject");
    const key = ownFields
      ? text.filter((k) => !/^[vq](?:\[|$)/.test(k))
      : nested
        ? text.filter((k) => !/[[\]]/.test(k))
        : text;
    return fc.constantFrom<Leaf>("string", "integer", "boolean").chain((leaf) => {
      const item: fc.Arbitrary<unknown> =
        leaf === "string" ? (shape === "plain" ? plainText : text) : leaf === "integer" ? fc.integer() : fc.boolean();
      const value =
        shape === "plain"
          ? item
          : shape === "list"
            ? fc.array(item, { maxLength: 5 })
            : fc.dictionary(key, item, { maxKeys: 5 });
      return fc.record({ schema: fc.constant(schemaOf(shape, leaf)), value });
    });
  }

  /** What is read back: a list or object with nothing in it is not written at all, but as JSON text. */
  const expected = (value: unknown, style: ParameterStyle | "json" | undefined) =>
    style !== "json" && typeof value === "object" && value !== null && Object.keys(value).length === 0
      ? undefined
      : value;

  const QUERY_STYLES: (ParameterStyle | "json" | undefined)[] = [
    undefined,
    "json",
    ...(["form", "spaceDelimited", "pipeDelimited"] as const).flatMap((style) => [
      { style, explode: true },
      { style, explode: false },
    ]),
    { style: "deepObject", explode: true },
  ];
  const named = (style: ParameterStyle | "json" | undefined) =>
    style === undefined ? "default" : style === "json" ? "json" : `${style.style}${style.explode ? ", exploded" : ""}`;
  const queryCases = (["plain", "list", "object"] as const).flatMap((shape) =>
    QUERY_STYLES.map((style) => ({ shape, style, title: `${shape} query value, ${named(style)}` })),
  );

  it.each(queryCases)("$title", async ({ shape, style }) => {
    await fc.assert(
      fc.asyncProperty(valuesOf(shape, style), async ({ schema, value }) => {
        const parameters: Declared[] = [
          { name: "v", in: "query", schema, ...(style ? { style } : {}) },
          { name: "q", in: "query", schema: { type: "string" } },
        ];
        const { violations, seen } = await send("/search", parameters, { query: { v: value } });
        expect(violations).toEqual([]);
        const read = expected(value, style);
        expect(seen?.query).toEqual(read === undefined ? {} : { v: read });
      }),
      { numRuns: 40 },
    );
  });

  const pathCases = (["plain", "list", "object"] as const).flatMap((shape) =>
    (["simple", "label", "matrix"] as const).flatMap((style) =>
      [false, true].map((explode) => ({
        shape,
        style: { style, explode },
        title: `${shape} path value, ${named({ style, explode })}`,
      })),
    ),
  );

  it.each(pathCases)("$title", async ({ shape, style }) => {
    await fc.assert(
      fc.asyncProperty(valuesOf(shape, style), async ({ schema, value }) => {
        const parameters: Declared[] = [{ name: "id", in: "path", schema, style }];
        let result: Awaited<ReturnType<typeof send>>;
        try {
          result = await send("/things/{id}/notes", parameters, { path: { id: value } });
        } catch (error) {
          // An empty value or one written as a dot segment, which the client refuses to send.
          fc.pre(!(error instanceof InvalidPathParameterError));
          throw error;
        }
        expect(result.violations).toEqual([]);
        expect(result.seen?.path).toEqual({ id: value });
      }),
      { numRuns: 40 },
    );
  });
});

describe("a value the fake cannot read in its style is a violation naming the parameter and the rule, never the value", () => {
  const SECRET = "sk_live_7f3a";
  const parameters: Declared[] = [
    { name: "point", in: "query", schema: point, style: form(false) },
    { name: "fields", in: "query", schema: strings, style: "json" },
    { name: "limit", in: "query", schema: { type: "integer" } },
    { name: "tags", in: "query", schema: strings, style: { style: "pipeDelimited", explode: false } },
    { name: "filter", in: "query", schema: { type: "object", additionalProperties: { type: "string" } } },
  ];
  const paths: Declared[] = [
    { name: "ids", in: "path", schema: integers, style: { style: "label", explode: true } },
    { name: "at", in: "path", schema: point, style: { style: "simple", explode: true } },
    { name: "key", in: "path", schema: { type: "string" }, style: { style: "matrix", explode: false } },
  ];

  /** The violations of one request sent as it is, and the message `verify()` throws. */
  async function violationsOf(path: string, declared: readonly Declared[], url: string) {
    const { fake } = apiOf(path, declared);
    const response = await fake.fetch(new Request(`https://api.example.test${url}`, { headers: { "X-Api-Key": "k" } }));
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(SECRET);
    expect(() => fake.verify()).toThrow(FakeApiError);
    expect(() => fake.verify()).not.toThrow(SECRET);
    return fake.violations;
  }

  it.each([
    {
      url: `/search?point=x,1,${SECRET}`,
      violation:
        'request query parameter "point": has an odd number of comma-separated parts, but its style (form, not exploded) writes an object as keys and values in turn',
    },
    { url: `/search?fields=${SECRET}`, violation: 'request query parameter "fields": is not valid JSON' },
    {
      url: `/search?fields=[]&fields=["${SECRET}"]`,
      violation: 'request query parameter "fields": is sent 2 times, but the spec sends it once, as JSON text',
    },
    {
      url: `/search?fields[0]=${SECRET}`,
      violation: 'request query parameter "fields": has fields nested in brackets, but the spec sends it as JSON text',
    },
    {
      url: `/search?limit=1&limit=${SECRET}`,
      violation: 'request query parameter "limit": is sent 2 times, but takes one value',
    },
    {
      url: `/search?tags=a&tags=${SECRET}`,
      violation:
        'request query parameter "tags": is sent 2 times, but its style (pipeDelimited, not exploded) writes it once',
    },
    {
      url: `/search?tags[0]=${SECRET}`,
      violation:
        'request query parameter "tags": has fields nested in brackets, which its style (pipeDelimited, not exploded) does not write',
    },
    {
      url: `/search?filter=${SECRET}&filter[status]=paid`,
      violation: 'request query parameter "filter": is sent both as a value and as fields nested in brackets',
    },
    {
      url: `/search?limit=${SECRET}`,
      violation: 'request query parameter "limit": expected type "integer", found string of 12 characters',
    },
    { url: "/search?status=paid", violation: 'request query parameter "status": is not a parameter of this operation' },
  ])("$url", async ({ url, violation }) => {
    const violations = await violationsOf("/search", parameters, url);
    expect(violations).toEqual([`GET /search: ${violation}`]);
  });

  it.each([
    {
      url: `/a/${SECRET}/x=1/;key=k`,
      violation: 'request path parameter "ids": does not start with ".", as its style (label, exploded) writes it',
    },
    {
      url: `/a/.1/x=1,${SECRET}/;key=k`,
      violation:
        'request path parameter "at": is not written as key=value parts, as its style (simple, exploded) writes an object',
    },
    {
      url: `/a/.1/x=1/;other=${SECRET}`,
      violation:
        'request path parameter "key": does not name itself (;key=…), as its style (matrix, not exploded) writes it',
    },
    {
      url: "/a/.1/x=%E0%A4%A/;key=k",
      violation: 'request path parameter "at": is not valid percent-encoded UTF-8',
    },
  ])("$url", async ({ url, violation }) => {
    const violations = await violationsOf("/a/{ids}/{at}/{key}", paths, url);
    expect(violations).toEqual([`GET /a/{ids}/{at}/{key}: ${violation}`]);
  });
});
