import { ConnectionError, createStackerClient, type StackerClientOptions } from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import { ACCOUNT_ID, INTEGRATION_KEY, STACK_ID, server } from "./network.js";

// fetch refuses, before connecting, to send anything to a port the Fetch standard blocks (X11's 6000, IRC's 6665–6669,
// 10080, …): an API or a redirect's target there is never reached, however often the call is sent.

const REASON = "bad port (fetch sends nothing to it)";

function stackerAt(baseUrl: string, options: Partial<StackerClientOptions> = {}) {
  const retries: string[] = [];
  const stacker = createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl,
    hooks: { onRetry: ({ reason }) => void retries.push(reason) },
    ...options,
  });
  return { stacker, retries };
}

const createRecord = (stacker: ReturnType<typeof stackerAt>["stacker"]) =>
  stacker.POST("/api/external/objects/{object_sid}/records/", {
    params: { path: { object_sid: "object.custom.orders" } },
    body: { fields: { total: 12 } },
  });

describe("an API on a port fetch blocks: a ConnectionError at once, known never sent", () => {
  it.each([6000, 6667, 10080])("port %i: a POST is known not to have been applied", async (port) => {
    const baseUrl = `http://127.0.0.1:${port}`;
    const { stacker, retries } = stackerAt(baseUrl);
    const error = await createRecord(stacker).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: REASON, maybeReceived: false, attempts: 1 });
    expect((error as Error).message).toBe(
      `POST ${baseUrl}/api/external/objects/object.custom.orders/records/ failed to connect after 1 attempt: ${REASON}`,
    );
    expect(retries).toEqual([]);
  });

  it("a GET, which is retried after a connection error, is not sent again: it would be refused again", async () => {
    const { stacker, retries } = stackerAt("http://127.0.0.1:6000", { maxRetries: 2 });
    const error = await stacker.GET("/api/external/hello/").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError", attempts: 1, maybeReceived: false, reason: REASON });
    expect(retries).toEqual([]);
  });

  it("a redirect to an allowed origin on such a port: the same error, the redirect's target never reached", async () => {
    const api = await server((_req, res) => {
      res.writeHead(307, { location: "http://127.0.0.1:10080/landing" }).end();
    });
    const { stacker, retries } = stackerAt(api.url, {
      allowedRedirectOrigins: ["http://127.0.0.1:10080"],
      maxRetries: 2,
    });
    const error = await stacker.GET("/api/external/hello/").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError", attempts: 1, maybeReceived: false, reason: REASON });
    expect(api.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });
});
