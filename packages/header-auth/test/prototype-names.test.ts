// Security schemes, credentials and header defaults named like the members every JavaScript object inherits
// (`toString`, `constructor`, `__proto__`): a spec may name a scheme anything, and a credential left out must be
// missing, not the inherited function called as its provider and its text sent as the credential.
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { type ApiMeta, ConfigurationError, createHeaderAuth, MissingCredentialError } from "../src/index.js";

const NAMES = ["toString", "constructor", "valueOf", "hasOwnProperty", "__proto__"];

/** A spec of one operation secured by the scheme `name` alone, as generated metadata declares it (from JSON). */
function metaFor(name: string): ApiMeta {
  const schemes = JSON.parse(
    `{${JSON.stringify(name)}:{"header":"X-Key","secret":true}}`,
  ) as ApiMeta["securitySchemes"];
  return { securitySchemes: schemes, operations: { "GET /op": { id: "op", security: [[name]] } } };
}

function clientFor(meta: ApiMeta, credentials: Record<string, string>) {
  const sent: Request[] = [];
  const client = createClient<{ "/op": { get: { responses: { 200: { content: { "application/json": object } } } } } }>({
    baseUrl: "https://api.example.test",
    fetch: async (request: Request) => (sent.push(request), Response.json({})),
  });
  client.use(createHeaderAuth({ meta, credentials }));
  return { client, sent };
}

describe("security schemes named like an object's inherited members", () => {
  it.for(NAMES)(
    "a scheme named %s and given no credential fails the call as missing, sending nothing",
    async (name) => {
      const { client, sent } = clientFor(metaFor(name), {});
      await expect(client.GET("/op")).rejects.toThrow(MissingCredentialError);
      expect(sent).toEqual([]);
    },
  );

  it.for(NAMES)("a scheme named %s sends the credential given for it", async (name) => {
    const credentials = JSON.parse(`{${JSON.stringify(name)}:"key-0123456789"}`) as Record<string, string>;
    const { client, sent } = clientFor(metaFor(name), credentials);
    await client.GET("/op");
    expect(sent.map((request) => request.headers.get("x-key"))).toEqual(["key-0123456789"]);
  });

  it.for(NAMES)("a credential named %s for an API without such a scheme is refused as unknown", (name) => {
    const credentials = JSON.parse(`{${JSON.stringify(name)}:"key-0123456789"}`) as Record<string, string>;
    const create = () => createHeaderAuth({ meta: metaFor("ApiKey"), credentials });
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(`Unknown security scheme "${name}"`);
  });
});
