import { callBaseUrl } from "../base-url.js";
import { validateHeaderValues } from "../header-value.js";
import { ConfigurationError } from "../keyway-errors.js";
import { checkedBodySerializer, checkedQuerySerializer } from "./own-serializers.js";
import { CALL_FETCH, type CallFetch } from "./request.js";
import { kindOf, shown } from "./shown.js";
import type { BodySerializer, QuerySerializer } from "./own-serializers.js";

/** The options of one call that keyway checks or takes over from openapi-fetch. */
export interface CallOptions {
  readonly headers?: unknown;
  readonly params?: { readonly header?: unknown };
  readonly baseUrl?: string;
  readonly fetch?: CallFetch | undefined;
  readonly [CALL_FETCH]?: CallFetch | undefined;
  readonly parseAs?: string;
  readonly signal?: AbortSignal | null;
  readonly bodySerializer?: unknown;
  readonly querySerializer?: unknown;
}

/** How openapi-fetch can read a response body (`parseAs`): the names of the body methods it calls, and `stream`. */
const PARSE_AS = ["json", "text", "blob", "arrayBuffer", "stream"];

/**
 * A call's options, checked before anything is sent: header values valid, `baseUrl` on the client's origin (where its
 * credentials go), `parseAs` one openapi-fetch reads, `signal` an AbortSignal. A call's own `fetch` moves under
 * {@link CALL_FETCH}, so that it sends the call's attempts under the transport instead of replacing it. Names it does
 * not know are not refused: openapi-fetch hands them to fetch, whose `RequestInit` each runtime extends (`priority`,
 * undici's `dispatcher`, Bun's `verbose`), so no list of them could be complete.
 */
export function checkedCallOptions<Options extends CallOptions>(options: Options, clientBaseUrl: string): Options {
  validateHeaderValues(options.headers);
  validateHeaderValues(options.params?.header);
  const { baseUrl, fetch, parseAs, signal, bodySerializer, querySerializer } = options;
  if (parseAs !== undefined && !PARSE_AS.includes(parseAs))
    throw new ConfigurationError(`parseAs must be one of ${PARSE_AS.join(", ")}, got ${shown(parseAs)}`);
  if (signal != null && typeof signal.addEventListener !== "function")
    throw new ConfigurationError(
      `signal must be an AbortSignal${signal instanceof AbortController ? " (the controller's signal, not the controller)" : ""}, got ${kindOf(signal)}`,
    );
  if (baseUrl !== undefined) options = { ...options, baseUrl: callBaseUrl(baseUrl, clientBaseUrl) };
  if (fetch !== undefined) options = { ...options, fetch: undefined, [CALL_FETCH]: fetch };
  if (typeof bodySerializer === "function")
    options = { ...options, bodySerializer: checkedBodySerializer(bodySerializer as BodySerializer) };
  if (typeof querySerializer === "function")
    options = { ...options, querySerializer: checkedQuerySerializer(querySerializer as QuerySerializer) };
  return options;
}
