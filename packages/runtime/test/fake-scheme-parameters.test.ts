import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// An API whose consumer id is a security scheme and, on some operations, a required header parameter instead
// (Apideck's x-apideck-consumer-id): there it is a parameter, not a credential the operation does not take.
const spec: SpecData = {
  basePath: "",
  securitySchemes: {
    apiKey: { header: "Authorization", prefix: "Bearer ", secret: true },
    consumerId: { header: "X-Consumer-Id", secret: true },
  },
  operations: {
    "GET /activities": {
      id: "listActivities",
      security: [["apiKey"]],
      parameters: [{ name: "x-consumer-id", in: "header", required: true, schema: { type: "string", minLength: 3 } }],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { data: [] } } },
    },
    "GET /notes": {
      id: "listNotes",
      security: [["apiKey"]],
      parameters: [],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { data: [] } } },
    },
  },
  responses: {},
  schemas: {},
};

async function violations(path: string, headers: Record<string, string>): Promise<string> {
  const fake = createFakeApi({ spec, name: "Crm" });
  await fake.fetch(new Request(`https://api.example.test${path}`, { headers }));
  try {
    fake.verify();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("fake API: a scheme's header that an operation takes as a parameter", () => {
  it("reads it as the parameter, with the parameter's schema", async () => {
    expect(await violations("/activities", { Authorization: "Bearer k", "X-Consumer-Id": "c-1" })).toBe("");
    expect(await violations("/activities", { Authorization: "Bearer k", "X-Consumer-Id": "c" })).toContain(
      'GET /activities: request header parameter "x-consumer-id"',
    );
    expect(await violations("/activities", { Authorization: "Bearer k" })).toContain(
      'request header parameter "x-consumer-id": is required and missing',
    );
  });

  it("still reports it as a credential on an operation that does not declare it", async () => {
    expect(await violations("/notes", { Authorization: "Bearer k", "X-Consumer-Id": "c-1" })).toContain(
      "credentials: header X-Consumer-Id is not one this operation takes",
    );
  });
});
