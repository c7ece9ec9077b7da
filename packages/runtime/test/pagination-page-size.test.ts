import { describe, expect, it } from "vitest";
import { KeywayError, paginate, type FetchResult, type PageInit, type PaginationMeta } from "../src/index.js";

/** Offset paging of an API whose spec gives the page-size parameter no default. */
const NO_DEFAULT_SIZE: PaginationMeta = {
  style: "offset",
  in: "query",
  offset: "offset",
  limit: "limit",
  items: "items",
};

/** A page fetcher whose every page is `items`, recording what each page was asked with. */
function pagesOf(items: unknown[]) {
  const asked: PageInit[] = [];
  const fetchPage = async (init: PageInit): Promise<FetchResult> => {
    asked.push(init);
    return { data: { items }, response: new Response(JSON.stringify({ items })) };
  };
  return { asked, fetchPage };
}

describe("offset paging without a page size (neither sent nor the spec's default)", () => {
  it.each([
    ["a short page", [{ id: "a" }]],
    ["an empty page", []],
  ])("is refused before the first page is asked for, whatever the pages (%s)", async (_name, items) => {
    const { asked, fetchPage } = pagesOf(items);
    const error = await paginate(NO_DEFAULT_SIZE, fetchPage, { params: { query: {} } })
      .next()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeywayError);
    expect(String(error)).toBe(
      'KeywayError: Offset paging needs a page size: set "limit" in the request; no page was asked for',
    );
    expect(asked).toEqual([]);
  });

  it("pages once the caller sets one", async () => {
    const { asked, fetchPage } = pagesOf([{ id: "a" }]);
    const seen: unknown[] = [];
    for await (const item of paginate(NO_DEFAULT_SIZE, fetchPage, { params: { query: { limit: 2 } } })) seen.push(item);
    expect(seen).toEqual([{ id: "a" }]);
    expect(asked.map((init) => init.params)).toEqual([{ query: { limit: 2, offset: 0 } }]);
  });
});

describe("a page without its items, fetched without the init paginate gave", () => {
  it("is described by how many keys it has, none quoted: without the call's redactor a key could be a credential", async () => {
    const page = { ik_live_echoed: [], total: 0 };
    const fetchPage = async (): Promise<FetchResult> => ({ data: page, response: new Response(JSON.stringify(page)) });
    const error = await paginate(NO_DEFAULT_SIZE, fetchPage, { params: { query: { limit: 2 } } })
      .next()
      .catch((e: unknown) => e);
    expect(String(error)).toBe(
      'KeywayError: Expected a page with an array at "items" (or a bare array), got an object with 2 keys',
    );
  });
});
