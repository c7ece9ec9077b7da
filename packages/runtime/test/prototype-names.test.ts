import { describe, expect, it } from "vitest";
import type { ParameterStyle } from "../src/meta.js";
import { createFakeApi, type JsonSchema } from "../src/testing/index.js";
import { type Declared, send, specDataOf } from "./testing-one-operation.js";

// Parameters named like the members every JavaScript object inherits (`constructor`, `toString`, `__proto__`): a
// spec may name a parameter anything, and the client's and the fake's lookups by name must find only what the spec and
// the call declare. Each call is compared with the same call of a parameter named `v`.
const NAMES = [
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "__defineGetter__",
  "isPrototypeOf",
];

const integers = { type: "array", items: { type: "integer" } } as const;
const styled = (style: ParameterStyle["style"], explode: boolean) => ({ style: { style, explode } });
/** A path list beside the parameter, so that the operation's metadata has styles for its path. */
const STYLED_LIST: Declared = { name: "ids", in: "path", schema: integers, style: { style: "simple", explode: false } };
const CASES: { title: string; parameter: Omit<Declared, "name">; value: unknown; beside?: Declared }[] = [
  { title: "a plain path value", parameter: { in: "path", schema: { type: "string" } }, value: "x" },
  {
    title: "a plain path value beside a styled one",
    parameter: { in: "path", schema: { type: "string" } },
    value: "x",
    beside: STYLED_LIST,
  },
  { title: "a path list", parameter: { in: "path", schema: integers, ...styled("simple", false) }, value: [3, 4] },
  { title: "a label path list", parameter: { in: "path", schema: integers, ...styled("label", true) }, value: [3, 4] },
  {
    title: "a matrix path value",
    parameter: { in: "path", schema: { type: "string" }, ...styled("matrix", false) },
    value: "x",
  },
  { title: "a plain query value", parameter: { in: "query", schema: { type: "integer" } }, value: 7 },
  { title: "a query list, repeated", parameter: { in: "query", schema: integers }, value: [3, 4] },
  {
    title: "a query list, comma-joined",
    parameter: { in: "query", schema: integers, ...styled("form", false) },
    value: [3, 4],
  },
  {
    title: "a query list, piped",
    parameter: { in: "query", schema: integers, ...styled("pipeDelimited", false) },
    value: [3, 4],
  },
  {
    title: "a deepObject query value",
    parameter: {
      in: "query",
      schema: { type: "object", properties: { a: { type: "string" } } },
      ...styled("deepObject", true),
    },
    value: { a: "b" },
  },
  { title: "a header list", parameter: { in: "header", schema: integers }, value: [3, 4] },
];

describe("parameters named like an object's inherited members", () => {
  for (const { title, parameter, value, beside } of CASES) {
    it.for(NAMES)(`${title}, named %s, is sent and read as one named v is`, async (name) => {
      const path = (named: string) =>
        `/things${parameter.in === "path" ? `/{${named}}` : ""}${beside ? `/{${beside.name}}` : ""}`;
      const call = (named: string) => {
        const declared = [{ ...parameter, name: named } as Declared, ...(beside ? [beside] : [])];
        const params = { [parameter.in]: { [named]: value, ...(beside ? { [beside.name]: [1, 2] } : {}) } };
        return send(path(named), declared, params);
      };
      const plain = await call("v");
      const named = await call(name);

      expect(named.violations).toEqual([]);
      expect(named.status).toBe(200);
      const encodedName = encodeURIComponent(name);
      const sent = (result: typeof named) => `${result.seen?.url.pathname}${result.seen?.url.search}`;
      expect(sent(named)).toBe(sent(plain).replaceAll(/\bv(?=[=[;])/g, encodedName));
      const read = (result: typeof named) => (result.seen as Record<string, unknown> | undefined)?.[parameter.in];
      expect(Object.hasOwn(read(named) as object, name)).toBe(true);
      expect((read(named) as Record<string, unknown>)[name]).toEqual(value);
    });
  }
});

describe("the fake's sample answer holds properties named like an object's inherited members", () => {
  it("as its own keys, each sampled by its schema", async () => {
    const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } };
    // As a spec is read: JSON gives `__proto__` as a key of its own, where an object literal would set the prototype.
    const schema = JSON.parse(
      '{"type":"object","required":["constructor","__proto__","toString"],' +
        '"properties":{"toString":{"type":"integer"},"__proto__":{"type":"string","enum":["own"]}}}',
    ) as JsonSchema;
    const spec = specDataOf(
      {
        "GET /things": {
          id: "getThings",
          security: [["ApiKey"]],
          parameters: [],
          responses: { "200": { contentType: "application/json", schema } },
        },
      },
      { securitySchemes },
    );
    const fake = createFakeApi({ spec, name: "Members" });
    const response = await fake.fetch("https://api.example.test/things", { headers: { "X-Api-Key": "key-123456" } });
    const body = JSON.parse(await response.text()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(body.toString).toBeTypeOf("number");
    expect(Object.getOwnPropertyDescriptor(body, "__proto__")?.value).toBe("own");
    expect(fake.violations).toEqual([]);
  });
});
