import {
  CALL_SETTINGS,
  checkOptions,
  paginate,
  type CallSettings,
  type OptionNames,
  type PageIterator,
} from "@keyway/runtime";
import type { StackerClient } from "./client.js";
import { apiMeta } from "./generated/stacker.meta.js";
import { checkTimeZone } from "./time-zone.js";
import type { SearchRequest, StackerRecord } from "./types.js";

const SEARCH = "/api/external/objects/{object_sid}/search/";
const searchPagination = apiMeta.operations[`POST ${SEARCH}`].pagination;

/** Options of {@link searchAll}: the time zone, a signal, and settings (`timeout`, `maxRetries`, …) of each page's call. */
export interface SearchAllOptions extends CallSettings {
  /** Time zone for this search only, overriding the client's. */
  readonly timezone?: string | undefined;
  /** Ends the iteration at once, with `RequestAbortedError`, whichever page it is waiting for. */
  readonly signal?: AbortSignal | undefined;
}

const SEARCH_ALL_OPTIONS: OptionNames<SearchAllOptions> = {
  ...CALL_SETTINGS,
  timezone: "optional",
  signal: "optional",
};

/**
 * Iterates every record of `objectSid` matching `search`, paging with `start`/`count` until a
 * short page. A function rather than a client method, so a bundle that never pages leaves it out.
 *
 * @example
 * ```ts
 * import { createStackerClient, searchAll } from "@keyway/stacker";
 *
 * const stacker = createStackerClient({ integrationKey, accountId, stackId });
 * for await (const order of searchAll(stacker, "object.custom.orders", { order_by: "-orders__order_date" })) {
 *   console.log(order._sid);
 * }
 * // Each page's call with 10 s an attempt and no retry:
 * for await (const order of searchAll(stacker, "object.custom.orders", {}, { timeout: 10_000, maxRetries: 0 })) {
 *   console.log(order._sid);
 * }
 * ```
 */
export function searchAll(
  stacker: StackerClient,
  objectSid: string,
  search: SearchRequest = {},
  options: SearchAllOptions = {},
): PageIterator<StackerRecord> {
  checkOptions("searchAll", options, SEARCH_ALL_OPTIONS);
  // Checked above: what is left beside the time zone and the signal is each page's call settings.
  const { timezone, signal, ...settings } = options;
  checkTimeZone(timezone, "searchAll");
  // An empty time zone is refused as the client's is, rather than dropped for the client's own.
  const header = timezone == null ? undefined : { "X-Timezone": timezone };
  // paginate hands this init, with each page's start and count, to every page's call.
  const init = { body: search, ...(signal ? { signal } : {}), ...settings };
  return paginate<StackerRecord, typeof init>(
    searchPagination,
    (page) => stacker.POST(SEARCH, { ...page, params: { path: { object_sid: objectSid }, header } }),
    init,
  );
}
