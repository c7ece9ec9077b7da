import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientMeta, createApiClient, secretParameters } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";
import { whatTheCallShows } from "./what-a-call-shows.js";

// A deepObject query parameter writes nested keys (`auth[password]=…`, `token[kind]=…`): its value is a secret where
// the parameter's name or a key inside it is named like one, as a flat parameter's is.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /search": {
      id: "search",
      security: [["ApiKey"]],
      query: {
        auth: { style: "deepObject", explode: true },
        token: { style: "deepObject", explode: true },
        user: { style: "deepObject", explode: true },
      },
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Query = Record<string, Record<string, string>>;
interface Paths {
  "/search": {
    get: {
      parameters: { query?: Query };
      responses: { 400: { content: { "application/json": unknown } } };
    };
  };
}

let server: TestServer;
beforeAll(async () => {
  // A server that quotes the query it was sent, as many a validation error does.
  server = await startTestServer((request, response) =>
    sendJson(response, 400, { message: `bad query ${decodeURIComponent(request.url!.split("?")[1] ?? "")}` }),
  );
});
afterAll(() => server.close());

describe("a nested query key", () => {
  it("is secret where the parameter's name or a key in it is", () => {
    const isSecret = secretParameters();
    expect(["auth[password]", "token[kind]", "filter[api_key]", "a[b][client_secret]"].map(isSecret)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["user[name]", "filter[status]", "page[size]"].map(isSecret)).toEqual([false, false, false]);
    expect(secretParameters({ except: ["code"] })("country[code]")).toBe(false);
    expect(secretParameters(["ref"])("session[ref]")).toBe(true);
  });

  it("has its value hidden where the server echoes it, and a plain key's value left", async () => {
    const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth() });
    const call = client.GET("/search", {
      params: {
        query: { auth: { password: "hunter2-pw" }, token: { kind: "tk-9b1e7f" }, user: { name: "ada-lovelace" } },
      },
    });
    const { text } = await whatTheCallShows(call);
    expect(text).not.toContain("hunter2-pw");
    expect(text).not.toContain("tk-9b1e7f");
    expect(text).toContain("ada-lovelace");
    expect(text).toContain("[REDACTED]");
  });
});
