export { createStackAuthClient, createStackAuthServerClient } from "./client.js";
export { STACK_AUTH_BASE_URL } from "./constants.js";
export type { SessionControls, StackAuthClient, StackAuthClientOptions, StackAuthServerClient, StackAuthServerClientOptions } from "./client.js";
export { MemorySessionStore } from "./session.js";
export type { SessionStore, SessionTokens } from "./session.js";
export { KNOWN_ERROR_HEADER, SignedOutError, StackAuthError, isKnownError } from "./errors.js";
export type { KnownErrorCode, KnownErrorDetails, StackAuthErrorCode } from "./errors.js";
export type * from "./types.js";
export type { paths as ClientPaths } from "./generated/stack-auth-client.js";
export type { components, paths as ServerPaths, webhooks } from "./generated/stack-auth-server.js";
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseParseError,
  UnprocessableEntityError,
  unwrap,
} from "@keyway/runtime";
export {
  ConfigurationError,
  InsecureTransportError,
  InvalidHeaderValueError,
  KeywayError,
  MissingCredentialError,
} from "@keyway/header-auth";
