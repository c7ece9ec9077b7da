import { InvalidParameterError } from "./errors.js";
import { asWritten, expand, plainText } from "./internal/expansion.js";
import { jsonParameterText } from "./internal/json-body.js";
import { defineValue, ownValue } from "./internal/own-properties.js";
import type { ParameterStyle } from "./meta.js";

/**
 * An operation's header parameters that may be objects (`header` in its metadata): by name, their `style` and
 * `explode`, or `"json"` for one the spec sends as JSON text (`content: application/json`).
 */
export type HeaderStyles = { readonly [name: string]: ParameterStyle | "json" };

/** The options of one call that hold its header parameters. */
export interface HeaderParametersCallInit {
  readonly params?: { readonly header?: unknown };
}

/** Turns the init of a call to an operation with object header parameters into one whose header values are text. */
export type HeaderCall = <Init extends HeaderParametersCallInit>(init: Init) => Init;

/**
 * What `createApiClient({ headerParameters })` does to each call of an operation whose spec declares a header
 * parameter that may be an object (`header` in the metadata): openapi-fetch would send such a value as
 * `[object Object]`, so it is written in OpenAPI's `simple` style first, as the spec's examples show it and without
 * percent-encoding (a header is not a URL): `{ role: "admin", firstName: "Alex" }` as `role,admin,firstName,Alex`, or
 * `role=admin,firstName=Alex` when the spec says `explode: true`; one the spec sends as JSON (`content:
 * application/json`) as its JSON text, whatever its value. `undefined` and `null` properties are left out, and
 * an object with nothing left sends no header. A property that has no such form (a list, an object, `NaN`, a `Map`)
 * fails with an {@link InvalidParameterError} naming the parameter, and text a header cannot hold (a line break) with
 * the `InvalidHeaderValueError` every header value gets, both before anything is sent. Lists and plain values are left
 * as they are: every call sends a list's items joined by commas.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient, headerParameters } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   headerParameters,
 * });
 * // Sends X-Range: from,2026-01-01,to,2026-02-01
 * const range = { from: "2026-01-01", to: "2026-02-01" };
 * const { data: csv } = await client.GET("/orders/report", { params: { header: { "X-Range": range } } });
 * ```
 */
export function headerParameters(styles: HeaderStyles): HeaderCall {
  const names = Object.keys(styles);
  return (init) => {
    const given = init.params?.header;
    if (typeof given !== "object" || given === null || Array.isArray(given) || given instanceof Headers) return init;
    let written: Record<string, unknown> | undefined;
    for (const name of names) {
      const value = ownValue(given as Record<string, unknown>, name);
      const style = ownValue(styles, name)!;
      if (value === undefined || value === null) continue;
      let text: string | undefined;
      if (style === "json") text = jsonParameterText(name, value, refuse);
      else if (typeof value === "object" && !Array.isArray(value) && plainText(value) === undefined)
        text = expand(name, value, style, refuse, asWritten) || undefined;
      else continue;
      written ??= { ...given };
      defineValue(written, name, text);
    }
    return written ? { ...init, params: { ...init.params, header: written } } : init;
  };
}

function refuse(parameter: string, reason: string): never {
  throw new InvalidParameterError({ parameter, reason }, `Header parameter "${parameter}" ${reason}`);
}
