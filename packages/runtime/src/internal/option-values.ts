import type { BaseClientOptions } from "../client.js";
import { validateHeaderValues } from "../header-value.js";
import type { Instrumentation } from "../instrumentation.js";
import { ConfigurationError } from "../keyway-errors.js";
import { checkMaxResponseBytes } from "../response-size.js";
import type { CallSettings } from "../transport.js";
import { MAX_TIMER_MS } from "./deadline.js";
import { builtInTypeOf } from "./opaque-object.js";
import { kindOf, shownSetting } from "./shown.js";

/** The hooks a client calls ({@link TransportHooks}). */
const HOOK_NAMES = ["onRequest", "onRetry", "onResponse"];

/** An option's rule: what its value must be, and what makes a value of that kind unusable all the same, if anything. */
interface OptionRule {
  /** The `typeof` its value must have (`"array"` for a list). */
  readonly type: string;
  /** What a message says it takes. */
  readonly takes: string;
  readonly unusable?: (value: never) => string | undefined;
}

/**
 * Each option whose value keyway's own code would otherwise take as it comes: a string where a flag goes
 * (`dangerouslyAllowBrowser: "false"`, which reads as true), a `fetch` or a hook that is not a function (a `TypeError`
 * at the first call, or a call that never ends), a string where an object or a list goes (iterated character by
 * character). The numbers (`timeout`, `maxRetries`, `maxResponseBytes`: {@link checkSettings}), `baseUrl`,
 * `userAgent` and `secretParameters` have checks of their own, where they are read.
 */
const RULES: { readonly [option: string]: OptionRule } = {
  fetch: { type: "function", takes: "a function" },
  dangerouslyAllowBrowser: { type: "boolean", takes: "true or false" },
  retryNonIdempotent: { type: "boolean", takes: "true or false" },
  headers: {
    type: "object",
    takes: "an object of header values",
    // A `Headers` or a `Map` would be spread as an object without entries: every header in it dropped.
    unusable: (headers: object) => {
      if (Symbol.iterator in headers) return `a ${builtInTypeOf(headers)}`;
      validateHeaderValues(headers, "headers");
      return undefined;
    },
  },
  hooks: {
    type: "object",
    takes: "an object of hook functions",
    unusable: (hooks: object) => {
      for (const [hook, handler] of Object.entries(hooks))
        if (!HOOK_NAMES.includes(hook) || (handler != null && typeof handler !== "function"))
          return `an object with ${JSON.stringify(hook)}${HOOK_NAMES.includes(hook) ? ` as ${kindOf(handler)}` : ""}`;
      return undefined;
    },
  },
  instrumentation: {
    type: "object",
    takes: "an instrumentation such as openTelemetry()",
    unusable: (instrumentation: Instrumentation) =>
      typeof instrumentation.instrumentClient !== "function" ? "an object without instrumentClient" : undefined,
  },
  allowedRedirectOrigins: {
    type: "array",
    takes: "a list of origins",
    unusable: (origins: unknown[]) => {
      const other = origins.find((origin) => typeof origin !== "string");
      return other === undefined ? undefined : `a list holding ${kindOf(other)}`;
    },
  },
};

/**
 * Refuses, with a `ConfigurationError` naming the option (`retryNonIdempotent is a string, not true or false`), a value
 * of a keyway client option that keyway could not use as it is, never quoting it; a value in `headers` that cannot be
 * sent is an `InvalidHeaderValueError` naming its entry (`headers["X-Trace-Id"] is empty`). `null` and `undefined`
 * leave an option unset. Run inside {@link namingFactory}, its errors name the factory too. Checked once, when a client
 * is made: `createApiClient` does, and a client package whose factory changes these options before passing them on
 * (wraps `fetch`, adds a header) calls it first.
 *
 * @example
 * ```ts
 * import { checkOptionValues, namingFactory } from "@keyway/runtime";
 *
 * namingFactory("createOrdersClient", () => checkOptionValues({ retryNonIdempotent: "false" as never }));
 * // ConfigurationError: createOrdersClient: retryNonIdempotent is a string, not true or false
 * ```
 */
export function checkOptionValues(options: BaseClientOptions): void {
  for (const name in RULES) checkRule(name, options[name as keyof BaseClientOptions]);
}

/** Refuses `value` of option `name` unless it is unset or {@link RULES} takes it. */
function checkRule(name: string, value: unknown): void {
  if (value == null) return;
  const { type, takes, unusable } = RULES[name]!;
  const wrong = (Array.isArray(value) ? "array" : typeof value) !== type ? kindOf(value) : unusable?.(value as never);
  if (wrong) throw new ConfigurationError(`${name} is ${wrong}, not ${takes}`);
}

/**
 * Refuses, with a `ConfigurationError` naming it (`timeout must be a positive number of milliseconds, got "5s"`), a
 * {@link CallSettings} value a transport could not use, quoting it only when it reads as a setting (never a secret put
 * in the wrong place); `null` and `undefined` leave a setting unset. One set of rules for a client's settings
 * (checked when its transport is made) and a call's (checked before it is sent).
 */
export function checkSettings({ maxRetries, timeout, retryNonIdempotent, maxResponseBytes }: CallSettings): void {
  if (maxRetries != null && !(Number.isInteger(maxRetries) && maxRetries >= 0))
    throw new ConfigurationError(
      `maxRetries must be a whole number of retries (0 or more), got ${shownSetting(maxRetries)}`,
    );
  if (timeout != null && !(Number.isFinite(timeout) && timeout > 0))
    throw new ConfigurationError(`timeout must be a positive number of milliseconds, got ${shownSetting(timeout)}`);
  if (timeout != null && timeout > MAX_TIMER_MS)
    throw new ConfigurationError(
      `timeout must be at most ${MAX_TIMER_MS} ms (a timer's longest wait), got ${shownSetting(timeout)}`,
    );
  if (maxResponseBytes != null) checkMaxResponseBytes(maxResponseBytes);
  checkRule("retryNonIdempotent", retryNonIdempotent);
}
