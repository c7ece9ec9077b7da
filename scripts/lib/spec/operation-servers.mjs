// Operations whose spec names servers of their own (OpenAPI's path-item and operation `servers`): a client on the
// API's first server sends them to their own server when it is on its origin, and refuses them, naming the server,
// when it is not (a client's credentials go to no origin it was not given).
import { METHODS } from "./meta.mjs";
import { withVariableDefaults } from "./server-url.mjs";

/** A server's URL with its variables' defaults and without a trailing slash, as a base URL compares. */
const baseOf = (server) => withVariableDefaults(server).url.replace(/\/+$/, "");

/**
 * The servers of `spec`'s operations that name their own, other than its first (`byOperation`, by `"METHOD /path"`),
 * each resolved against the first when relative, and that first server (`apiServer`). An operation listing the API's
 * first server among its own is served there too, and is left out.
 *
 * @example
 * ```js
 * const spec = {
 *   servers: [{ url: "https://api.example.com/2.0" }],
 *   paths: { "/files/content": { post: { servers: [{ url: "https://upload.example.com/2.0" }], responses: {} } } },
 * };
 * operationServers(spec);
 * // { apiServer: "https://api.example.com/2.0", byOperation: Map { "POST /files/content" => "https://upload.example.com/2.0" } }
 * ```
 * @returns {{ apiServer: string | undefined, byOperation: Map<string, string> }}
 */
export function operationServers(spec) {
  const apiServer = spec.servers?.[0] ? baseOf(spec.servers[0]) : undefined;
  const byOperation = new Map();
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem?.[method];
      if (!operation) continue;
      const servers = (operation.servers ?? pathItem.servers ?? []).filter((server) => server?.url !== undefined);
      if (servers.length === 0 || servers.some((server) => baseOf(server) === apiServer)) continue;
      byOperation.set(`${method.toUpperCase()} ${path}`, resolved(baseOf(servers[0]), apiServer));
    }
  }
  return { apiServer, byOperation };
}

/** `server` made absolute against the API's first server, when it is relative and that one is absolute. */
function resolved(server, apiServer) {
  if (URL.canParse(server) || apiServer === undefined || !URL.canParse(apiServer)) return server || "/";
  return new URL(server || "/", apiServer).href.replace(/\/+$/, "");
}

/**
 * The warning that operations of `spec` name servers other than its first, saying where their calls go, or undefined
 * when none does (Box's uploads go to upload.box.com, Stripe's files to files.stripe.com, 1Password Connect's health
 * checks to the root of its host).
 *
 * @returns {string | undefined}
 */
export function operationServersWarning({ apiServer, byOperation }, specLabel) {
  const [first] = byOperation.keys();
  if (first === undefined) return undefined;
  const count = byOperation.size;
  const servers = [...new Set(byOperation.values())];
  return (
    `${count} operation${count === 1 ? "" : "s"} in ${specLabel} (such as ${first}) name${count === 1 ? "s" : ""} ` +
    `servers of their own (${servers.join(", ")}), not the API's first (${apiServer ?? "none"}): a client on the ` +
    `API's first server sends such a call to its own server on the same origin, and refuses one on another origin ` +
    `before sending it (credentials go to no origin a client was not given): call ${count === 1 ? "it" : "those"} ` +
    `through a client created with ${servers.length === 1 ? "that" : "its server as"} baseUrl.`
  );
}
