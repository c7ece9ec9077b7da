import { describe, expect, it } from "vitest";
import { type ClientMeta } from "../src/index.js";
import { createFakeApi, type OperationData, type SpecData } from "../src/testing/index.js";
import { clientOverFake } from "./harness.js";

// Operations told apart by a query their path templates hold, as AWS-style and some vendors' specs write them
// (`/v1/messages?action=send`): the fake routes each request to the operation whose query it sends.

type Op = {
  parameters: { query?: never };
  requestBody: { content: { "application/json": { to: string } } };
  responses: { 200: { content: { "application/json": { done: string } } } };
};
interface Paths {
  "/v1/messages?action=send": { post: Op };
  "/v1/messages?action=cancel": { post: Op };
}

const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } };
const operation = (id: string): OperationData => ({
  id,
  security: [["ApiKey"]],
  parameters: [],
  body: { contentType: "application/json", schema: { type: "object", required: ["to"] }, required: true },
  responses: { "200": { contentType: "application/json", schema: { type: "object" } } },
});
const spec: SpecData = {
  basePath: "",
  securitySchemes,
  schemas: {},
  responses: {},
  operations: {
    "POST /v1/messages?action=send": operation("sendMessage"),
    "POST /v1/messages?action=cancel": operation("cancelMessage"),
  },
};
const meta = {
  securitySchemes,
  operations: {
    "POST /v1/messages?action=send": { id: "sendMessage", security: [["ApiKey"]] },
    "POST /v1/messages?action=cancel": { id: "cancelMessage", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

function apiWithFake() {
  const fake = createFakeApi<Paths>({ spec, name: "Messages" });
  fake.on("POST /v1/messages?action=send", () => ({ done: "sent" }));
  fake.on("POST /v1/messages?action=cancel", () => ({ done: "cancelled" }));
  return { client: clientOverFake<Paths>(meta, fake), fake };
}

describe("the fake routes by the query a path template holds", () => {
  it("each call reaches the operation whose query it sends, with no violation", async () => {
    const { client, fake } = apiWithFake();
    const sent = await client.POST("/v1/messages?action=send", { body: { to: "ada" } });
    const cancelled = await client.POST("/v1/messages?action=cancel", { body: { to: "ada" } });
    expect([sent.data, cancelled.data]).toEqual([{ done: "sent" }, { done: "cancelled" }]);
    expect(() => fake.verify()).not.toThrow();
  });

  it("a request without the template's query matches no operation", async () => {
    const { fake } = apiWithFake();
    const response = await fake.fetch(
      new Request("https://api.example.test/v1/messages?action=archive", {
        method: "POST",
        headers: { "X-Api-Key": "k", "Content-Type": "application/json" },
        body: '{"to":"ada"}',
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(() => fake.verify()).toThrow(
      `POST /v1/messages: the spec's POST operations on this path are told apart by "?action=send" or "?action=cancel", which the request does not send`,
    );
  });
});
