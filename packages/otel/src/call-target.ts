import { checkedBaseUrl, operationServers, type InstrumentedClient } from "@keyway/runtime";
import type { UserCall } from "./user-call.js";

/**
 * The base URL a call that failed before its request existed was going to, as the client sends a call: its own
 * `baseUrl`, else its operation's server where `operationServers` sends it there (a client of an API with such
 * operations is always given it), else the client's. An operation's server on another origin is where the call was
 * going, though the client refuses it. `undefined` when that is no base URL keyway takes (not an http(s) URL, or one
 * with a user name, password, query or fragment): nothing of it is shown.
 */
export function callTarget(
  client: InstrumentedClient,
  { method, template, operation, options }: UserCall,
): string | undefined {
  let target: unknown;
  try {
    const given = { baseUrl: options?.baseUrl as string | undefined };
    const atServer = operation && operationServers(client.meta, operation, client.baseUrl, method, template);
    target = (atServer ? atServer(given) : given)?.baseUrl ?? client.baseUrl;
  } catch {
    target = operation?.server; // on another origin: the client refuses the call, naming the server
  }
  try {
    return checkedBaseUrl(target as string);
  } catch {
    return undefined;
  }
}
