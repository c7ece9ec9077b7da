import {
  CALL_SETTINGS,
  checkOptions,
  paginate,
  type CallSettings,
  type OptionNames,
  type PageIterator,
} from "@keyway/runtime";
import { apiMeta as serverMeta } from "./generated/stack-auth-server.meta.js";
import type { StackAuthServerClient } from "./server-access.js";
import type { ServerUser, UsersQuery } from "./types.js";

const usersPagination = serverMeta.operations["GET /users"].pagination;

/** Options of {@link listAllUsers}: a signal, and settings (`timeout`, `maxRetries`, …) of each page's call. */
export interface ListAllUsersOptions extends CallSettings {
  /** Ends the iteration at once, with `RequestAbortedError`, whichever page it is waiting for. */
  readonly signal?: AbortSignal | undefined;
}

const LIST_ALL_USERS_OPTIONS: OptionNames<ListAllUsersOptions> = { ...CALL_SETTINGS, signal: "optional" };

/**
 * Iterates every user of the project, following `next_cursor` page after page. A function
 * rather than a client method, so a bundle that never pages leaves it out.
 *
 * @example
 * ```ts
 * import { createStackAuthServerClient, listAllUsers } from "@keyway/stack-auth/server";
 *
 * const admin = createStackAuthServerClient({ projectId, secretServerKey: process.env["STACK_SECRET_SERVER_KEY"]! });
 * for await (const user of listAllUsers(admin, { limit: 200 })) console.log(user.primary_email);
 * for await (const page of listAllUsers(admin, { limit: 500 }).pages()) console.log(page.length, "users");
 * // Each page's call with 10 s an attempt and no retry:
 * for await (const user of listAllUsers(admin, {}, { timeout: 10_000, maxRetries: 0 })) console.log(user.id);
 * ```
 */
export function listAllUsers(
  server: StackAuthServerClient,
  query: UsersQuery = {},
  options: ListAllUsersOptions = {},
): PageIterator<ServerUser> {
  checkOptions("listAllUsers", options, LIST_ALL_USERS_OPTIONS);
  // Checked above: what is left beside the signal is each page's call settings.
  const { signal, ...settings } = options;
  return paginate<ServerUser>(usersPagination, (init) => server.GET("/users", init), {
    params: { query },
    ...(signal ? { signal } : {}),
    ...settings,
  });
}
