// Where a fake answers the operations whose spec names a server of their own (Box's uploads on upload.box.com).
import type { ClientMeta } from "../meta.js";

/** The part of a client's metadata (`apiMeta`) that names the servers of operations served elsewhere. */
export type OperationServersMeta = Pick<ClientMeta, "operations">;

/**
 * By operation, the path of the server the metadata names for it (`https://upload.box.com/api/2.0` → `/api/2.0`),
 * for operations served elsewhere than the API's first server whose path (`basePath`) it is not.
 */
export function serverPathsOf(meta: OperationServersMeta | undefined, basePath: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [operation, { server }] of Object.entries(meta?.operations ?? {})) {
    if (server === undefined) continue;
    const path = (URL.canParse(server) ? new URL(server).pathname : server).replace(/\/+$/, "");
    if (path !== basePath) paths.set(operation, path);
  }
  return paths;
}
