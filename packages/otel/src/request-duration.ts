import { metrics, type Attributes, type Histogram, type MeterProvider } from "@opentelemetry/api";
import { SCOPE_OPTIONS, TRACER_NAME } from "./tracer-source.js";
import { VERSION } from "./version.js";

/** The bucket boundaries the HTTP semantic conventions advise for `http.client.request.duration`, in seconds. */
const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** The attributes of a request's span that its duration is recorded with: the conventions' low-cardinality ones. */
const MEASURED = ["http.request.method", "server.address", "server.port"] as const;

/** Measures each request a client's calls send; pass it as `openTelemetry`'s `metrics` option. */
export interface HttpClientMetrics {
  /** Starts measuring one request sent, whose CLIENT span starts with `span` (method, server and `url.full`). */
  readonly startRequest: (span: Attributes) => RequestMeasurement;
}

/** The measurement of one request sent. */
export interface RequestMeasurement {
  /** Seconds since the request was sent. */
  elapsed(): number;
  record(status: number | undefined, errorType: string | undefined, seconds?: number): void;
}

/** Options of {@link httpClientMetrics}. */
export interface HttpClientMetricsOptions {
  /** Where the histogram goes; defaults to the global meter provider (the one `@opentelemetry/sdk-node` registers). */
  readonly meterProvider?: MeterProvider | undefined;
}

/**
 * The HTTP semantic conventions' `http.client.request.duration` histogram (seconds, the advised bucket boundaries) of
 * each request a traced client sends (each attempt and each redirect hop), with `http.request.method`,
 * `server.address`, `server.port`, `url.scheme`, and `http.response.status_code` or `error.type` as each applies.
 * Recorded whether or not the call's spans are sampled. Opt-in: pass it to `openTelemetry` as `metrics`; a
 * client traced without it carries none of this code in its bundle.
 *
 * @example
 * ```ts
 * import { httpClientMetrics, openTelemetry } from "@keyway/otel";
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   // Spans through the global tracer provider, request durations through the global meter provider.
 *   instrumentation: openTelemetry({ metrics: httpClientMetrics() }),
 * });
 * await client.GET("/orders/{order_id}", { params: { path: { order_id: "ord_1" } } }); // one duration: GET api.example.com 200
 * ```
 */
export function httpClientMetrics(options: HttpClientMetricsOptions = {}): HttpClientMetrics {
  const given = options.meterProvider;
  let provider: MeterProvider | undefined;
  let histogram: Histogram | undefined;
  // The global meter provider is asked again for each request: it has no proxy that an SDK registered later would
  // join, as the global tracer provider has.
  const durations = (): Histogram => {
    const current = given ?? metrics.getMeterProvider();
    if (current !== provider || !histogram) {
      provider = current;
      histogram = current
        .getMeter(TRACER_NAME, VERSION, SCOPE_OPTIONS)
        .createHistogram("http.client.request.duration", {
          description: "Duration of HTTP client requests.",
          unit: "s",
          advice: { explicitBucketBoundaries: REQUEST_DURATION_BUCKETS },
        });
    }
    return histogram;
  };
  return { startRequest: (span) => new RequestTimer(durations(), span) };
}

/** The duration of one request sent, from when it is sent to when its response's head or its failure arrives. */
class RequestTimer implements RequestMeasurement {
  readonly #histogram: Histogram;
  readonly #attributes: Attributes;
  readonly #start = performance.now();

  constructor(histogram: Histogram, span: Attributes) {
    this.#histogram = histogram;
    const attributes: Attributes = {};
    for (const name of MEASURED) if (span[name] !== undefined) attributes[name] = span[name];
    const url = span["url.full"];
    if (typeof url === "string") attributes["url.scheme"] = url.slice(0, url.indexOf(":"));
    this.#attributes = attributes;
  }

  elapsed(): number {
    return (performance.now() - this.#start) / 1000;
  }

  record(status: number | undefined, errorType: string | undefined, seconds = this.elapsed()): void {
    const attributes = { ...this.#attributes };
    if (status !== undefined) attributes["http.response.status_code"] = status;
    if (errorType !== undefined) attributes["error.type"] = errorType;
    this.#histogram.record(seconds, attributes);
  }
}
