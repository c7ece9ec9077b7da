import { ConfigurationError, KeywayError } from "./keyway-errors.js";
import { kindOf, shownExcerpt, shownSetting } from "./internal/shown.js";
import { PaginationLoopError } from "./errors.js";
import type { PaginationMeta } from "./meta.js";
import { redactorOf, requestOf, toApiError, type FetchResult } from "./result.js";
import { RequestAbortedError } from "./transport-errors.js";
import { PAGE_CALL } from "./internal/request.js";
import type { CallSettings } from "./transport.js";

/**
 * The parts of an openapi-fetch request that paging reads and rewrites: the query or the body
 * carries the page size and the offset or cursor. Any object will do (an interface such as a
 * generated query type included); paging only reads the keys the pagination metadata names. A call's
 * {@link CallSettings} (`timeout`, `maxRetries`, …) given here reach every page's call.
 */
export interface PageInit extends CallSettings {
  readonly params?: { readonly query?: object; readonly [key: string]: unknown };
  readonly body?: unknown;
  /** Ends the iteration at once, with the `RequestAbortedError` of its next page's call, items already fetched or not. */
  readonly signal?: AbortSignal | null | undefined;
}

/**
 * Sends one page request. It receives the `init` given to {@link paginate} (typed as given, so
 * it can be passed to an openapi-fetch call as it is) with the page's parameters added. As with
 * any inferred type, an inline string in that `init` widens to `string`: write `"desc" as const`
 * where the operation takes only certain values.
 */
export type PageFetcher<Init extends PageInit = PageInit> = (init: Init) => Promise<FetchResult>;

/**
 * The items of a paged list, fetched page by page as the loop asks for them. Use it with
 * `for await`; leaving the loop early stops fetching pages.
 */
export interface PageIterator<Item> extends AsyncIterableIterator<Item, void, undefined> {
  next(): Promise<IteratorResult<Item, void>>;
  /** Stops the iteration: no further page is fetched. */
  return(): Promise<IteratorResult<Item, void>>;
  [Symbol.asyncIterator](): PageIterator<Item>;
  /**
   * The same list a page at a time, instead of item by item: each value is the items of one page
   * (never an empty one). Call it before reading the first item; the item iterator then has nothing
   * more to give. Looping over pages costs no promise per item, which counts over long lists.
   *
   * @example
   * ```ts
   * for await (const page of paginate<{ id: string }>(pagination, (init) => client.GET("/orders", init)).pages()) {
   *   await saveOrders(page);
   * }
   * ```
   */
  pages(): AsyncIterableIterator<readonly Item[], void, undefined>;
}

/**
 * Iterates every item of a paged list operation, page after page, following the
 * operation's `x-keyway-pagination` metadata (offset or cursor, in the body or
 * the query). Stops on a short or empty page (offset), or on a null or empty cursor or an empty page (cursor, as
 * Stainless's SDKs do), and throws the typed error of any failed page, or a `KeywayError` for a page without its items or a cursor that is
 * neither a string nor a number. Offset paging needs a page size (the request's, or the spec's default) and takes a
 * page size and start that are whole numbers (from 1 and from 0): without one, or with any other, it throws a
 * `KeywayError` naming it before the first page is asked for. A server that sends it round in a
 * loop (a cursor already seen, or full offset pages that come round again, however many make the round; a page whose
 * items are all the same, which a list may well repeat, only after a hundred of them in a row) ends the iteration with
 * a {@link PaginationLoopError} instead of looping forever.
 *
 * @example
 * ```ts
 * const pagination = apiMeta.operations["GET /orders"].pagination!;
 * for await (const order of paginate<{ id: string }>(pagination, (init) => client.GET("/orders", init), { params: { query: { limit: 100 } } })) {
 *   console.log(order.id);
 * }
 * ```
 */
export function paginate<Item, Init extends PageInit = {}>(
  pagination: PaginationMeta,
  fetchPage: PageFetcher<Init>,
  init?: Init,
): PageIterator<Item> {
  // The page parameters are added to what the caller passed, of the keys its init type may already name.
  const progress: PagingProgress = { lastPage: undefined };
  const signal = init?.signal ?? undefined;
  const aborted = signal && (() => (signal.aborted ? abortedBetweenPages(signal, progress.lastPage) : undefined));
  return itemsOfPages(pages<Item>(pagination, fetchPage as PageFetcher, init ?? {}, progress), aborted);
}

/** The response of the last page fetched, which names the list's call. */
interface PagingProgress {
  lastPage: Response | undefined;
}

/** The error of a list whose caller aborted while it handed out a page already fetched: its next call's, unsent. */
function abortedBetweenPages(signal: AbortSignal, lastPage: Response | undefined): RequestAbortedError {
  const request = lastPage && requestOf(lastPage);
  return new RequestAbortedError({
    method: request?.method ?? "request",
    url: request?.url ?? "(the next page)",
    cause: signal.reason,
  });
}

async function* pages<Item>(
  pagination: PaginationMeta,
  fetchPage: PageFetcher,
  init: PageInit,
  progress: PagingProgress,
): AsyncGenerator<readonly Item[], void, undefined> {
  const given = pagingParameters(pagination, init);
  const offset = pagination.style === "offset";
  const pageSize = offset
    ? wholeNumberOr(given, pagination.limit, 1, pagination.pageSize)
    : numberOr(given[pagination.limit], pagination.pageSize);
  let position: unknown = offset ? wholeNumberOr(given, pagination.offset, 0, 0) : given[pagination.cursor];
  // A page shorter than the size asked for ends the list: without one, no page can tell.
  if (offset && pageSize === undefined)
    throw new KeywayError(
      `Offset paging needs a page size: set "${pagination.limit}" in the request; no page was asked for`,
    );
  const seenCursors = new Set<unknown>();
  // Offset pages that come round again are found as Brent's cycle detection finds them: each page is compared with one
  // remembered page, which becomes the newest after 1, 2, 4, … pages, so a round of any length is found within about
  // two rounds, remembering a single page.
  let remembered: readonly Item[] | undefined;
  let sinceRemembered = 0;
  let span = 1;
  let uniformRepeats = 0;
  const pageInit = pageInits(pagination, init, given);

  for (;;) {
    const pageParameters: Record<string, unknown> = {};
    if (pageSize !== undefined) pageParameters[pagination.limit] = pageSize;
    if (position !== undefined) pageParameters[offset ? pagination.offset : pagination.cursor] = position;

    const result = await fetchPage(pageInit(pageParameters));
    if (result.error !== undefined || !result.response.ok) throw toApiError(result);
    progress.lastPage = result.response;
    const items = itemsOf<Item>(result, pagination.items);
    // An empty page ends the list, whatever cursor it gives; it is not handed out.
    if (items.length === 0) return;
    if (offset && remembered !== undefined && samePage(remembered, items)) {
      // A page of one item over and over (a search that returns only a status, no ids) comes again in a list that moves
      // on: only a run of such pages longer than any list of them is a loop.
      if (!isUniform(items) || ++uniformRepeats > MAX_UNIFORM_REPEATS)
        throw new PaginationLoopError(
          `The page at offset ${String(position)} is identical to one before it: the server seems to ignore "${pagination.offset}"; stopping to avoid a loop`,
        );
    } else uniformRepeats = 0;
    yield items;

    if (offset) {
      if (items.length < pageSize!) return;
      if (++sinceRemembered === span) {
        remembered = items;
        sinceRemembered = 0;
        span *= 2;
      }
      position = (position as number) + items.length;
    } else {
      const next = valueAtPath(result.data, pagination.nextCursor);
      // An empty cursor ends the list as null does (Slack's `next_cursor: ""`, Stainless's pages).
      if (next === null || next === undefined || next === "") return;
      if (typeof next !== "string" && typeof next !== "number") {
        throw new KeywayError(
          `The server's next cursor (its "${pagination.nextCursor}") is ${describe(next, result.response)}, not a string: stopping rather than sending it`,
        );
      }
      // JSON.parse rounds a whole number beyond 2^53: sent back, it would name a page the server never pointed to.
      if (typeof next === "number" && Number.isInteger(next) && !Number.isSafeInteger(next)) {
        throw new KeywayError(
          `The server's next cursor (its "${pagination.nextCursor}") is a whole number beyond 2^53, which reading the JSON may have rounded: stopping rather than sending another`,
        );
      }
      if (position !== undefined) seenCursors.add(cursorKey(position));
      if (seenCursors.has(cursorKey(next))) {
        throw new PaginationLoopError(
          `The server's next cursor (its "${pagination.nextCursor}") is one already seen in this iteration; stopping to avoid a loop`,
        );
      }
      position = next;
    }
  }
}

/**
 * Hands out the items of each page. An async generator would spend several promise
 * steps on every `yield`, which over 100,000 items costs more than fetching the pages;
 * here an item already in hand costs one resolved promise. Calls that arrive while a
 * page is being fetched wait for it, in order.
 */
function itemsOfPages<Item>(
  pageSource: AsyncGenerator<readonly Item[], void, undefined>,
  aborted: (() => Error | undefined) | undefined,
): PageIterator<Item> {
  let items: readonly Item[] = [];
  let index = 0;
  let ended = false;
  let loading: Promise<IteratorResult<Item, void>> | undefined;
  /** Which way the list is being read, once it is: item by item, or by `pages()`. */
  let readBy: "items" | "pages" | undefined;

  async function loadPage(): Promise<IteratorResult<Item, void>> {
    // The page handed out is let go before the next one is fetched and parsed, as a hand-written loop does.
    items = [];
    const page = await pageSource.next();
    index = 0;
    if (page.done) {
      ended = true;
      return { value: undefined, done: true };
    }
    items = page.value;
    return { value: items[index++]!, done: false };
  }

  const iterator: PageIterator<Item> = {
    next() {
      if (readBy !== "items") {
        if (readBy === "pages")
          return Promise.reject(new KeywayError("The list is being read by pages(): iterate those"));
        readBy = "items";
      }
      if (loading !== undefined) return loading.then(() => iterator.next());
      // Items of a page in hand are not handed out once the caller has aborted, nor is the end of the list.
      const abort = !ended && aborted?.();
      if (abort) {
        items = [];
        ended = true;
        void pageSource.return();
        return Promise.reject(abort);
      }
      if (index < items.length) return Promise.resolve({ value: items[index++]!, done: false });
      const current = (loading = loadPage());
      const settled = () => {
        if (loading === current) loading = undefined;
      };
      current.then(settled, settled);
      return current;
    },
    async return() {
      // Waits for a page already on its way (it answers the call that asked for it), then hands out nothing more.
      await pageSource.return();
      items = [];
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
    pages() {
      if (readBy === "pages") throw new KeywayError("pages() was called twice: iterate the pages its first call gave");
      if (readBy !== undefined) throw new KeywayError("pages() was called after the list's first item was read");
      readBy = "pages";
      return pageSource;
    },
  };
  return iterator;
}

function pagingParameters(pagination: PaginationMeta, init: PageInit): Record<string, unknown> {
  const source = pagination.in === "body" ? init.body : init.params?.query;
  if (source == null) return {};
  // Anything else would page through the whole list unfiltered: a search given as its text, say.
  if (typeof source !== "object" || Array.isArray(source))
    throw new ConfigurationError(
      `The list's ${pagination.in === "body" ? "request body" : "query (params.query)"} is ${kindOf(source)}, not an object of its parameters; no page was asked for`,
    );
  return source as Record<string, unknown>;
}

/**
 * Makes each page's init: the caller's `init`, marked as a page's call, with the page's parameters over the paging
 * parameters it gave (`given`, in the query or the body). What does not change from page to page is copied once.
 */
function pageInits(
  pagination: PaginationMeta,
  init: PageInit,
  given: Record<string, unknown>,
): (page: Record<string, unknown>) => PageInit {
  const paged = { ...init, [PAGE_CALL]: true };
  if (pagination.in === "body") return (page) => ({ ...paged, body: { ...given, ...page } });
  const { params } = init;
  return (page) => ({ ...paged, params: { ...params, query: { ...given, ...page } } });
}

/**
 * How many offset pages in a row may repeat a page whose items are all the same before paging stops as a loop: a
 * hundred pages of a search that returns one field of identical records pass, a server that ignores the offset does not
 * page for ever.
 */
const MAX_UNIFORM_REPEATS = 100;

/** Whether every item of a page is the same value (as JSON): pages of such items repeat in a list that moves on. */
function isUniform(items: readonly unknown[]): boolean {
  const first = comparable(items[0]);
  return items.every((item) => comparable(item) === first);
}

/** Pages are compared only when their first items already match, so a normal page costs two small serializations. */
function samePage(previous: readonly unknown[], current: readonly unknown[]): boolean {
  if (previous.length !== current.length || comparable(previous[0]) !== comparable(current[0])) return false;
  return comparable(previous) === comparable(current);
}

/** A cursor as the request writes it, so that `7` and `"7"` are one cursor; a caller's object cursor as its JSON. */
function cursorKey(cursor: unknown): unknown {
  return cursor !== null && typeof cursor === "object" ? comparable(cursor) : String(cursor);
}

/** A page's value as JSON text, to tell whether paging goes round; one nested too deep for that is a page refused. */
function comparable(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    throw new KeywayError("A page or its cursor is nested too deep to compare with the pages before it");
  }
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === "number" ? value : fallback;
}

/**
 * The caller's `name` (an offset page's size or start), or `fallback` when not given; refused unless a whole number of
 * at least `least`, since offset paging ends on a page shorter than asked for and goes on from where the last one
 * ended: a size of 2.5 would end the list after its first page, and 0 or `NaN` never.
 */
function wholeNumberOr<Fallback extends number | undefined>(
  given: Record<string, unknown>,
  name: string,
  least: number,
  fallback: Fallback,
): number | Fallback {
  const value = given[name];
  if (value === undefined) return fallback;
  if (Number.isSafeInteger(value) && (value as number) >= least) return value as number;
  throw new KeywayError(
    `Offset paging needs "${name}" to be a whole number of ${least} or more, got ${shownSetting(value)}; no page was asked for`,
  );
}

function itemsOf<Item>({ data, response }: FetchResult, property: string): readonly Item[] {
  if (Array.isArray(data)) return data as Item[];
  const items = valueAtPath(data, property);
  if (Array.isArray(items)) return items as Item[];
  throw new KeywayError(
    `Expected a page with an array at "${property}" (or a bare array), got ${describe(data, response)}`,
  );
}

function valueAtPath(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** How many of a page's keys, each cut to how many characters, describe what the server sent instead of a page. */
const KEYS_SHOWN = 5;
const KEY_CHARACTERS = 40;

/**
 * What the server sent instead of a page or a cursor, by its kind, or by its first keys when it is an object: each
 * redacted with the redactor of the call that got `response` (a server may echo a credential as a key), cut short and
 * shown on one line. Without that call's redactor (a page fetched without the init `paginate` gave it), only how many
 * keys it has.
 */
function describe(value: unknown, response: Response): string {
  if (value === undefined) return "an empty body"; // openapi-fetch's data for a body it found empty
  if (value === null || typeof value !== "object" || Array.isArray(value)) return kindOf(value);
  const keys = Object.keys(value);
  if (keys.length === 0) return "an object with no keys";
  const redactor = redactorOf(response);
  if (!redactor) return `an object with ${keys.length === 1 ? "1 key" : `${keys.length} keys`}`;
  const quoted = keys.slice(0, KEYS_SHOWN).map((key) => {
    const shown = redactor.redactText(key);
    return shownExcerpt(shown.length > KEY_CHARACTERS ? `${shown.slice(0, KEY_CHARACTERS)}…` : shown, Infinity);
  });
  const more = keys.length - KEYS_SHOWN;
  return `an object with keys ${quoted.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}
