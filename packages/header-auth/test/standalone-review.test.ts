import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { InvalidPathParameterError } from "@keyway/runtime";
import { type ApiMeta, InvalidHeaderValueError, createHeaderAuth } from "../src/index.js";
import { recordingFetch } from "./fixtures.js";

// An outside review of header-auth used alone, as its README shows it, with bare openapi-fetch.
const ORG_TOKEN = "org_tok_MARKER_5c1e";
const API_KEY = "sk_live_MARKER_8d2a";

const meta = {
  securitySchemes: {
    ApiKey: { header: "X-Api-Key", secret: true },
    OrgToken: { header: "Authorization", secret: true, prefix: "Bearer " },
  },
  operations: {
    "GET /members/{id}": { id: "getMember", security: [["ApiKey"]] },
    "GET /orgs/{org}/members/{id}": { id: "getOrgMember", security: [["OrgToken"]] },
  },
} as const satisfies ApiMeta;

type Member = {
  get: { parameters: { path: { id: string } }; responses: { 200: { content: { "application/json": unknown } } } };
};
type OrgMember = {
  get: {
    parameters: { path: { org: string; id: string } };
    responses: { 200: { content: { "application/json": unknown } } };
  };
};
interface Paths {
  "/members/{id}": Member;
  "/orgs/{org}/members/{id}": OrgMember;
}

function recording(options: { Request?: typeof Request } = {}) {
  const { sent, fetch } = recordingFetch();
  const client = createClient<Paths>({ baseUrl: "https://api.example.test", fetch, ...options });
  client.use(createHeaderAuth({ meta, credentials: { ApiKey: API_KEY, OrgToken: ORG_TOKEN } }));
  return { client, sent };
}

describe("header-auth with bare openapi-fetch", () => {
  it.each(["..", ".", ""])(
    "refuses a path parameter of %j, which would take the credentials to another route",
    async (org) => {
      const { client, sent } = recording();
      const call = client.GET("/orgs/{org}/members/{id}", { params: { path: { org, id: "m_1" } } });
      await expect(call).rejects.toBeInstanceOf(InvalidPathParameterError);
      await expect(call).rejects.toThrow(/"org"/);
      expect(sent).toEqual([]);
    },
  );

  it("sends a path parameter that only holds dots among other characters, encoded as one segment", async () => {
    const { client, sent } = recording();
    await client.GET("/orgs/{org}/members/{id}", { params: { path: { org: "a..b", id: "../m" } } });
    expect(new URL(sent[0]!.url).pathname).toBe("/orgs/a..b/members/..%2Fm");
    expect(sent[0]!.headers.get("authorization")).toBe(`Bearer ${ORG_TOKEN}`);
  });

  it("works with a client given its own Request class (openapi-fetch's `Request` option)", async () => {
    class TracedRequest extends Request {}
    const { client, sent } = recording({ Request: TracedRequest });
    const { data } = await client.GET("/members/{id}", { params: { path: { id: "m_1" } } });
    expect(data).toEqual({ ok: true });
    expect(sent[0]!.headers.get("x-api-key")).toBe(API_KEY);
    expect(sent[0]!.redirect).toBe("manual");
  });

  it("refuses a caller's bearer header that holds the prefix alone (an empty token), sending nothing", async () => {
    const { client, sent } = recording();
    const token = "";
    const call = client.GET("/orgs/{org}/members/{id}", {
      params: { path: { org: "o_1", id: "m_1" } },
      headers: { Authorization: `Bearer ${token}` },
    });
    await expect(call).rejects.toBeInstanceOf(InvalidHeaderValueError);
    await expect(call).rejects.toThrow(/is empty/);
    expect(sent).toEqual([]);
  });
});

describe("a credential provider that never settles, with bare openapi-fetch", () => {
  const hanging = () => new Promise<string>(() => {});
  const clientWith = (credentials: Parameters<typeof createHeaderAuth>[0]["credentials"]) => {
    const { sent, fetch } = recordingFetch();
    const client = createClient<Paths>({ baseUrl: "https://api.example.test", fetch });
    client.use(createHeaderAuth({ meta, credentials }));
    return { client, sent };
  };

  it("ends the call when the caller aborts, with the signal's reason, sending nothing", async () => {
    const { client, sent } = clientWith({ ApiKey: hanging, OrgToken: ORG_TOKEN });
    const controller = new AbortController();
    const call = client.GET("/members/{id}", { params: { path: { id: "m_1" } }, signal: controller.signal });
    const reason = new Error("the user left the page");
    setTimeout(() => controller.abort(reason), 5);
    await expect(call).rejects.toBe(reason);
    expect(sent).toEqual([]);
  });

  it("ends at once a call whose signal has already aborted", async () => {
    const { client, sent } = clientWith({ ApiKey: hanging, OrgToken: ORG_TOKEN });
    const call = client.GET("/members/{id}", { params: { path: { id: "m_1" } }, signal: AbortSignal.abort() });
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(sent).toEqual([]);
  });

  it("ends with AbortSignal.timeout's TimeoutError, the way a caller bounds a provider", async () => {
    const { client } = clientWith({ ApiKey: hanging, OrgToken: ORG_TOKEN });
    const call = client.GET("/members/{id}", { params: { path: { id: "m_1" } }, signal: AbortSignal.timeout(10) });
    await expect(call).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
