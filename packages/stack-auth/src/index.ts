export * from "./server.js";
export { createStackAuthClient } from "./client-access.js";
export type { StackAuthClient, StackAuthClientOptions } from "./client-access.js";
export type * from "./client-types.js";
export type { paths as ClientPaths } from "./generated/stack-auth-client.js";
export { SignInError } from "./errors.js";
