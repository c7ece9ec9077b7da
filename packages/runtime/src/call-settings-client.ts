import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import type { CallSettings } from "./transport.js";

/** The call's own {@link CallSettings}, each also `null`, which leaves it unset (the client's holds) as `undefined` does. */
type OwnSettings = { readonly [Name in keyof CallSettings]?: CallSettings[Name] | null };

/**
 * A call's options as openapi-fetch takes them (its `InitParam`), with the call's own {@link CallSettings}: required
 * when the operation has a required parameter or body, and open to any other key, which fetch's `RequestInit`
 * extensions (`dispatcher`, `priority`) need. `Init`, openapi-fetch's options, is inferred from the argument first, so
 * an optional init stays optional and `parseAs` still selects `data`'s type.
 */
type InitArgument<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & OwnSettings & { [key: string]: unknown })?]
    : [Init & OwnSettings & { [key: string]: unknown }];

/**
 * A method of a {@link KeywayClient}, such as `GET`: openapi-fetch's `ClientMethod`, whose options also take the
 * call's own {@link CallSettings}. What a call returns (`data` as `parseAs` reads it, `error`) is openapi-fetch's.
 */
type CallMethod<
  Paths extends Record<string, Record<HttpMethod, {}>>,
  Method extends HttpMethod,
  Media extends MediaType,
> = <Path extends PathsWithMethod<Paths, Method>, Init extends MaybeOptionalInit<Paths[Path], Method>>(
  url: Path,
  ...init: InitArgument<Init>
) => Promise<FetchResponse<Paths[Path][Method], Init, Media>>;

/** `client.request(method, path, init)`, typed as {@link CallMethod}. */
type CallRequestMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Media extends MediaType> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  method: Method,
  url: Path,
  ...init: InitArgument<Init>
) => Promise<FetchResponse<Paths[Path][Method], Init, Media>>;

/** The key of {@link KeywayClient}'s type-only record of its API's paths. */
declare const apiPaths: unique symbol;

/**
 * A keyway client: openapi-fetch's `Client` of the API's `paths`, whose calls also take their own
 * {@link CallSettings} (`timeout`, `maxRetries`, `retryNonIdempotent`, `maxResponseBytes`), typed and documented, for
 * that call only. Everything else a call takes and returns is typed as openapi-fetch types it (`params`, `body`,
 * `parseAs` and the `data` it reads, `headers`, `signal`, a call's `fetch` and `baseUrl`, other `RequestInit` keys),
 * and the client is still an openapi-fetch `Client`, for libraries that take one (openapi-react-query).
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient, type KeywayClient } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const client: KeywayClient<paths> = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 * }).client;
 * // 5 s an attempt and no retry, for this call only; `timeout: "5s"` would not compile.
 * const { data } = await client.GET("/orders", { timeout: 5_000, maxRetries: 0 });
 * ```
 */
export interface KeywayClient<Paths extends {}, Media extends MediaType = MediaType> extends Client<Paths, Media> {
  /**
   * The API the client calls, as a type only (never set): tsc 7 takes one API's client for another's, judging by
   * their generic methods alone, where a function of one client (`listAllUsers`, `searchAll`) must refuse another's.
   */
  readonly [apiPaths]?: Paths;
  /** Call any method: `client.request("get", "/orders", { timeout: 5_000 })`. */
  request: CallRequestMethod<Paths, Media>;
  /** Call a GET endpoint; its options take the call's own `CallSettings` too. */
  GET: CallMethod<Paths, "get", Media>;
  /** Call a PUT endpoint; its options take the call's own `CallSettings` too. */
  PUT: CallMethod<Paths, "put", Media>;
  /** Call a POST endpoint; its options take the call's own `CallSettings` too. */
  POST: CallMethod<Paths, "post", Media>;
  /** Call a DELETE endpoint; its options take the call's own `CallSettings` too. */
  DELETE: CallMethod<Paths, "delete", Media>;
  /** Call an OPTIONS endpoint; its options take the call's own `CallSettings` too. */
  OPTIONS: CallMethod<Paths, "options", Media>;
  /** Call a HEAD endpoint; its options take the call's own `CallSettings` too. */
  HEAD: CallMethod<Paths, "head", Media>;
  /** Call a PATCH endpoint; its options take the call's own `CallSettings` too. */
  PATCH: CallMethod<Paths, "patch", Media>;
  /** Call a TRACE endpoint; its options take the call's own `CallSettings` too. */
  TRACE: CallMethod<Paths, "trace", Media>;
}
