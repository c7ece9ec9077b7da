import { ConfigurationError } from "./keyway-errors.js";
import { kindOf } from "./internal/shown.js";

/** How {@link checkedBaseUrl}'s errors name the option, and the URL they give as an example. */
export interface BaseUrlContext {
  /** The option's name in messages. Default: `"baseUrl"`. */
  readonly option?: string;
  /** A base URL of the API, for messages. Default: `"https://api.example.com"`. */
  readonly example?: string;
}

/**
 * `baseUrl` (text or a `URL`, as fetch takes) without its trailing slashes, or a `ConfigurationError` when it is
 * neither, is not an http(s) URL, holds a user name or password (fetch refuses such URLs, and its error quotes them
 * whole), or holds a query or a fragment (every path would follow it: `/v1?region=eu/orders`). No message quotes the
 * credentials or the query.
 *
 * @example
 * ```ts
 * import { checkedBaseUrl } from "@keyway/runtime";
 *
 * const ordersUrl = checkedBaseUrl(process.env["ORDERS_API_URL"] ?? "https://orders.example.com/v1/", {
 *   option: "ORDERS_API_URL",
 * }); // "https://orders.example.com/v1"
 * ```
 */
export function checkedBaseUrl(given: string | URL, context: BaseUrlContext = {}): string {
  const { option = "baseUrl", example = "https://api.example.com" } = context;
  if (typeof given !== "string" && !(given instanceof URL))
    throw new ConfigurationError(
      `${option} must be a string or a URL such as "${example}", got ${given === undefined ? "nothing" : kindOf(given)}`,
    );
  const baseUrl = String(given);
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (url?.protocol !== "https:" && url?.protocol !== "http:")
    throw new ConfigurationError(`${option} must be an http(s) URL such as "${example}", got ${shownNonUrl(baseUrl)}`);
  if (url.username || url.password)
    throw new ConfigurationError(
      `${option} must not hold a user name or password, which fetch refuses: use "${url.origin}${url.pathname}"`,
    );
  // Checked on the text: URL drops a `?` or `#` with nothing after it, which would still end up before every path.
  if (/[?#]/.test(baseUrl))
    throw new ConfigurationError(
      `${option} must not hold a query or a fragment, which would come before every call's path: use "${url.origin}${url.pathname.replace(/\/+$/, "")}" and give query parameters per call`,
    );
  return baseUrl.replace(/\/+$/, "");
}

/**
 * A base URL that is not an http(s) URL as a message shows it: quoted as {@link withoutSecrets} leaves it when it reads
 * as an attempt at one (it has a `/`, a `:` or a `.`, and no run of 64 characters without one, as a host's labels
 * have); any other text only called text, since it may be a key passed where the base URL goes (`sk_live_…`, a JWT).
 */
function shownNonUrl(baseUrl: string): string {
  return /[/:.]/.test(baseUrl) && !/[^/:.]{64}/.test(baseUrl)
    ? `"${withoutSecrets(baseUrl)}"`
    : "text that is not a URL";
}

/**
 * What a message quotes of a base URL that is not an http(s) URL: nothing from its first `?` or `#` on (a query may
 * hold a key), nor what comes before its last `@` after a `scheme://` (`…` stands for it where no `scheme://` comes
 * first): a user name and password end there even when no `scheme://` marks them (`user:token@api.example.com`,
 * `//user:token@host`, `https//user:token@host`).
 */
function withoutSecrets(baseUrl: string): string {
  return baseUrl.replace(/[?#].*/s, "").replace(/^([a-z][\w+.-]*:\/\/)?.*@/is, (_, scheme?: string) => scheme ?? "…@");
}

/**
 * A call's own `baseUrl` (openapi-fetch's per-call option), checked as the client's is: it may name another path on
 * the client's origin, never another origin, where the client's credentials would go with it.
 */
export function callBaseUrl(baseUrl: string | URL, clientBaseUrl: string): string {
  const checked = checkedBaseUrl(baseUrl, { option: "A call's baseUrl", example: clientBaseUrl });
  const { origin } = new URL(clientBaseUrl);
  const target = new URL(checked).origin;
  if (target !== origin)
    throw new ConfigurationError(
      `A call's baseUrl must be on the client's origin (${origin}), where its credentials go, not ${target}: create a client for ${target}`,
    );
  return checked;
}
