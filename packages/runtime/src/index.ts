export { createApiClient } from "./client.js";
export type { ApiClient, ApiClientOptions, BaseClientOptions, SdkIdentity } from "./client.js";
export type { AuthorizableRequest, Authorizer } from "./auth.js";
export { findOperation, operationKey } from "./meta.js";
export type {
  ApiMeta,
  ClientMeta,
  ClientOperationMeta,
  OperationMeta,
  PaginationMeta,
  SecuritySchemeMeta,
} from "./meta.js";
export { paginate } from "./pagination.js";
export type { PageFetcher, PageInit, PageIterator } from "./pagination.js";
export { chunk } from "./batching.js";
export { toApiError, unwrap } from "./result.js";
export type { FetchResult } from "./result.js";
export type { ApiErrorInit } from "./errors.js";
export {
  ConfigurationError,
  InsecureTransportError,
  InvalidHeaderValueError,
  KeywayError,
  MissingCredentialError,
} from "./keyway-errors.js";
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  InvalidPathParameterError,
  PaginationLoopError,
  ResponseParseError,
  UnprocessableEntityError,
} from "./errors.js";
export { Redactor, REDACTED } from "./redaction.js";
export { validateHeaderValue, validateHeaderValues } from "./header-value.js";
export { assertSecureTransport } from "./secure-transport.js";
export { detectRuntime, isBrowser, isLoopbackHost } from "./environment.js";
export type { Runtime, RuntimeGlobals, RuntimeName } from "./environment.js";
export { DEFAULT_TIMEOUT_MS } from "./transport.js";
export { DEFAULT_MAX_RETRIES } from "./retry-policy.js";
export type { TransportOptions } from "./transport.js";
export type { RequestEventBase, RequestStartEvent, ResponseEvent, RetryEvent, TransportHooks } from "./hooks.js";
export {
  ConnectionError,
  RedirectError,
  RequestAbortedError,
  RequestTimeoutError,
} from "./transport-errors.js";
export type { ConnectionFailure } from "./transport-errors.js";
export type {
  CallObserver,
  ClientInstrumentation,
  Instrumentation,
  InstrumentedClient,
  InstrumentedRequest,
  ServiceDescription,
  SharedWorkObserver,
} from "./instrumentation.js";
