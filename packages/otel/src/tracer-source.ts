import { ProxyTracerProvider, trace, type Tracer, type TracerProvider } from "@opentelemetry/api";
import { reportTracingFailure } from "./tracing-failure.js";
import { VERSION } from "./version.js";

/** The instrumentation scope of keyway's spans and metrics: this package, at the version installed. */
export const TRACER_NAME = "@keyway/otel";

/**
 * The scope's schema URL: the release of the OpenTelemetry semantic conventions keyway's spans and metric follow (the
 * telemetry schemas spec asks instrumentations to include it), so that a backend or a collector's schema processor
 * can tell which names they use. Raise it when the package is checked against a newer release.
 */
export const SCOPE_OPTIONS = { schemaUrl: "https://opentelemetry.io/schemas/1.44.0" } as const;

/** What the global tracer provider delegates to while no SDK is registered: a provider of no-op spans. */
const NO_SDK = new ProxyTracerProvider().getDelegate();

/** Where a client's spans go, looked up for each call. */
export interface TracerSource {
  /** The tracer of a call's spans. */
  readonly tracer: () => Tracer;
  /** Whether no SDK is registered with the global tracer provider, so that every span would be a no-op. */
  readonly noSdk: () => boolean;
}

/**
 * The tracer of `given`, or of the global tracer provider. The global provider of this copy of
 * `@opentelemetry/api`, taken before an SDK is registered, gets it as its delegate; but an application
 * with a copy of another version registers the SDK through that copy's provider, which becomes the
 * global one. So while the provider held has no SDK, the global one is looked up again.
 */
export function tracerSource(given: TracerProvider | undefined): TracerSource {
  let provider = given ?? trace.getTracerProvider();
  let tracer = tracerOf(provider);
  const noSdk = (): boolean => {
    if (given || !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NO_SDK) return false;
    const global = trace.getTracerProvider();
    if (global === provider) return true;
    provider = global;
    tracer = tracerOf(global);
    return noSdk();
  };
  return { tracer: () => (tracer ??= tracerOf(provider)) ?? NO_SDK.getTracer(TRACER_NAME), noSdk };
}

/**
 * keyway's tracer from `provider`; none when its `getTracer` throws (a broken or wrapped provider), which is reported
 * and asked again at the next call: tracing costs a client its spans, never its creation or its calls.
 */
function tracerOf(provider: TracerProvider): Tracer | undefined {
  try {
    return provider.getTracer(TRACER_NAME, VERSION, SCOPE_OPTIONS);
  } catch (error) {
    reportTracingFailure(error);
    return undefined;
  }
}
