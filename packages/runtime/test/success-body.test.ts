import { startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { ConfigurationError, createApiClient, unwrap, type ClientMeta } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /report.csv": { id: "exportReport", security: [["ApiKey"]], successBody: "text" },
    "GET /events": { id: "streamEvents", security: [["ApiKey"]], successBody: "event-stream" },
    "GET /items": { id: "listItems", security: [["ApiKey"]] },
    "POST /certificates": { id: "issueCertificate", security: [["ApiKey"]], successBody: "bytes" },
    // Jellyfin's HEAD beside its GET of the same stream: a HEAD's answer has no body to read.
    "HEAD /certificates/latest": { id: "checkCertificate", security: [["ApiKey"]], successBody: "bytes" },
    "HEAD /events": { id: "checkEvents", security: [["ApiKey"]], successBody: "event-stream" },
  },
} as const satisfies ClientMeta<"ApiKey">;

/** The types openapi-typescript writes for these operations: a CSV export and an event stream are strings. */
interface Paths {
  "/report.csv": { get: { responses: { 200: { content: { "text/csv": string } } } } };
  "/events": {
    get: { responses: { 200: { content: { "text/event-stream": string } } } };
    head: { responses: { 200: { content: { "text/event-stream": string } } } };
  };
  "/items": { get: { responses: { 200: { content: { "application/json": { id: string }[] } } } } };
  "/certificates": { post: { responses: { 201: { content: { "application/pdf": string } } } } };
  "/certificates/latest": { head: { responses: { 200: { content: { "application/pdf": string } } } } };
}

const CSV = "id,total\n1,9.50\n2,12.00\n";

const servers: TestServer[] = [];
afterEach(() => Promise.all(servers.splice(0).map((server) => server.close())));

async function clientAgainst(handler: Handler) {
  const server = await startTestServer(handler);
  servers.push(server);
  const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth() });
  return { client, server };
}

/** That `call` failed with a ConfigurationError saying `message`, and nothing reached `server`. */
async function expectRefusedBeforeSending(call: Promise<unknown>, message: string, server: TestServer) {
  const failure = await call.catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ConfigurationError);
  expect((failure as Error).message).toBe(message);
  expect(server.requests).toHaveLength(0);
}

/** Answers the CSV export, and every other path with JSON. */
const csvServer: Handler = (req, res) => {
  if (req.url === "/report.csv") res.writeHead(200, { "content-type": "text/csv; charset=utf-8" }).end(CSV);
  else res.writeHead(200, { "content-type": "application/json" }).end('[{"id":"7"}]');
};

describe("a success the spec declares as text (successBody: text)", () => {
  it("is read as text (data is the CSV the server sent) unless the call passes its own parseAs", async () => {
    const { client } = await clientAgainst(csvServer);
    const { data, error } = await client.GET("/report.csv");
    expect(error).toBeUndefined();
    expect(data).toBe(CSV);
    // What openapi-fetch types `data` as (its ParseAsResponse) is what the call returns.
    expectTypeOf(data).toEqualTypeOf<string | undefined>();
    expect(await unwrap(client.request("get", "/report.csv"))).toBe(CSV);
    // The caller's parseAs wins over the spec's.
    const stream = (await client.GET("/report.csv", { parseAs: "stream" })).data;
    expectTypeOf(stream).toEqualTypeOf<Response["body"] | undefined>();
    expect(await new Response(stream).text()).toBe(CSV);
    const bytes = (await client.GET("/report.csv", { parseAs: "arrayBuffer" })).data;
    expect(new TextDecoder().decode(bytes)).toBe(CSV);
    // Asked for JSON, it fails as JSON: the caller's choice is kept, not replaced by the spec's.
    await expect(client.GET("/report.csv", { parseAs: "json" })).rejects.toThrow(
      'GET /report.csv answered text/csv, not JSON: read it with parseAs "text", "blob" or "stream"',
    );
    // A JSON operation's calls read JSON, or what their caller says.
    expect((await client.GET("/items")).data).toEqual([{ id: "7" }]);
    expect((await client.GET("/items", { parseAs: "text" })).data).toBe('[{"id":"7"}]');
  });
});

describe("a success the spec declares as an event stream (successBody: event-stream)", () => {
  /** An event stream that never ends, as a server sends one. */
  const events: Handler = (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" }).write("data: first\n\n");
  };

  it("is refused, before anything is sent, when the call does not say how to read it (parseAs: stream)", async () => {
    const { client, server } = await clientAgainst(events);
    await expectRefusedBeforeSending(
      client.GET("/events"),
      'GET /events answers an event stream, which may never end: pass parseAs "stream" (or "text" for one that ends)',
      server,
    );
    // Asked for a stream, the call hands it over with the headers.
    const { data } = await client.GET("/events", { parseAs: "stream" });
    const reader = data!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: first\n\n");
    await reader.cancel();
  });
});

describe("a success the spec declares as bytes that are neither JSON nor text (successBody: bytes)", () => {
  const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0xff, 0x00, 0xe2]);
  const certificates: Handler = (_req, res) => res.writeHead(201, { "content-type": "application/pdf" }).end(PDF);

  it("is refused, before anything is sent, when the call does not say how to read it: its answer would be lost", async () => {
    const { client, server } = await clientAgainst(certificates);
    await expectRefusedBeforeSending(
      client.POST("/certificates"),
      'POST /certificates answers bytes that are neither JSON nor text: pass parseAs "blob", "arrayBuffer" or "stream"',
      server,
    );
    // Read as the caller says, every byte arrives, typed as what it is.
    const { data } = await client.POST("/certificates", { parseAs: "blob" });
    expectTypeOf(data).toEqualTypeOf<Blob | undefined>();
    expect(new Uint8Array(await data!.arrayBuffer())).toEqual(PDF);
    const bytes = (await client.POST("/certificates", { parseAs: "arrayBuffer" })).data;
    expect(new Uint8Array(bytes!)).toEqual(PDF);
    expect(server.requests).toHaveLength(2);
  });
});

describe("a HEAD of an operation whose successes are bytes or an event stream", () => {
  it("is sent without a parseAs: its answer has no body to read", async () => {
    const headers: Handler = (req, res) =>
      res
        .writeHead(200, {
          "content-type": req.url === "/events" ? "text/event-stream" : "application/pdf",
          "content-length": "8",
        })
        .end();
    const { client, server } = await clientAgainst(headers);
    const latest = await client.HEAD("/certificates/latest");
    const events = await client.HEAD("/events");
    expect([latest.response.status, latest.data, events.response.status, events.data]).toEqual([
      200,
      undefined,
      200,
      undefined,
    ]);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "HEAD /certificates/latest",
      "HEAD /events",
    ]);
  });
});
