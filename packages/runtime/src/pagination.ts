import { KeywayError } from "@keyway/header-auth";
import type { PaginationMeta } from "./meta.js";
import { toApiError, type FetchResult } from "./result.js";

/** The parts of an openapi-fetch request that paging rewrites. */
export interface PageInit {
  readonly params?: { readonly query?: Record<string, unknown>; readonly [key: string]: unknown };
  readonly body?: unknown;
  readonly [key: string]: unknown;
}

/** Sends one page request; `init` already carries the page's parameters. */
export type PageFetcher = (init: PageInit) => Promise<FetchResult>;

/**
 * The items of a paged list, fetched page by page as the loop asks for them. Use it with
 * `for await`; leaving the loop early stops fetching pages.
 */
export interface PageIterator<Item> extends AsyncIterableIterator<Item, void, undefined> {
  next(): Promise<IteratorResult<Item, void>>;
  /** Stops the iteration: no further page is fetched. */
  return(): Promise<IteratorResult<Item, void>>;
  [Symbol.asyncIterator](): PageIterator<Item>;
}

/**
 * Iterates every item of a paged list operation, page after page, following the
 * operation's `x-keyway-pagination` metadata (offset or cursor, in the body or
 * the query). Stops on a short or empty page (offset) or a null cursor (cursor),
 * and throws the typed error of any failed page.
 *
 * @example
 * ```ts
 * const pagination = apiMeta.operations["GET /users"].pagination!;
 * for await (const user of paginate(pagination, (init) => client.GET("/users", init), { params: { query: { limit: 100 } } })) {
 *   console.log(user.id);
 * }
 * ```
 */
export function paginate<Item>(pagination: PaginationMeta, fetchPage: PageFetcher, init: PageInit = {}): PageIterator<Item> {
  return new ItemIterator(pages<Item>(pagination, fetchPage, init));
}

async function* pages<Item>(pagination: PaginationMeta, fetchPage: PageFetcher, init: PageInit): AsyncGenerator<readonly Item[], void, undefined> {
  const given = pagingParameters(pagination, init);
  const pageSize = numberOr(given[pagination.limit], pagination.pageSize);
  let position: unknown = pagination.style === "offset" ? numberOr(given[pagination.offset], 0) : given[pagination.cursor];

  for (;;) {
    const pageParameters: Record<string, unknown> = {};
    if (pageSize !== undefined) pageParameters[pagination.limit] = pageSize;
    if (position !== undefined) pageParameters[pagination.style === "offset" ? pagination.offset : pagination.cursor] = position;

    const result = await fetchPage(withPagingParameters(pagination, init, pageParameters));
    if (result.error !== undefined || !result.response.ok) throw toApiError(result);
    const items = itemsOf<Item>(result.data, pagination.items);
    yield items;

    if (pagination.style === "offset") {
      if (pageSize === undefined) {
        throw new KeywayError(`Offset paging needs a page size: set "${pagination.limit}" in the request`);
      }
      if (items.length < pageSize) return;
      position = (position as number) + items.length;
    } else {
      const next = valueAtPath(result.data, pagination.nextCursor);
      if (next === null || next === undefined || items.length === 0) return;
      if (next === position) throw new KeywayError(`The server returned the same cursor twice ("${pagination.nextCursor}"); stopping to avoid a loop`);
      position = next;
    }
  }
}

/**
 * Hands out the items of each page. An async generator would spend several promise
 * steps on every `yield`, which over 100,000 items costs more than fetching the pages;
 * here an item already in hand costs one resolved promise.
 */
class ItemIterator<Item> implements PageIterator<Item> {
  readonly #pages: AsyncGenerator<readonly Item[], void, undefined>;
  #items: readonly Item[] = [];
  #index = 0;
  /** The page being fetched; calls that arrive meanwhile wait for it, in order. */
  #loading: Promise<IteratorResult<Item, void>> | undefined;

  constructor(pageSource: AsyncGenerator<readonly Item[], void, undefined>) {
    this.#pages = pageSource;
  }

  next(): Promise<IteratorResult<Item, void>> {
    if (this.#loading) return this.#loading.then(() => this.next());
    if (this.#index < this.#items.length) return Promise.resolve({ value: this.#items[this.#index++]!, done: false });
    const loading = this.#loadPage();
    this.#loading = loading;
    const settled = () => {
      if (this.#loading === loading) this.#loading = undefined;
    };
    loading.then(settled, settled);
    return loading;
  }

  async return(): Promise<IteratorResult<Item, void>> {
    this.#items = [];
    await this.#pages.return();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): PageIterator<Item> {
    return this;
  }

  async #loadPage(): Promise<IteratorResult<Item, void>> {
    for (;;) {
      const page = await this.#pages.next();
      this.#index = 0;
      if (page.done) {
        this.#items = [];
        return { value: undefined, done: true };
      }
      this.#items = page.value;
      if (this.#items.length > 0) return { value: this.#items[this.#index++]!, done: false };
    }
  }
}

function pagingParameters(pagination: PaginationMeta, init: PageInit): Record<string, unknown> {
  const source = pagination.in === "body" ? init.body : init.params?.query;
  return source !== null && typeof source === "object" ? (source as Record<string, unknown>) : {};
}

function withPagingParameters(pagination: PaginationMeta, init: PageInit, page: Record<string, unknown>): PageInit {
  if (pagination.in === "body") {
    return { ...init, body: { ...pagingParameters(pagination, init), ...page } };
  }
  return { ...init, params: { ...init.params, query: { ...init.params?.query, ...page } } };
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === "number" ? value : fallback;
}

function itemsOf<Item>(data: unknown, property: string): readonly Item[] {
  if (Array.isArray(data)) return data as Item[];
  const items = valueAtPath(data, property);
  if (Array.isArray(items)) return items as Item[];
  throw new KeywayError(`Expected a page with an array at "${property}" (or a bare array), got ${describe(data)}`);
}

function valueAtPath(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `an object with keys ${Object.keys(value).slice(0, 5).join(", ") || "(none)"}`;
  return typeof value;
}
