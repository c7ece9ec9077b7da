import { describe, expect, it } from "vitest";
import { createApiClient, type ClientMeta } from "../src/index.js";
import { apiKeyAuth, meta as plainMeta, type Paths } from "./harness.js";

const meta = {
  ...plainMeta,
  accept: "application/json",
  operations: {
    ...plainMeta.operations,
    "POST /items/search": { id: "searchItems", security: [["ApiKey"]], accept: "application/json, text/csv;q=0.9" },
  },
} as const satisfies ClientMeta<"ApiKey">;

/** A client whose requests are captured at the network boundary; `accepted()` lists the Accept header each one sent. */
function capturing(options: { meta?: ClientMeta<"ApiKey">; headers?: Record<string, string> } = {}) {
  const sent: Headers[] = [];
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: apiKeyAuth(),
    fetch: async (url, init) => {
      sent.push(new Request(url, init).headers);
      return Response.json([]);
    },
    ...options,
  });
  return { client, accepted: () => sent.map((headers) => headers.get("accept")) };
}

describe("Accept", () => {
  it("sends the API's Accept, or the operation's own when it has one", async () => {
    const { client, accepted } = capturing();
    await client.GET("/items");
    await client.POST("/items/search", { body: {} });
    await client.GET("/items/{id}", { params: { path: { id: "7" } } });
    expect(accepted()).toEqual(["application/json", "application/json, text/csv;q=0.9", "application/json"]);
  });

  it("gives way to an Accept the caller sets on a call, in headers or as a header parameter, whatever its case", async () => {
    const { client, accepted } = capturing();
    await client.POST("/items/search", { body: {}, headers: { accept: "text/csv" } });
    await client.GET("/items", { headers: { ACCEPT: "application/xml" } });
    await client.GET("/items", { params: { header: { Accept: "text/plain" } } as never });
    await client.GET("/items", { headers: { "X-Other": "1" } });
    expect(accepted()).toEqual(["text/csv", "application/xml", "text/plain", "application/json"]);
  });

  it("gives way to an Accept in the client's headers option, on every operation", async () => {
    const { client, accepted } = capturing({ headers: { Accept: "application/vnd.acme+json" } });
    await client.GET("/items");
    await client.POST("/items/search", { body: {} });
    expect(accepted()).toEqual(["application/vnd.acme+json", "application/vnd.acme+json"]);
  });

  it("is set before middleware runs, so that a middleware may change it", async () => {
    const { client, accepted } = capturing();
    client.use({
      onRequest({ request }) {
        if (request.url.endsWith("/search")) request.headers.set("Accept", "text/csv");
      },
    });
    await client.POST("/items/search", { body: {} });
    await client.GET("/items");
    expect(accepted()).toEqual(["text/csv", "application/json"]);
  });

  it("is left to fetch (which sends `*/*`) when the API's responses declare no media type", async () => {
    const { client, accepted } = capturing({ meta: plainMeta });
    await client.GET("/items");
    expect(accepted()).toEqual([null]);
  });
});
