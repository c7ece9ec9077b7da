import { describe, expect, it } from "vitest";
import { type ClientMeta } from "../src/index.js";
import { createFakeApi, FakeApiError, type SpecData } from "../src/testing/index.js";
import { clientOverFake } from "./harness.js";

/** An upload as openapi-typescript types it when the operation takes multipart only. */
type UploadPaths = {
  "/orders": {
    post: {
      requestBody: {
        content: { "multipart/form-data": { file: Blob; purpose: string; tags?: string[]; pages?: number } };
      };
      responses: { 201: { content: { "application/json": { id: string; total: number } } } };
    };
  };
};

/** The operation as openapi-typescript types it: a JSON body, or a multipart one. */
type Paths = {
  "/orders": {
    post: {
      requestBody: {
        content: {
          "application/json": { url: string };
          "multipart/form-data": { file: Blob; purpose: string; tags?: string[]; pages?: number };
        };
      };
      responses: { 201: { content: { "application/json": { id: string; total: number } } } };
    };
  };
};

// What vendors' specs hold that a fake must still check, or report as a violation instead of failing the request as
// a network error would: patterns written for JavaScript without the `u` flag, header parameters no request can
// send, schemas the checker cannot read, and default answers of allOf and bounds.

const operation = (body: SpecData["schemas"][string], extra: object = {}) => ({
  id: "createOrder",
  security: [],
  parameters: [],
  body: { contentType: "application/json", required: true, schema: body },
  responses: { "201": { contentType: "application/json", schema: { $ref: "#/components/schemas/order" } } },
  ...extra,
});

function fakeOf(body: SpecData["schemas"][string], extra: object = {}, schemas: SpecData["schemas"] = {}) {
  const spec: SpecData = {
    basePath: "",
    securitySchemes: {},
    operations: { "POST /orders": operation(body, extra) },
    responses: {},
    schemas: {
      order: {
        allOf: [
          { type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" } } },
          { required: ["total"], properties: { total: { type: "integer", minimum: 1, exclusiveMinimum: true } } },
          {},
        ],
      },
      ...schemas,
    },
  };
  return createFakeApi<Paths>({ spec, name: "Orders" });
}

const post = (fake: ReturnType<typeof fakeOf>, body: unknown, headers: Record<string, string> = {}) =>
  fake.fetch("https://api.example.test/orders", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("fake API: vendors' specs", () => {
  it("checks a pattern written for JavaScript without the u flag (SendGrid's, Linode's ^[a-z0-9\\-\\_]+$)", async () => {
    const fake = fakeOf({ type: "object", properties: { slug: { type: "string", pattern: "^[a-z0-9\\-\\_]+$" } } });

    expect((await post(fake, { slug: "my-slug_1" })).status).toBe(201);
    expect((await post(fake, { slug: "My Slug" })).status).toBe(400);
    expect(fake.violations).toEqual([
      'POST /orders: request body at /slug: expected pattern "^[a-z0-9\\\\-_]+$", found string "My Slug"',
    ]);
  });

  it("passes over a header parameter whose name HTTP does not allow (Notion's empty one)", async () => {
    const fake = fakeOf(
      { type: "object" },
      { parameters: [{ name: "", in: "header", required: true, schema: { type: "string" } }] },
    );

    expect((await post(fake, {})).status).toBe(201);
    expect(fake.violations).toEqual([]);
  });

  it("reports a schema it cannot read as a violation of the test, not as a dropped connection a client retries", async () => {
    const fake = fakeOf({ $ref: "#/components/schemas/missing" });
    const response = await post(fake, { note: "x" });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.stringMatching(
        /^Orders fake: POST \/orders: the fake could not check this request: Error: .*missing/,
      ),
    });
    expect(() => fake.verify()).toThrow(FakeApiError);
    expect(fake.violations).toHaveLength(1);
  });

  it("answers a default body that meets an allOf of a base, a part that requires, and an empty part", async () => {
    const fake = fakeOf({ type: "object" });

    const response = await post(fake, {});

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: "00000000-0000-4000-8000-000000000000", total: 2 });
  });

  describe("a multipart/form-data body (Stripe's /v1/files, OpenAI's audio)", () => {
    const upload = {
      type: "object",
      required: ["file", "purpose"],
      properties: {
        file: { type: "string", format: "binary" },
        purpose: { type: "string", enum: ["dispute_evidence", "identity_document"] },
        tags: { type: "array", items: { type: "string" } },
        pages: { type: "integer", minimum: 1 },
      },
    };
    const form = (purpose: string) => {
      const data = new FormData();
      data.append("file", new Blob(["%PDF-1.7"], { type: "application/pdf" }), "evidence.pdf");
      data.append("purpose", purpose);
      data.append("tags", "a");
      data.append("tags", "b");
      data.append("pages", "3");
      return data;
    };
    const send = (fake: ReturnType<typeof fakeOf>, body: FormData) =>
      fake.fetch("https://api.example.test/orders", { method: "POST", body });

    it("reads its fields by the schema and hands the handler the file the app sent", async () => {
      const fake = fakeOf(upload, { body: { contentType: "multipart/form-data", required: true, schema: upload } });
      let received: Record<string, unknown> | undefined;
      fake.on("POST /orders", ({ body }) => {
        received = body as Record<string, unknown>;
        return { id: "00000000-0000-4000-8000-000000000000", total: 2 };
      });

      expect((await send(fake, form("dispute_evidence"))).status).toBe(201);
      expect(fake.violations).toEqual([]);
      expect(received).toMatchObject({ purpose: "dispute_evidence", tags: ["a", "b"], pages: 3 });
      const file = received?.file as File;
      expect(file).toBeInstanceOf(File);
      expect(file.name).toBe("evidence.pdf");
      expect(await file.text()).toBe("%PDF-1.7");
    });

    it("checks it against the schema", async () => {
      const fake = fakeOf(upload, { body: { contentType: "multipart/form-data", required: true, schema: upload } });

      expect((await send(fake, form("selfie"))).status).toBe(400);
      expect(fake.violations).toEqual([
        'POST /orders: request body at /purpose: expected enum ["dispute_evidence","identity_document"], found string "selfie"',
      ]);
    });

    it("is read as the operation's multipart alternative when it also takes JSON", async () => {
      const fake = fakeOf(upload, {
        body: {
          contentType: "application/json",
          required: true,
          schema: { type: "object", required: ["url"], properties: { url: { type: "string" } } },
          alternatives: [{ contentType: "multipart/form-data", schema: upload }],
        },
      });

      expect((await send(fake, form("identity_document"))).status).toBe(201);
      expect((await post(fake, { url: "https://files.example.com/a.pdf" })).status).toBe(201);
      expect((await post(fake, { purpose: "identity_document" })).status).toBe(400);
      expect(fake.violations).toEqual(['POST /orders: request body: required property "url" is missing']);
    });

    it("reaches it from a keyway client whose call writes the body as FormData, as an app's upload does", async () => {
      const uploadMeta = {
        securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
        operations: { "POST /orders": { id: "createOrder", security: [["ApiKey"]] } },
      } as const satisfies ClientMeta<"ApiKey">;
      const fake = createFakeApi<UploadPaths>({
        spec: {
          basePath: "",
          securitySchemes: uploadMeta.securitySchemes,
          operations: {
            "POST /orders": {
              ...operation(upload, { body: { contentType: "multipart/form-data", required: true, schema: upload } }),
              security: [["ApiKey"]],
            },
          },
          responses: {},
          schemas: { order: { type: "object" } },
        },
        name: "Orders",
      });
      const client = clientOverFake<UploadPaths>(uploadMeta, fake);

      const { response } = await client.POST("/orders", {
        body: { file: new Blob(["%PDF-1.7"]), purpose: "dispute_evidence", tags: ["a"] },
        bodySerializer: (body) => {
          const data = new FormData();
          data.append("file", body.file, "evidence.pdf");
          data.append("purpose", body.purpose);
          for (const tag of body.tags ?? []) data.append("tags", tag);
          return data;
        },
      });

      expect(response.status).toBe(201);
      expect(fake.violations).toEqual([]);
      expect(fake.calls("POST /orders")[0]?.body).toMatchObject({ purpose: "dispute_evidence", tags: ["a"] });
    });
  });
});
