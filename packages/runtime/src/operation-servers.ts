import { ConfigurationError } from "./keyway-errors.js";
import type { ClientMeta, ClientOperationMeta } from "./meta.js";

/** Turns the options of a call to an operation served elsewhere into ones sent there (its `baseUrl`), or refuses it. */
export type ServerCall = <Init extends { readonly baseUrl?: string }>(init: Init | undefined) => Init | undefined;

/**
 * What `createApiClient({ operationServers })` does to the calls of an operation whose spec names a server of its own
 * (`server` in its metadata: Box's uploads on `upload.box.com`), made once per operation; undefined for the others, and
 * for every operation of a client that is not on the spec's first server (`baseUrl` in the metadata): a client given a
 * proxy or a local fake as its base URL sends every call there. A call of a client on the spec's first server goes to
 * the operation's server when it is on the same origin, unless the call names its own `baseUrl`; on another origin it
 * fails before anything is sent, with a {@link ConfigurationError} naming the server, since a client's credentials go
 * to no origin it was not given.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient, operationServers } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   operationServers,
 * });
 * ```
 */
export function operationServers(
  { baseUrl: specBaseUrl }: ClientMeta,
  { server }: ClientOperationMeta,
  clientBaseUrl: string,
  method: string,
  path: string,
): ServerCall | undefined {
  if (server === undefined || specBaseUrl !== clientBaseUrl) return undefined;
  if (URL.canParse(server) && new URL(server).origin === new URL(clientBaseUrl).origin)
    return (init) => (init?.baseUrl !== undefined ? init : ({ ...init, baseUrl: server } as typeof init));
  return () => {
    throw new ConfigurationError(
      `${method} ${path} is served at ${server}, not ${clientBaseUrl}: call it through a client with that baseUrl`,
    );
  };
}
