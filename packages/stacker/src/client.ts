import { createHeaderAuth, type Credential } from "@keyway/header-auth";
import {
  BASE_CLIENT_OPTIONS,
  checkOptions,
  ConfigurationError,
  createApiClient,
  namingFactory,
  TRANSPORT_OPTIONS,
  type BaseClientOptions,
  type KeywayClient,
  type OptionNames,
  type TransportOptions,
} from "@keyway/runtime";
import type { paths } from "./generated/stacker.js";
import { apiMeta } from "./generated/stacker.meta.js";
import { checkTimeZone } from "./time-zone.js";
import { VERSION } from "./version.js";

/** Where Stacker's external API lives. */
export const STACKER_BASE_URL = "https://api.go.stackerhq.com";

export interface StackerClientOptions extends BaseClientOptions {
  /** Your Integration Key (Account Settings → Integrations), or a function returning it. Sent as `X-Integration-Key`. */
  readonly integrationKey: Credential;
  /** The account (workspace) id, sent as `X-Account-Id` to every endpoint except `/hello/` and `/accounts/`. */
  readonly accountId?: Credential | undefined;
  /** The stack (app) id, sent as `X-Stack-Id` to stack-scoped endpoints. */
  readonly stackId?: Credential | undefined;
  /** IANA time zone for datetimes in returned records (`X-Timezone`); the API defaults to UTC. */
  readonly timezone?: string | undefined;
}

/** Every option {@link createStackerClient} takes: its own and every keyway client's. */
const STACKER_OPTIONS: OptionNames<StackerClientOptions> = {
  ...BASE_CLIENT_OPTIONS,
  integrationKey: "required",
  accountId: "optional",
  stackId: "optional",
  timezone: "optional",
};

/** The option that sets each security scheme's credential, which an error about its value names. */
const CREDENTIAL_NAMES = { IntegrationKey: "integrationKey", AccountId: "accountId", StackId: "stackId" } as const;
/** The option that sets each header default, which an error about its value names. */
const HEADER_DEFAULT_NAMES = { "X-Timezone": "timezone" } as const;
/** The factory every option is passed to, which an error about an option's value names, even at call time. */
const FACTORY = "createStackerClient";

/**
 * The typed openapi-fetch client for Stacker. Paging and bulk writes are functions that take it
 * (`searchAll`, `bulkUpsert`), so a bundle that does not call them does not carry them.
 */
export type StackerClient = KeywayClient<paths> & {
  /**
   * The same client with other transport settings, for the calls made through it. One call takes `timeout`,
   * `maxRetries`, `retryNonIdempotent` and `maxResponseBytes` itself (`CallSettings`), without a new client.
   *
   * @example
   * ```ts
   * const patient = stacker.withOptions({ timeout: 120_000, hooks: { onRetry: (event) => console.warn(event) } });
   * await patient.POST("/api/external/objects/{object_sid}/records/", { params, body });
   * // One call only:
   * await stacker.POST("/api/external/objects/{object_sid}/records/", { params, body, retryNonIdempotent: true });
   * ```
   */
  withOptions(overrides: TransportOptions): StackerClient;
};

/**
 * Creates a typed client for StackerHQ's external API.
 *
 * `X-Integration-Key` goes with every request; `X-Account-Id` and `X-Stack-Id` go only to the
 * operations whose spec requires them; `X-Timezone` to the operations that return records.
 *
 * @example
 * ```ts
 * import { createStackerClient } from "@keyway/stacker";
 *
 * const stacker = createStackerClient({
 *   integrationKey: process.env["STACKER_INTEGRATION_KEY"]!,
 *   accountId: "acc_8f2d",
 *   stackId: "app785vwedw46e3bx8",
 * });
 * const { data, error } = await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
 *   params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } },
 * });
 * ```
 */
export function createStackerClient(options: StackerClientOptions): StackerClient {
  return stackerClient(options, FACTORY);
}

/** The client {@link createStackerClient} makes, its option errors naming `factory`, the function the caller called. */
function stackerClient(options: StackerClientOptions, factory: string): StackerClient {
  return namingFactory(factory, () => checkedStackerClient(options));
}

function checkedStackerClient(options: StackerClientOptions): StackerClient {
  checkOptions(FACTORY, options, STACKER_OPTIONS);
  // Every path starts with /api/external: a base URL that ends with it too would send each call to /api/external/api/….
  const { baseUrl } = options;
  const baseUrlText = typeof baseUrl === "string" ? baseUrl : baseUrl instanceof URL ? baseUrl.href : "";
  if (/\/api\/external\/?$/i.test(baseUrlText))
    throw new ConfigurationError(
      `${FACTORY}: baseUrl ends with /api/external, which every path already starts with: leave it out (${STACKER_BASE_URL})`,
    );
  if (options.integrationKey === undefined || options.integrationKey === null || options.integrationKey === "") {
    throw new ConfigurationError(
      `${FACTORY}: integrationKey is required (find it in Stacker under Account Settings → Integrations)`,
    );
  }
  const auth = createHeaderAuth({
    meta: apiMeta,
    credentials: { IntegrationKey: options.integrationKey, AccountId: options.accountId, StackId: options.stackId },
    credentialNames: CREDENTIAL_NAMES,
    // An empty timezone is refused as any header value is, rather than dropped for UTC.
    headerDefaults: options.timezone == null ? {} : { "X-Timezone": options.timezone },
    headerDefaultNames: HEADER_DEFAULT_NAMES,
    factory: FACTORY,
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser,
  });
  checkTimeZone(options.timezone, FACTORY);
  const { client } = createApiClient<paths>({
    ...options,
    meta: apiMeta,
    auth,
    service: { name: "stacker" },
    baseUrl: options.baseUrl ?? STACKER_BASE_URL,
    sdk: { name: "@keyway/stacker", version: VERSION },
  });

  return Object.assign(client, {
    withOptions: (overrides: TransportOptions) => {
      checkOptions("withOptions", overrides, TRANSPORT_OPTIONS);
      return stackerClient({ ...options, ...overrides }, "withOptions");
    },
  });
}
