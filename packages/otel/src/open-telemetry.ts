import type {
  CallObserver,
  ClientInstrumentation,
  ClientOperationMeta,
  Instrumentation,
  InstrumentedClient,
  SharedWorkObserver,
} from "@keyway/runtime";
import { SpanKind, context, trace, type Attributes, type TracerProvider } from "@opentelemetry/api";
import { pathTemplates, redactedUrl, schemesUsed, serverPort } from "./attributes.js";
import { CallSpan, recordFailure, type CallOutcome } from "./call-span.js";
import { scrubberOf } from "./scrub.js";
import { sharedWorkSpan } from "./shared-work-span.js";
import { userCallFor, withUserCall, type UserCall } from "./user-call.js";

/** Options of {@link openTelemetry}. */
export interface OpenTelemetryOptions {
  /** Where spans go; defaults to the global tracer provider (the one `@opentelemetry/sdk-node` registers). */
  readonly tracerProvider?: TracerProvider;
  /**
   * Send `traceparent` and `tracestate` with each request, so the API's own traces join yours.
   * Only requests to the client's base URL origin carry them. Default `false`.
   */
  readonly propagateContext?: boolean;
}

/** The instrumentation scope of keyway's spans. */
export const TRACER_NAME = "@keyway/otel";

/**
 * OpenTelemetry tracing for a keyway client: one CLIENT span per API call, named
 * `{method} {path template}` (`GET /users/{user_id}`) with the HTTP client semantic-convention
 * attributes and keyway's own (operation id, service, security schemes used, never their values),
 * a child span per attempt, an event per retry, a span per session refresh linked to every call
 * that waited for it. Spans nest under the active span, so a paging loop's pages sit under the
 * span around the loop.
 *
 * @example
 * ```ts
 * import { openTelemetry } from "@keyway/otel";
 * import { createStackerClient } from "@keyway/stacker";
 *
 * const stacker = createStackerClient({
 *   integrationKey: process.env.STACKER_INTEGRATION_KEY!,
 *   instrumentation: openTelemetry({ propagateContext: true }),
 * });
 * await stacker.GET("/api/external/accounts/"); // a span "GET /api/external/accounts/"
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Instrumentation {
  return {
    instrumentClient: (client) => instrumentClient(client, options),
  };
}

function instrumentClient(client: InstrumentedClient, options: OpenTelemetryOptions): ClientInstrumentation {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(TRACER_NAME);
  const scrub = scrubberOf(client.redactor);
  const templates = pathTemplates(client);
  const base = URL.canParse(client.baseUrl) ? new URL(client.baseUrl) : undefined;
  // url.template is the template of the whole path: the base URL's path (Stack Auth's /api/v1) comes first.
  const basePath = base?.pathname.replace(/\/$/, "") ?? "";
  const serviceAttributes: Attributes = client.service
    ? { "keyway.service": client.service.name, ...client.service.attributes }
    : {};
  const calls = new WeakMap<Request, CallSpan>();

  /** The attributes a call has before its request exists. A path the API does not have gives no template. */
  function callAttributes(method: string, operation: ClientOperationMeta | undefined, url: URL | undefined) {
    const route = operation && templates.get(operation);
    const attributes: Attributes = { "http.request.method": method };
    if (route) attributes["url.template"] = basePath + route.template;
    if (url) {
      attributes["server.address"] = url.hostname;
      attributes["server.port"] = serverPort(url);
    }
    if (operation) attributes["keyway.operation.id"] = operation.id;
    return {
      name: route ? `${method} ${route.template}` : method,
      attributes: { ...attributes, ...serviceAttributes },
    };
  }

  /** The span of a call that failed before it sent a request: no URL, status or attempt to show. */
  function recordEarlyFailure(call: UserCall, error: unknown): void {
    const { name, attributes } = callAttributes(call.method, call.operation, base);
    const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes, startTime: call.startTime }, call.parent);
    recordFailure(span, error, scrub);
    span.end(Date.now());
  }

  function settle(call: UserCall, outcome: CallOutcome): void {
    const { started } = call;
    if (started) {
      if (started.observer) started.observer.finish(outcome, Date.now());
      else started.span.end(Date.now());
    } else if ("error" in outcome) {
      recordEarlyFailure(call, outcome.error);
    }
    // A call that succeeded without a request of its own seen here ran where the context was lost
    // (no context manager): its request's span, started by the transport, has recorded it already.
  }

  return {
    aroundCall<T>(method: string, template: string, run: () => Promise<T>): Promise<T> {
      const parent = context.active();
      const call: UserCall = {
        method,
        template,
        operation: client.meta.operations[`${method} ${template}`],
        parent,
        startTime: Date.now(),
      };
      let result: Promise<T>;
      try {
        result = context.with(withUserCall(parent, call), run);
      } catch (error) {
        result = Promise.reject(error);
      }
      return result.then(
        (value) => {
          settle(call, { value });
          return value;
        },
        (error: unknown) => {
          settle(call, { error });
          throw error;
        },
      );
    },
    startCall(request: Request, operation: ClientOperationMeta): CallObserver | undefined {
      const route = templates.get(operation);
      if (!route || !URL.canParse(request.url)) return undefined;
      const url = new URL(request.url);
      const active = context.active();
      const call = userCallFor(active, operation);
      const { name, attributes } = callAttributes(route.method, operation, url);
      attributes["url.full"] = redactedUrl(url, scrub);
      attributes["keyway.security.schemes"] = [...schemesUsed(request, operation, client)];
      const span = tracer.startSpan(
        name,
        { kind: SpanKind.CLIENT, attributes, ...(call ? { startTime: call.startTime } : {}) },
        call?.parent ?? active,
      );
      const propagate = options.propagateContext === true && url.origin === base?.origin;
      // No SDK, or a sampler that dropped the call: nothing to record, so nothing to follow.
      const observer =
        span.isRecording() || propagate
          ? new CallSpan(span, { tracer, scrub, propagate, endsWithTransport: call === undefined })
          : undefined;
      if (call) call.started = { span, observer };
      if (observer) calls.set(request, observer);
      return observer;
    },
    startSharedWork(name: string): SharedWorkObserver {
      return sharedWorkSpan(tracer, name, (request) => calls.get(request)?.span);
    },
  };
}
