import type {
  CallObserver,
  ClientInstrumentation,
  ClientOperationMeta,
  Instrumentation,
  InstrumentedClient,
  InstrumentedRequest,
  SharedWorkObserver,
} from "@keyway/runtime";
import {
  ConfigurationError,
  secretParameters,
  type IsSecretParameter,
  type SecretParameterOption,
} from "@keyway/runtime";
import { SpanKind, context, isSpanContextValid, trace, type Context, type TracerProvider } from "@opentelemetry/api";
import { callAttributes, mergedAttributes, schemesUsed } from "./attributes.js";
import { callScrub } from "./call-secrets.js";
import { callTarget } from "./call-target.js";
import { CallSpan, endedWithTransport, recordFailure, type CallOutcome } from "./call-span.js";
import { sendingContext } from "./trace-context.js";
import type { HttpClientMetrics } from "./request-duration.js";
import { scrubberOf } from "./scrub.js";
import { sharedWorkSpan } from "./shared-work-span.js";
import { tracerSource } from "./tracer-source.js";
import { reportTracingFailure } from "./tracing-failure.js";
import { userCallFor, withUserCall, type UserCall } from "./user-call.js";

/** Options of {@link openTelemetry}. */
export interface OpenTelemetryOptions {
  /** Where spans go; defaults to the global tracer provider (the one `@opentelemetry/sdk-node` registers). */
  readonly tracerProvider?: TracerProvider | undefined;
  /**
   * Send `traceparent` and `tracestate` with each request, so the API's own traces join yours.
   * Only requests to the client's base URL origin carry them. Default `false`.
   */
  readonly propagateContext?: boolean | undefined;
  /**
   * Names of path, query and header parameters whose values are secrets, besides those any API's are
   * (`password`, `token`, `code`, `key`, `signature`, `sig`, `otp`, `AWSAccessKeyId`, and any name ending in `token`,
   * `secret`, `password`, `passcode`, `signature`, `credential` or `api_key`). Any case, with or without `-` and `_`.
   * No span shows their values: a path segment that holds one reads `REDACTED` in `url.full` (`url.template` and the
   * span's name keep the parameter's name), and error messages recorded on spans have them removed. Every query value
   * reads `REDACTED` in `url.full` whatever its name. The client's own `secretParameters` option counts too (its
   * errors hide those segments as well): pass the names there to hide them everywhere, and the names its
   * `{ except }` lists there (an object store's `key`) show in spans too. A name both here and in the client's
   * `except` is a `ConfigurationError`.
   */
  readonly secretParameters?: readonly string[] | undefined;
  /**
   * Record `http.client.request.duration` for each request sent: pass {@link httpClientMetrics}`()`, which measures
   * through the global meter provider or the one it is given. None by default.
   */
  readonly metrics?: HttpClientMetrics | undefined;
}

/**
 * What {@link openTelemetry} returns, for a client's `instrumentation` option. Named here so that a module exporting
 * it (`export const instrumentation = openTelemetry()`) can emit its declaration from `@keyway/otel` alone: the runtime's
 * `Instrumentation` it extends is not a dependency of the app under pnpm's strict layout.
 */
export interface OpenTelemetryInstrumentation extends Instrumentation {}

/**
 * OpenTelemetry tracing for a keyway client: one INTERNAL span per API call, named
 * `{method} {url.template}` (`GET /api/v1/users/{user_id}`) with the HTTP client semantic-convention
 * attributes and keyway's own (operation id, service, security schemes used, never their values);
 * under it a CLIENT span per request sent (each attempt: retries, replays), named alike, with that
 * request's HTTP attributes and `keyway.attempt`; an event per retry; a span per session refresh
 * linked to every call that waited for it. Spans nest under the active span, so a paging loop's
 * pages sit under the span around the loop. No span records a credential, nor the value of a path, query or header
 * parameter named like a secret (`code`, `token`, `client_secret`, …) or listed in `secretParameters`.
 *
 * @example
 * ```ts
 * import { openTelemetry } from "@keyway/otel";
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * // Any keyway client takes the same option.
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   instrumentation: openTelemetry({ propagateContext: true }),
 * });
 * await client.GET("/orders/{order_id}", { params: { path: { order_id: "ord_1" } } }); // spans "GET /orders/{order_id}": the call and its request
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): OpenTelemetryInstrumentation {
  return {
    instrumentClient: (client) => instrumentClient(client, options),
  };
}

/**
 * The span of each call's request, for every client instrumented here: a session refresh started by one client is
 * linked to the calls of every client that waits for it (a `withOptions()` copy, another client on the same store).
 */
const calls = new WeakMap<InstrumentedRequest, CallSpan>();

function instrumentClient(client: InstrumentedClient, options: OpenTelemetryOptions): ClientInstrumentation {
  const source = tracerSource(options.tracerProvider);
  const { metrics } = options;
  // With the global provider and no SDK registered (yet), every span would be a no-op: skip the work, unless
  // propagation is on and the active context carries a trace (put there without an SDK) to pass on, or metrics are on.
  const noSdk = metrics
    ? () => false
    : options.propagateContext
      ? () => source.noSdk() && !carriesTrace(context.active())
      : source.noSdk;
  const scrub = scrubberOf(client.redactor);
  const isSecret = clientRuleWithNames(client.secretParameters, options.secretParameters);
  const attributes = callAttributes(client, isSecret);

  /** The span of a call that failed before it sent a request: no URL, status or attempt to show. */
  function recordEarlyFailure(call: UserCall, error: unknown): void {
    const start = attributes.ofCall(call.method, call.operation, callTarget(client, call), scrub);
    const span = source
      .tracer()
      .startSpan(
        start.name,
        { kind: SpanKind.INTERNAL, attributes: start.attributes, startTime: call.startTime },
        call.parent,
      );
    recordFailure(span, error, scrub);
    span.end(Date.now());
  }

  function settle(call: UserCall, outcome: CallOutcome): void {
    call.settled = true;
    const { started } = call;
    try {
      if (started) {
        if (started.observer) started.observer.finish(outcome, Date.now());
        else started.span.end(Date.now());
      } else if ("error" in outcome && !isEndedWithTransport(outcome.error)) {
        recordEarlyFailure(call, outcome.error);
      }
      // A call that succeeded, or failed in its transport, without a request of its own seen here ran where the context
      // was lost (no context manager): its request's span, started by the transport, has recorded it already.
    } catch (error) {
      reportTracingFailure(error);
    }
    call.options = undefined;
  }

  /** The observer of a call's request, when it is traced; see `startCall`. */
  function observe(request: InstrumentedRequest, operation: ClientOperationMeta): CallObserver | undefined {
    const start = attributes.ofOperation(operation, request.url, scrub);
    const place = start && attributes.ofRequest(request.url, scrub, start.secret);
    if (!start || !place) return undefined;
    const active = context.active();
    const call = userCallFor(active, operation);
    if (call?.settled) return undefined;
    const tracer = source.tracer();
    const span = tracer.startSpan(
      start.name,
      {
        kind: SpanKind.INTERNAL,
        // A request's place (server.*, url.full) first, beside the method, so that an SDK's attribute count limit,
        // which drops the attributes a span is given last, keeps those the conventions require.
        attributes: mergedAttributes(place.attributes, start.attributes),
        ...(call ? { startTime: call.startTime } : {}),
      },
      call?.parent ?? active,
    );
    const propagate = options.propagateContext === true && place.sameOrigin;
    // No SDK, or a sampler that dropped the call: nothing to record, so nothing to follow (but each request's duration),
    // only fetch's own instrumentation to keep off the request, as a traced call's is (its propagator's headers).
    if (!span.isRecording() && !propagate && !metrics) {
      if (call) call.started = { span, observer: undefined };
      return UNTRACED;
    }
    span.setAttribute("keyway.security.schemes", [...schemesUsed(request, operation, client)]);
    const scrubCall = callScrub(scrub, request, start.secret, isSecret);
    const observer = new CallSpan(span, {
      tracer,
      scrub: scrubCall,
      propagate,
      propagateContext: options.propagateContext === true,
      placeOf: (url) => attributes.ofRequest(url, scrubCall, []),
      endsWithTransport: call === undefined,
      request: { name: start.name, attributes: mergedAttributes(place.attributes, start.request) },
      metrics,
    });
    if (call) call.started = { span, observer };
    calls.set(request, observer);
    return observer;
  }

  return {
    aroundCall<T>(
      method: string,
      template: string,
      run: () => Promise<T>,
      options?: { readonly baseUrl?: unknown },
    ): Promise<T> {
      if (noSdk()) return run();
      const parent = context.active();
      const call: UserCall = {
        method,
        template,
        operation: client.meta.operations[`${method} ${template}`],
        parent,
        startTime: Date.now(),
        options,
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
    startCall(request: InstrumentedRequest, operation: ClientOperationMeta): CallObserver | undefined {
      if (noSdk()) return undefined;
      try {
        return observe(request, operation);
      } catch (error) {
        // The SDK's sampler or a span processor threw while the call span started: the call goes untraced.
        reportTracingFailure(error);
        return undefined;
      }
    },
    startSharedWork(name: string): SharedWorkObserver {
      return sharedWorkSpan(source.tracer(), name, (request) => calls.get(request)?.span);
    },
  };
}

/**
 * The observer of a request whose call records nothing (a sampler dropped it): it sends each request where fetch's own
 * instrumentation neither traces it nor adds its propagator's headers (a `traceparent` of the dropped trace, baggage).
 */
const UNTRACED: CallObserver = {
  attempt: () => undefined,
  attemptEnded: () => {},
  retrying: () => {},
  end: () => {},
  sending: (send) => context.with(sendingContext(context.active(), undefined), send),
};

function isEndedWithTransport(error: unknown): boolean {
  return typeof error === "object" && error !== null && endedWithTransport.has(error);
}

/** Whether `active` holds a span whose trace could be passed on to the API. */
function carriesTrace(active: Context): boolean {
  const span = trace.getSpan(active);
  return span !== undefined && isSpanContextValid(span.spanContext());
}

/**
 * The client's `secretParameters` rule (already checked) with `names`, this instrumentation's option, added to it; a
 * `ConfigurationError` when `names` is not a list of names, or names one the client's rule excepts.
 */
function clientRuleWithNames(
  rule: SecretParameterOption | undefined,
  names: readonly string[] = [],
): IsSecretParameter {
  secretParameters(names); // checked alone first: a failure below is then a name in both
  if (rule === undefined || isNameList(rule)) return secretParameters([...(rule ?? []), ...names]);
  try {
    return secretParameters({ ...rule, add: [...(rule.add ?? []), ...names] });
  } catch {
    throw new ConfigurationError(
      "openTelemetry's secretParameters names a parameter the client's secretParameters except: hide it or show it, not both",
    );
  }
}

function isNameList(rule: SecretParameterOption): rule is readonly string[] {
  return Array.isArray(rule);
}
