import { sendJson } from "@keyway/test-server";
import { InvalidPathParameterError, RedirectError, RequestTimeoutError, unwrap } from "@keyway/stacker";
import { context, createContextKey } from "@opentelemetry/api";
import { beforeAll, describe, expect, it } from "vitest";
import { RECORD, RECORD_PARAMS, RECORD_TEMPLATE, tracedStacker } from "./fixtures.js";
import { childrenOf, exporter, spanNamed } from "./setup.js";

// As in a browser without ZoneContextManager: the context is not carried across `await`.
beforeAll(() => {
  context.disable();
});

describe("without a context manager", () => {
  it("(the premise: a value set in the context is gone after an await)", async () => {
    const probe = createContextKey("probe");
    const carried = await context.with(context.active().setValue(probe, 1), async () => {
      await null;
      return context.active().getValue(probe);
    });
    expect(carried).toBeUndefined();
  });

  it("each call still has one span: the request's, from the transport, with its attempts", async () => {
    const { stacker } = await tracedStacker((_req, res) => sendJson(res, 200, { _sid: "rec7wzphqrc9w7rii7h" }));
    await unwrap(stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS }));

    const span = spanNamed(RECORD);
    expect(span.attributes["http.response.status_code"]).toBe(200);
    expect(childrenOf(span).map((attempt) => [attempt.name, attempt.attributes["keyway.attempt"]])).toEqual([
      [RECORD, 1],
    ]);
    expect(exporter.getFinishedSpans()).toHaveLength(2);
  });

  it("a call that fails before sending still gets its one span", async () => {
    const { stacker } = await tracedStacker(() => {});
    const call = stacker.GET(RECORD_TEMPLATE, { params: { path: { ...RECORD_PARAMS.path, object_sid: "." } } });
    await expect(call).rejects.toBeInstanceOf(InvalidPathParameterError);

    expect(spanNamed(RECORD).attributes["error.type"]).toBe("InvalidPathParameterError");
    expect(exporter.getFinishedSpans()).toHaveLength(1);
  });

  it.each([
    {
      failure: "a timeout",
      answer: () => {}, // never answers
      ErrorClass: RequestTimeoutError,
      timeout: 300,
    },
    {
      failure: "a redirect keyway refuses",
      answer: (_req: unknown, res: import("node:http").ServerResponse) =>
        res.writeHead(302, { location: "https://elsewhere.example/records" }).end(),
      ErrorClass: RedirectError,
      timeout: 5_000, // the 302 must arrive: long enough for a busy machine
    },
  ])(
    "a call that fails in its transport ($failure) has one span, the request's",
    async ({ answer, ErrorClass, timeout }) => {
      const { stacker } = await tracedStacker(answer, { timeout, maxRetries: 0 });
      await expect(stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS })).rejects.toBeInstanceOf(ErrorClass);

      const span = spanNamed(RECORD); // one span of the call, the request's (an early failure's would be a second)
      expect(span.attributes["error.type"]).toBe(ErrorClass.name);
      expect(span.attributes["url.full"]).toEqual(expect.any(String));
    },
  );
});
