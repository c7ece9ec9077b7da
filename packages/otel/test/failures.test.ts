import { sendJson } from "@keyway/test-server";
import {
  ConnectionError,
  InvalidHeaderValueError,
  InvalidPathParameterError,
  MissingCredentialError,
  RequestTimeoutError,
  ResponseParseError,
  createStackerClient,
} from "@keyway/stacker";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { StackAuthError, createStackAuthServerClient, unwrap } from "@keyway/stack-auth";
import { openTelemetry } from "../src/index.js";
import {
  INTEGRATION_KEY,
  PROJECT_ID,
  RECORD,
  RECORD_PARAMS,
  RECORD_TEMPLATE,
  SECRET_SERVER_KEY,
  tracedStacker,
} from "./fixtures.js";
import { attemptsOf, childrenOf, serverWith, spanNamed, tracer, tracerProvider } from "./setup.js";

const params = RECORD_PARAMS;

/** Runs `call` under a span "job" and returns the one call span it made, after checking it is the job's child. */
async function onlyCallSpanOf(call: () => Promise<unknown>, name = RECORD): Promise<ReadableSpan> {
  await tracer.startActiveSpan("job", async (job) => {
    await call().then(
      () => undefined,
      () => undefined,
    );
    job.end();
  });
  const span = spanNamed(name);
  expect(span.parentSpanContext?.spanId).toBe(spanNamed("job").spanContext().spanId);
  return span;
}

const msOf = ([seconds, nanoseconds]: readonly [number, number]) => seconds * 1000 + nanoseconds / 1e6;

function expectFailure(span: ReadableSpan, type: string, message: string | RegExp): void {
  expect(span.kind).toBe(SpanKind.INTERNAL);
  expect(span.attributes["error.type"]).toBe(type);
  expect(span.status.code).toBe(SpanStatusCode.ERROR);
  expect(span.status.message).toMatch(message);
  expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
    ["exception", { "exception.type": type, "exception.message": span.status.message }],
  ]);
}

describe("a call that fails before any request is sent still gets its span", () => {
  it("a missing credential: MissingCredentialError, no URL, no attempt, under the caller's span", async () => {
    const { stacker, server, port } = await tracedStacker(() => {}, { accountId: undefined });
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expect(server.requests).toHaveLength(0);
    expectFailure(span, "MissingCredentialError", /X-Account-Id/);
    expect(span.attributes).toEqual({
      "http.request.method": "GET",
      "url.template": RECORD_TEMPLATE,
      "server.address": "127.0.0.1",
      "server.port": port,
      "keyway.operation.id": "getRecord",
      "keyway.service": "stacker",
      "error.type": "MissingCredentialError",
    });
    expect(childrenOf(span)).toEqual([]);
    await expect(stacker.GET(RECORD_TEMPLATE, { params })).rejects.toBeInstanceOf(MissingCredentialError);
  });

  it("a credential provider that throws: its error's name and its message, secrets scrubbed", async () => {
    const { stacker, server } = await tracedStacker(() => {}, {
      accountId: () => {
        throw new Error(`vault unreachable while ${INTEGRATION_KEY} was in use`);
      },
    });
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expect(server.requests).toHaveLength(0);
    expectFailure(span, "Error", "vault unreachable while [REDACTED] was in use");
  });

  it("an async credential provider that rejects: the span starts when the call was made", async () => {
    let providerCalledAt = 0;
    const { stacker } = await tracedStacker(() => {}, {
      accountId: () => {
        providerCalledAt = Date.now();
        return new Promise((_, reject) => setTimeout(() => reject(new TypeError("store closed")), 30));
      },
    });
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expectFailure(span, "TypeError", "store closed");
    expect(msOf(span.startTime)).toBeLessThanOrEqual(providerCalledAt);
    expect(msOf(span.duration)).toBeGreaterThanOrEqual(25);
  });

  it("an invalid path parameter: InvalidPathParameterError naming the parameter", async () => {
    const { stacker, server } = await tracedStacker(() => {});
    const span = await onlyCallSpanOf(() =>
      stacker.GET(RECORD_TEMPLATE, { params: { path: { ...params.path, record_sid: ".." } } }),
    );

    expect(server.requests).toHaveLength(0);
    expectFailure(span, "InvalidPathParameterError", /record_sid/);
    await expect(
      stacker.GET(RECORD_TEMPLATE, { params: { path: { ...params.path, record_sid: ".." } } }),
    ).rejects.toBeInstanceOf(InvalidPathParameterError);
  });

  it("an invalid header value: InvalidHeaderValueError naming the header, never the value", async () => {
    const { stacker, server } = await tracedStacker(() => {});
    const value = `${INTEGRATION_KEY}\r\nX-Injected: 1`;
    const call = () => stacker.GET(RECORD_TEMPLATE, { params, headers: { "X-Trace-Note": value } });
    const span = await onlyCallSpanOf(call);

    expect(server.requests).toHaveLength(0);
    expectFailure(span, "InvalidHeaderValueError", /X-Trace-Note/);
    expect(span.status.message).not.toContain("X-Injected");
    await expect(call()).rejects.toBeInstanceOf(InvalidHeaderValueError);
  });

  it("a path the API does not have: named by its method only (no template to name it by)", async () => {
    const { stacker } = await tracedStacker(() => {});
    const untyped = stacker as unknown as { GET(path: string): Promise<unknown> };
    const span = await onlyCallSpanOf(() => untyped.GET("/api/external/no-such-route/"), "GET");

    expectFailure(span, "ConfigurationError", /No operation GET \/api\/external\/no-such-route\//);
    expect(span.attributes).not.toHaveProperty("url.template");
  });
});

describe("a call that fails after its response arrived is recorded on the same span", () => {
  it("a body that is not JSON: ResponseParseError, status 200 kept, no excerpt of the body", async () => {
    const { stacker } = await tracedStacker((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      // JSON.parse quotes the start of this body in its message: `Unexpected token 'o', "note: sk_MA"... is not valid JSON`.
      res.end(`note: ${INTEGRATION_KEY.slice(0, 9)}, the rest of a body`);
    });
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expectFailure(span, "ResponseParseError", /./);
    expect(span.status.message).toBe(
      `GET ${RECORD_TEMPLATE} answered with a body that is not valid JSON: Unexpected token`,
    );
    expect(span.attributes["http.response.status_code"]).toBe(200);
    expect(attemptsOf(span).map((attempt) => [attempt.kind, attempt.status.code])).toEqual([
      [SpanKind.CLIENT, SpanStatusCode.UNSET],
    ]);
    await expect(stacker.GET(RECORD_TEMPLATE, { params })).rejects.toBeInstanceOf(ResponseParseError);
  });

  it("a connection cut while the body is read: ConnectionError on the span of the call, whose attempt got a 200", async () => {
    const { stacker } = await tracedStacker((_req, res, raw) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"_sid": "rec7wzphqrc9w7rii7h", "fields": [');
      setTimeout(() => raw.socket.destroy(), 20);
    });
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expectFailure(span, "ConnectionError", /the response body could not be read/);
    expect(span.attributes["http.response.status_code"]).toBe(200);
    // The span is still open when the body fails (an ended span takes no attribute); its attempt ended with the headers.
    expect(attemptsOf(span).map((attempt) => [attempt.kind, attempt.attributes["http.response.status_code"]])).toEqual([
      [SpanKind.CLIENT, 200],
    ]);
    await expect(stacker.GET(RECORD_TEMPLATE, { params })).rejects.toBeInstanceOf(ConnectionError);
  });

  it("a Stack Auth known error: the StackAuthError that unwrap throws, described without its body", async () => {
    const server = await serverWith((_req, res) =>
      sendJson(
        res,
        404,
        { code: "USER_NOT_FOUND", error: `User not found (asked with ${SECRET_SERVER_KEY.slice(0, 8)})` },
        { "x-stack-known-error": "USER_NOT_FOUND", "x-stack-request-id": "req_7" },
      ),
    );
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: server.url,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    const userId = "3f0e2b1c-0000-4000-8000-000000000001";
    const call = () => unwrap(admin.GET("/users/{user_id}", { params: { path: { user_id: userId } } }));
    const span = await onlyCallSpanOf(call, "GET /users/{user_id}");

    await expect(call()).rejects.toBeInstanceOf(StackAuthError);
    expect(span.attributes["error.type"]).toBe("StackAuthError");
    expect(span.attributes["http.response.status_code"]).toBe(404);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(span.events.map((event) => event.attributes)).toEqual([
      {
        "exception.type": "StackAuthError",
        "exception.message": `GET ${server.url}/users/${userId} answered 404 (request id req_7)`,
      },
    ]);
  });

  it("a success ends the span once the body is read, not before, and records no error", async () => {
    const { stacker } = await tracedStacker((_req, res) => sendJson(res, 200, { _sid: "rec7wzphqrc9w7rii7h" }));
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(span.events).toEqual([]);
    expect(span.attributes).not.toHaveProperty("error.type");
  });
});

describe("what a call's span says of the response it failed on, as the HTTP conventions have it", () => {
  it("a final 3xx (not a redirect keyway follows) leaves the span's status unset, with no error.type", async () => {
    const { stacker } = await tracedStacker((_req, res) => {
      res.writeHead(304);
      res.end();
    });
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes["http.response.status_code"]).toBe(304);
    expect(span.attributes["error.type"]).toBeUndefined();
    expect(span.events).toEqual([]);
    expect(
      attemptsOf(span).map((attempt) => [attempt.attributes["http.response.status_code"], attempt.status]),
    ).toEqual([[304, { code: SpanStatusCode.UNSET }]]);
    expect(attemptsOf(span)[0]!.attributes).not.toHaveProperty("error.type");
  });

  it("a call that times out on the hop after a redirect it followed names no status: it got no answer to fail on", async () => {
    const { stacker } = await tracedStacker(
      (req, res) => {
        if (!req.url.startsWith("/slow")) res.writeHead(302, { location: "/slow" }).end();
      },
      { timeout: 1_000, maxRetries: 0 }, // it bounds the redirect's hop too: long enough for a busy machine
    );
    await expect(stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS })).rejects.toBeInstanceOf(RequestTimeoutError);

    const span = spanNamed(RECORD);
    expect(span.attributes["error.type"]).toBe("RequestTimeoutError");
    expect(span.attributes).not.toHaveProperty("http.response.status_code");
    expect(attemptsOf(span).map((hop) => hop.attributes["http.response.status_code"])).toEqual([302, undefined]);
  });

  it("a redirect keyway refuses: RedirectError on the call, and on the request that received the 302, ERROR", async () => {
    const { stacker } = await tracedStacker(
      (_req, res) => {
        res.writeHead(302, { location: "https://elsewhere.example/landing" });
        res.end();
      },
      { maxRetries: 0 },
    );
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expect(span.attributes["error.type"]).toBe("RedirectError");
    expect(span.attributes["http.response.status_code"]).toBe(302);
    // A 3xx leaves a client span's status unset, "unless there was another error (… 3xx codes with max redirects exceeded)".
    expect(attemptsOf(span).map((attempt) => [attempt.attributes, attempt.status])).toEqual([
      [
        expect.objectContaining({
          "keyway.attempt": 1,
          "http.response.status_code": 302,
          "error.type": "RedirectError",
        }),
        { code: SpanStatusCode.ERROR },
      ],
    ]);
  });

  it("too many redirects: each hop followed leaves its status unset, the one refused is ERROR", async () => {
    const { stacker } = await tracedStacker((req, res) => {
      res.writeHead(307, { location: `${req.url.split("?")[0]}?hop=${Number(req.url.split("hop=")[1] ?? 0) + 1}` });
      res.end();
    });
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expect(span.attributes["error.type"]).toBe("RedirectError");
    const requests = childrenOf(span);
    expect(requests.map((request) => [request.attributes["http.request.resend_count"], request.status.code])).toEqual([
      [undefined, SpanStatusCode.UNSET],
      [1, SpanStatusCode.UNSET],
      [2, SpanStatusCode.UNSET],
      [3, SpanStatusCode.UNSET],
      [4, SpanStatusCode.UNSET],
      [5, SpanStatusCode.ERROR],
    ]);
    expect(requests.map((request) => request.attributes["error.type"])).toEqual([
      ...Array(5).fill(undefined),
      "RedirectError",
    ]);
  });

  it("a retry that gets no response does not keep the status an earlier attempt received", async () => {
    let calls = 0;
    const { stacker } = await tracedStacker(
      (_req, res, raw) => {
        if (calls++ === 0) return sendJson(res, 503, { detail: "busy" });
        raw.socket.destroy();
      },
      { maxRetries: 1 },
    );
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    expect(span.attributes["error.type"]).toBe("ConnectionError");
    expect(span.attributes["http.response.status_code"]).toBeUndefined();
  });

  it("an IPv6 host is its address in server.address, without the URL's brackets", async () => {
    const stacker = createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: "acc_8f2d41",
      stackId: "app785vwedw46e3bx8",
      baseUrl: "http://[::1]:9", // the discard port: refused, or unreachable where IPv6 is off
      maxRetries: 0,
      timeout: 2000,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    const span = await onlyCallSpanOf(() => stacker.GET(RECORD_TEMPLATE, { params }));

    for (const each of [span, ...attemptsOf(span)]) {
      expect(each.attributes["server.address"]).toBe("::1");
      expect(each.attributes["server.port"]).toBe(9);
    }
    expect(attemptsOf(span)).toHaveLength(1);
  });
});
