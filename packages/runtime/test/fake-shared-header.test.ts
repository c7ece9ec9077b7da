import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// An API whose HTTP basic and bearer schemes both send Authorization, as many vendors' do.
const spec: SpecData = {
  basePath: "",
  securitySchemes: {
    basicAuth: { header: "Authorization", prefix: "Basic ", secret: true },
    bearerAuth: { header: "Authorization", prefix: "Bearer ", secret: true },
  },
  operations: {
    "GET /messages": {
      id: "listMessages",
      security: [["basicAuth"], ["bearerAuth"]],
      parameters: [],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { data: [] } } },
    },
    "GET /tokens": {
      id: "listTokens",
      security: [["bearerAuth"]],
      parameters: [],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { data: [] } } },
    },
  },
  responses: {},
  schemas: {},
};

async function status(authorization: string, path = "/messages"): Promise<number> {
  const fake = createFakeApi({ spec, name: "Shared" });
  const response = await fake.fetch(
    new Request(`https://api.example.test${path}`, { headers: { Authorization: authorization } }),
  );
  return response.status;
}

/** The message of the violation verify() reports. */
function violation(fake: ReturnType<typeof createFakeApi>): string {
  try {
    fake.verify();
  } catch (error) {
    return (error as Error).message;
  }
  return "verify() did not throw";
}

describe("fake API: schemes that share a header", () => {
  it("accepts the credential of either scheme", async () => {
    expect(await status("Basic dXNlcjpwYXNz")).toBe(200);
    expect(await status("Bearer sk_test_123")).toBe(200);
  });

  it("refuses a value that suits neither, naming both prefixes and never the value", async () => {
    const fake = createFakeApi({ spec, name: "Shared" });
    const response = await fake.fetch(
      new Request("https://api.example.test/messages", { headers: { Authorization: "Token sk_secret_value" } }),
    );
    expect(response.status).toBe(400);
    const message = violation(fake);
    expect(message).toMatch(/Authorization does not start with "Basic " or "Bearer "/);
    expect(message).not.toContain("sk_secret_value");
  });

  it("refuses the other scheme's credential on an operation that takes only one of them", async () => {
    expect(await status("Bearer sk_test_123", "/tokens")).toBe(200);
    const fake = createFakeApi({ spec, name: "Shared" });
    const response = await fake.fetch(
      new Request("https://api.example.test/tokens", { headers: { Authorization: "Basic dXNlcjpzZWNyZXQ=" } }),
    );
    expect(response.status).toBe(400);
    const message = violation(fake);
    expect(message).toMatch(/Authorization does not start with "Bearer "(?! or)/);
    expect(message).not.toContain("dXNlcjpzZWNyZXQ=");
  });
});
