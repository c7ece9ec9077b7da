export { createHeaderAuth } from "./middleware.js";
export type { Credential, CredentialValue, HeaderAuth, HeaderAuthOptions } from "./middleware.js";
export { operationKey } from "./meta.js";
export type { ApiMeta, OperationMeta, SecuritySchemeMeta } from "./meta.js";
export { validateHeaderValue } from "./header-value.js";
export { encodeBasicCredentials } from "./basic-auth.js";
export type { BasicCredentials } from "./basic-auth.js";
export { Redactor, REDACTED } from "./redaction.js";
export { isBrowser, isLoopbackHost } from "./environment.js";
export {
  ConfigurationError,
  InsecureTransportError,
  InvalidHeaderValueError,
  KeywayError,
  MissingCredentialError,
} from "./errors.js";
