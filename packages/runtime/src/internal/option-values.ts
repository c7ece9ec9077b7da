import type { BaseClientOptions } from "../client.js";
import { validateHeaderValues } from "../header-value.js";
import type { Instrumentation } from "../instrumentation.js";
import { ConfigurationError } from "../keyway-errors.js";
import { kindOf } from "./shown.js";

/** The hooks a client calls ({@link TransportHooks}). */
const HOOK_NAMES = ["onRequest", "onRetry", "onResponse"];

/**
 * Each option whose value keyway's own code would otherwise take as it comes, the type its value must have and what a
 * message says it takes: a string where a flag goes (`dangerouslyAllowBrowser: "false"`, which reads as true), a
 * `fetch` or a hook that is not a function (a `TypeError` at the first call, or a call that never ends), a string
 * where an object or a list goes (iterated character by character). The numbers (`timeout`, `maxRetries`,
 * `maxResponseBytes`), `baseUrl`, `userAgent` and `secretParameters` have checks of their own, where they are read.
 */
const TYPED: { readonly [option: string]: readonly [type: string, takes: string] } = {
  fetch: ["function", "a function"],
  dangerouslyAllowBrowser: ["boolean", "true or false"],
  retryNonIdempotent: ["boolean", "true or false"],
  headers: ["object", "an object of header values"],
  hooks: ["object", "an object of hook functions"],
  instrumentation: ["object", "an instrumentation such as openTelemetry()"],
  allowedRedirectOrigins: ["object", "a list of origins"],
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
  for (const [name, [type, takes]] of Object.entries(TYPED)) {
    const value: unknown = options[name as keyof BaseClientOptions];
    if (value == null) continue;
    const list = name === "allowedRedirectOrigins";
    const wrong =
      typeof value !== type || (type === "object" && Array.isArray(value) !== list)
        ? kindOf(value)
        : unusable(name, value);
    if (wrong) throw new ConfigurationError(`${name} is ${wrong}, not ${takes}`);
  }
}

/** What makes `value`, of the right type for option `name`, unusable all the same, if anything. */
function unusable(name: string, value: unknown): string | undefined {
  // A `Headers` would be spread as an object without entries: every header in it dropped.
  if (name === "headers" && value instanceof Headers) return "a Headers";
  if (name === "headers") validateHeaderValues(value, name);
  if (name === "instrumentation" && typeof (value as Instrumentation).instrumentClient !== "function")
    return "an object without instrumentClient";
  if (name === "allowedRedirectOrigins") {
    const other = (value as unknown[]).find((origin) => typeof origin !== "string");
    if (other !== undefined) return `a list holding ${kindOf(other)}`;
  }
  if (name === "hooks")
    for (const [hook, handler] of Object.entries(value as object))
      if (!HOOK_NAMES.includes(hook) || (handler != null && typeof handler !== "function"))
        return `an object with ${JSON.stringify(hook)}${HOOK_NAMES.includes(hook) ? ` as ${kindOf(handler)}` : ""}`;
  return undefined;
}
