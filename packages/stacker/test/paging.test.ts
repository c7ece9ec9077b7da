import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  KeywayError,
  NotFoundError,
  RequestAbortedError,
  searchAll,
  type StackerRecord,
} from "../src/index.js";
import { stackerAgainst } from "./setup.js";

const TOTAL = 2345;
const ALL = Array.from({ length: TOTAL }, (_, i) => ({ _sid: `rec${String(i).padStart(16, "0")}`, orders__number: i }));

/** A search endpoint over ALL that honors start/count like the real API (count defaults to 1000). */
function serveSearch(wrap: (records: unknown[]) => unknown = (records) => ({ records })) {
  return stackerAgainst((req, res) => {
    const { start = 0, count = 1000 } = req.json<{ start?: number; count?: number }>();
    sendJson(res, 200, wrap(ALL.slice(start, start + count)));
  });
}

describe("searchAll pages with start/count", () => {
  it("2,345 records served 1000 to a page arrive in order, each exactly once, in 3 requests", async () => {
    const { stacker, server } = await serveSearch();
    const seen: StackerRecord[] = [];
    for await (const record of searchAll(stacker, "object.custom.orders", {
      filters: [{ target: "orders__status", operation: "isnotempty" }],
    })) {
      seen.push(record);
    }
    expect(seen.map((r) => r._sid)).toEqual(ALL.map((r) => r._sid));
    expect(new Set(seen.map((r) => r._sid)).size).toBe(TOTAL);
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((r) => r.json())).toEqual(
      [0, 1000, 2000].map((start) => ({
        filters: [{ target: "orders__status", operation: "isnotempty" }],
        start,
        count: 1000,
      })),
    );
  });

  it("uses the caller's page size and starting offset", async () => {
    const { stacker, server } = await serveSearch();
    let n = 0;
    for await (const _ of searchAll(stacker, "object.custom.orders", { start: 2000, count: 200 })) n++;
    expect(n).toBe(TOTAL - 2000);
    expect(server.requests.map((r) => r.json<{ start: number }>().start)).toEqual([2000, 2200]);
  });

  it("accepts a bare-array page (the envelope is undocumented)", async () => {
    const { stacker, server } = await serveSearch((records) => records);
    let n = 0;
    for await (const _ of searchAll(stacker, "object.custom.orders")) n++;
    expect(n).toBe(TOTAL);
    expect(server.requests).toHaveLength(3);
  });

  it("stops after one empty page", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, { records: [] }));
    const seen = [];
    for await (const record of searchAll(stacker, "object.custom.orders")) seen.push(record);
    expect(seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("stops early without fetching more when the caller breaks", async () => {
    const { stacker, server } = await serveSearch();
    for await (const record of searchAll(stacker, "object.custom.orders")) if (record._sid) break;
    expect(server.requests).toHaveLength(1);
  });

  it("next() called 2,346 times without awaiting still hands out each record once, in order, in 3 requests", async () => {
    const { stacker, server } = await serveSearch();
    const records = searchAll(stacker, "object.custom.orders");
    const results = await Promise.all(Array.from({ length: TOTAL + 1 }, () => records.next()));
    expect(results.slice(0, TOTAL).map((r) => (r.done ? "done" : r.value._sid))).toEqual(ALL.map((r) => r._sid));
    expect(results[TOTAL]).toEqual({ value: undefined, done: true });
    expect(server.requests).toHaveLength(3);
  });

  it("return() ends the iteration: later next() calls are done and fetch nothing", async () => {
    const { stacker, server } = await serveSearch();
    const records = searchAll(stacker, "object.custom.orders");
    expect((await records.next()).done).toBe(false);
    expect(await records.return()).toEqual({ value: undefined, done: true });
    expect(await records.next()).toEqual({ value: undefined, done: true });
    expect(server.requests).toHaveLength(1);
  });

  it("return() while a page is on its way: the waiting next() gets its record, and no other page is fetched", async () => {
    const { stacker, server } = await serveSearch();
    const records = searchAll(stacker, "object.custom.orders");
    const first = records.next();
    const ended = records.return();
    expect(await first).toEqual({ value: ALL[0], done: false });
    expect(await ended).toEqual({ value: undefined, done: true });
    expect(await records.next()).toEqual({ value: undefined, done: true });
    expect(server.requests).toHaveLength(1);
  });

  it("after a failed page, next() is done and fetches nothing", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 404, { detail: "Object not found." }));
    const records = searchAll(stacker, "object.custom.orders");
    await expect(records.next()).rejects.toThrow(NotFoundError);
    expect(await records.next()).toEqual({ value: undefined, done: true });
    expect(server.requests).toHaveLength(1);
  });

  it("throws the typed error of a failed page, with the records before it already delivered", async () => {
    const { stacker } = await stackerAgainst((req, res) => {
      const { start = 0 } = req.json<{ start?: number }>();
      if (start >= 1000) return sendJson(res, 404, { detail: "Object not found." });
      sendJson(res, 200, { records: ALL.slice(start, start + 1000) });
    });
    let n = 0;
    const failure = (async () => {
      for await (const _ of searchAll(stacker, "object.custom.orders")) n++;
    })();
    await expect(failure).rejects.toThrow(NotFoundError);
    expect(n).toBe(1000);
  });

  it("an abort while a page's records are handed out ends the iteration at once, with the next call's RequestAbortedError", async () => {
    for (const start of [0, TOTAL - 700]) {
      const { stacker, server } = await serveSearch();
      const controller = new AbortController();
      const records = searchAll(stacker, "object.custom.orders", { start }, { signal: controller.signal });
      expect((await records.next()).done).toBe(false);
      controller.abort();
      const error = await records.next().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestAbortedError);
      expect((error as Error).message).toBe(
        `POST ${server.url}/api/external/objects/object.custom.orders/search/ was aborted by the caller`,
      );
      expect(await records.next()).toEqual({ value: undefined, done: true });
      expect(server.requests).toHaveLength(1);
    }
  });

  it("refuses a misspelled option naming the one meant, before any page is asked for", async () => {
    const { stacker, server } = await serveSearch();
    expect(() => searchAll(stacker, "object.custom.orders", {}, { signl: AbortSignal.abort() } as never)).toThrow(
      new ConfigurationError('searchAll has no option "signl": did you mean "signal"?'),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("sends the per-search time zone", async () => {
    const { stacker, server } = await serveSearch();
    for await (const _ of searchAll(stacker, "object.custom.orders", { count: 5000 }, { timezone: "Asia/Tokyo" }))
      break;
    expect(server.requests[0]!.headers["x-timezone"]).toBe("Asia/Tokyo");
  });

  it("refuses a search that is no object (its text, say) rather than page through every record, asking for nothing", async () => {
    const { stacker, server } = await serveSearch();
    for (const search of ["acme", 42, [{ field: "name" }]]) {
      const error = await searchAll(stacker, "object.custom.orders", search as never)
        .next()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(
        /^The list's request body is (a string|a number|an array), not an object of its parameters; no page was asked for$/,
      );
    }
    expect(server.requests).toHaveLength(0);
  });

  it("refuses an empty per-search time zone instead of sending the client's, before any page is asked for", async () => {
    const { stacker, server } = await serveSearch();
    const error = await searchAll(stacker, "object.custom.orders", {}, { timezone: "" })
      .next()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeywayError);
    expect((error as Error).message).toMatch(/X-Timezone.*empty/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("searchAll(…).pages() pages a page at a time", () => {
  it("2,345 records arrive as pages of 1000, 1000 and 345, in order, in 3 requests", async () => {
    const { stacker, server } = await serveSearch();
    const pages: StackerRecord[][] = [];
    for await (const page of searchAll(stacker, "object.custom.orders").pages()) pages.push([...page]);
    expect(pages.map((page) => page.length)).toEqual([1000, 1000, 345]);
    expect(pages.flat().map((r) => r._sid)).toEqual(ALL.map((r) => r._sid));
    expect(server.requests.map((r) => r.json<{ start: number }>().start)).toEqual([0, 1000, 2000]);
  });

  it("hands out no empty page: a list that ends on a full page ends without one", async () => {
    const { stacker, server } = await serveSearch();
    const pages: number[] = [];
    for await (const page of searchAll(stacker, "object.custom.orders", { start: 1345 }).pages())
      pages.push(page.length);
    expect(pages).toEqual([1000]);
    expect(server.requests.map((r) => r.json<{ start: number }>().start)).toEqual([1345, 2345]);
  });

  it("stops fetching when the caller breaks", async () => {
    const { stacker, server } = await serveSearch();
    for await (const page of searchAll(stacker, "object.custom.orders").pages()) if (page.length) break;
    expect(server.requests).toHaveLength(1);
  });

  it("throws the typed error of a failed page", async () => {
    const { stacker } = await stackerAgainst((_, res) => sendJson(res, 404, { detail: "Object not found." }));
    const reading = (async () => {
      for await (const _ of searchAll(stacker, "object.custom.orders").pages());
    })();
    await expect(reading).rejects.toThrow(NotFoundError);
  });

  it("is refused once an item was read, and items are refused once pages() was called, with what to do instead", async () => {
    const { stacker, server } = await serveSearch();
    const byItem = searchAll(stacker, "object.custom.orders");
    await byItem.next();
    expect(() => byItem.pages()).toThrow(KeywayError);
    expect(() => byItem.pages()).toThrow("pages() was called after the list's first item was read");

    const byPage = searchAll(stacker, "object.custom.orders");
    const pages = byPage.pages();
    await expect(byPage.next()).rejects.toThrow("The list is being read by pages(): iterate those");
    expect(() => byPage.pages()).toThrow(
      new KeywayError("pages() was called twice: iterate the pages its first call gave"),
    );
    expect((await pages.next()).value).toHaveLength(1000);
    expect(server.requests).toHaveLength(2);
  });
});
