// @keyway/stack-auth/server: server access only. A backend that imports from here does not
// load the client-access types, which type-checks faster; everything here is also in the main entry.
export { createStackAuthServerClient } from "./server-access.js";
export type { StackAuthServerClient, StackAuthServerClientOptions } from "./server-access.js";
export { listAllUsers } from "./users.js";
export type { ListAllUsersOptions } from "./users.js";
export type { SessionControls, SignInCall } from "./session-client.js";
export { HEXCLAVE_BASE_URL, STACK_AUTH_BASE_URL } from "./constants.js";
export type { HeaderFamily } from "./header-family.js";
export { MemorySessionStore } from "./session.js";
export type { SessionStore, SessionTokens } from "./session.js";
export {
  KNOWN_ERROR_HEADER,
  SessionRefreshError,
  SignInError,
  SignedOutError,
  StackAuthError,
  isKnownError,
} from "./errors.js";
export type { KnownErrorCode, KnownErrorDetails, StackAuthErrorCode } from "./errors.js";
export type * from "./types.js";
export type { components, paths as ServerPaths, webhooks } from "./generated/stack-auth-server.js";
export * from "@keyway/runtime/errors";
export type { PageIterator } from "@keyway/runtime";
