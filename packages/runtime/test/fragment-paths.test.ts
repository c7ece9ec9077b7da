import { describe, expect, it } from "vitest";
import { createApiClient, type ClientMeta } from "../src/index.js";
import { createFakeApi, type OperationData, type SpecData } from "../src/testing/index.js";
import { apiKeyAuth, clientOverFake } from "./harness.js";

// Operations on one path told apart by a fragment of their path templates, as AWS's specs write them: a header's
// value (`/#X-Amz-Target=Tunnels.Open`), or the names of required query parameters (`/findings/{id}#analyzerArn`).
// HTTP never sends a fragment: the client sends the path before it, with the query after that path.

type Json<T> = { content: { "application/json": T } };
type TargetOp<Target extends string> = {
  parameters: { header: { "X-Amz-Target": Target } };
  requestBody: Json<{ name: string }>;
  responses: { 200: Json<{ done: string }> };
};
type FindingOp = {
  parameters: { path: { id: string }; query: { analyzerArn: string; verbose?: boolean } };
  responses: { 200: Json<{ id: string }> };
};
interface Paths {
  "/#X-Amz-Target=Tunnels.Open": { post: TargetOp<"Tunnels.Open"> };
  "/#X-Amz-Target=Tunnels.Close": { post: TargetOp<"Tunnels.Close"> };
  "/findings/{id}#analyzerArn": { get: FindingOp };
  "/findings/{id}": { get: { parameters: { path: { id: string } }; responses: { 200: Json<{ id: string }> } } };
  "/reports#overload=stream": { get: { responses: { 200: Json<{ id: string }> } } };
}

const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } };
const security = [["ApiKey"]];
const json = { contentType: "application/json", schema: { type: "object" } };
const targetOperation = (id: string, target: string): OperationData => ({
  id,
  security,
  parameters: [{ name: "X-Amz-Target", in: "header", required: true, schema: { type: "string", enum: [target] } }],
  body: { ...json, required: true },
  responses: { "200": json },
});
const spec: SpecData = {
  basePath: "",
  securitySchemes,
  schemas: {},
  responses: {},
  operations: {
    "POST /#X-Amz-Target=Tunnels.Open": targetOperation("openTunnel", "Tunnels.Open"),
    "POST /#X-Amz-Target=Tunnels.Close": targetOperation("closeTunnel", "Tunnels.Close"),
    "GET /findings/{id}#analyzerArn": {
      id: "getFinding",
      security,
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        { name: "analyzerArn", in: "query", required: true, schema: { type: "string" } },
        { name: "verbose", in: "query", schema: { type: "boolean" } },
      ],
      responses: { "200": json },
    },
    "GET /findings/{id}": {
      id: "getFindingSummary",
      security,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": json },
    },
    "GET /reports#overload=stream": { id: "streamReports", security, parameters: [], responses: { "200": json } },
  },
};
const meta = {
  securitySchemes,
  operations: {
    "POST /#X-Amz-Target=Tunnels.Open": { id: "openTunnel", security, headers: ["X-Amz-Target"] },
    "POST /#X-Amz-Target=Tunnels.Close": { id: "closeTunnel", security, headers: ["X-Amz-Target"] },
    "GET /findings/{id}#analyzerArn": { id: "getFinding", security },
    "GET /findings/{id}": { id: "getFindingSummary", security },
    "GET /reports#overload=stream": { id: "streamReports", security },
  },
} as const satisfies ClientMeta<"ApiKey">;

function clientOf(fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  return createApiClient<Paths>({ meta, baseUrl: "https://api.example.test/v1", auth: apiKeyAuth(), fetch }).client;
}

async function callEach(client: ReturnType<typeof clientOf>) {
  await client.POST("/#X-Amz-Target=Tunnels.Close", {
    params: { header: { "X-Amz-Target": "Tunnels.Close" } },
    body: { name: "t1" },
  });
  await client.GET("/findings/{id}#analyzerArn", {
    params: { path: { id: "f 1" }, query: { analyzerArn: "arn:aws:a/1", verbose: true } },
  });
  await client.GET("/findings/{id}", { params: { path: { id: "f1" } } });
}

describe("path templates with a fragment", () => {
  it("send the path before the fragment, with the call's query after it", async () => {
    const sent: string[] = [];
    await callEach(
      clientOf(async (url, init) => {
        sent.push(`${init?.method} ${String(url)} ${new Headers(init?.headers).get("x-amz-target") ?? "-"}`);
        return Response.json({});
      }),
    );
    expect(sent).toEqual([
      "POST https://api.example.test/v1/ Tunnels.Close",
      "GET https://api.example.test/v1/findings/f%201?analyzerArn=arn%3Aaws%3Aa%2F1&verbose=true -",
      "GET https://api.example.test/v1/findings/f1 -",
    ]);
  });

  it("reach their own operations in the fake, told apart by the header or query the fragment names", async () => {
    const fake = createFakeApi<Paths>({ spec: { ...spec, basePath: "/v1" }, name: "Tunnels" });
    const answered: string[] = [];
    fake.on("POST /#X-Amz-Target=Tunnels.Close", () => (answered.push("closeTunnel"), { done: "closed" }));
    fake.on(
      "GET /findings/{id}#analyzerArn",
      ({ params }) => (answered.push(`getFinding ${params.path.id}`), { id: "f" }),
    );
    fake.on("GET /findings/{id}", () => (answered.push("getFindingSummary"), { id: "f" }));
    await callEach(clientOf(fake.fetch));
    expect(answered).toEqual(["closeTunnel", "getFinding f 1", "getFindingSummary"]);
    expect(() => fake.verify()).not.toThrow();
  });

  it("whose fragment names no parameter of the operation reach it in the fake: the fragment is only a label", async () => {
    const fake = createFakeApi<Paths>({ spec: { ...spec, basePath: "/v1" }, name: "Tunnels" });
    const { response } = await clientOf(fake.fetch).GET("/reports#overload=stream");
    expect(response.status).toBe(200);
    expect(fake.calls("GET /reports#overload=stream")).toHaveLength(1);
    expect(() => fake.verify()).not.toThrow();
  });

  it("a request that sends none of the fragments' headers matches no operation, and the fake says why", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Tunnels" });
    const client = clientOverFake<Paths>(meta, fake);
    const { response } = await client.POST("/#X-Amz-Target=Tunnels.Open", {
      params: { header: { "X-Amz-Target": "Tunnels.Reopen" as "Tunnels.Open" } },
      body: { name: "t1" },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(() => fake.verify()).toThrow(
      `POST /: the spec's POST operations on this path are told apart by "#X-Amz-Target=Tunnels.Open" or "#X-Amz-Target=Tunnels.Close", which the request does not send`,
    );
  });
});
