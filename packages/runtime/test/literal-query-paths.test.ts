import { describe, expect, it } from "vitest";
import { type ClientMeta, createApiClient } from "../src/index.js";
import { createFakeApi, type SpecData } from "../src/testing/index.js";
import { apiKeyAuth } from "./harness.js";

// Path templates that hold a query (`/v1/messages?action=send`, openSUSE's and Medium's specs), for operations that
// also declare query parameters of their own: the call's query follows the template's after `&`.
type Send = {
  parameters: { query?: { dryRun?: boolean; to?: string[] } };
  responses: { 200: { content: { "application/json": { sent: boolean } } } };
};
type Air = {
  parameters: { path: { city_id: string }; query?: { lang?: string } };
  responses: { 200: { content: { "application/json": { sent: boolean } } } };
};
interface Paths {
  "/messages?action=send": { post: Send };
  "/airquality?city_id={city_id}": { get: Air };
}

const security = [["ApiKey"]] as const;
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /messages?action=send": { id: "send", security },
    "GET /airquality?city_id={city_id}": { id: "airQuality", security },
  },
} as const satisfies ClientMeta<"ApiKey">;
const spec: SpecData = {
  basePath: "/v1",
  securitySchemes: meta.securitySchemes,
  schemas: {},
  responses: {},
  operations: {
    "POST /messages?action=send": {
      id: "send",
      security: [["ApiKey"]],
      parameters: [
        { name: "dryRun", in: "query", schema: { type: "boolean" } },
        { name: "to", in: "query", schema: { type: "array", items: { type: "string" } } },
      ],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { sent: true } } },
    },
    "GET /airquality?city_id={city_id}": {
      id: "airQuality",
      security: [["ApiKey"]],
      parameters: [
        { name: "city_id", in: "path", required: true, schema: { type: "integer" } },
        { name: "lang", in: "query", schema: { type: "string" } },
      ],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { sent: true } } },
    },
  },
};

function clientOf(fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  return createApiClient<Paths>({ meta, baseUrl: "https://api.example.test/v1", auth: apiKeyAuth(), fetch }).client;
}

describe("path templates that hold a query", () => {
  it("send the call's query after the template's, joined by &", async () => {
    const sent: string[] = [];
    const client = clientOf(async (url) => {
      sent.push(String(url));
      return Response.json({ sent: true });
    });

    await client.POST("/messages?action=send", { params: { query: { dryRun: true, to: ["a b", "c?d"] } } });
    await client.POST("/messages?action=send");
    // Weatherbit's: a path parameter in the template's query.
    await client.GET("/airquality?city_id={city_id}", { params: { path: { city_id: "4?2" }, query: { lang: "de" } } });

    expect(sent).toEqual([
      "https://api.example.test/v1/messages?action=send&dryRun=true&to=a%20b&to=c%3Fd",
      "https://api.example.test/v1/messages?action=send",
      "https://api.example.test/v1/airquality?city_id=4%3F2&lang=de",
    ]);
  });

  it("reach their operation in the fake, which reads the call's query parameters beside the template's", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Messages" });
    const client = clientOf(fake.fetch);

    const { data } = await client.POST("/messages?action=send", { params: { query: { dryRun: true, to: ["x"] } } });

    expect(data).toEqual({ sent: true });
    expect(fake.calls("POST /messages?action=send")[0]?.params.query).toEqual({ dryRun: true, to: ["x"] });
    expect(fake.violations).toEqual([]);
  });

  it("reach an operation whose template's query holds a path parameter in the fake, which reads it as one", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Weather" });
    const client = clientOf(fake.fetch);

    await client.GET("/airquality?city_id={city_id}", { params: { path: { city_id: "42" }, query: { lang: "de" } } });
    await client.GET("/airquality?city_id={city_id}", { params: { path: { city_id: "x" } } });

    expect(fake.calls("GET /airquality?city_id={city_id}").map((call) => call.params)).toEqual([
      { path: { city_id: 42 }, query: { lang: "de" }, header: {}, cookie: {} },
      { path: { city_id: "x" }, query: {}, header: {}, cookie: {} },
    ]);
    expect(fake.violations).toEqual([
      'GET /airquality?city_id={city_id}: request path parameter "city_id": expected type "integer", found string "x"',
    ]);
  });
});
