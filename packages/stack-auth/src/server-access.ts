import type { Credential } from "@keyway/header-auth";
import {
  checkOptions,
  ConfigurationError,
  TRANSPORT_OPTIONS,
  type KeywayClient,
  type OptionNames,
  type TransportOptions,
} from "@keyway/runtime";
import type { paths as ServerPaths } from "./generated/stack-auth-server.js";
import { apiMeta as serverMeta } from "./generated/stack-auth-server.meta.js";
import {
  COMMON_OPTIONS,
  createSessionClient,
  toStore,
  type CommonOptions,
  type SessionControls,
  type WithOptions,
} from "./session-client.js";

export interface StackAuthServerClientOptions extends CommonOptions {
  /** The secret server key (`ssk_…`). Never ship it to a browser. */
  readonly secretServerKey: Credential;
}

/** The factory every option is passed to, which an error about an option's value names, even at call time. */
const FACTORY = "createStackAuthServerClient";

/** Every option {@link createStackAuthServerClient} takes. */
const SERVER_OPTIONS: OptionNames<StackAuthServerClientOptions> = { ...COMMON_OPTIONS, secretServerKey: "required" };

/**
 * The typed client for server access, plus session helpers. Paging through every user is
 * `listAllUsers`, a function that takes this client, so a bundle that never pages leaves it out. A call takes its own
 * `timeout`, `maxRetries`, `retryNonIdempotent` and `maxResponseBytes` (`CallSettings`), typed:
 * `admin.GET("/users", { maxRetries: 0 })`.
 */
export type StackAuthServerClient = KeywayClient<ServerPaths> & SessionControls & WithOptions<StackAuthServerClient>;

/**
 * Creates a Stack Auth client for **server** access with the secret server key. It refuses
 * to start in a browser unless `dangerouslyAllowBrowser: true` is passed.
 *
 * @example
 * ```ts
 * import { createStackAuthServerClient } from "@keyway/stack-auth/server";
 *
 * const admin = createStackAuthServerClient({ projectId, secretServerKey: process.env["STACK_SECRET_SERVER_KEY"]! });
 * const { data: user } = await admin.GET("/users/{user_id}", { params: { path: { user_id } } });
 * ```
 */
export function createStackAuthServerClient(options: StackAuthServerClientOptions): StackAuthServerClient {
  return stackAuthServerClient(options, FACTORY);
}

/**
 * The client {@link createStackAuthServerClient} makes, its option errors naming `factory`, the function called;
 * `copiedFrom` is the client a withOptions() copy copies.
 */
function stackAuthServerClient(
  options: StackAuthServerClientOptions,
  factory: string,
  copiedFrom?: object,
): StackAuthServerClient {
  checkOptions(FACTORY, options, SERVER_OPTIONS);
  if (options.secretServerKey === undefined || options.secretServerKey === null || options.secretServerKey === "") {
    throw new ConfigurationError(`${FACTORY}: secretServerKey is required (the project's ssk_… key)`);
  }
  const session = toStore(options.session, factory);
  const client = createSessionClient<ServerPaths>(
    "server",
    serverMeta,
    { ...options, session },
    { scheme: "SecretServerKey", option: "secretServerKey", value: options.secretServerKey, factory: FACTORY },
    factory,
    copiedFrom,
  );
  return Object.assign(client, {
    withOptions: (overrides: TransportOptions) => {
      checkOptions("withOptions", overrides, TRANSPORT_OPTIONS);
      return stackAuthServerClient({ ...options, ...overrides, session }, "withOptions", client);
    },
  });
}
