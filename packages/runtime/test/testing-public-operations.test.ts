import { describe, expect, it } from "vitest";
import { createApiClient, Redactor, type Authorizer, type ClientMeta } from "../src/index.js";
import { createFakeApi, type OperationData, type SpecData } from "../src/testing/index.js";

// An API with a public operation (`security: []`, or no security at all in the spec) beside one that takes a key.

type Op = { responses: { 200: { content: { "application/json": { ok: boolean } } } } };
interface Paths {
  "/status": { get: Op };
  "/account": { get: Op };
}

const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } };
const operation = (id: string, security: OperationData["security"]): OperationData => ({
  id,
  security,
  parameters: [],
  responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { ok: true } } },
});
const spec: SpecData = {
  basePath: "",
  securitySchemes,
  schemas: {},
  responses: {},
  operations: { "GET /status": operation("getStatus", []), "GET /account": operation("getAccount", [["ApiKey"]]) },
};
const meta = {
  securitySchemes,
  operations: {
    "GET /status": { id: "getStatus", security: [] },
    "GET /account": { id: "getAccount", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

/** Sends the key to the operations whose security names it, as @keyway/header-auth does; `always` to every one. */
function keyAuth({ always = false } = {}): Authorizer {
  return {
    headers: ["X-Api-Key"],
    redactor: new Redactor(["X-Api-Key"]),
    authorize(request, operation) {
      if (always || operation.security.length > 0) request.headers.set("X-Api-Key", "sk_test");
    },
  };
}

function clientOfFake(auth: Authorizer) {
  const fake = createFakeApi<Paths>({ spec, name: "Status" });
  const { client } = createApiClient<Paths>({ meta, baseUrl: "https://api.example.test", auth, fetch: fake.fetch });
  return { client, fake };
}

describe("the fake and operations that take no credentials", () => {
  it("answers a call that sends none with the example, and records no violation", async () => {
    const { client, fake } = clientOfFake(keyAuth());
    const { data, response } = await client.GET("/status");
    expect(response.status).toBe(200);
    expect(data).toEqual({ ok: true });
    await client.GET("/account");
    expect(() => fake.verify()).not.toThrow();
  });

  it("reports a credential sent to it, naming the header and not the value", async () => {
    const { client, fake } = clientOfFake(keyAuth({ always: true }));
    const { response } = await client.GET("/status");
    expect(response.status).toBe(400);
    expect(() => fake.verify()).toThrow(
      "GET /status: request credentials: sends X-Api-Key, but this operation takes no credentials",
    );
    expect(() => fake.verify()).not.toThrow(/sk_test/);
  });
});
