import { Redactor, createApiClient, type Authorizer, type ClientMeta } from "@keyway/runtime";
import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { exporter, serverWith, tracerProvider } from "./setup.js";

// An object store's `key` and a country `code` are named like secrets; the client's secretParameters { except } says
// they are not, and spans show them as its errors do.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /objects/{key}": { id: "getObject", security: [["ApiKey"]] },
    "GET /countries/{code}": { id: "getCountry", security: [["ApiKey"]] },
    "GET /verify/{otp}": { id: "verify", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Json = { content: { "application/json": unknown } };
type Op<Name extends string> = { parameters: { path: Record<Name, string> }; responses: { 200: Json; default: Json } };
interface Paths {
  "/objects/{key}": { get: Op<"key"> };
  "/countries/{code}": { get: Op<"code"> };
  "/verify/{otp}": { get: Op<"otp"> };
}

const auth: Authorizer = {
  headers: ["X-Api-Key"],
  redactor: new Redactor(["X-Api-Key"]),
  authorize: (request) => request.headers.set("X-Api-Key", "sk_test_own_key"),
};

describe("secretParameters { except } of the client reaches the spans", () => {
  it("url.full and the recorded error show the excepted parameters; the others stay REDACTED", async () => {
    const server = await serverWith((_req, res) => sendJson(res, 404, {}));
    const client = createApiClient<Paths>({
      meta,
      baseUrl: server.url,
      auth,
      maxRetries: 0,
      secretParameters: { except: ["key", "code"] },
      instrumentation: openTelemetry({ tracerProvider }),
    }).client;
    await client.GET("/objects/{key}", { params: { path: { key: "reports-2026.csv" } } });
    await client.GET("/countries/{code}", { params: { path: { code: "DE" } } });
    await client.GET("/verify/{otp}", { params: { path: { otp: "492113" } } });

    const calls = exporter.getFinishedSpans().filter((span) => span.attributes["keyway.attempt"] === undefined);
    expect(
      calls.map((span) => [span.attributes["url.full"], span.events[0]?.attributes?.["exception.message"]]),
    ).toEqual([
      [`${server.url}/objects/reports-2026.csv`, `GET ${server.url}/objects/reports-2026.csv answered 404`],
      [`${server.url}/countries/DE`, `GET ${server.url}/countries/DE answered 404`],
      [`${server.url}/verify/REDACTED`, `GET ${server.url}/verify/REDACTED answered 404`],
    ]);
  });
});
