import { startTestServer, sendJson, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient, unwrap, type ApiClientOptions } from "../src/index.js";
import { apiKeyAuth, meta, SECRET, type Paths } from "./harness.js";

// A gateway that takes the client's key in its path (`https://gw.example/<key>/…`): the key the client knows is hidden
// from every error and hook event of a call, as it is from the spans, whatever way the call fails.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A client of the gateway whose base URL holds the key, recording every hook event. */
function gatewayClient(options: Partial<ApiClientOptions<string>> = {}) {
  const events: unknown[] = [];
  const record = (event: unknown) => void events.push(event);
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: `${server.url}/gw/${SECRET}`,
    auth: apiKeyAuth(),
    hooks: { onRequest: record, onResponse: record, onRetry: record },
    ...options,
  });
  return { client, events };
}

/** What a failed call shows: its error's message, fields and cause chain, and every hook event, as text. */
async function shownByFailure(call: Promise<unknown>, events: unknown[]): Promise<string> {
  const error = await call.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e,
  );
  const { message, stack: _stack, ...fields } = error as Error & Record<string, unknown>;
  return [message, JSON.stringify(fields), JSON.stringify(events)].join("\n");
}

describe("a key the client knows, in the path of its base URL", () => {
  const failures: Record<
    string,
    { answer: Parameters<TestServer["handle"]>[0]; options?: Partial<ApiClientOptions<string>> }
  > = {
    "a 404": { answer: (_req, res) => sendJson(res, 404, { detail: "not found" }) },
    "a 503 retried, then a 404": {
      answer: (() => {
        let calls = 0;
        return (_req, res) => sendJson(res, calls++ % 2 === 0 ? 503 : 404, { detail: "x" });
      })(),
      options: { maxRetries: 1 },
    },
    "a timeout": { answer: () => {}, options: { timeout: 200, maxRetries: 0 } },
    "a response larger than maxResponseBytes": {
      answer: (_req, res) => sendJson(res, 200, { padding: "x".repeat(2000) }),
      options: { maxResponseBytes: 100 },
    },
    "a body that stalls": {
      answer: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"a":');
      },
      options: { timeout: 300, maxRetries: 0 },
    },
  };

  it("is hidden in what a refused connection and a caller's abort show", async () => {
    const gone = await startTestServer();
    await gone.close();
    const refused = gatewayClient({ baseUrl: `${gone.url}/gw/${SECRET}`, maxRetries: 0 });
    const shownRefused = await shownByFailure(refused.client.GET("/items"), refused.events);
    expect(shownRefused).toContain("ECONNREFUSED");
    const aborted = gatewayClient();
    const shownAborted = await shownByFailure(aborted.client.GET("/items", { signal: AbortSignal.abort() }), []);
    for (const shown of [shownRefused, shownAborted]) {
      expect(shown).not.toContain(SECRET);
      expect(shown).toContain("/gw/[REDACTED]/items");
    }
  });

  it("is hidden in the ConfigurationError of a custom fetch that returns no Response", async () => {
    const broken = gatewayClient({ fetch: (async () => undefined) as unknown as typeof fetch });
    const shown = await shownByFailure(broken.client.GET("/items"), broken.events);
    expect(shown).toContain("/gw/[REDACTED]/items: fetch returned undefined, not a Response");
    expect(shown).not.toContain(SECRET);
  });

  for (const [name, { answer, options }] of Object.entries(failures)) {
    it(`is hidden in what ${name} shows`, async () => {
      server.handle(answer);
      const { client, events } = gatewayClient(options);
      const shown = await shownByFailure(unwrap(client.GET("/items/{id}", { params: { path: { id: "7" } } })), events);
      expect(shown).not.toContain(SECRET);
      expect(shown).toContain("/gw/[REDACTED]/items/7");
    });
  }
});
