import { createStackerClient } from "@keyway/stacker";
import { sendJson } from "@keyway/test-server";
import { metrics as globalMetrics, type Attributes } from "@opentelemetry/api";
import { metrics } from "@opentelemetry/sdk-node";
import { AlwaysOffSampler, BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { httpClientMetrics, openTelemetry, type OpenTelemetryOptions } from "../src/index.js";
import { VERSION } from "../src/version.js";
import { exporter, serverWith, tracerProvider } from "./setup.js";

/** The release of the semantic conventions keyway follows, as its instrumentation scope says. */
const SCHEMA_URL = "https://opentelemetry.io/schemas/1.44.0";

const ADVISED_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** A metric reader the test collects from when it wants, as an exporter's periodic reader would. */
class CollectingReader extends metrics.MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** A meter provider, and what it holds of `http.client.request.duration`: each series' attributes and count. */
function meterProvider() {
  const reader = new CollectingReader();
  const provider = new metrics.MeterProvider({ readers: [reader] });
  async function durations() {
    const { resourceMetrics } = await reader.collect();
    const found = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics.map((metric) => ({ scope: scope.scope, metric })))
      .filter(({ metric }) => metric.descriptor.name === "http.client.request.duration");
    return found.map(({ scope, metric }) => ({
      scope,
      unit: metric.descriptor.unit,
      type: metric.dataPointType,
      series: metric.dataPoints.map((point) => {
        const value = point.value as { count: number; sum: number; buckets: { boundaries: number[] } };
        return {
          attributes: point.attributes,
          count: value.count,
          sum: value.sum,
          boundaries: value.buckets.boundaries,
        };
      }),
    }));
  }
  return { provider, durations };
}

/**
 * A Stacker client against a local server that answers each request with the next of `answers`, then 200: a status
 * (a 3xx redirects to the same path), `0` to close the connection, or `"away"` to redirect to another origin.
 */
async function stackerAnswering(
  answers: readonly (number | "away")[],
  otel: OpenTelemetryOptions,
  maxRetries?: number,
) {
  let next = 0;
  const server = await serverWith((req, res) => {
    const status = answers[next++] ?? 200;
    if (status === 0) return res.socket?.destroy();
    if (status === "away") {
      res.writeHead(302, { location: "https://elsewhere.example/api/external/hello/" });
      return res.end();
    }
    if (status >= 300 && status < 400) {
      res.writeHead(status, { location: `/api/external/hello/?hop=${next}` });
      return res.end();
    }
    sendJson(res, status, { message: req.url }, { "retry-after-ms": "0" });
  });
  const stacker = createStackerClient({
    integrationKey: "sk_MARKER_integration_5be0c1",
    baseUrl: server.url,
    ...(maxRetries === undefined ? {} : { maxRetries }),
    instrumentation: openTelemetry(otel),
  });
  const hello = () =>
    stacker.GET("/api/external/hello/").then(
      () => undefined,
      () => undefined,
    );
  return { hello, port: Number(new URL(server.url).port) };
}

const request = (port: number, more: Attributes): Attributes => ({
  "http.request.method": "GET",
  "server.address": "127.0.0.1",
  "server.port": port,
  "url.scheme": "http",
  ...more,
});

describe("http.client.request.duration", () => {
  it("is a histogram in seconds with the advised buckets, one measurement per request sent: each retry and redirect hop", async () => {
    const { provider, durations } = meterProvider();
    // A 503 retried, then a redirect followed; then a 404.
    const { hello, port } = await stackerAnswering([503, 307, 200, 404], {
      tracerProvider,
      metrics: httpClientMetrics({ meterProvider: provider }),
    });
    await hello();
    await hello();

    const [histogram, ...others] = await durations();
    expect(others).toEqual([]);
    expect(histogram).toMatchObject({
      scope: { name: "@keyway/otel", version: VERSION, schemaUrl: SCHEMA_URL },
      unit: "s",
      type: metrics.DataPointType.HISTOGRAM,
    });
    const series = histogram!.series;
    expect(series.map(({ attributes, count }) => ({ attributes, count }))).toEqual(
      expect.arrayContaining([
        { attributes: request(port, { "http.response.status_code": 503, "error.type": "503" }), count: 1 },
        { attributes: request(port, { "http.response.status_code": 307 }), count: 1 },
        { attributes: request(port, { "http.response.status_code": 200 }), count: 1 },
        { attributes: request(port, { "http.response.status_code": 404, "error.type": "404" }), count: 1 },
      ]),
    );
    expect(series).toHaveLength(4);
    for (const { boundaries, sum } of series) {
      expect(boundaries).toEqual(ADVISED_BUCKETS);
      expect(sum).toBeGreaterThanOrEqual(0);
    }
  });

  it("a request that gets no response has error.type and no status code", async () => {
    const { provider, durations } = meterProvider();
    const { hello, port } = await stackerAnswering(
      [0],
      { tracerProvider, metrics: httpClientMetrics({ meterProvider: provider }) },
      0,
    );
    await hello();

    const [histogram] = await durations();
    expect(histogram!.series.map(({ attributes, count }) => ({ attributes, count }))).toEqual([
      { attributes: request(port, { "error.type": "connection" }), count: 1 },
    ]);
  });

  it("a redirect keyway refuses has its 3xx status and the call's error as error.type", async () => {
    const { provider, durations } = meterProvider();
    const { hello, port } = await stackerAnswering(["away"], {
      tracerProvider,
      metrics: httpClientMetrics({ meterProvider: provider }),
    });
    await hello();

    const [histogram] = await durations();
    expect(histogram!.series.map(({ attributes, count }) => ({ attributes, count }))).toEqual([
      { attributes: request(port, { "http.response.status_code": 302, "error.type": "RedirectError" }), count: 1 },
    ]);
  });

  it("is recorded when the sampler drops the call's spans", async () => {
    const { provider, durations } = meterProvider();
    const unsampled = new BasicTracerProvider({ sampler: new AlwaysOffSampler() });
    const { hello, port } = await stackerAnswering([], {
      tracerProvider: unsampled,
      metrics: httpClientMetrics({ meterProvider: provider }),
    });
    await hello();

    const [histogram] = await durations();
    expect(histogram!.series.map(({ attributes, count }) => ({ attributes, count }))).toEqual([
      { attributes: request(port, { "http.response.status_code": 200 }), count: 1 },
    ]);
  });

  it("is opt-in: httpClientMetrics() records through the global meter provider, registered after the client was made", async () => {
    const { provider, durations } = meterProvider();
    const quiet = await stackerAnswering([], { tracerProvider });
    const measured = await stackerAnswering([], { tracerProvider, metrics: httpClientMetrics() });
    expect(globalMetrics.setGlobalMeterProvider(provider)).toBe(true);
    try {
      await quiet.hello();
      await measured.hello();
    } finally {
      globalMetrics.disable();
    }

    const [histogram] = await durations();
    expect(histogram!.series.map(({ attributes, count }) => ({ attributes, count }))).toEqual([
      { attributes: request(measured.port, { "http.response.status_code": 200 }), count: 1 },
    ]);
    // Tracing goes on as before: each call has its span and its request's.
    expect(exporter.getFinishedSpans()).toHaveLength(4);
  });

  it("with no tracer SDK registered, durations are still recorded", async () => {
    const { provider, durations } = meterProvider();
    const { hello, port } = await stackerAnswering([], { metrics: httpClientMetrics({ meterProvider: provider }) });
    await hello();

    const [histogram] = await durations();
    expect(histogram!.series.map(({ attributes, count }) => ({ attributes, count }))).toEqual([
      { attributes: request(port, { "http.response.status_code": 200 }), count: 1 },
    ]);
  });
});
