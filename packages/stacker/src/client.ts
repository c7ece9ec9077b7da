import { createHeaderAuth, type Credential } from "@keyway/header-auth";
import {
  ConfigurationError,
  createApiClient,
  paginate,
  type BaseClientOptions,
  type PageIterator,
  type TransportOptions,
} from "@keyway/runtime";
import type { Client } from "openapi-fetch";
import { bulkUpsertInBatches } from "./bulk.js";
import type { paths } from "./generated/stacker.js";
import { apiMeta } from "./generated/stacker.meta.js";
import type { BulkUpsertResult, RecordWrite, SearchRequest, StackerRecord } from "./types.js";
import { VERSION } from "./version.js";

/** Where Stacker's external API lives. */
export const STACKER_BASE_URL = "https://api.go.stackerhq.com";

const SEARCH = "/api/external/objects/{object_sid}/search/";
const BULK = "/api/external/objects/{object_sid}/bulk-records/";

export interface StackerClientOptions extends BaseClientOptions {
  /** Your Integration Key (Account Settings → Integrations), or a function returning it. Sent as `X-Integration-Key`. */
  readonly integrationKey: Credential;
  /** The account (workspace) id, sent as `X-Account-Id` to every endpoint except `/hello/` and `/accounts/`. */
  readonly accountId?: Credential;
  /** The stack (app) id, sent as `X-Stack-Id` to stack-scoped endpoints. */
  readonly stackId?: Credential;
  /** IANA time zone for datetimes in returned records (`X-Timezone`); the API defaults to UTC. */
  readonly timezone?: string;
}

/** Options of {@link StackerClient.searchAll}. */
export interface SearchAllOptions {
  /** Time zone for this search only, overriding the client's. */
  readonly timezone?: string;
  /** Ends the iteration at once, with `RequestAbortedError`, whichever page it is waiting for. */
  readonly signal?: AbortSignal;
}

/** Options of {@link StackerClient.bulkUpsert}. */
export interface BulkUpsertOptions {
  /** Ends the upsert at once, with a `BulkUpsertError` whose cause is a `RequestAbortedError`. */
  readonly signal?: AbortSignal;
}

/** The typed openapi-fetch client for Stacker, plus helpers for paging and bulk writes. */
export type StackerClient = Client<paths> & {
  /**
   * Iterates every record matching `search`, paging with `start`/`count` until a short page.
   *
   * @example
   * ```ts
   * for await (const order of stacker.searchAll("object.custom.orders", { order_by: "-orders__order_date" })) {
   *   console.log(order._sid);
   * }
   * ```
   */
  searchAll(objectSid: string, search?: SearchRequest, options?: SearchAllOptions): PageIterator<StackerRecord>;
  /**
   * Inserts and updates any number of records, in requests of at most 1000 (the API's limit),
   * and merges the `created` / `updated` ids. Records with `_sid` are updates. Needs admin rights
   * on the stack (403 otherwise).
   *
   * @example
   * ```ts
   * const { created, updated } = await stacker.bulkUpsert("object.custom.orders", rows);
   * ```
   */
  bulkUpsert(
    objectSid: string,
    records: readonly RecordWrite[],
    options?: BulkUpsertOptions,
  ): Promise<BulkUpsertResult>;
  /**
   * The same client with other transport settings, for the calls made through it.
   *
   * @example
   * ```ts
   * await stacker.withOptions({ retryNonIdempotent: true, timeout: 5_000 }).POST("/api/external/objects/{object_sid}/records/", { params, body });
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
 *   integrationKey: process.env.STACKER_INTEGRATION_KEY!,
 *   accountId: "acc_8f2d",
 *   stackId: "app785vwedw46e3bx8",
 * });
 * const { data, error } = await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
 *   params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } },
 * });
 * ```
 */
export function createStackerClient(options: StackerClientOptions): StackerClient {
  if (options.integrationKey === undefined || options.integrationKey === null || options.integrationKey === "") {
    throw new ConfigurationError(
      "createStackerClient: integrationKey is required (find it in Stacker under Account Settings → Integrations)",
    );
  }
  const auth = createHeaderAuth({
    meta: apiMeta,
    credentials: { IntegrationKey: options.integrationKey, AccountId: options.accountId, StackId: options.stackId },
    headerDefaults: options.timezone ? { "X-Timezone": options.timezone } : {},
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser ?? false,
  });
  const { client } = createApiClient<paths>({
    ...options,
    meta: apiMeta,
    auth,
    service: { name: "stacker" },
    baseUrl: options.baseUrl ?? STACKER_BASE_URL,
    sdk: { name: "@keyway/stacker", version: VERSION },
  });

  const searchPagination = apiMeta.operations[`POST ${SEARCH}`].pagination;
  const bulkLimit = apiMeta.operations[`POST ${BULK}`].maxBodyItems;

  return Object.assign(client, {
    searchAll(objectSid: string, search: SearchRequest = {}, searchOptions: SearchAllOptions = {}) {
      const header = searchOptions.timezone ? { "X-Timezone": searchOptions.timezone } : undefined;
      const { signal } = searchOptions;
      return paginate<StackerRecord, { body: SearchRequest }>(
        searchPagination,
        (init) =>
          client.POST(SEARCH, {
            params: { path: { object_sid: objectSid }, header },
            body: init.body,
            ...(signal ? { signal } : {}),
          }),
        { body: search },
      );
    },
    bulkUpsert(objectSid: string, records: readonly RecordWrite[], { signal }: BulkUpsertOptions = {}) {
      return bulkUpsertInBatches(records, bulkLimit, (batch) =>
        client.POST(BULK, { params: { path: { object_sid: objectSid } }, body: batch, ...(signal ? { signal } : {}) }),
      );
    },
    withOptions: (overrides: TransportOptions) => createStackerClient({ ...options, ...overrides }),
  });
}
