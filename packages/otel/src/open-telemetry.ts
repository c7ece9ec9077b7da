import type {
  CallObserver,
  ClientInstrumentation,
  ClientOperationMeta,
  Instrumentation,
  InstrumentedClient,
  SharedWorkObserver,
} from "@keyway/runtime";
import { SpanKind, trace, type Attributes, type TracerProvider } from "@opentelemetry/api";
import { pathTemplates, redactedUrl, schemesUsed, serverPort } from "./attributes.js";
import { CallSpan } from "./call-span.js";
import { sharedWorkSpan } from "./shared-work-span.js";

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
  const templates = pathTemplates(client);
  const base = URL.canParse(client.baseUrl) ? new URL(client.baseUrl) : undefined;
  // url.template is the template of the whole path: the base URL's path (Stack Auth's /api/v1) comes first.
  const basePath = base?.pathname.replace(/\/$/, "") ?? "";
  const serviceAttributes: Attributes = client.service
    ? { "keyway.service": client.service.name, ...client.service.attributes }
    : {};
  const calls = new WeakMap<Request, CallSpan>();

  return {
    startCall(request: Request, operation: ClientOperationMeta): CallObserver | undefined {
      const route = templates.get(operation);
      if (!route || !URL.canParse(request.url)) return undefined;
      const url = new URL(request.url);
      const attributes: Attributes = {
        "http.request.method": route.method,
        "url.template": basePath + route.template,
        "server.address": url.hostname,
        "server.port": serverPort(url),
        "url.full": redactedUrl(url, client.redactor),
        "keyway.operation.id": operation.id,
        "keyway.security.schemes": [...schemesUsed(request, operation, client)],
        ...serviceAttributes,
      };
      const span = tracer.startSpan(`${route.method} ${route.template}`, { kind: SpanKind.CLIENT, attributes });
      const propagate = options.propagateContext === true && url.origin === base?.origin;
      // No SDK, or a sampler that dropped the call: nothing to record, so nothing to follow.
      if (!span.isRecording() && !propagate) return undefined;
      const call = new CallSpan(span, { tracer, redactor: client.redactor, propagate });
      calls.set(request, call);
      return call;
    },
    startSharedWork(name: string): SharedWorkObserver {
      return sharedWorkSpan(tracer, name, (request) => calls.get(request)?.span);
    },
  };
}
