import { ConfigurationError } from "../keyway-errors.js";
import type { ClientMeta, ClientOperationMeta } from "../meta.js";
import type { FromSpec } from "./call-options.js";

/**
 * How the calls of an operation whose spec names a server of its own (`server` in its metadata: Box's uploads on
 * `upload.box.com`) reach it, made once per operation; undefined for the others, and for every operation of a client
 * that is not on the spec's first server (`baseUrl` in the metadata): a client given a proxy or a local fake as its
 * base URL sends every call there. A call of a client on the spec's first server goes to the operation's server when it
 * is on the same origin, unless the call names its own `baseUrl`; on another origin it fails before anything is sent,
 * with a {@link ConfigurationError} naming the server, since a client's credentials go to no origin it was not given.
 */
export function atOperationServer(
  { baseUrl: specBaseUrl }: ClientMeta,
  { server }: ClientOperationMeta,
  clientBaseUrl: string,
  method: string,
  path: string,
): FromSpec | undefined {
  if (server === undefined || specBaseUrl !== clientBaseUrl) return undefined;
  if (URL.canParse(server) && new URL(server).origin === new URL(clientBaseUrl).origin)
    return (options) =>
      options?.baseUrl !== undefined ? options : ({ ...options, baseUrl: server } as typeof options);
  return () => {
    throw new ConfigurationError(
      `${method} ${path} is served at ${server}, not ${clientBaseUrl}: call it through a client with that baseUrl`,
    );
  };
}
