import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, createApiClient, type Instrumentation } from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An instrumentation that writes down, for each call, what `aroundCall` was told of it and how the call ended. */
function recordingCalls() {
  const seen: { method: string; template: string; baseUrl: unknown; outcome: string }[] = [];
  const instrumentation: Instrumentation = {
    instrumentClient: () => ({
      startCall: () => undefined,
      aroundCall: (method, template, call, options) =>
        call().then(
          (value) => (seen.push({ method, template, baseUrl: options?.baseUrl, outcome: "returned" }), value),
          (error: unknown) => {
            seen.push({ method, template, baseUrl: options?.baseUrl, outcome: (error as Error).name });
            throw error;
          },
        ),
    }),
  };
  return { seen, instrumentation };
}

describe("an instrumentation's aroundCall is given the call's options, which say where the call goes", () => {
  it("their baseUrl as the caller gave it, whether the call is sent or fails before it is", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 200, []));
    const { seen, instrumentation } = recordingCalls();
    const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), instrumentation });

    await client.GET("/items");
    await client.GET("/items", { baseUrl: `${server.url}/v2/` });
    await expect(client.GET("/items", { baseUrl: "not a url" })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(client.GET("/items", { baseUrl: `${server.url}/v2`, timeout: -1 })).rejects.toBeInstanceOf(
      ConfigurationError,
    );

    expect(seen).toEqual([
      { method: "GET", template: "/items", baseUrl: undefined, outcome: "returned" },
      { method: "GET", template: "/items", baseUrl: `${server.url}/v2/`, outcome: "returned" },
      { method: "GET", template: "/items", baseUrl: "not a url", outcome: "ConfigurationError" },
      { method: "GET", template: "/items", baseUrl: `${server.url}/v2`, outcome: "ConfigurationError" },
    ]);
    expect(server.requests.map((request) => request.url)).toEqual(["/items", "/v2/items"]);
  });
});
