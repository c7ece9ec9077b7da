import { describe, expect, it } from "vitest";
import { ConnectionError, createApiClient, ResponseParseError } from "../src/index.js";
import { apiKeyAuth, clientAgainst, meta, type Paths } from "./harness.js";

/** An error class of the caller's own, thrown by the caller's middleware. */
class AuditError extends Error {}

function client(answer: () => Response = () => Response.json([])) {
  return createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: apiKeyAuth(),
    fetch: async () => answer(),
  }).client;
}

describe("errors a middleware throws", () => {
  it("reach the caller as thrown, from onRequest and from onResponse", async () => {
    const thrown = new AuditError("refused by the audit middleware");
    const onRequest = client();
    onRequest.use({
      onRequest() {
        throw thrown;
      },
    });
    await expect(onRequest.GET("/items")).rejects.toBe(thrown);

    const onResponse = client();
    onResponse.use({
      onResponse() {
        throw thrown;
      },
    });
    await expect(onResponse.GET("/items")).rejects.toBe(thrown);
  });

  it("are not mistaken for a body that failed to parse or to arrive", async () => {
    const syntax = new SyntaxError("the caller's own parser failed");
    const api = client();
    api.use({
      onResponse() {
        throw syntax;
      },
    });
    await expect(api.GET("/items")).rejects.toBe(syntax);

    // openapi-fetch's own complaint about a middleware's result keeps its message.
    const misused = client();
    misused.use({ onResponse: () => 5 as never });
    const error = await misused.GET("/items").catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(String(error)).toBe("Error: onResponse: must return new Response() when modifying the response");
  });

  it("leave the typing of the body's own failures as it was", async () => {
    const api = client(() => new Response("{not json", { headers: { "Content-Type": "application/json" } }));
    api.use({ onResponse: ({ response }) => response });
    await expect(api.GET("/items")).rejects.toBeInstanceOf(ResponseParseError);

    const cut = client(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("[1,"));
              controller.error(new TypeError("terminated"));
            },
          }),
          { headers: { "Content-Type": "application/json" } },
        ),
    );
    cut.use({ onResponse: () => undefined });
    const failure = await cut.GET("/items").catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(String(failure)).toContain("GET https://api.example.com/items: the response body could not be read");
  });
});

describe("a call a middleware fails", () => {
  it("frees the connection of the response it did not read", async () => {
    let bodyClosed: Promise<void> | undefined;
    const { client: api } = await clientAgainst((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"items": ['); // and never ends
      bodyClosed = new Promise((resolve) => res.on("close", () => resolve()));
    });
    const refused = new AuditError("refused by the audit middleware");
    api.use({
      onResponse() {
        throw refused;
      },
    });
    await expect(api.GET("/items")).rejects.toBe(refused);
    // Left alone, the connection closes only once the collector finds the response (seconds later, if ever).
    const closedSoon = Promise.race([
      bodyClosed?.then(() => "closed"),
      new Promise((resolve) => setTimeout(() => resolve("still open after 2 s"), 2000)),
    ]);
    await expect(closedSoon).resolves.toBe("closed");
  }, 10_000);
});
