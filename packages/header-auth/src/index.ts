export { createHeaderAuth } from "./middleware.js";
export type { AuthorizableRequest, Credential, CredentialValue, HeaderAuth, HeaderAuthOptions } from "./middleware.js";
export { findOperation, operationKey, withHeaderFamily } from "./meta.js";
export type { ApiMeta, OperationMeta, SecuritySchemeMeta } from "./meta.js";
export { validateHeaderValue, validateHeaderValues } from "./header-value.js";
export { assertSecureTransport } from "./secure-transport.js";
export { encodeBasicCredentials } from "./basic-auth.js";
export type { BasicCredentials } from "./basic-auth.js";
export { Redactor, REDACTED } from "./redaction.js";
export { detectRuntime, isBrowser, isLoopbackHost } from "./environment.js";
export type { Runtime, RuntimeGlobals, RuntimeName } from "./environment.js";
export {
  ConfigurationError,
  InsecureTransportError,
  InvalidHeaderValueError,
  KeywayError,
  MissingCredentialError,
} from "./errors.js";
