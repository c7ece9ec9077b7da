// What users catch and unwrap, which every client package re-exports as it is.
export * from "./public-errors.js";
export { createApiClient } from "./client.js";
export { checkedBaseUrl } from "./base-url.js";
export {
  BASE_CLIENT_OPTIONS,
  CALL_SETTINGS,
  checkOptions,
  namingFactory,
  TRANSPORT_OPTIONS,
} from "./internal/option-names.js";
export type { OptionNames } from "./internal/option-names.js";
export { checkOptionValues } from "./internal/option-values.js";
export { checkPathSegment } from "./internal/path-segment.js";
export { untilAborted } from "./internal/abort.js";
export type { BaseUrlContext } from "./base-url.js";
export { formBodies } from "./form-body.js";
export { mediaBodies } from "./media-body.js";
export { cookieParameters } from "./cookie-parameters.js";
export { headerParameters } from "./header-parameters.js";
export type { CookieCall, CookieStyles, ParametersCallInit } from "./cookie-parameters.js";
export type { HeaderCall, HeaderParametersCallInit, HeaderStyles } from "./header-parameters.js";
export { operationServers } from "./operation-servers.js";
export type { ServerCall } from "./operation-servers.js";
export type { BodyCallInit, FormCall } from "./form-body.js";
export type { ApiClient, ApiClientOptions, BaseClientOptions, SdkIdentity } from "./client.js";
export type { KeywayClient } from "./call-settings-client.js";
export type { AuthorizableRequest, Authorizer } from "./auth.js";
export { findOperation, operationKey, unsendableOperationError } from "./meta.js";
export type {
  ApiMeta,
  ClientMeta,
  ClientOperationMeta,
  FormBodyMeta,
  OperationMeta,
  PaginationMeta,
  ParameterStyle,
  SecuritySchemeMeta,
  UnsendableSchemeMeta,
} from "./meta.js";
export { paginate } from "./pagination.js";
export type { PageFetcher, PageInit, PageIterator } from "./pagination.js";
export { chunk } from "./batching.js";
export { toApiError } from "./result.js";
export type { FetchResult } from "./result.js";
export { requestIdShown, unquotedSyntaxError } from "./errors.js";
export { kindOf, shownExcerpt, shownSentence, shownSetting, shownToken } from "./internal/shown.js";
export type { ApiErrorInit } from "./errors.js";
export { Redactor, REDACTED } from "./redaction.js";
export {
  hideSecretSegments,
  REDACTED_SEGMENT,
  secretIndexes,
  secretParameters,
  secretSegmentsOf,
  secretValuesSent,
  type IsSecretParameter,
  type SecretParameterOption,
  type SecretParameterRule,
  type SecretSegment,
} from "./secret-parameters.js";
export { validateHeaderValue, validateHeaderValues } from "./header-value.js";
export { assertSecureTransport } from "./secure-transport.js";
export { detectRuntime, isBrowser, isLoopbackHost } from "./environment.js";
export type { Runtime, RuntimeGlobals, RuntimeName } from "./environment.js";
export { DEFAULT_TIMEOUT_MS } from "./transport.js";
export type { ResponseStep } from "./transport.js";
export { checkMaxResponseBytes, limitResponseBody } from "./response-size.js";
export type { ResponseBodyLimit } from "./response-size.js";
export { readChunks } from "./internal/body-chunks.js";
export type { ChunkReadLimit, ChunksRead } from "./internal/body-chunks.js";
export { DEFAULT_MAX_RETRIES } from "./retry-policy.js";
export type { RequestEventBase } from "./hooks.js";
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
