import { ConnectionError, ResponseParseError } from "@keyway/stacker";
import type { AttributeValue } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INTEGRATION_KEY, RECORD_PARAMS, RECORD_TEMPLATE, tracedStacker } from "./fixtures.js";
import { exporter } from "./setup.js";

/** What must never stand raw in a span's text: controls, DEL, C1, line separators, bidirectional controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const forging = fc.constantFrom(
  "\n[INFO] user=admin logged in",
  "\r\n",
  "\u001b[31m",
  "\u0085",
  "\u2028",
  "\u202e",
  "\ud800",
);
/** Text a server or a fetch may produce: anything, with what forges a line, now and then very long, maybe with the key. */
const hostileText = fc
  .tuple(
    fc.oneof(
      fc.string({ unit: fc.oneof(codeUnit, forging), maxLength: 40 }),
      fc.constantFrom("x".repeat(100_000), "\n".repeat(5_000)),
    ),
    fc.boolean(),
    fc.string({ unit: fc.oneof(codeUnit, forging), maxLength: 40 }),
  )
  .map(([before, echoed, after]) => (echoed ? `${before}${INTEGRATION_KEY}${after}` : `${before}${after}`));
// A header value fetch's Headers takes: Latin-1, no NUL, CR or LF, nothing to trim at either end.
const headerValue = fc
  .string({ unit: fc.integer({ min: 1, max: 0xff }).map((unit) => String.fromCharCode(unit)), minLength: 1 })
  .map((text) => text.replace(/[\r\n]/g, "x").replace(/^[\t ]+|[\t ]+$/g, ""))
  .filter((text) => text !== "");

/** Every text of the spans exported: names, status messages, attribute and event attribute values. */
function spanTexts(spans: readonly ReadableSpan[]): string[] {
  const texts = (value: AttributeValue | undefined): string[] =>
    typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
  return spans.flatMap((span) => [
    span.name,
    ...(span.status.message === undefined ? [] : [span.status.message]),
    ...Object.values(span.attributes).flatMap(texts),
    ...span.events.flatMap((event) => Object.values(event.attributes ?? {}).flatMap(texts)),
  ]);
}

/** Runs `call`, then checks every exported span's text: one line, bounded, no key; returns what the call threw, if anything. */
async function tracedFailure(call: () => Promise<unknown>): Promise<unknown> {
  exporter.reset();
  const thrown = await call().then(
    () => undefined,
    (error: unknown) => error,
  );
  const texts = spanTexts(exporter.getFinishedSpans());
  for (const text of texts) {
    expect(text).not.toMatch(UNSAFE);
    expect(text).not.toMatch(LONE_SURROGATE);
    expect(text.length).toBeLessThanOrEqual(700);
    expect(text).not.toContain(INTEGRATION_KEY);
  }
  return thrown;
}

/** The `exception.message` of the call span. */
function exceptionMessage(): unknown {
  const call = exporter.getFinishedSpans().find((span) => span.attributes["keyway.attempt"] === undefined);
  return call?.events.find((event) => event.name === "exception")?.attributes?.["exception.message"];
}

describe("what a hostile server or fetch sends shows in spans on one line, bounded, without a secret (property)", () => {
  it("a request id header on a failed status", async () => {
    let requestId = "";
    const { stacker } = await tracedStacker(() => {}, {
      fetch: async () => new Response("", { status: 404, headers: { "x-request-id": requestId } }),
    });
    await fc.assert(
      fc.asyncProperty(headerValue, async (drawn) => {
        requestId = drawn;
        // The call returns the failed result; its span records the NotFoundError that `unwrap` would throw.
        await tracedFailure(() => stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS }));
        expect(exceptionMessage()).toMatch(/answered 404 \(request id /);
      }),
      { numRuns: 60 },
    );
  });

  it("a fetch that fails with text of its own", async () => {
    let text = "";
    const { stacker } = await tracedStacker(() => {}, {
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError(text);
      },
    });
    await fc.assert(
      fc.asyncProperty(hostileText, async (drawn) => {
        text = drawn;
        const thrown = await tracedFailure(() => stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS }));
        expect(thrown).toBeInstanceOf(ConnectionError);
        expect(exceptionMessage()).toMatch(/ failed /);
      }),
      { numRuns: 60 },
    );
  });

  it("a Content-Type on a body that is not JSON", async () => {
    let type = "";
    const { stacker } = await tracedStacker(() => {}, {
      fetch: async () => new Response("not json", { status: 200, headers: { "content-type": type } }),
    });
    await fc.assert(
      fc.asyncProperty(headerValue, async (drawn) => {
        fc.pre(!/json/i.test(drawn.split(";")[0]!));
        type = drawn;
        const thrown = await tracedFailure(() => stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS }));
        expect(thrown).toBeInstanceOf(ResponseParseError);
      }),
      { numRuns: 60 },
    );
  });

  it("an error of the caller's own whose message a server wrote (a credential provider's)", async () => {
    let text = "";
    const { stacker } = await tracedStacker(() => {}, {
      accountId: () => {
        throw new Error(text);
      },
    });
    await fc.assert(
      fc.asyncProperty(hostileText, async (drawn) => {
        text = drawn;
        await tracedFailure(() => stacker.GET(RECORD_TEMPLATE, { params: RECORD_PARAMS }));
      }),
      { numRuns: 60 },
    );
  });
});
