import type { PaginationMeta } from "../meta.js";

/**
 * The page of `items` that a request asks for (its offset or cursor, and limit, read from
 * `source`: the query or the body), in the shape of the operation's example response
 * `template`: a bare array, or the template with its items property and next cursor replaced.
 */
export function pageOf(
  items: readonly unknown[],
  pagination: PaginationMeta,
  source: Record<string, unknown> | undefined,
  template: unknown,
  numericCursor = false,
): unknown {
  const position = source?.[pagination.style === "offset" ? pagination.offset : pagination.cursor];
  const ids = numericCursor ? undefined : uniqueIds(items);
  const start = pagination.style === "offset" ? Number(position ?? 0) : cursorIndex(ids, position);
  const limit = Number(source?.[pagination.limit] ?? pagination.pageSize ?? items.length);
  const page = items.slice(start, start + limit);
  if (Array.isArray(template)) return page;
  const body = { ...(template as Record<string, unknown>), [pagination.items]: page };
  countsOf(body, (template as Record<string, unknown>)[pagination.items], page.length, items.length);
  if (pagination.style === "cursor") {
    const next = start + limit;
    setPath(
      body,
      pagination.nextCursor,
      next >= items.length ? null : numericCursor ? next : (ids?.[next] ?? String(next)),
    );
  }
  return body;
}

/** A page's field named as the count of every item (`total`, `totalCount`, `total_results`…). */
const TOTAL = /^total(?:_?(?:count|items|results|records))?$/i;

/**
 * Sets the counts a page copied from its example to the page's own: an integer field named as a total to the number of
 * items, and one that equals the example's number of items (`count: 2` beside two records) to the page's. Code that
 * reads them would otherwise see the example's figures on every page.
 */
function countsOf(body: Record<string, unknown>, exampleItems: unknown, pageLength: number, itemCount: number): void {
  const exampleLength = Array.isArray(exampleItems) ? exampleItems.length : undefined;
  for (const [key, value] of Object.entries(body)) {
    if (!Number.isInteger(value)) continue;
    if (TOTAL.test(key)) body[key] = itemCount;
    else if (value === exampleLength) body[key] = pageLength;
  }
}

/**
 * The ids that name the items as cursors: a cursor names the first item of the next page by its `id` when every item
 * has a string one of its own (as Stack Auth's cursors do, so they pass a `format: uuid` check), else by its index
 * (a number where the spec types the cursor so, else its digits): an id two items share would name the first again.
 */
function uniqueIds(items: readonly unknown[]): readonly string[] | undefined {
  const ids = items.map((item) => (item as { id?: unknown } | null | undefined)?.id);
  const strings = ids.filter((id): id is string => typeof id === "string");
  return strings.length === ids.length && new Set(strings).size === ids.length ? strings : undefined;
}

function cursorIndex(ids: readonly string[] | undefined, cursor: unknown): number {
  if (cursor === undefined || cursor === null) return 0;
  const byId = ids?.indexOf(cursor as string) ?? -1;
  return byId >= 0 ? byId : Number(cursor) || 0;
}

/**
 * Whether a page of `template` (an object) has fewer failures of its schema (`failures`) with a number as its next
 * cursor than with text: the spec types the cursor as a number (`next: integer`).
 */
export function cursorIsNumber(
  template: unknown,
  pagination: PaginationMeta,
  failures: (page: unknown) => readonly unknown[],
): boolean {
  if (pagination.style !== "cursor" || typeof template !== "object" || template === null || Array.isArray(template))
    return false;
  const withCursor = (cursor: unknown) => {
    const page = { ...(template as Record<string, unknown>) };
    setPath(page, pagination.nextCursor, cursor);
    return failures(page).length;
  };
  return withCursor(1) < withCursor("c");
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = node[key] = typeof next === "object" && next !== null ? { ...(next as Record<string, unknown>) } : {};
  }
  node[keys.at(-1)!] = value;
}
