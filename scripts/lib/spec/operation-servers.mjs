// Operations whose spec names servers of their own (OpenAPI's path-item and operation `servers`), which a client
// created for the API's first server does not call them at.
import { METHODS } from "./meta.mjs";
import { withVariableDefaults } from "./server-url.mjs";

/** A server's URL with its variables' defaults and without a trailing slash, as a base URL compares. */
const baseOf = (server) => withVariableDefaults(server).url.replace(/\/+$/, "");

/**
 * The warning that operations of `spec` name servers other than its first, where the client sends every call, with
 * the way to reach them (a client created for that server), or undefined when none does (Box's uploads go to
 * upload.box.com, Stripe's files to files.stripe.com, 1Password Connect's health checks to the root of its host).
 *
 * @example
 * ```js
 * operationServersWarning(spec, "specs/box.json");
 * // "14 operations in specs/box.json (such as GET /authorize) name servers of their own (https://account.box.com/api/oauth2,
 * //  https://upload.box.com/api/2.0), not the API's first (https://api.box.com/2.0), where the client sends every call: …"
 * ```
 * @returns {string | undefined}
 */
export function operationServersWarning(spec, specLabel) {
  const apiServer = spec.servers?.[0] ? baseOf(spec.servers[0]) : undefined;
  const elsewhere = [];
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const server = (operation.servers ?? pathItem.servers)?.[0];
      if (server?.url === undefined || baseOf(server) === apiServer) continue;
      elsewhere.push({ operation: `${method.toUpperCase()} ${path}`, server: baseOf(server) || "/" });
    }
  }
  const [first] = elsewhere;
  if (first === undefined) return undefined;
  const count = elsewhere.length;
  const servers = [...new Set(elsewhere.map(({ server }) => server))];
  return (
    `${count} operation${count === 1 ? "" : "s"} in ${specLabel} (such as ${first.operation}) name${count === 1 ? "s" : ""} ` +
    `servers of their own (${servers.join(", ")}), not the API's first (${apiServer ?? "none"}), where the client ` +
    `sends every call: call ${count === 1 ? "it" : "them"} through a client created with ${servers.length === 1 ? "that" : "its server as"} baseUrl.`
  );
}
