import { startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import { context, trace, type Attributes, type SpanContext } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll } from "vitest";

export const exporter = new InMemorySpanExporter();
export const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
export const tracer = tracerProvider.getTracer("test");

const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

const servers: TestServer[] = [];
afterEach(async () => {
  exporter.reset();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A recording server on 127.0.0.1, closed after the test. */
export async function serverWith(handler: Handler): Promise<TestServer> {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

/** Whether `span` is the CLIENT span of a request a call sent: named like its call, told apart by `keyway.attempt`. */
export function isAttempt(span: ReadableSpan): boolean {
  return span.attributes["keyway.attempt"] !== undefined;
}

/** The finished spans named `name` other than attempts (calls, the caller's own), in the order they ended. */
export function spansNamed(name: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => span.name === name && !isAttempt(span));
}

/** The one finished span named `name`. */
export function spanNamed(name: string): ReadableSpan {
  const spans = spansNamed(name);
  if (spans.length !== 1)
    throw new Error(
      `expected one span "${name}", found ${spans.length}: ${exporter
        .getFinishedSpans()
        .map((s) => s.name)
        .join(", ")}`,
    );
  return spans[0]!;
}

/** The attempts of a call span (the CLIENT spans of the requests it sent), in the order they started. */
export function attemptsOf(call: ReadableSpan): ReadableSpan[] {
  return childrenOf(call).filter(isAttempt);
}

/** The spans whose parent is `span`, in the order they started. */
export function childrenOf(span: ReadableSpan): ReadableSpan[] {
  return exporter
    .getFinishedSpans()
    .filter((child) => child.parentSpanContext?.spanId === span.spanContext().spanId)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
}

/** Every text a span exports: name, attributes, status, events, links. */
export function exportedText(span: ReadableSpan): string {
  const attributes = (a: Attributes | undefined) => JSON.stringify(a ?? {});
  return [
    span.name,
    attributes(span.attributes),
    span.status.message ?? "",
    ...span.events.map((event) => `${event.name} ${attributes(event.attributes)}`),
    ...span.links.map((link) => attributes(link.attributes)),
  ].join("\n");
}

/** Every string a span exports, as recorded (not JSON-escaped): name, attribute values, status, events, links. */
export function recordedStrings(span: ReadableSpan): string[] {
  const values = (attributes: Attributes | undefined) =>
    Object.values(attributes ?? {}).flatMap((value) => (Array.isArray(value) ? value : [value]).map(String));
  return [
    span.name,
    ...values(span.attributes),
    span.status.message ?? "",
    ...span.events.flatMap((event) => [event.name, ...values(event.attributes)]),
    ...span.links.flatMap((link) => values(link.attributes)),
  ];
}

export function idOf(context: SpanContext): string {
  return `${context.traceId}-${context.spanId}`;
}

export { trace };

/** The finished spans that start before their parent or end after it, by name: none, where one clock times them all. */
export function spansOutsideTheirParent(): string[] {
  const nanos = ([seconds, nanoseconds]: [number, number]) => BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds);
  const spans = exporter.getFinishedSpans();
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  return spans
    .filter((span) => {
      const parent = span.parentSpanContext && byId.get(span.parentSpanContext.spanId);
      if (!parent) return false;
      return nanos(span.startTime) < nanos(parent.startTime) || nanos(span.endTime) > nanos(parent.endTime);
    })
    .map((span) => span.name);
}
