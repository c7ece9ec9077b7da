import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClientMeta,
  createApiClient,
  formBodies,
  InvalidQueryParameterError,
  InvalidRequestBodyError,
  mediaBodies,
} from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// A key inside a form field's or a deepObject parameter's object that holds "[" or "]" would change what the server
// reads: { metadata: { "a][admin": "x" } } goes out as metadata[a][admin]=x, which qs, Rails and PHP read as
// metadata.a.admin. No escape keeps a bracket in such a name (servers decode before they split), so it is refused.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "POST /charges": { id: "charge", security: [["ApiKey"]], formBody: {} },
    "POST /uploads": {
      id: "upload",
      security: [["ApiKey"]],
      bodyMedia: "multipart/form-data",
      bodyEncoding: { deepObject: ["metadata"] },
    },
    "GET /search": { id: "search", security: [["ApiKey"]], query: { filter: { style: "deepObject", explode: true } } },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Reply = { responses: { 200: { content: { "application/json": unknown } } } };
interface Paths {
  "/charges": {
    post: { requestBody: { content: { "application/x-www-form-urlencoded": Record<string, unknown> } } } & Reply;
  };
  "/uploads": { post: { requestBody: { content: { "multipart/form-data": Record<string, unknown> } } } & Reply };
  "/search": { get: { parameters: { query?: { filter?: Record<string, unknown> } } } & Reply };
}

function recordingClient() {
  const sent: string[] = [];
  const fetch = async (input: Request | string | URL) => {
    sent.push(String(input instanceof Request ? input.url : input));
    return Response.json({});
  };
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: apiKeyAuth(),
    formBodies,
    mediaBodies,
    fetch,
  });
  return { client, sent };
}

/** Text that holds a bracket somewhere. */
const bracketed = fc
  .tuple(fc.string(), fc.constantFrom("[", "]", "][", "[]"), fc.string())
  .map(([before, bracket, after]) => before + bracket + after);

describe("a nested key that holds a bracket", () => {
  it("is refused in a form body, naming where, and nothing is sent", async () => {
    await fc.assert(
      fc.asyncProperty(bracketed, async (key) => {
        const { client, sent } = recordingClient();
        const call = client.POST("/charges", { body: { amount: 5, metadata: { plan: "pro", [key]: "x" } } });
        await expect(call).rejects.toThrow(InvalidRequestBodyError);
        await expect(call).rejects.toThrow(/body\.metadata holds a key with "\[" or "\]"/);
        expect(sent).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it("is refused in a deepObject query parameter, naming the parameter, and nothing is sent", async () => {
    const { client, sent } = recordingClient();
    const call = client.GET("/search", { params: { query: { filter: { status: { "a][admin": "true" } } } } });
    await expect(call).rejects.toThrow(InvalidQueryParameterError);
    await expect(call).rejects.toThrow(/filter.*at filter\[status\] holds a key with "\[" or "\]"/);
    expect(sent).toEqual([]);
  });

  it("is refused in a multipart part written as a deepObject", async () => {
    const { client, sent } = recordingClient();
    const call = client.POST("/uploads", { body: { metadata: { "x]": "1" } } });
    await expect(call).rejects.toThrow(InvalidRequestBodyError);
    await expect(call).rejects.toThrow(/body\.metadata holds a key with "\[" or "\]"/);
    expect(sent).toEqual([]);
  });

  it("is still allowed in a top-level field's own name, which the caller writes as the server reads it", async () => {
    const { client } = recordingClient();
    const { error } = await client.POST("/charges", { body: { "metadata[plan]": "pro", items: [{ price: "p_1" }] } });
    expect(error).toBeUndefined();
  });
});
