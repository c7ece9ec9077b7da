import { createStackAuthServerClient, listAllUsers } from "@keyway/stack-auth";
import { createStackerClient, searchAll, unwrap } from "@keyway/stacker";
import { sendJson } from "@keyway/test-server";
import { ROOT_CONTEXT, SpanStatusCode, context, propagation } from "@opentelemetry/api";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { INTEGRATION_KEY, PROJECT_ID, SECRET_SERVER_KEY, userPages } from "./fixtures.js";
import { childrenOf, exporter, serverWith, spanNamed, spansNamed, tracer, tracerProvider } from "./setup.js";

const HELLO = "GET /api/external/hello/";
const USERS_TRACEPARENT = "00-11111111111111111111111111111111-2222222222222222-01";

afterEach(() => propagation.disable());

async function stackerOn(url: string, propagateContext: boolean, options: object = {}) {
  return createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: "acc_8f2d41",
    stackId: "app785vwedw46e3bx8",
    baseUrl: url,
    ...options,
    instrumentation: openTelemetry({ tracerProvider, propagateContext }),
  });
}

/** The traceparent of a call span's first attempt. */
function traceparentOfAttempt(call: ReadableSpan): string {
  const { traceId, spanId } = childrenOf(call)[0]!.spanContext();
  return `00-${traceId}-${spanId}-01`;
}

describe("trace context reaches the API's origin only, once, and alone", () => {
  it("a redirect keyway follows to another origin carries none; one on the API's origin carries its own hop's", async () => {
    const elsewhere = await serverWith((_req, res) => sendJson(res, 200, []));
    let hops = 0;
    const api = await serverWith((req, res) => {
      if (req.url === "/api/external/accounts/") {
        res.writeHead(307, { location: `${elsewhere.url}/accounts/` });
        return res.end();
      }
      if (hops++ === 0) {
        res.writeHead(307, { location: "/api/external/hello/?moved=1" });
        return res.end();
      }
      sendJson(res, 200, { message: "hi" });
    });
    const stacker = await stackerOn(api.url, true, { allowedRedirectOrigins: [elsewhere.url] });
    await unwrap(stacker.GET("/api/external/hello/"));
    await unwrap(stacker.GET("/api/external/accounts/"));

    const [first, hop] = childrenOf(spansNamed(HELLO)[0]!).map(
      (request) => `00-${request.spanContext().traceId}-${request.spanContext().spanId}-01`,
    );
    expect(api.requests.map((request) => [request.url, request.headers.traceparent])).toEqual([
      ["/api/external/hello/", first],
      ["/api/external/hello/?moved=1", hop],
      ["/api/external/accounts/", traceparentOfAttempt(spanNamed("GET /api/external/accounts/"))],
    ]);
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]!.headers).not.toHaveProperty("traceparent");
    expect(elsewhere.requests[0]!.headers).not.toHaveProperty("tracestate");
    // The call's URL is the one requested, before any redirect.
    expect(spanNamed(HELLO).attributes["url.full"]).toBe(`${api.url}/api/external/hello/`);
  });

  it("a traceparent the caller set is replaced by the attempt's, never sent twice; without propagation it goes as set", async () => {
    const api = await serverWith((_req, res) => sendJson(res, 200, { message: "hi" }));
    const headers = { traceparent: USERS_TRACEPARENT, tracestate: "vendor=1" };
    const propagating = await stackerOn(api.url, true, { headers });
    await unwrap(propagating.GET("/api/external/hello/", { headers }));
    const quiet = await stackerOn(api.url, false, { headers });
    await unwrap(quiet.GET("/api/external/hello/"));

    const [traced, untouched] = api.requests;
    expect([traced!.headers.traceparent, traced!.headers.tracestate]).toEqual([
      traceparentOfAttempt(spansNamed(HELLO)[0]!),
      undefined,
    ]);
    expect(spansNamed(HELLO)).toHaveLength(2);
    expect([untouched!.headers.traceparent, untouched!.headers.tracestate]).toEqual([USERS_TRACEPARENT, "vendor=1"]);
  });

  it("baggage in the context never reaches the API, whatever the global propagator would inject", async () => {
    propagation.setGlobalPropagator(
      new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
    );
    const api = await serverWith((_req, res) => sendJson(res, 200, { message: "hi" }));
    const stacker = await stackerOn(api.url, true);
    const withBaggage = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ "user.email": { value: "ada@example.com" } }),
    );
    await context.with(withBaggage, () => unwrap(stacker.GET("/api/external/hello/")));

    expect(api.requests[0]!.headers.traceparent).toBe(traceparentOfAttempt(spansNamed(HELLO)[0]!));
    expect(api.requests[0]!.headers).not.toHaveProperty("baggage");
  });
});

/** A Stacker client whose middleware throws a RangeError with `message` from its `hook`. */
async function stackerWhoseMiddlewareThrows(hook: "onRequest" | "onResponse", message: string) {
  const api = await serverWith((_req, res) => sendJson(res, 200, { message: "hi" }));
  const stacker = await stackerOn(api.url, false);
  const fail = () => {
    throw new RangeError(message);
  };
  stacker.use(hook === "onRequest" ? { onRequest: fail } : { onResponse: fail });
  return { api, stacker };
}

describe("every span ends, with the error the caller got", () => {
  it("a middleware that throws before the request: the call's span has its error and no attempt", async () => {
    const { api, stacker } = await stackerWhoseMiddlewareThrows("onRequest", "no requests on Sundays");
    await tracer.startActiveSpan("job", async (job) => {
      await expect(stacker.GET("/api/external/hello/")).rejects.toThrow("no requests on Sundays");
      job.end();
    });

    const span = spanNamed(HELLO);
    expect(api.requests).toHaveLength(0);
    expect(span.parentSpanContext?.spanId).toBe(spanNamed("job").spanContext().spanId);
    expect([span.attributes["error.type"], span.status]).toEqual([
      "RangeError",
      { code: SpanStatusCode.ERROR, message: "no requests on Sundays" },
    ]);
    expect(childrenOf(span)).toEqual([]);
  });

  it("a middleware that throws on the response: the span keeps the status the API answered and has the error", async () => {
    const { stacker } = await stackerWhoseMiddlewareThrows("onResponse", "unexpected answer");
    await expect(stacker.GET("/api/external/hello/")).rejects.toThrow("unexpected answer");

    const span = spanNamed(HELLO);
    expect([span.attributes["http.response.status_code"], span.attributes["error.type"]]).toEqual([200, "RangeError"]);
    expect(childrenOf(span).map((attempt) => attempt.status.code)).toEqual([SpanStatusCode.UNSET]);
  });

  it.each([
    [500, 200, SpanStatusCode.UNSET, undefined],
    [200, 503, SpanStatusCode.ERROR, "InternalServerError"],
  ])(
    "a middleware that puts a new response in place of the API's %i: the span has the status returned, %i",
    async (answered, returned, code, errorType) => {
      const api = await serverWith((_req, res) => sendJson(res, answered, { message: "hi" }));
      const stacker = await stackerOn(api.url, false);
      stacker.use({ onResponse: () => Response.json({ message: "from the cache" }, { status: returned }) });
      const { response } = await stacker.GET("/api/external/hello/", { maxRetries: 0 });
      expect(response.status).toBe(returned);

      const span = spanNamed(HELLO);
      expect([span.attributes["http.response.status_code"], span.status.code, span.attributes["error.type"]]).toEqual([
        returned,
        code,
        errorType,
      ]);
      if (errorType)
        expect(span.events.find((event) => event.name === "exception")?.attributes?.["exception.message"]).toBe(
          `GET ${api.url}/api/external/hello/ answered ${returned}`,
        );
      // The request's own span keeps what the API answered.
      expect(childrenOf(span).map((attempt) => attempt.attributes["http.response.status_code"])).toEqual([answered]);
    },
  );

  it("a paging loop left early: one ended span per page fetched, under the loop's span", async () => {
    const records = await serverWith((_req, res) =>
      sendJson(
        res,
        200,
        Array.from({ length: 100 }, (_, index) => ({ _sid: `rec${index}` })),
      ),
    );
    const stacker = await stackerOn(records.url, false);
    const users = await userPages(["a", "b", "c", "d"]);
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: users.url,
      instrumentation: openTelemetry({ tracerProvider }),
    });
    await tracer.startActiveSpan("loop", async (loop) => {
      for await (const record of searchAll(stacker, "object.custom.orders")) if (record._sid === "rec3") break;
      let seen = 0;
      for await (const _user of listAllUsers(admin, { limit: 1 })) if (++seen === 2) break;
      loop.end();
    });

    expect(records.requests).toHaveLength(1);
    expect(users.requests).toHaveLength(2);
    expect(childrenOf(spanNamed("loop")).map((page) => [page.name, page.status.code])).toEqual([
      ["POST /api/external/objects/{object_sid}/search/", SpanStatusCode.UNSET],
      ["GET /users", SpanStatusCode.UNSET],
      ["GET /users", SpanStatusCode.UNSET],
    ]);
    expect(exporter.getFinishedSpans()).toHaveLength(7); // the loop, 3 pages, 3 attempts
  });
});
