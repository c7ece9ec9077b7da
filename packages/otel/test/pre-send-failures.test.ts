import { ConfigurationError, createApiClient, operationServers, type ClientMeta } from "@keyway/runtime";
import { createStackerClient } from "@keyway/stacker";
import { sendJson, type TestServer } from "@keyway/test-server";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { apiKeyAuth, basePath, INTEGRATION_KEY, RECORD_PARAMS, RECORD_TEMPLATE } from "./fixtures.js";
import { exporter, recordedStrings, serverWith, tracerProvider } from "./setup.js";

/** What a call span says of where its call went, and how it failed. */
function placeOf(span: ReadableSpan) {
  const { attributes } = span;
  return {
    name: span.name,
    template: attributes["url.template"],
    address: attributes["server.address"],
    port: attributes["server.port"],
    error: attributes["error.type"],
  };
}

/** Runs a call that must fail before anything is sent, and returns its span: the only one, with no request under it. */
async function spanOfFailed(call: () => Promise<unknown>): Promise<ReadableSpan> {
  exporter.reset();
  await expect(call()).rejects.toBeInstanceOf(Error);
  const spans = exporter.getFinishedSpans();
  expect(spans.map((span) => span.name)).toHaveLength(1);
  expect(spans[0]!.attributes["url.full"]).toBeUndefined();
  return spans[0]!;
}

/** How a credential provider answers: with the account id, with nothing, or by throwing. */
type Credential = "given" | "missing" | "throws";

/** Each way a call fails before it is sent: what its options add, how its credential answers, and its error's name. */
const FAILURES = {
  "an invalid call setting": { init: () => ({ timeout: -1 }), error: "ConfigurationError" },
  "an unknown parseAs": { init: () => ({ parseAs: "xml" }), error: "ConfigurationError" },
  "a header value HTTP does not allow": {
    init: () => ({ headers: { "X-Note": "a\nb" } }),
    error: "InvalidHeaderValueError",
  },
  "an invalid path parameter": {
    init: () => ({ params: { path: { ...RECORD_PARAMS.path, record_sid: ".." } } }),
    error: "InvalidPathParameterError",
  },
  "an aborted signal": { init: () => ({ signal: AbortSignal.abort() }), error: "RequestAbortedError" },
  "a missing credential": { init: () => ({}), credential: "missing", error: "MissingCredentialError" },
  "a credential provider that throws": { init: () => ({}), credential: "throws", error: "Error" },
} satisfies Record<string, { init: () => object; credential?: Credential; error: string }>;
type Failure = keyof typeof FAILURES;
const failureKinds = Object.keys(FAILURES) as Failure[];

/** A local server that answers 200, and traced Stacker clients on it whose account id provider answers as `credential` says. */
async function stackerServer() {
  const server = await serverWith((_req, res) => sendJson(res, 200, {}));
  let credential: Credential = "given";
  const stackerAt = (baseUrl: string) =>
    createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: () => {
        if (credential === "throws") throw new Error("the vault is sealed");
        return credential === "given" ? "acc_8f2d41" : undefined;
      },
      stackId: "app785vwedw46e3bx8",
      baseUrl,
      instrumentation: openTelemetry({ tracerProvider }),
    });
  /** Calls the record operation through `stacker` with `init`, failing as `failure` says (or not at all). */
  const callRecord = (stacker: ReturnType<typeof stackerAt>, init: object, failure?: Failure) => {
    const kind = failure && FAILURES[failure];
    credential = (kind && "credential" in kind && kind.credential) || "given";
    return stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS, ...init, ...kind?.init() } as never);
  };
  return { server, port: Number(new URL(server.url).port), stackerAt, callRecord };
}

describe("a call that fails before it is sent names where it was going: its own baseUrl, not the client's", () => {
  it.each(failureKinds)("%s", async (failure) => {
    const { server, port, stackerAt, callRecord } = await stackerServer();
    const stacker = stackerAt(`${server.url}/v1`);
    const span = await spanOfFailed(() => callRecord(stacker, { baseUrl: `${server.url}/v2/beta` }, failure));

    expect(server.requests).toEqual([]);
    expect(placeOf(span)).toEqual({
      name: `GET /v2/beta${RECORD_TEMPLATE}`,
      template: `/v2/beta${RECORD_TEMPLATE}`,
      address: "127.0.0.1",
      port,
      error: FAILURES[failure].error,
    });
  });

  it("whatever the client's and the call's base paths, its span has the url.template and server.* the same call has when sent", async () => {
    const { server, stackerAt, callRecord } = await stackerServer();
    await fc.assert(
      fc.asyncProperty(
        basePath,
        fc.option(basePath, { nil: undefined }),
        fc.constantFrom(...failureKinds),
        async (clientBase, callBase, failure) => {
          const stacker = stackerAt(`${server.url}${clientBase}`);
          const init = callBase === undefined ? {} : { baseUrl: `${server.url}${callBase}` };
          const failed = placeOf(await spanOfFailed(() => callRecord(stacker, init, failure)));
          exporter.reset();
          await callRecord(stacker, init);
          const [sent] = exporter.getFinishedSpans().filter((span) => span.attributes["keyway.attempt"] === undefined);
          expect(failed).toEqual({ ...placeOf(sent!), error: FAILURES[failure].error });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("a call's own baseUrl that keyway refuses", () => {
  it("on another origin: the span names that origin, where the call was going", async () => {
    const { server, stackerAt, callRecord } = await stackerServer();
    const other = await serverWith((_req, res) => sendJson(res, 200, {}));
    const span = await spanOfFailed(() => callRecord(stackerAt(`${server.url}/v1`), { baseUrl: `${other.url}/v9` }));

    expect(placeOf(span)).toEqual({
      name: `GET /v9${RECORD_TEMPLATE}`,
      template: `/v9${RECORD_TEMPLATE}`,
      address: "127.0.0.1",
      port: Number(new URL(other.url).port),
      error: "ConfigurationError",
    });
    expect(other.requests).toEqual([]);
  });

  it("that is no base URL (not a URL, a user name and password, a query): no server.*, the operation's template alone, and nothing of the URL", async () => {
    const { server, stackerAt, callRecord } = await stackerServer();
    const stacker = stackerAt(`${server.url}/v1`);
    const host = new URL(server.url).host;
    for (const baseUrl of [
      "not a url",
      `ftp://${host}/v2`,
      `http://svc-user:pw_MARKER_4f1a@${host}/v2`,
      `${server.url}/v2?key=q_MARKER_9e2b`,
      `${server.url}/v2#f_MARKER_77c1`,
    ]) {
      const span = await spanOfFailed(() => callRecord(stacker, { baseUrl }));
      expect(placeOf(span)).toEqual({
        name: `GET ${RECORD_TEMPLATE}`,
        template: RECORD_TEMPLATE,
        address: undefined,
        port: undefined,
        error: "ConfigurationError",
      });
      for (const text of recordedStrings(span)) expect(text).not.toMatch(/MARKER|svc-user/);
    }
    expect(server.requests).toEqual([]);
  });
});

// An API as Box's spec has it: most operations on the API's first server, one on another path of its host, and
// uploads on a host of their own.
type Json = { "application/json": unknown };
interface FilesPaths {
  "/files": { get: { responses: { 200: { content: Json } } } };
  "/health": { get: { responses: { 200: { content: Json } } } };
  "/files/content": { post: { responses: { 201: { content: Json } } } };
}

async function filesApi() {
  const answering = () => serverWith((_req, res) => sendJson(res, 200, {}));
  const [api, uploads] = [await answering(), await answering()];
  const meta = {
    securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
    baseUrl: `${api.url}/2.0`,
    operations: {
      "GET /files": { id: "listFiles", security: [["ApiKey"]] },
      "GET /health": { id: "health", security: [["ApiKey"]], server: `${api.url}/status` },
      "POST /files/content": { id: "uploadFile", security: [["ApiKey"]], server: `${uploads.url}/upload/2.0` },
    },
  } as const satisfies ClientMeta<"ApiKey">;
  const clientAt = (baseUrl: string) =>
    createApiClient<FilesPaths>({
      meta,
      baseUrl,
      auth: apiKeyAuth(INTEGRATION_KEY),
      operationServers,
      instrumentation: openTelemetry({ tracerProvider }),
    }).client;
  const portOf = (server: TestServer) => Number(new URL(server.url).port);
  return { api, uploads, clientAt, portOf };
}

describe("an operation served on a server of its own, failing before it is sent", () => {
  it("on the client's origin: the span names the operation's server, as the same call sent does", async () => {
    const { api, clientAt, portOf } = await filesApi();
    const client = clientAt(`${api.url}/2.0`);
    const expected = {
      name: "GET /status/health",
      template: "/status/health",
      address: "127.0.0.1",
      port: portOf(api),
    };
    for (const init of [{ signal: AbortSignal.abort() }, { timeout: -1 }, { headers: { "X-Note": "a\nb" } }]) {
      const span = await spanOfFailed(() => client.GET("/health", init));
      expect(placeOf(span)).toEqual({ ...expected, error: expect.any(String) });
    }
    expect(api.requests).toEqual([]);

    exporter.reset();
    await client.GET("/health");
    expect(api.requests.map((request) => request.url)).toEqual(["/status/health"]);
    expect(exporter.getFinishedSpans().map((span) => ({ ...placeOf(span), error: undefined }))).toEqual([
      { ...expected, error: undefined },
      { ...expected, error: undefined },
    ]);
  });

  it("on the client's origin, with the call's own baseUrl: the call's", async () => {
    const { api, clientAt, portOf } = await filesApi();
    const span = await spanOfFailed(() =>
      clientAt(`${api.url}/2.0`).GET("/health", { baseUrl: `${api.url}/3.0`, signal: AbortSignal.abort() }),
    );
    expect(placeOf(span)).toEqual({
      name: "GET /3.0/health",
      template: "/3.0/health",
      address: "127.0.0.1",
      port: portOf(api),
      error: "RequestAbortedError",
    });
  });

  it("on another origin, refused: the span names that server, where the call was going", async () => {
    const { api, uploads, clientAt, portOf } = await filesApi();
    const failure = clientAt(`${api.url}/2.0`).POST("/files/content");
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    const span = await spanOfFailed(() => clientAt(`${api.url}/2.0`).POST("/files/content"));
    expect(placeOf(span)).toEqual({
      name: "POST /upload/2.0/files/content",
      template: "/upload/2.0/files/content",
      address: "127.0.0.1",
      port: portOf(uploads),
      error: "ConfigurationError",
    });
    expect([...api.requests, ...uploads.requests]).toEqual([]);
  });

  it("from a client given another base URL (a proxy), which sends every call there: the client's", async () => {
    const { clientAt, portOf } = await filesApi();
    const proxy = await serverWith((_req, res) => sendJson(res, 200, {}));
    const span = await spanOfFailed(() =>
      clientAt(`${proxy.url}/p`).POST("/files/content", { signal: AbortSignal.abort() }),
    );
    expect(placeOf(span)).toEqual({
      name: "POST /p/files/content",
      template: "/p/files/content",
      address: "127.0.0.1",
      port: portOf(proxy),
      error: "RequestAbortedError",
    });
  });
});
