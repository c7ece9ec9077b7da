import { sendJson } from "@keyway/test-server";
import { KeywayError, searchAll } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drain, INTEGRATION_KEY, server, stackerAt } from "./network.js";

/** Whether `value` is a count of records an offset page can be asked for: a whole number above zero. */
const isPageSize = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;
/** Whether `value` is an offset to start from: a whole number, zero or more. */
const isOffset = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

describe("offset paging with the page size and start a caller gives (property)", () => {
  it("an honest server's records are handed out each once from start, or the size or start is refused, naming it, before anything is sent", async () => {
    let records: { _sid: string }[] = [];
    // Honest: the records from `start`, `count` of them, however those are written (as a server's parser reads them).
    const api = await server((req, res) => {
      const { start = 0, count = 1000 } = req.json<{ start?: unknown; count?: unknown }>();
      const from = Math.max(0, Math.trunc(Number(start)) || 0);
      const size = Math.max(0, Math.trunc(Number(count)) || 0);
      sendJson(res, 200, { records: records.slice(from, from + size) });
    });
    const stacker = stackerAt(api.url);
    const drawn = fc.record({
      total: fc.integer({ min: 0, max: 9 }),
      count: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, 0, -2, 1.5, 2.5, Number.NaN, Infinity, 2 ** 53) },
      ),
      start: fc.oneof(
        { weight: 4, arbitrary: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }) },
        { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, Number.NaN, "2") },
      ),
    });
    await fc.assert(
      fc.asyncProperty(drawn, async ({ total, count, start }) => {
        records = Array.from({ length: total }, (_, i) => ({ _sid: `rec${i}` }));
        api.requests.length = 0;
        const search = { ...(count === undefined ? {} : { count }), ...(start === undefined ? {} : { start }) };
        const { seen, error } = await drain(searchAll(stacker, "object.custom.orders", search as never));

        const badSize = count !== undefined && !isPageSize(count);
        const badStart = start !== undefined && !isOffset(start);
        if (badSize || badStart) {
          expect(error).toBeInstanceOf(KeywayError);
          expect(String(error)).toMatch(badSize ? /"count"/ : /"start"/);
          expect(seen).toEqual([]);
          expect(api.requests).toEqual([]);
          return;
        }
        expect(error).toBeUndefined();
        expect(seen).toEqual(records.slice((start as number | undefined) ?? 0));
      }),
      { numRuns: 120, seed: 50_50 },
    );
  }, 60_000);

  it.each([
    [{ count: 2.5 }, 'Offset paging needs "count" to be a whole number of 1 or more, got 2.5; no page was asked for'],
    [{ count: 0 }, 'Offset paging needs "count" to be a whole number of 1 or more, got 0; no page was asked for'],
    [{ start: "4" }, 'Offset paging needs "start" to be a whole number of 0 or more, got "4"; no page was asked for'],
    [
      { start: INTEGRATION_KEY },
      'Offset paging needs "start" to be a whole number of 0 or more, got a string; no page was asked for',
    ],
  ])("%o: %s", async (search, message) => {
    const api = await server((_req, res) => sendJson(res, 200, { records: [] }));
    const { error } = await drain(searchAll(stackerAt(api.url), "object.custom.orders", search as never));
    expect(error).toBeInstanceOf(KeywayError);
    expect((error as Error).message).toBe(message);
    expect(api.requests).toEqual([]);
  });
});
