export { createHeaderAuth } from "./middleware.js";
export type { Credential, CredentialContext, CredentialValue, HeaderAuth, HeaderAuthOptions } from "./middleware.js";
export { withHeaderFamily } from "./header-family.js";
export { validateOptionValue } from "./credential-errors.js";
export type { OptionOrigin } from "./credential-errors.js";
export { encodeBasicCredentials } from "./basic-auth.js";
export type { BasicCredentials } from "./basic-auth.js";
// The generic pieces header-auth works with live in @keyway/runtime; they are the same objects
// (one `instanceof` check catches an error whichever package it came through).
export {
  assertSecureTransport,
  ConfigurationError,
  detectRuntime,
  findOperation,
  InsecureTransportError,
  InvalidHeaderValueError,
  isBrowser,
  isLoopbackHost,
  KeywayError,
  MissingCredentialError,
  operationKey,
  REDACTED,
  Redactor,
  validateHeaderValue,
  validateHeaderValues,
} from "@keyway/runtime";
export type {
  ApiMeta,
  AuthorizableRequest,
  OperationMeta,
  Runtime,
  RuntimeGlobals,
  RuntimeName,
  SecuritySchemeMeta,
} from "@keyway/runtime";
