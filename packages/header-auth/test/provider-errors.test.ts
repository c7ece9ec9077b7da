// What a credential provider throws reaches the caller of a keyway client's call as it was thrown, and nothing is sent.
import { createApiClient, type ClientMeta } from "@keyway/runtime";
import { describe, expect, it } from "vitest";
import { createHeaderAuth } from "../src/index.js";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: { "GET /items": { id: "listItems", security: [["ApiKey"]] } },
} as const satisfies ClientMeta<"ApiKey">;

interface Paths {
  "/items": { get: { parameters: {}; responses: { 200: { content: { "application/json": unknown } } } } };
}

class VaultError extends Error {}

const THROWN: readonly unknown[] = [
  new VaultError("vault sealed"),
  new TypeError("terminated"),
  "sealed",
  undefined,
  null,
];

const PROVIDERS = {
  "throwing at once": (thrown: unknown) => () => {
    throw thrown;
  },
  "returning a rejected promise": (thrown: unknown) => () => Promise.reject(thrown),
};

describe("a credential provider that fails", () => {
  for (const [how, provider] of Object.entries(PROVIDERS))
    for (const thrown of THROWN)
      it(`fails the call with what it threw, nothing sent: ${how}, ${String(thrown)}`, async () => {
        let sent = 0;
        const { client } = createApiClient<Paths>({
          meta,
          baseUrl: "https://api.example.com",
          auth: createHeaderAuth({ meta, credentials: { ApiKey: provider(thrown) as never } }),
          fetch: async () => (sent++, Response.json({})),
        });
        await expect(client.GET("/items")).rejects.toBe(thrown);
        expect(sent).toBe(0);
      });
});
