import { sendJson } from "@keyway/test-server";
import { listAllUsers } from "@keyway/stack-auth";
import { createStackerClient, KeywayError, PaginationLoopError, searchAll } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_ID,
  drain,
  INTEGRATION_KEY,
  SECRET_SERVER_KEY,
  server,
  shown,
  STACK_ID,
  stackAuthServerAt,
  stackerAt,
} from "./network.js";
import { escapedJson, expectShownSafely } from "./shown-text.js";

/** Every order of a Stacker at `baseUrl`, three records a page. */
function searchOrdersAt(baseUrl: string) {
  const stacker = createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl,
  });
  return searchAll(stacker, "object.custom.orders", { count: 3 });
}

describe("paging never loops", () => {
  it("a server that ignores start (the same full page again): PaginationLoopError after the first page", async () => {
    const page = Array.from({ length: 3 }, (_, i) => ({ _sid: `rec${i}` }));
    const api = await server((_req, res) => sendJson(res, 200, { records: page }));
    const { seen, error } = await drain(searchOrdersAt(api.url));
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(String(error)).toContain('"start"');
    expect(seen).toEqual(page);
    expect(api.requests.map((r) => r.json<{ start?: number }>().start)).toEqual([0, 3]);
  });

  it("a server whose full pages come round again, however many make the round: PaginationLoopError after a few rounds (property)", async () => {
    let round = 1;
    let lead = 0;
    const api = await server((req, res) => {
      const { start = 0 } = req.json<{ start?: number }>();
      // The pages before the round are pages of their own; then the server goes round `round` pages for ever.
      const page = start / 3 < lead ? `lead${start / 3}` : `round${(start / 3 - lead) % round}`;
      sendJson(res, 200, { records: [0, 1, 2].map((i) => ({ _sid: `${page}-${i}` })) });
    });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.nat(5), async (drawnRound, drawnLead) => {
        [round, lead] = [drawnRound, drawnLead];
        api.requests.length = 0;
        const { error } = await drain(searchOrdersAt(api.url));
        expect(error).toBeInstanceOf(PaginationLoopError);
        expect(String(error)).toMatch(/^PaginationLoopError: The page at offset \d+ is identical to one before it/);
        // Brent's detection: the remembered page moves after 1, 2, 4, … pages, so it stops within about two rounds once
        // a remembered page is in the round.
        expect(api.requests.length).toBeLessThanOrEqual(2 * Math.max(lead + 2, round) + round);
      }),
      { numRuns: 40 },
    );
  });

  it("full pages of one record over and over (a search whose fields leave out the ids) page to the end", async () => {
    const api = await server((req, res) => {
      const { start = 0 } = req.json<{ start?: number }>();
      const left = Math.max(0, 50 - start); // 50 records, all alike: a projection to a status every record shares
      sendJson(res, 200, { records: Array.from({ length: Math.min(3, left) }, () => ({ orders__status: "shipped" })) });
    });
    const { seen, error } = await drain(searchOrdersAt(api.url));
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(50);
  });

  it("a server that ignores start with a page of one record over and over: PaginationLoopError after 100 repeats", async () => {
    const api = await server((_req, res) => sendJson(res, 200, { records: [{ a: 1 }, { a: 1 }, { a: 1 }] }));
    const { seen, error } = await drain(searchOrdersAt(api.url));
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(api.requests).toHaveLength(102);
    expect(seen).toHaveLength(101 * 3);
  });

  it("full pages that differ keep paging, however alike they look", async () => {
    const api = await server((req, res) => {
      const { start = 0 } = req.json<{ start?: number }>();
      sendJson(res, 200, { records: start >= 6 ? [] : [{ _sid: "same" }, { _sid: "same" }, { _sid: `rec${start}` }] });
    });
    const { seen, error } = await drain(searchOrdersAt(api.url));
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(6);
  });

  it("full pages whose items are nested too deep to compare (JSON.parse takes them): a KeywayError naming it, not a RangeError", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const api = await server((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(`{"records": [${deep}, ${deep}, ${deep}]}`),
    );
    const { seen, error } = await drain(searchOrdersAt(api.url));
    expect(error).toBeInstanceOf(KeywayError);
    expect(String(error)).toBe(
      "KeywayError: A page or its cursor is nested too deep to compare with the pages before it",
    );
    expect(seen).toHaveLength(3);
  });

  it.each([
    ["returns to the first cursor", ["c1", "c2", "c3", "c1"]],
    ["repeats the cursor it was given", ["c1", "c1"]],
    ["cycles back to the start of the list", ["c1", "c2", null]],
  ])("a server that %s: PaginationLoopError, the users before it handed out", async (_name, cursors) => {
    // cursors[n] is the next_cursor answered to the n-th request; null there means "the first page's cursor".
    const api = await server((_req, res) => {
      const n = api.requests.length - 1;
      const next = n < cursors.length ? cursors[n] : null;
      sendJson(res, 200, { items: [{ id: `user${n}` }], pagination: { next_cursor: next === null ? "start" : next } });
    });
    const admin = stackAuthServerAt(api.url);
    const { seen, error } = await drain(listAllUsers(admin, { limit: 1, cursor: "start" }));
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(String(error)).toBe(
      'PaginationLoopError: The server\'s next cursor (its "pagination.next_cursor") is one already seen in this iteration; stopping to avoid a loop',
    );
    expect(api.requests.length).toBeLessThanOrEqual(cursors.length + 1);
    expect(seen.map((u) => u.id)).toEqual(api.requests.map((_, n) => `user${n}`));
  });
});

describe("a page without its items is described without what the server wrote raw", () => {
  it("its keys quoted, each cut short, at most five of them: no line break, no key of any length (property)", async () => {
    let page: Record<string, unknown> = {};
    const api = await server((_req, res) => sendJson(res, 200, page));
    const keys = fc.uniqueArray(
      fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom("\r\nX-Injected: 1", "\u001b[31mred", "\u2028", "k".repeat(10_000)),
        fc.string({ unit: "grapheme", minLength: 30, maxLength: 80 }),
      ),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(keys, async (drawn) => {
        page = Object.fromEntries(drawn.filter((key) => key !== "records").map((key) => [key, 1]));
        fc.pre(Object.keys(page).length > 0);
        const { seen, error } = await drain(searchOrdersAt(api.url));
        expect(seen).toEqual([]);
        expect(error).toBeInstanceOf(KeywayError);
        const message = (error as Error).message;
        expect(message).toMatch(
          /^Expected a page with an array at "records" \(or a bare array\), got an object with keys "/,
        );
        expectShownSafely(message, []); // escaped as every quote of a server's text: no line break, no bidi control

        expect(message.length).toBeLessThan(400);
        const listed = Object.keys(page).slice(0, 5);
        for (const key of listed)
          expect(message).toContain(escapedJson(key.length > 40 ? `${key.slice(0, 40)}…` : key));
        if (Object.keys(page).length > 5)
          expect(message).toMatch(new RegExp(` and ${Object.keys(page).length - 5} more$`));
      }),
      { numRuns: 60 },
    );
  });
});

/** A server that answers its n-th request with the n-th page `play` last gave, as `body` writes it; 500 past them. */
async function scriptedPages<Page extends { readonly status: number }>(body: (page: Page) => unknown) {
  let script: readonly Page[] = [];
  const api = await server((_req, res) => {
    const page = script[api.requests.length - 1];
    if (!page) return sendJson(res, 500, { error: "asked for a page past the script" });
    sendJson(res, page.status, body(page));
  });
  const play = (pages: readonly Page[]) => {
    script = pages;
    api.requests.length = 0;
  };
  return { api, play };
}

/** That an iteration ended as a model says it should, its error (if any) showing no `credential`. */
function expectEnded(error: unknown, ends: "done" | "loop" | "error", credential: string) {
  if (ends === "done") expect(error).toBeUndefined();
  else expect(error).toBeInstanceOf(ends === "loop" ? PaginationLoopError : KeywayError);
  expect(shown(error)).not.toContain(credential);
}

/** A page a hostile server may answer with: its items, and what it says of the next page. */
interface DrawnPage {
  readonly items: unknown;
  readonly nextCursor: unknown;
  readonly status: number;
}

const drawnPage: fc.Arbitrary<DrawnPage> = fc.record({
  items: fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.record({ id: fc.string({ maxLength: 6 }) }), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, "users", 3, { id: "u" }) },
  ),
  nextCursor: fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 4 }) },
    { weight: 2, arbitrary: fc.constantFrom(null, undefined, "", "c1") },
    { weight: 1, arbitrary: fc.constantFrom(7, true, { next: "c2" }, ["c3"], INTEGRATION_KEY) },
  ),
  status: fc.constantFrom(200, 200, 200, 200, 200, 200, 404, 500),
});

describe("cursor pages drawn at random", () => {
  it("hand out every item of each valid page once, in order, then end, stop at a loop, or fail typed, asking for each cursor the server gave", async () => {
    const { api, play } = await scriptedPages((page: DrawnPage) => ({
      items: page.items,
      pagination: { next_cursor: page.nextCursor },
    }));
    const admin = stackAuthServerAt(api.url);
    await fc.assert(
      fc.asyncProperty(fc.array(drawnPage, { minLength: 1, maxLength: 6 }), async (pages) => {
        play(pages);
        const { seen, error } = await drain(listAllUsers(admin, { limit: 3 }));
        const asked = api.requests.map((r) => new URL(r.url, api.url).searchParams.get("cursor"));
        const model = cursorPaging(pages);
        expect(seen).toEqual(model.items);
        expect(asked).toEqual(model.asked);
        expectEnded(error, model.ends, SECRET_SERVER_KEY);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

/** An offset page a hostile server may answer with: records (maybe more than asked for, maybe not a list). */
const drawnOffsetPage = fc.record({
  records: fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.record({ _sid: fc.constantFrom("rec1", "rec2", "rec3") }), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, "records", { _sid: "rec1" }) },
  ),
  status: fc.constantFrom(200, 200, 200, 200, 200, 200, 400, 503),
});

describe("offset pages drawn at random", () => {
  it("hand out every record of each valid page once, in order, asking from where the last page ended", async () => {
    const { api, play } = await scriptedPages((page: { records: unknown; status: number }) => ({
      records: page.records,
    }));
    const stacker = stackerAt(api.url);
    await fc.assert(
      fc.asyncProperty(fc.array(drawnOffsetPage, { minLength: 1, maxLength: 6 }), async (pages) => {
        play(pages);
        const { seen, error } = await drain(searchAll(stacker, "object.custom.orders", { count: 3 }));
        const model = offsetPaging(pages, 3);
        expect(seen).toEqual(model.items);
        expect(api.requests.map((r) => r.json<{ start?: number }>().start)).toEqual(model.asked);
        expectEnded(error, model.ends, INTEGRATION_KEY);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

/**
 * What a correct offset pager does with `pages` of `size`: the offsets it asks from, the records it hands out, and how
 * it ends: at a short page, at a full page identical to the one it remembers (the full page after 1, 2, 4, 8, … full
 * pages: the first, the third, the seventh), or at a page that fails.
 */
function offsetPaging(pages: readonly { records: unknown; status: number }[], size: number) {
  const asked = [0];
  const items: unknown[] = [];
  let remembered: string | undefined;
  let full = 0;
  let uniformRepeats = 0;
  for (const page of pages) {
    const { records } = page;
    if (page.status !== 200 || !Array.isArray(records)) return { asked, items, ends: "error" as const };
    if (JSON.stringify(records) === remembered) {
      const uniform = records.every((record) => JSON.stringify(record) === JSON.stringify(records[0]));
      if (!uniform || ++uniformRepeats > 100) return { asked, items, ends: "loop" as const };
    } else uniformRepeats = 0;
    items.push(...records);
    if (records.length < size) return { asked, items, ends: "done" as const };
    full++;
    if (Number.isInteger(Math.log2(full + 1))) remembered = JSON.stringify(records);
    asked.push(asked.at(-1)! + records.length);
  }
  return { asked, items, ends: "error" as const }; // the server's 500 past the script
}

/**
 * What a correct cursor pager does with `pages`: the cursors it asks with (none first), the items it hands out, and how
 * it ends: at a null, missing or empty cursor or an empty page, at a cursor already seen, or at a page that fails
 * (a status, no items array, a cursor neither string nor number).
 */
function cursorPaging(pages: readonly DrawnPage[]) {
  const asked: (string | null)[] = [null];
  const items: unknown[] = [];
  const seen = new Set<unknown>();
  for (const page of pages) {
    if (page.status !== 200 || !Array.isArray(page.items)) return { asked, items, ends: "error" as const };
    items.push(...page.items);
    const next = page.nextCursor;
    if (next === null || next === undefined || next === "" || page.items.length === 0)
      return { asked, items, ends: "done" as const };
    if (typeof next !== "string" && typeof next !== "number") return { asked, items, ends: "error" as const };
    if (seen.has(String(next)) || asked.at(-1) === String(next)) return { asked, items, ends: "loop" as const };
    if (asked.at(-1) !== null) seen.add(asked.at(-1));
    asked.push(String(next));
  }
  return { asked, items, ends: "error" as const }; // the server's 500 past the script
}
