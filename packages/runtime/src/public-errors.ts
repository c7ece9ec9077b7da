// Everything a client package re-exports so its users can catch keyway's errors and
// unwrap results without depending on @keyway/runtime themselves.
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidParameterError,
  InvalidPathParameterError,
  InvalidQueryParameterError,
  InvalidRequestBodyError,
  NotFoundError,
  PaginationLoopError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  UnprocessableEntityError,
} from "./errors.js";
export {
  ConnectionError,
  RedirectError,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
} from "./transport-errors.js";
export { unwrap } from "./result.js";
export type { RequestStartEvent, ResponseEvent, RetryEvent, TransportHooks } from "./hooks.js";
export type { CallSettings, TransportOptions } from "./transport.js";
export {
  ConfigurationError,
  InsecureTransportError,
  InvalidHeaderValueError,
  KeywayError,
  MissingCredentialError,
} from "./keyway-errors.js";
