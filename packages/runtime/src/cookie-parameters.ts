import { isBrowser } from "./environment.js";
import { InvalidParameterError } from "./errors.js";
import { expand } from "./internal/expansion.js";
import { ownValue } from "./internal/own-properties.js";
import { headerEntries } from "./header-value.js";
import { ConfigurationError } from "./keyway-errors.js";
import type { ParameterStyle } from "./meta.js";

/** An operation's cookie parameters (`cookie` in its metadata): by name, their `style` and `explode`. */
export type CookieStyles = { readonly [name: string]: ParameterStyle };

/** The options of one call that openapi-fetch reads for its parameters. */
export interface ParametersCallInit {
  readonly params?: { readonly cookie?: unknown; readonly header?: unknown };
  readonly headers?: unknown;
}

/** Turns the init of a call to an operation with cookie parameters into one that sends them. */
export type CookieCall = <Init extends ParametersCallInit>(init: Init) => Init;

/**
 * What `createApiClient({ cookieParameters })` does to each call of an operation whose spec declares parameters
 * `in: cookie` (`cookie` in the metadata): openapi-fetch types `params.cookie` but sends nothing of it, so they go in
 * the `Cookie` header, after any cookie the call's own headers set, or else the client's `headers` option
 * (`clientHeaders`). Each is written as `name=value`, percent-encoded
 * as OpenAPI's `form` style writes a value; a list or an object as one pair with its values joined by commas, or, when
 * the spec says `explode: true`, as one pair per value (`id=1; id=2`, OpenAPI 3.2's `cookie` style, since `&` is no
 * separator in a `Cookie` header). `undefined` and `null` are left out. A value that has no such form (a nested list,
 * `NaN`, a `Map`) fails with an {@link InvalidParameterError} naming the parameter, and in a browser, where fetch drops a
 * `Cookie` header without a word, any cookie parameter fails with a `ConfigurationError`, all before anything is sent.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { cookieParameters, createApiClient } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   cookieParameters,
 * });
 * ```
 */
export function cookieParameters(styles: CookieStyles, clientHeaders?: Readonly<Record<string, string>>): CookieCall {
  const clientCookie = callerCookie(clientHeaders);
  return (init) => {
    const cookies = init.params?.cookie;
    if (cookies === undefined || cookies === null) return init;
    if (isBrowser())
      throw new ConfigurationError(
        "This call has cookie parameters, which a browser's fetch does not send (it drops a Cookie header); make it from a server",
      );
    const pairs: string[] = [];
    for (const [name, value] of Object.entries(cookies)) {
      if (value === undefined || value === null) continue;
      const explode = ownValue(styles, name)?.explode ?? true;
      const written = expand(name, value, { style: "cookie", explode }, refuse);
      if (written) pairs.push(written);
    }
    if (pairs.length === 0) return init;
    // The Cookie openapi-fetch would send without them: a call's own replaces the client's.
    const own = callerCookie(init.headers) ?? callerCookie(init.params?.header) ?? clientCookie;
    const header = {
      ...(init.params?.header as object | undefined),
      Cookie: [own, ...pairs].filter(Boolean).join("; "),
    };
    return { ...init, params: { ...init.params, header } };
  };
}

function refuse(parameter: string, reason: string): never {
  throw new InvalidParameterError({ parameter, reason }, `Cookie parameter "${parameter}" ${reason}`);
}

/** The `Cookie` header a call's own headers set (a `Headers`, a list of pairs or an object), if any. */
function callerCookie(headers: unknown): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  for (const [name, value] of headerEntries(headers))
    if (name.toLowerCase() === "cookie" && value != null) return String(value);
  return undefined;
}
