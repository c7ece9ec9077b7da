import type { ApiClientOptions, BaseClientOptions } from "../client.js";
import { ConfigurationError, InvalidHeaderValueError } from "../keyway-errors.js";
import type { CallSettings, TransportOptions } from "../transport.js";
import { kindOf } from "./shown.js";

/**
 * Every option name of `Options`, each marked `"required"` or `"optional"` as its type has it: an object of this type
 * names every option and nothing else, so the names a factory accepts are its options type's, written once.
 */
export type OptionNames<Options> = {
  readonly [Name in keyof Options]-?: {} extends Pick<Options, Name> ? "optional" : "required";
};

/** `names` and `more`: a call marked pure, so that a bundle that uses neither leaves both out (a spread it keeps). */
function joined<Names, const More extends { readonly [name: string]: "required" | "optional" }>(
  names: Names,
  more: More,
): Omit<Names, keyof More> & More {
  return { ...names, ...more };
}

/** The settings {@link TransportOptions} names: what `withOptions` takes. */
export const TRANSPORT_OPTIONS: OptionNames<TransportOptions> = {
  maxRetries: "optional",
  timeout: "optional",
  retryNonIdempotent: "optional",
  hooks: "optional",
  allowedRedirectOrigins: "optional",
  maxResponseBytes: "optional",
};

/** The settings of one call ({@link CallSettings}), which a function making several calls (paging, batches) takes. */
export const CALL_SETTINGS: OptionNames<CallSettings> = {
  maxRetries: "optional",
  timeout: "optional",
  retryNonIdempotent: "optional",
  maxResponseBytes: "optional",
};

/** The options every keyway client takes ({@link BaseClientOptions}), which a client package adds its own to. */
export const BASE_CLIENT_OPTIONS: OptionNames<BaseClientOptions> = /* @__PURE__ */ joined(TRANSPORT_OPTIONS, {
  baseUrl: "optional",
  fetch: "optional",
  headers: "optional",
  dangerouslyAllowBrowser: "optional",
  instrumentation: "optional",
  userAgent: "optional",
  secretParameters: "optional",
});

/** What `createApiClient` takes. */
export const API_CLIENT_OPTIONS: OptionNames<ApiClientOptions<string>> = /* @__PURE__ */ joined(BASE_CLIENT_OPTIONS, {
  meta: "required",
  baseUrl: "required",
  auth: "required",
  isRetryableResponse: "optional",
  recover: "optional",
  toError: "optional",
  readResponse: "optional",
  requestIdHeaders: "optional",
  service: "optional",
  sdk: "optional",
  formBodies: "optional",
  mediaBodies: "optional",
  cookieParameters: "optional",
  headerParameters: "optional",
  operationServers: "optional",
});

/**
 * Refuses, with a `ConfigurationError`, options that are not an object (nothing, or a key passed where the options
 * go: never quoted, it may be a secret) and every option name `names` does not list, naming the listed one it was
 * probably meant to be (`baseURL` → `baseUrl`): a misspelled option would otherwise be ignored, and a misspelled
 * `baseUrl` send the key to the real API. Checked once, when a client is made; the values of keyway's options are
 * checked by {@link checkOptionValues}.
 *
 * @example
 * ```ts
 * import { BASE_CLIENT_OPTIONS, checkOptions, type BaseClientOptions, type OptionNames } from "@keyway/runtime";
 *
 * interface OrdersClientOptions extends BaseClientOptions {
 *   readonly apiKey: string;
 * }
 * const ORDERS_OPTIONS: OptionNames<OrdersClientOptions> = { ...BASE_CLIENT_OPTIONS, apiKey: "required" };
 *
 * checkOptions("createOrdersClient", { apiKey: "k_1", baseURL: "http://127.0.0.1:4010" }, ORDERS_OPTIONS);
 * // ConfigurationError: createOrdersClient has no option "baseURL": did you mean "baseUrl"?
 * ```
 */
export function checkOptions<Options>(factory: string, options: unknown, names: OptionNames<Options>): void {
  const known: readonly string[] = Object.keys(names);
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const required = known.filter((name) => (names as Record<string, string>)[name] === "required");
    throw new ConfigurationError(
      `${factory} takes an options object${required.length ? ` with ${required.join(", ")}` : ""}, got ${options === undefined ? "nothing" : kindOf(options)}`,
    );
  }
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const meant = likelyMeant(name, known);
    throw new ConfigurationError(
      `${factory} has no option ${JSON.stringify(name)}: ${meant ? `did you mean "${meant}"?` : `it takes ${known.join(", ")}`}`,
    );
  }
}

/**
 * Refuses, with a `ConfigurationError` naming it, the first option `names` marks required that `options` leaves out
 * (for a factory whose required options need no word of their own; the client packages say where to find a key).
 */
export function checkRequiredOptions<Options>(factory: string, options: Options, names: OptionNames<Options>): void {
  for (const [name, need] of Object.entries(names))
    if (need === "required" && (options as Record<string, unknown>)[name] == null)
      throw new ConfigurationError(`${factory}: ${name} is required`);
}

/**
 * Runs `make`, the work of a client factory the application called, naming `factory` in every `ConfigurationError` and
 * `InvalidHeaderValueError` (an option's value that cannot be sent as its header) it throws that does not name it
 * already: the checks of a client's options are shared by every factory, and most cannot know which one was called.
 * The error keeps its class and fields; any other error is thrown as it is.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient, namingFactory, type BaseClientOptions } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * export function createOrdersClient(options: BaseClientOptions & { readonly apiKey: string }) {
 *   return namingFactory("createOrdersClient", () => {
 *     const { apiKey, ...settings } = options;
 *     const auth = createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: apiKey }, credentialNames: { ApiKey: "apiKey" } });
 *     const sdk = { name: "@acme/orders", version: "1.0.0" };
 *     return createApiClient<paths>({ ...settings, meta: apiMeta, baseUrl: "https://api.example.com", auth, sdk }).client;
 *   });
 * }
 * // createOrdersClient({ apiKey, timeout: 0 }) throws
 * // ConfigurationError: createOrdersClient: timeout must be a positive number of milliseconds, got 0
 * // createOrdersClient({ apiKey: 42 }) throws
 * // InvalidHeaderValueError: createOrdersClient: apiKey (sent as the "X-Api-Key" header) is a number, not a string
 * ```
 */
export function namingFactory<T>(factory: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw namedBy(error, factory);
  }
}

/**
 * The known name `name` is probably a misspelling of: the same but for case (`baseURL`), one holding the other
 * (`retries`, `maxRetries`), or a few edits away: two (`timout`), or one for every three letters of a longer name
 * (`maxRetry`). Names of another kind (a fake's operation keys) give the edits each may take (`maxEdits`); one held in
 * another is then no slip (`GET /orders` is in `GET /orders/{id}` too).
 */
export function likelyMeant(
  name: string,
  known: readonly string[],
  maxEdits?: (known: string) => number,
): string | undefined {
  const typed = name.toLowerCase();
  let meant: string | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (const option of known) {
    const lower = option.toLowerCase();
    const holds = !maxEdits && typed.length >= 4 && (lower.includes(typed) || typed.includes(lower));
    const edits = lower === typed ? 0 : holds ? 1 : editDistance(typed, lower);
    const most = maxEdits ? maxEdits(lower) : Math.max(2, Math.floor(lower.length / 3));
    if (edits <= most && edits < fewest) [meant, fewest] = [option, edits];
  }
  return meant;
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * `error`, its message starting with `name` (a factory, or a call: `GET /orders`) when it is a `ConfigurationError` or
 * an `InvalidHeaderValueError` whose message does not name it already; its class and fields unchanged.
 */
export function namedBy(error: unknown, name: string): unknown {
  if (
    (error instanceof ConfigurationError || error instanceof InvalidHeaderValueError) &&
    !error.message.includes(name)
  )
    error.message = `${name}: ${error.message}`;
  return error;
}
