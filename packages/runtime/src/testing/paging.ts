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
): unknown {
  const position = source?.[pagination.style === "offset" ? pagination.offset : pagination.cursor];
  const start = pagination.style === "offset" ? Number(position ?? 0) : cursorIndex(items, position);
  const limit = Number(source?.[pagination.limit] ?? pagination.pageSize ?? items.length);
  const page = items.slice(start, start + limit);
  if (Array.isArray(template)) return page;
  const body = { ...(template as Record<string, unknown>), [pagination.items]: page };
  if (pagination.style === "cursor")
    setPath(body, pagination.nextCursor, start + limit < items.length ? cursorOf(items, start + limit) : null);
  return body;
}

/**
 * A cursor names the first item of the next page: its `id` when items have one (as Stack Auth's
 * cursors do, so they pass a `format: uuid` check), else its index.
 */
function cursorOf(items: readonly unknown[], index: number): string {
  const id = (items[index] as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : String(index);
}

function cursorIndex(items: readonly unknown[], cursor: unknown): number {
  if (cursor === undefined || cursor === null) return 0;
  const byId = items.findIndex((item) => (item as { id?: unknown } | undefined)?.id === cursor);
  return byId >= 0 ? byId : Number(cursor) || 0;
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
