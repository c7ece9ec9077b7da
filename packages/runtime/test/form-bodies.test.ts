import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createApiClient,
  formBodies,
  InvalidRequestBodyError,
  type ClientMeta,
} from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// A form API as Stripe and Twilio describe theirs: bodies only as application/x-www-form-urlencoded, `expand` with
// the deepObject encoding, and a JSON operation beside them.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /customers": { id: "createCustomer", security: [["ApiKey"]], formBody: { deepObject: ["expand"] } },
    "POST /calls": { id: "createCall", security: [["ApiKey"]], formBody: {} },
    // Seldon's model wrapper: one form field, `json`, whose encoding is application/json.
    "POST /predict": { id: "predict", security: [["ApiKey"]], formBody: { json: ["json"] } },
    "POST /events": { id: "createEvent", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Form = { "application/x-www-form-urlencoded": Record<string, unknown> };
type Op<Body> = { requestBody: { content: Body }; responses: { 200: { content: { "application/json": unknown } } } };
interface Paths {
  "/customers": { post: Op<Form> };
  "/calls": { post: Op<Form> };
  "/predict": { post: Op<Form> };
  "/events": { post: Op<{ "application/json": Record<string, unknown> }> };
}

const servers: TestServer[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((server) => server.close()))));

async function formApi() {
  const server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(server);
  const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), formBodies });
  return { client, server };
}

/** What the server received: its Content-Type and body text. */
const received = (server: TestServer) => {
  const request = server.requests.at(-1)!;
  return { contentType: request.headers["content-type"], body: request.body.toString("utf8") };
};

describe("an operation whose spec takes only forms sends its body as a form", () => {
  it("nested values in brackets, a deepObject list indexed, null as an empty value, undefined left out", async () => {
    const { client, server } = await formApi();
    await client.POST("/customers", {
      body: {
        email: "ada@example.com",
        metadata: { plan: "pro", "seats left": 3 },
        items: [{ price: "p_1", quantity: 2 }],
        expand: ["default_source", "invoice_settings"],
        description: null,
        phone: undefined,
        active: true,
        created: new Date("2026-12-03T10:00:00.000Z"),
      },
    });
    const { contentType, body } = received(server);
    expect(contentType).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(body)]).toEqual([
      ["email", "ada@example.com"],
      ["metadata[plan]", "pro"],
      ["metadata[seats left]", "3"],
      ["items[0][price]", "p_1"],
      ["items[0][quantity]", "2"],
      ["expand[0]", "default_source"],
      ["expand[1]", "invoice_settings"],
      ["description", ""],
      ["active", "true"],
      ["created", "2026-12-03T10:00:00.000Z"],
    ]);
  });

  it("a top-level list without the deepObject encoding is repeated, as OpenAPI's form style explodes it", async () => {
    const { client, server } = await formApi();
    await client.POST("/calls", { body: { To: "+15550100", StatusCallbackEvent: ["initiated", "ringing"] } });
    expect(received(server)).toEqual({
      contentType: "application/x-www-form-urlencoded",
      body: "To=%2B15550100&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing",
    });
  });

  it("the caller's own Content-Type or bodySerializer wins; a JSON operation stays JSON", async () => {
    const { client, server } = await formApi();
    await client.POST("/calls", { body: { To: "+1" }, headers: { "content-type": "application/json" } });
    expect(received(server)).toEqual({ contentType: "application/json", body: '{"To":"+1"}' });
    await client.POST("/calls", { body: { To: "+1" }, bodySerializer: () => "To=%2B2" });
    expect(received(server).body).toBe("To=%2B2");
    await client.POST("/events", { body: { type: "x" } });
    expect(received(server)).toEqual({ contentType: "application/json", body: '{"type":"x"}' });
  });

  it("the caller's headers go along, given as an object, a Headers or a list of pairs (a name listed twice, both values)", async () => {
    const { client, server } = await formApi();
    const pairs: [string, string][] = [
      ["X-Trace-Id", "t-1"],
      ["X-Tag", "a"],
      ["X-Tag", "b"],
    ];
    for (const headers of [{ "X-Trace-Id": "t-1", "X-Tag": ["a", "b"] }, new Headers(pairs), pairs]) {
      await client.POST("/calls", { body: { To: "+1" }, headers: headers as never });
      expect(received(server)).toEqual({ contentType: "application/x-www-form-urlencoded", body: "To=%2B1" });
      const sent = server.requests.at(-1)!.headers;
      expect([sent["x-trace-id"], sent["x-tag"]]).toEqual(["t-1", "a, b"]);
    }
  });

  it("a body the caller sends as JSON that JSON cannot write is an InvalidRequestBodyError, as on any operation", async () => {
    const { client, server } = await formApi();
    const call = client.POST("/calls", { body: { To: 1n }, headers: { "content-type": "application/json" } });
    await expect(call).rejects.toMatchObject({ name: "InvalidRequestBodyError", at: "body.To" });
    expect(server.requests).toHaveLength(0);
  });

  it("any flat body of strings reads back as sent (property-based)", async () => {
    const { client, server } = await formApi();
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), async (fields) => {
        await client.POST("/calls", { body: fields });
        expect(Object.fromEntries(new URLSearchParams(received(server).body))).toEqual(fields);
      }),
      { numRuns: 60 },
    );
  });

  it("a field whose encoding is JSON is sent as one field of JSON text, whatever it holds (property-based)", async () => {
    const { client, server } = await formApi();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), async (json, name) => {
        await client.POST("/predict", { body: { json, name } });
        expect([...new URLSearchParams(received(server).body)]).toEqual([
          ["json", JSON.stringify(json)],
          ["name", name],
        ]);
      }),
      { numRuns: 60 },
    );
  });

  it("a field whose encoding is JSON that JSON cannot write fails, naming where, before anything is sent", async () => {
    const { client, server } = await formApi();
    const call = client.POST("/predict", { body: { json: { data: { ndarray: [1, Number.NaN] } } } });
    await expect(call).rejects.toMatchObject({
      name: "InvalidRequestBodyError",
      at: "body.json.data.ndarray[1]",
      mediaType: "application/x-www-form-urlencoded",
    });
    expect(server.requests).toHaveLength(0);
  });

  it("a client of such an API made without formBodies is refused at creation, not sent as JSON", () => {
    expect(() => createApiClient<Paths>({ meta, baseUrl: "https://api.example.com", auth: apiKeyAuth() })).toThrow(
      ConfigurationError,
    );
  });
});

describe("bytes in a form body", () => {
  it("a field holding a Blob, bytes or a stream fails before anything is sent, naming it, instead of being dropped or sent as its indexes", async () => {
    const { client, server } = await formApi();
    for (const [body, at] of [
      [{ email: "ada@example.com", avatar: new Blob(["png"]) }, "body.avatar"],
      [{ "id card": new Uint8Array([65, 66]) }, 'body["id card"]'],
      [{ files: ["a", new ArrayBuffer(2)] }, "body.files[1]"],
      [{ upload: new ReadableStream() }, "body.upload"],
    ] as const) {
      const error = await client.POST("/customers", { body: body as never }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestBodyError);
      expect(error).toMatchObject({
        at,
        mediaType: "application/x-www-form-urlencoded",
        message: `The request body cannot be sent as application/x-www-form-urlencoded: ${at} is binary (a Blob, bytes or a stream), which a form field cannot hold`,
      });
    }
    expect(server.requests).toHaveLength(0);
  });

  it("a value nested in a field that a form cannot hold fails, naming where, instead of being left out", async () => {
    const { client, server } = await formApi();
    for (const [body, at, what] of [
      [{ metadata: { avatar: new Blob(["png"]) } }, 'body["metadata[avatar]"]', "binary (a Blob, bytes or a stream)"],
      [{ metadata: { tags: new Set(["vip"]) } }, 'body["metadata[tags]"]', "a Set"],
      [{ items: [{ prices: new Map([["eur", 3]]) }] }, 'body["items[0][prices]"]', "a Map"],
      [{ plan: new Map([["id", "pro"]]) }, "body.plan", "a Map"],
    ] as const) {
      const error = await client.POST("/customers", { body: body as never }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestBodyError);
      expect(error).toMatchObject({
        at,
        message: `The request body cannot be sent as application/x-www-form-urlencoded: ${at} is ${what}, which a form field cannot hold`,
      });
    }
    expect(server.requests).toHaveLength(0);
  });

  it("a whole body of bytes (a form the caller encoded) is sent as it is, not as an empty form", async () => {
    const { client, server } = await formApi();
    await client.POST("/customers", { body: new TextEncoder().encode("email=ada%40example.com&seats=3") as never });
    const request = server.requests.at(-1)!;
    expect([request.headers["content-type"], request.body.toString("utf8")]).toEqual([
      "application/x-www-form-urlencoded",
      "email=ada%40example.com&seats=3",
    ]);
  });

  it("a body given as text (Spoonacular types its forms as a string) is the form's encoded text, sent as it is", async () => {
    const { client, server } = await formApi();
    const form = "title=Pork roast with green beans&ingredientList=3 oz pork shoulder%0A1 cup beans";
    await client.POST("/customers", { body: form as never });
    expect(received(server)).toEqual({ contentType: "application/x-www-form-urlencoded", body: form });
  });

  it("a number, a boolean or null as the whole body fails before anything is sent, naming what it is", async () => {
    const { client, server } = await formApi();
    for (const [body, kind] of [
      [42, "a number"],
      [true, "a boolean"],
      [null, "null"],
    ] as const) {
      const call = client.POST("/customers", { body: body as never });
      await expect(call).rejects.toBeInstanceOf(InvalidRequestBodyError);
      await expect(call).rejects.toThrow(
        `The request body cannot be sent as application/x-www-form-urlencoded: body is ${kind}, not an object of the form's fields or its encoded text`,
      );
    }
    expect(server.requests).toHaveLength(0);
  });
});
