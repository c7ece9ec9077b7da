import { describe, expect, it } from "vitest";
import { createFakeApi, type OperationData, type SpecData } from "../src/testing/index.js";

// Path templates whose own text a URL percent-encodes: fetch sends `/café/…` as `/caf%C3%A9/…`.
type Op = {
  parameters: { path: { id: string } };
  responses: { 200: { content: { "application/json": { by: string } } } };
};
interface Paths {
  "/café/{id}": { get: Op };
  '/say"hi"/{id}': { get: Op };
  "/plain/{id}": { get: Op };
}

const operation = (id: string): OperationData => ({
  id,
  security: [],
  parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
  responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { by: id } } },
});
const spec: SpecData = {
  basePath: "/v1",
  securitySchemes: {},
  schemas: {},
  responses: {},
  operations: {
    "GET /café/{id}": operation("cafe"),
    'GET /say"hi"/{id}': operation("quoted"),
    "GET /plain/{id}": operation("plain"),
  },
};

describe("fake API: path templates with characters a URL encodes", () => {
  it("matches the request as fetch sends it, and reads its parameters", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Encoded" });
    const answers: [number, unknown][] = [];
    for (const path of ["/café/1", '/say"hi"/2', "/plain/3"]) {
      const response = await fake.fetch(new Request(`https://api.example.test/v1${path}`));
      answers.push([response.status, await response.json()]);
    }
    expect(answers).toEqual([
      [200, { by: "cafe" }],
      [200, { by: "quoted" }],
      [200, { by: "plain" }],
    ]);
    expect(fake.calls("GET /café/{id}")[0]?.params.path).toEqual({ id: "1" });
    expect(fake.calls('GET /say"hi"/{id}')[0]?.params.path).toEqual({ id: "2" });
    expect(() => fake.verify()).not.toThrow();
  });
});
