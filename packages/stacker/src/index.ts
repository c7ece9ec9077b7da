export { createStackerClient, STACKER_BASE_URL } from "./client.js";
export type { BulkUpsertOptions, SearchAllOptions, StackerClient, StackerClientOptions } from "./client.js";
export { BulkUpsertError } from "./bulk.js";
export { listItems } from "./lists.js";
export type * from "./types.js";
export type { components, operations, paths } from "./generated/stacker.js";
export { apiMeta } from "./generated/stacker.meta.js";
export * from "@keyway/runtime/errors";
export type { PageIterator } from "@keyway/runtime";
