import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formBodies, mediaBodies, type ClientMeta } from "../src/index.js";
import { createFakeApi, type JsonSchema, type SpecData } from "../src/testing/index.js";
import { clientOverFake } from "./harness.js";

// A keyway client sending form bodies (nested fields in brackets, lists repeated or indexed) to the fake: the fake's
// handler must see the body the app passed, read by the spec's schema, with no violation.

type Form = { "application/x-www-form-urlencoded": Record<string, unknown> };
type Op = { requestBody: { content: Form }; responses: { 200: { content: { "application/json": unknown } } } };
type Paths = { [path: string]: { post: Op } };

const FORM = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

interface FormOptions {
  readonly deepObject?: readonly string[];
  /** Properties whose spec `encoding` gives a JSON `contentType`. */
  readonly json?: readonly string[];
  readonly required?: boolean;
  readonly contentType?: typeof FORM | typeof MULTIPART;
}

/** A client and a fake of `POST /customers`, whose body is only a form (or only a multipart form) of `schema`. */
function formApi(
  schema: JsonSchema,
  { deepObject = [], json = [], required = true, contentType = FORM }: FormOptions = {},
) {
  const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } };
  const encoding = { ...(deepObject.length ? { deepObject } : {}), ...(json.length ? { json } : {}) };
  const meta: ClientMeta<"ApiKey"> = {
    securitySchemes,
    operations: {
      "POST /customers": {
        id: "createCustomer",
        security: [["ApiKey"]],
        ...(contentType === FORM ? { formBody: encoding } : { bodyMedia: contentType }),
      },
    },
  };
  const spec: SpecData = {
    basePath: "",
    securitySchemes,
    schemas: {},
    responses: {},
    operations: {
      "POST /customers": {
        id: "createCustomer",
        security: [["ApiKey"]],
        parameters: [],
        body: { contentType, schema, ...(json.length ? { json } : {}), ...(required ? { required } : {}) },
        responses: { "200": { contentType: "application/json", schema: {}, example: { ok: true } } },
      },
    },
  };
  const fake = createFakeApi<Paths>({ spec, name: "Forms" });
  return { client: clientOverFake<Paths>(meta, fake, { formBodies, mediaBodies }), fake };
}

/** Sends `body` and returns the form text as sent and the body the fake's handler saw. */
async function send(schema: JsonSchema, body: Record<string, unknown> | FormData | string, options?: FormOptions) {
  const { client, fake } = formApi(schema, options);
  let seen: { text: string; body: unknown } | undefined;
  fake.on("POST /customers", async ({ body: parsed, request }) => {
    seen = { text: await request.clone().text(), body: parsed };
    return { ok: true };
  });
  const { response } = await client.POST("/customers", { body: body as Record<string, unknown> });
  return { status: response.status, violations: fake.violations, seen };
}

const string = { type: "string" } as const;
const customer = {
  type: "object",
  required: ["email"],
  additionalProperties: false,
  properties: {
    email: string,
    metadata: { type: "object", additionalProperties: string },
    items: {
      type: "array",
      items: { type: "object", properties: { price: string, quantity: { type: "integer" } } },
    },
    address: {
      type: "object",
      properties: {
        line1: string,
        geo: { type: "object", properties: { lat: { type: "number" }, exact: { type: "boolean" } } },
      },
    },
    expand: { type: "array", items: string },
    tags: { type: "array", items: string },
    description: { type: ["string", "null"] },
    limit: { type: ["integer", "null"] },
    active: { type: "boolean" },
    created: { type: "string", format: "date-time" },
  },
} as const;

describe("the fake reads form bodies as the client writes them", () => {
  it("nested objects and lists in brackets, a deepObject list indexed, a list repeated, null as an empty value", async () => {
    const sent = {
      email: "ada@example.com",
      metadata: { plan: "pro", "seats left": "3" },
      items: [
        { price: "p_1", quantity: 2 },
        { price: "p_2", quantity: 1 },
      ],
      address: { line1: "1 Main St", geo: { lat: 51.5, exact: false } },
      expand: ["default_source", "invoice_settings"],
      tags: ["a", "b"],
      description: null,
      limit: null,
      active: true,
      created: new Date("2026-12-03T10:00:00.000Z"),
      phone: undefined,
    };
    const { status, violations, seen } = await send(customer, sent, { deepObject: ["expand"] });
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect(decodeURIComponent(seen!.text).split("&")).toEqual([
      "email=ada@example.com",
      "metadata[plan]=pro",
      "metadata[seats+left]=3",
      "items[0][price]=p_1",
      "items[0][quantity]=2",
      "items[1][price]=p_2",
      "items[1][quantity]=1",
      "address[line1]=1+Main+St",
      "address[geo][lat]=51.5",
      "address[geo][exact]=false",
      "expand[0]=default_source",
      "expand[1]=invoice_settings",
      "tags=a",
      "tags=b",
      "description=",
      "limit=",
      "active=true",
      "created=2026-12-03T10:00:00.000Z",
    ]);
    // As sent, but for what a form cannot carry: the Date is its text, and undefined is left out.
    const { phone: _, ...read } = sent;
    expect(seen!.body).toEqual({ ...read, created: sent.created.toJSON() });
  });

  it("a list of one is still a list, indexed or repeated", async () => {
    const { violations, seen } = await send(
      customer,
      { email: "e", expand: ["x"], tags: ["y"] },
      { deepObject: ["expand"] },
    );
    expect(violations).toEqual([]);
    expect(seen!.body).toEqual({ email: "e", expand: ["x"], tags: ["y"] });
  });

  it("an empty form is an object without fields", async () => {
    const { status, violations, seen } = await send({ type: "object", properties: { note: string } }, {});
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect(seen!.body).toEqual({});
  });

  it("a form the spec types as a string (Spoonacular) is its encoded text, which the handler sees as sent", async () => {
    const form = "title=Pork roast&ingredientList=3 oz pork shoulder";
    const { status, violations, seen } = await send({ type: "string", minLength: 1 }, form);
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect(seen).toEqual({ text: form, body: form });

    const short = await send({ type: "string", maxLength: 5 }, form);
    expect(short.violations).toEqual([
      "POST /customers: request body: expected maxLength 5, found string of 50 characters",
    ]);
  });

  it("a value that breaks the schema is reported by field and rule, never by value", async () => {
    const { status, violations } = await send(customer, {
      email: "e",
      items: [{ price: "p_1", quantity: "sk_live_7f3a" }],
    });
    expect(status).toBe(400);
    expect(violations).toEqual([
      'POST /customers: request body at /items/0/quantity: expected type "integer", found string of 12 characters',
    ]);
  });

  it("a field sent both as a value and with nested fields is a violation naming the field, not the value", async () => {
    const { fake } = formApi(customer);
    const response = await fake.fetch(
      new Request("https://api.example.test/customers", {
        method: "POST",
        headers: { "X-Api-Key": "k", "Content-Type": "application/x-www-form-urlencoded" },
        body: "email=e&metadata=sk_live_7f3a&metadata[plan]=pro",
      }),
    );
    expect(response.status).toBe(400);
    expect(fake.violations).toEqual([
      "POST /customers: request body at /metadata: is sent both as a value and as fields nested in brackets",
    ]);
  });
});

describe("a field whose spec encoding gives a JSON contentType is read as JSON text", () => {
  // Seldon's model wrapper: `json={"data":{"ndarray":[1]}}` in a form.
  const predict = {
    type: "object",
    properties: { json: { type: "object", properties: { data: { type: "object" } } }, name: string },
  } as const;
  /** The fake of `predict` fetched directly with a form's text. */
  async function sendText(text: string) {
    const { fake } = formApi(predict, { json: ["json"] });
    const response = await fake.fetch(
      new Request("https://api.example.test/customers", {
        method: "POST",
        headers: { "X-Api-Key": "k", "Content-Type": FORM },
        body: text,
      }),
    );
    return { status: response.status, violations: fake.violations };
  }

  it("reaches the handler as the value the app passed, with no violation", async () => {
    const body = { json: { data: { ndarray: [1, 2.5], names: ["a"] } }, name: "n" };
    const { status, violations, seen } = await send(predict, body, { json: ["json"] });
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect([...new URLSearchParams(seen!.text)]).toEqual([
      ["json", '{"data":{"ndarray":[1,2.5],"names":["a"]}}'],
      ["name", "n"],
    ]);
    expect(seen!.body).toEqual(body);
  });

  // As JSON carries them: JSON itself writes -0 as 0.
  const jsonValues = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown);

  it("whatever JSON it holds (property-based)", async () => {
    await fc.assert(
      fc.asyncProperty(jsonValues, async (json) => {
        const { violations, seen } = await send(
          { type: "object", properties: { json: {} } },
          { json },
          { json: ["json"] },
        );
        expect(violations).toEqual([]);
        expect(seen!.body).toEqual({ json });
      }),
      { numRuns: 100 },
    );
  });

  it("text that is not JSON is a violation naming the field, not the value", async () => {
    const { status, violations } = await sendText(`json=${encodeURIComponent("{sk_live_7f3a")}&name=n`);
    expect(status).toBe(400);
    expect(violations).toEqual(["POST /customers: request body at /json: is not valid JSON"]);
  });

  it("fields nested in brackets under its name are a violation naming the field", async () => {
    const { violations } = await sendText("json[data][ndarray][0]=1");
    expect(violations).toEqual([
      "POST /customers: request body at /json: has fields nested in brackets, but the spec sends it as JSON text",
    ]);
  });
});

describe("the fake reads multipart/form-data parts of JSON text as JSON", () => {
  const upload = {
    type: "object",
    properties: {
      meta: { type: "object", properties: { pages: { type: "integer" } } },
      file: { type: "string", format: "binary" },
    },
  } as const;

  it("an object the client writes as a part of JSON text reaches the handler as the object, as OpenAPI's default encoding reads it", async () => {
    const body = { meta: { pages: 3 }, file: new Blob(["%PDF"], { type: "application/pdf" }) };
    const { status, violations, seen } = await send(upload, body, { contentType: MULTIPART });
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    const { meta, file } = seen!.body as { meta: unknown; file: File };
    expect(meta).toEqual({ pages: 3 });
    expect(await file.text()).toBe("%PDF");
  });

  it("a list of objects, which the client writes one part of JSON text per item, reaches the handler as the list", async () => {
    const schema = { type: "object", properties: { lines: { type: "array", items: upload.properties.meta } } } as const;
    for (const lines of [[{ pages: 1 }, { pages: 2 }], [{ pages: 3 }]]) {
      const { violations, seen } = await send(schema, { lines }, { contentType: MULTIPART });
      expect(violations).toEqual([]);
      expect(seen!.body).toEqual({ lines });
    }
    const form = new FormData();
    form.append("lines", '{"pages":1}');
    form.append("lines", "sk_live_7f3a");
    const { violations } = await send(schema, form, { contentType: MULTIPART });
    expect(violations).toEqual(["POST /customers: request body at /lines/1: is not valid JSON"]);
  });

  it("a part whose encoding gives a JSON contentType is read as JSON, sent as text or as a file; other files stay files", async () => {
    const schema = { type: "object", properties: { meta: {}, file: upload.properties.file } } as const;
    const form = new FormData();
    form.append("meta", new Blob(['{"pages":[1,2]}'], { type: "application/json" }));
    form.append("file", new Blob(["{}"], { type: "image/png" }), "scan.png");
    const { violations, seen } = await send(schema, form, { contentType: MULTIPART, json: ["meta"] });
    expect(violations).toEqual([]);
    const { meta, file } = seen!.body as { meta: unknown; file: File };
    expect(meta).toEqual({ pages: [1, 2] });
    expect(file).toBeInstanceOf(File);
    expect([file.name, await file.text()]).toEqual(["scan.png", "{}"]);
  });

  it("a JSON part that is not JSON is a violation naming the part", async () => {
    const form = new FormData();
    form.append("meta", "sk_live_7f3a");
    const { status, violations } = await send(upload, form, { contentType: MULTIPART });
    expect(status).toBe(400);
    expect(violations).toEqual(["POST /customers: request body at /meta: is not valid JSON"]);
  });
});

describe("whatever body the client writes as a form, the fake reads back the same value (property-based)", () => {
  type Shaped = { readonly schema: JsonSchema; readonly value: fc.Arbitrary<unknown> };
  // Brackets in a name read as nesting: keys hold none. Every list and object holds something (an empty one is not
  // written at all).
  const key = fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }).filter((k) => !/[[\]]/.test(k));
  const leaves: Shaped[] = [
    { schema: string, value: fc.string({ unit: "grapheme", maxLength: 12 }) },
    { schema: { type: "integer" }, value: fc.integer() },
    {
      schema: { type: "number" },
      value: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    },
    { schema: { type: "boolean" }, value: fc.boolean() },
    { schema: { type: ["integer", "null"] }, value: fc.option(fc.integer()) },
    // A client sends `null` and `""` alike, as an empty value: the fake reads `null` where the schema allows it.
    { schema: { type: ["string", "null"] }, value: fc.option(fc.string({ unit: "grapheme", minLength: 1 })) },
  ];
  const shapes = fc.letrec<{ shape: Shaped; list: Shaped; object: Shaped }>((tie) => ({
    shape: fc.oneof({ maxDepth: 3, depthIdentifier: "form" }, fc.constantFrom(...leaves), tie("list"), tie("object")),
    list: tie("shape").map((item) => ({
      schema: { type: "array", items: item.schema },
      value: fc.array(item.value, { minLength: 1, maxLength: 3 }),
    })),
    object: fc
      .uniqueArray(fc.tuple(key, tie("shape")), { minLength: 1, maxLength: 3, selector: ([name]) => name })
      .map((properties) => objectOf(properties)),
  }));
  const objectOf = (properties: readonly (readonly [string, Shaped])[]): Shaped => ({
    schema: {
      type: "object",
      properties: Object.fromEntries(properties.map(([name, shaped]) => [name, shaped.schema])),
    },
    value: fc.record(Object.fromEntries(properties.map(([name, shaped]) => [name, shaped.value]))),
  });
  const bodies = fc
    .uniqueArray(fc.tuple(key, shapes.shape), { minLength: 1, maxLength: 4, selector: ([name]) => name })
    .chain((properties) => {
      const { schema, value } = objectOf(properties);
      const lists = properties.filter(([, shaped]) => (shaped.schema as { type?: unknown }).type === "array");
      return fc.record({
        schema: fc.constant(schema),
        body: value as fc.Arbitrary<Record<string, unknown>>,
        deepObject: fc.subarray(lists.map(([name]) => name)),
      });
    });

  it("nested objects, lists of lists and of objects, numbers, booleans and null, any text", async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async ({ schema, body, deepObject }) => {
        const { violations, seen } = await send(schema, body, { deepObject });
        expect(violations).toEqual([]);
        expect(seen!.body).toEqual(body);
      }),
      { numRuns: 150 },
    );
  });
});
