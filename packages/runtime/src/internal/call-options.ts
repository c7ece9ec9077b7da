import { callBaseUrl } from "../base-url.js";
import { validateHeaderValues } from "../header-value.js";
import { ConfigurationError } from "../keyway-errors.js";
import type { ClientOperationMeta } from "../meta.js";
import { isAbortSignal } from "./abort.js";
import { checkedBodySerializer, checkedQuerySerializer } from "./own-serializers.js";
import { headerListsJoined, headerObject } from "./call-headers.js";
import { CALL_FETCH, CALL_SETTINGS, type CallFetch } from "./request.js";
import { CALL_SETTINGS as CALL_SETTING_NAMES, likelyMeant, namedBy } from "./option-names.js";
import { checkSettings } from "./option-values.js";
import type { CallSettings, TransportOptions } from "../transport.js";
import { kindOf, shownSetting } from "./shown.js";
import type { BodySerializer, QuerySerializer } from "./own-serializers.js";

/** The options of one call that keyway checks or takes over from openapi-fetch. */
export interface CallOptions extends CallSettings {
  readonly headers?: unknown;
  readonly params?: { readonly header?: unknown };
  readonly baseUrl?: string;
  readonly fetch?: CallFetch | undefined;
  readonly [CALL_FETCH]?: CallFetch | undefined;
  readonly parseAs?: string;
  readonly signal?: AbortSignal | null;
  readonly bodySerializer?: unknown;
  readonly querySerializer?: unknown;
  readonly middleware?: unknown;
  readonly [CALL_SETTINGS]?: CallSettings | undefined;
  readonly hooks?: unknown;
  readonly allowedRedirectOrigins?: unknown;
}

/** The transport options a call does not take: a client's hooks and redirect rules hold for all its calls. */
const CLIENT_ONLY = ["hooks", "allowedRedirectOrigins"] as const satisfies readonly Exclude<
  keyof TransportOptions,
  keyof CallSettings
>[];

/** The options of a call that keyway or openapi-fetch read: a name a few edits from one of these is a slip. */
const CALL_OPTION_NAMES = [
  ...Object.keys(CALL_SETTING_NAMES),
  ...["params", "body", "headers", "parseAs", "signal", "fetch", "baseUrl", "middleware"],
  ...["bodySerializer", "querySerializer"],
];

/** What a call passes on, or fetch reads: every other name is looked at as a possible slip of one keyway reads. */
const PASSED_ON = new Set([
  ...CALL_OPTION_NAMES,
  ...CLIENT_ONLY, // refused below, saying where they go
  ...["cache", "credentials", "integrity", "keepalive", "method", "mode", "priority", "redirect", "referrer"],
  ...["referrerPolicy", "window", "duplex", "dispatcher", "next", "cf", "verbose", "proxy", "tls", "client"],
]);

/**
 * Refuses a name a call's options hold that is a slip of one keyway or openapi-fetch reads (`timout`, `maxRetry`,
 * `param`): passed on to fetch, which ignores what it does not know, the setting would be lost without a word. Any
 * other name goes on to fetch, whose `RequestInit` each runtime and framework extends.
 */
function refuseNearMiss(name: string): void {
  const meant = likelyMeant(name, CALL_OPTION_NAMES);
  if (meant !== undefined)
    throw new ConfigurationError(`a call has no option ${JSON.stringify(name)}: did you mean "${meant}"?`);
}

/** How openapi-fetch can read a response body (`parseAs`): the names of the body methods it calls, and `stream`. */
const PARSE_AS = ["json", "text", "blob", "arrayBuffer", "stream"];

/**
 * A call's options, checked before anything is sent: header values valid (an error names them as the call's
 * `headers["X-Trace-Id"]` or `params.header[…]`), `baseUrl` on the client's origin (where its credentials go), `parseAs`
 * one openapi-fetch reads, `signal` an AbortSignal, `fetch` and the serializers functions, its {@link CallSettings}
 * (`timeout`, `maxRetries`, …) as a client's are checked, and no option only a client takes (`hooks`,
 * `allowedRedirectOrigins`: `withOptions` takes those) that a call would pass over. A call's own `fetch` moves under
 * {@link CALL_FETCH}, so that it sends the call's attempts under the transport instead of replacing it, and its settings
 * under {@link CALL_SETTINGS}, which the transport reads over the client's and fetch never sees. Names it does
 * not know are not refused, but for a slip of one it reads (`timout`): openapi-fetch hands them to fetch, whose
 * `RequestInit` each runtime extends (`priority`, undici's `dispatcher`, Bun's `verbose`), so no list of them could be
 * complete. Every refusal starts with the call
 * (`GET /orders: parseAs must be …`), as a factory's starts with the factory.
 */
export function checkedCallOptions<Options extends CallOptions>(
  options: Options,
  clientBaseUrl: string,
  method: string,
  path: string,
): Options {
  try {
    return checked(options, clientBaseUrl);
  } catch (error) {
    throw namedBy(error, `${method} ${path}`);
  }
}

/**
 * Refuses, before anything is sent, a call fetch would refuse with a `TypeError` in every runtime (which no retry
 * changes, and which would otherwise read as a connection failure): a TRACE, a method the fetch standard forbids, and a
 * body given to a GET or HEAD, which a spec may declare.
 *
 * @example
 * ```ts
 * refuseWhatFetchNeverSends("GET", "/search", { query: "lamp" }); // throws a ConfigurationError naming GET /search
 * ```
 */
export function refuseWhatFetchNeverSends(method: string, path: string, body: unknown): void {
  if (method === "TRACE")
    throw new ConfigurationError(`TRACE ${path}: fetch does not send TRACE requests (a forbidden method)`);
  if ((method === "GET" || method === "HEAD") && body != null)
    throw new ConfigurationError(
      `${method} ${path}: body cannot be sent with ${method}: fetch sends no body with GET or HEAD`,
    );
}

function checked<Options extends CallOptions>(options: Options, clientBaseUrl: string): Options {
  for (const name in options) if (!PASSED_ON.has(name)) refuseNearMiss(name);
  validateHeaderValues(options.headers, "headers");
  validateHeaderValues(options.params?.header, "params.header");
  const { baseUrl, fetch, parseAs, signal, bodySerializer, querySerializer } = options;
  if (parseAs !== undefined && !PARSE_AS.includes(parseAs))
    throw new ConfigurationError(`parseAs must be one of ${PARSE_AS.join(", ")}, got ${shownSetting(parseAs)}`);
  for (const name of CLIENT_ONLY)
    if (options[name] !== undefined)
      throw new ConfigurationError(`${name} is a client's option, not a call's: use client.withOptions({ ${name} })`);
  const { middleware } = options;
  if (middleware != null && !Array.isArray(middleware))
    throw new ConfigurationError(`middleware is ${kindOf(middleware)}, not a list of middleware`);
  checkFunction("fetch", fetch);
  checkFunction("bodySerializer", bodySerializer);
  // openapi-fetch also takes the options of its own query serializer, as an object.
  if (typeof querySerializer !== "object" || Array.isArray(querySerializer))
    checkFunction("querySerializer", querySerializer);
  if (signal != null && !isAbortSignal(signal))
    throw new ConfigurationError(
      `signal must be an AbortSignal${signal instanceof AbortController ? " (the controller's signal, not the controller)" : ""}, got ${kindOf(signal)}`,
    );
  // openapi-fetch reads a list of [name, value] pairs, which fetch takes, as an object's entries: a header named "0".
  if (Array.isArray(options.headers)) options = { ...options, headers: headerObject(options.headers) };
  const header = options.params?.header;
  const joined = headerListsJoined(header);
  if (joined !== header) options = { ...options, params: { ...options.params, header: joined } };
  if (baseUrl !== undefined) options = { ...options, baseUrl: callBaseUrl(baseUrl, clientBaseUrl) };
  if (fetch !== undefined) options = { ...options, fetch: undefined, [CALL_FETCH]: fetch };
  const { timeout, maxRetries, retryNonIdempotent, maxResponseBytes } = options;
  if (
    timeout !== undefined ||
    maxRetries !== undefined ||
    retryNonIdempotent !== undefined ||
    maxResponseBytes !== undefined
  ) {
    const settings: CallSettings = { timeout, maxRetries, retryNonIdempotent, maxResponseBytes };
    checkSettings(settings);
    options = { ...options, ...NO_SETTINGS, [CALL_SETTINGS]: settings };
  }
  // null leaves it unset, as every option; openapi-fetch would spread it.
  if (middleware === null) options = { ...options, middleware: undefined };
  if (typeof bodySerializer === "function")
    options = { ...options, bodySerializer: checkedBodySerializer(bodySerializer as BodySerializer) };
  if (typeof querySerializer === "function")
    options = { ...options, querySerializer: checkedQuerySerializer(querySerializer as QuerySerializer) };
  return options;
}

/** A call's settings taken out of what openapi-fetch passes on to fetch. */
const NO_SETTINGS: Readonly<Record<keyof CallSettings, undefined>> = {
  timeout: undefined,
  maxRetries: undefined,
  retryNonIdempotent: undefined,
  maxResponseBytes: undefined,
};

/** Refuses a call's option that must be a function when it is given as something else. */
function checkFunction(name: string, value: unknown): void {
  if (value != null && typeof value !== "function")
    throw new ConfigurationError(`${name} is ${kindOf(value)}, not a function`);
}

/** A call's options with what its operation's spec sets where the caller set nothing (how its body is read). */
export type FromSpec = <Options extends CallOptions>(options: Options | undefined) => Options | undefined;

/**
 * How the calls of an operation whose successes the spec declares in no JSON (`successBody`) read them, made once per
 * operation; undefined for the others, whose calls read JSON (openapi-fetch's default) unless the caller says
 * otherwise, and for a HEAD, whose answer has no body. A caller's own `parseAs` always wins. Text (CSV, XML, any
 * `text/`) is read with `parseAs: "text"`, so `data` is the string its type says. A call that names no `parseAs` is
 * refused, before anything is sent, with a {@link ConfigurationError} naming the `parseAs` that reads its answer, for
 * an event stream, which may never end (read as JSON or text, the call would wait for all of it until its timeout),
 * and for bytes (a PDF, an image), which JSON cannot read and text would mangle: the call, perhaps one that creates
 * something, would be made and its answer lost.
 */
export function readAsDeclared(
  { successBody }: ClientOperationMeta,
  method: string,
  path: string,
): FromSpec | undefined {
  // A HEAD's answer has no body, whatever its GET's is.
  if (successBody === undefined || method === "HEAD") return undefined;
  return (options) => {
    if (options?.parseAs !== undefined) return options;
    if (successBody === "text") return { ...options, parseAs: "text" } as typeof options;
    throw new ConfigurationError(
      successBody === "bytes"
        ? `${method} ${path} answers bytes that are neither JSON nor text: pass parseAs "blob", "arrayBuffer" or "stream"`
        : `${method} ${path} answers an event stream, which may never end: pass parseAs "stream" (or "text" for one that ends)`,
    );
  };
}
