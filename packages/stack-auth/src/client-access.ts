import type { Credential } from "@keyway/header-auth";
import {
  checkOptions,
  TRANSPORT_OPTIONS,
  type KeywayClient,
  type OptionNames,
  type TransportOptions,
} from "@keyway/runtime";
import type { paths as ClientPaths } from "./generated/stack-auth-client.js";
import { apiMeta as clientMeta } from "./generated/stack-auth-client.meta.js";
import {
  COMMON_OPTIONS,
  createSessionClient,
  toStore,
  type CommonOptions,
  type SessionControls,
  type WithOptions,
} from "./session-client.js";

export interface StackAuthClientOptions extends CommonOptions {
  /** The publishable client key (`pck_…`); omit it only if the project does not require one. */
  readonly publishableClientKey?: Credential | undefined;
}

/** The factory every option is passed to, which an error about an option's value names, even at call time. */
const FACTORY = "createStackAuthClient";

/** Every option {@link createStackAuthClient} takes. */
const CLIENT_OPTIONS: OptionNames<StackAuthClientOptions> = { ...COMMON_OPTIONS, publishableClientKey: "optional" };

/**
 * The typed client for client access, plus session helpers. A call takes its own `timeout`, `maxRetries`,
 * `retryNonIdempotent` and `maxResponseBytes` (`CallSettings`), typed: `stack.GET("/users/me", { timeout: 5_000 })`.
 */
export type StackAuthClient = KeywayClient<ClientPaths> & SessionControls & WithOptions<StackAuthClient>;

/**
 * Creates a Stack Auth client for **client** access: the project id and publishable key,
 * plus the signed-in user's session, whose access token refreshes itself.
 *
 * @example
 * ```ts
 * import { createStackAuthClient } from "@keyway/stack-auth";
 *
 * const stack = createStackAuthClient({ projectId: "9e3f…", publishableClientKey: "pck_…" });
 * await stack.signIn(stack.POST("/auth/password/sign-in", { body: { email, password } }));
 * const { data: me } = await stack.GET("/users/me");
 * ```
 */
export function createStackAuthClient(options: StackAuthClientOptions): StackAuthClient {
  return stackAuthClient(options, FACTORY);
}

/**
 * The client {@link createStackAuthClient} makes, its option errors naming `factory`, the function the caller called;
 * `copiedFrom` is the client a withOptions() copy copies.
 */
function stackAuthClient(options: StackAuthClientOptions, factory: string, copiedFrom?: object): StackAuthClient {
  checkOptions(FACTORY, options, CLIENT_OPTIONS);
  const session = toStore(options.session, factory);
  const client = createSessionClient<ClientPaths>(
    "client",
    clientMeta,
    { ...options, session },
    {
      scheme: "PublishableClientKey",
      option: "publishableClientKey",
      value: options.publishableClientKey,
      factory: FACTORY,
    },
    factory,
    copiedFrom,
  );
  return Object.assign(client, {
    withOptions: (overrides: TransportOptions) => {
      checkOptions("withOptions", overrides, TRANSPORT_OPTIONS);
      return stackAuthClient({ ...options, ...overrides, session }, "withOptions", client);
    },
  });
}
