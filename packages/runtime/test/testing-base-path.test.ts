import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// dev.to's spec: its server is https://dev.to/api and its paths start with /api as well.
const spec: SpecData = {
  basePath: "/api",
  securitySchemes: {},
  operations: {
    "GET /api/articles/me": {
      id: "listMyArticles",
      security: [],
      parameters: [],
      responses: { "200": { contentType: "application/json", schema: { type: "array" }, example: [{ id: 1 }] } },
    },
    "GET /articles": {
      id: "listArticles",
      security: [],
      parameters: [],
      responses: { "200": { contentType: "application/json", schema: { type: "array" }, example: [{ id: 2 }] } },
    },
  },
  responses: {},
  schemas: {},
};

describe("fake API: the server's base path", () => {
  it.each([
    ["under the spec's server URL", "https://dev.to/api/api/articles/me", [{ id: 1 }]],
    ["at a test server's root", "http://127.0.0.1:8080/api/articles/me", [{ id: 1 }]],
    ["a path without the prefix, under the server URL", "https://dev.to/api/articles", [{ id: 2 }]],
  ])("routes a request %s, when the spec's paths repeat its server's path", async (_name, url, answer) => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Forem" });
    const response = await fake.fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(answer);
    expect(fake.violations).toEqual([]);
  });

  it("refuses a path outside the base path, naming the base path the client's baseUrl lacks", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Forem" });
    expect((await fake.fetch("http://127.0.0.1:8080/articles")).status).toBe(400);
    expect(fake.violations).toEqual([
      "GET /articles: outside the API's base path /api (the client's baseUrl must end with /api)",
    ]);
  });

  it("still refuses a path the spec does not have, naming it under the base path", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Forem" });
    expect((await fake.fetch("https://dev.to/api/comments")).status).toBe(400);
    expect(fake.violations).toEqual(["GET /comments: no operation of the spec has this path"]);
  });
});
