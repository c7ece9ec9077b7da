// @keyway/runtime/testing: the fake API every client's /testing entry point is built on.
// Nothing else in the runtime imports it, so it never enters an app's bundle.
export { createFakeApi, FakeApiError, FakeReply } from "./fake.js";
export type {
  FailOptions,
  FakeApi,
  FakeApiConfig,
  FakeCall,
  FakeHandler,
  FakeHandlers,
  FakeRequest,
  FakeResult,
  HandlerOptions,
} from "./fake.js";
export { sampleOf } from "./sample.js";
export { SchemaChecker } from "./schemas.js";
export type { SchemaFailure } from "./schemas.js";
export type { ParsedRequest } from "./requests.js";
export type { OperationServersMeta } from "./server-paths.js";
export type { HeaderAliasesMeta } from "./header-aliases.js";
export type {
  BodyData,
  BodyMediaData,
  JsonSchema,
  MediaData,
  OperationData,
  ParameterData,
  ResponseData,
  SpecData,
} from "./spec-data.js";
export type {
  OperationAt,
  OperationKey,
  PageItem,
  RequestBody,
  RequestParams,
  ResponseBody,
  ResponseStatus,
  SuccessBody,
} from "./types.js";
