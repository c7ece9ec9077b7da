import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import {
  BulkUpsertError,
  bulkUpsert,
  ConfigurationError,
  PermissionDeniedError,
  type RecordWrite,
} from "../src/index.js";
import { stackerAgainst } from "./setup.js";

/** 2,500 records: every fifth one has a `_sid` and is an update. */
const RECORDS: RecordWrite[] = Array.from({ length: 2500 }, (_, i) =>
  i % 5 === 0 ? { _sid: `rec${String(i).padStart(16, "0")}`, orders__number: i } : { orders__number: i },
);

/** A bulk endpoint that creates records without `_sid` and updates the others. */
function bulkServer(failOnBatch?: number) {
  let batch = 0;
  return stackerAgainst((req, res) => {
    if (batch++ === failOnBatch)
      return sendJson(res, 403, { detail: "You do not have permission to perform this action." });
    const records = req.json<RecordWrite[]>();
    sendJson(res, 200, {
      created: records.filter((r) => !r._sid).map((r) => `new${String(r.orders__number).padStart(16, "0")}`),
      updated: records.filter((r) => r._sid).map((r) => r._sid),
    });
  });
}

describe("bulkUpsert splits into requests of at most 1000 and merges the results", () => {
  it("2,500 records go out as 3 requests of 1000, 1000 and 500, in order, and the results are merged", async () => {
    const { stacker, server } = await bulkServer();
    const result = await bulkUpsert(stacker, "object.custom.orders", RECORDS);
    const batches = server.requests.map((r) => r.json<RecordWrite[]>());
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat()).toEqual(RECORDS);
    expect(
      server.requests.every(
        (r) => r.method === "POST" && r.url === "/api/external/objects/object.custom.orders/bulk-records/",
      ),
    ).toBe(true);
    expect(result.created).toHaveLength(2000);
    expect(result.updated).toHaveLength(500);
    expect(result.created[0]).toBe("new0000000000000001");
    expect(result.updated.at(-1)).toBe("rec0000000000002495");
    expect(result).not.toHaveProperty("formatting_errors");
  });

  it("sends nothing for an empty list", async () => {
    const { stacker, server } = await bulkServer();
    expect(await bulkUpsert(stacker, "object.custom.orders", [])).toEqual({ created: [], updated: [] });
    expect(server.requests).toHaveLength(0);
  });

  it("refuses records that are no array (a Set, a generator, a lone record, null), sending nothing", async () => {
    const { stacker, server } = await bulkServer();
    const upsert = (records: unknown) => bulkUpsert(stacker, "object.custom.orders", records as RecordWrite[]);
    const refusals = [
      [new Set(RECORDS.slice(0, 2)), "a Set (collect it into an array first)"],
      [(function* () {})(), "a Generator (collect it into an array first)"],
      [RECORDS[1], "an object (a single record? pass [record])"],
      [null, "null"],
      ["abc", "a string"],
    ] as const;
    for (const [records, kind] of refusals)
      await expect(upsert(records)).rejects.toThrow(
        new ConfigurationError(`bulkUpsert takes an array of records, got ${kind}`),
      );
    expect(server.requests).toHaveLength(0);
  });

  it("refuses an item that is no record (a hole, null, a text, a list), naming its index, sending nothing", async () => {
    const { stacker, server } = await bulkServer();
    const upsert = (records: unknown[]) => bulkUpsert(stacker, "object.custom.orders", records as RecordWrite[]);
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
    const holed = [RECORDS[0], , RECORDS[2]];
    for (const [records, index, kind] of [
      [[...RECORDS.slice(0, 1500), null], 1500, "null"],
      [holed, 1, "undefined"],
      [[RECORDS[0], "abc"], 1, "a string"],
      [[[1, 2]], 0, "an array"],
      [[RECORDS[0], 5], 1, "a number"],
    ] as const)
      await expect(upsert(records as unknown[])).rejects.toThrow(
        new ConfigurationError(
          `bulkUpsert: record ${index} of the input is ${kind}, not an object of fields; nothing was sent`,
        ),
      );
    expect(server.requests).toHaveLength(0);
  });

  it("takes each batch's call settings, and refuses a misspelled option naming the one meant", async () => {
    const { stacker, server } = await stackerAgainst(() => {}); // holds every batch
    const held = bulkUpsert(stacker, "object.custom.orders", RECORDS.slice(0, 3), { timeout: 150, maxRetries: 0 });
    const error = await held.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkUpsertError);
    expect((error as BulkUpsertError).cause).toMatchObject({
      name: "RequestTimeoutError",
      timeoutMs: 150,
      attempts: 1,
    });
    await expect(bulkUpsert(stacker, "object.custom.orders", RECORDS, { timout: 1000 } as never)).rejects.toThrow(
      new ConfigurationError('bulkUpsert has no option "timout": did you mean "timeout"?'),
    );
    expect(server.requests).toHaveLength(1);
  });

  it("merges formatting_errors from every batch", async () => {
    const { stacker } = await stackerAgainst((req, res) =>
      sendJson(res, 200, { created: [], updated: [], formatting_errors: [{ index: req.json<unknown[]>().length }] }),
    );
    const result = await bulkUpsert(stacker, "object.custom.orders", RECORDS.slice(0, 1500));
    expect(result.formatting_errors).toEqual([{ index: 1000 }, { index: 500 }]);
  });

  it("a batch answering formatting_errors: null (no errors, Django-style) merges like an absent list", async () => {
    let batch = 0;
    const { stacker } = await stackerAgainst((_req, res) =>
      sendJson(
        res,
        200,
        batch++ === 0
          ? { created: ["rec1"], updated: [], formatting_errors: null }
          : { created: [], updated: ["rec2"], formatting_errors: [{ index: 3 }] },
      ),
    );
    const result = await bulkUpsert(stacker, "object.custom.orders", RECORDS.slice(0, 1500));
    expect(result).toEqual({ created: ["rec1"], updated: ["rec2"], formatting_errors: [{ index: 3 }] });
  });

  it("a 403 on the second batch stops, and says what the first batch wrote and where to resume", async () => {
    const { stacker, server } = await bulkServer(1);
    const error: BulkUpsertError = await bulkUpsert(stacker, "object.custom.orders", RECORDS).then(
      () => expect.fail("expected the bulk upsert to fail"),
      (e: unknown) => e as BulkUpsertError,
    );
    expect(error).toBeInstanceOf(BulkUpsertError);
    expect(error.cause).toBeInstanceOf(PermissionDeniedError);
    expect(error.failedBatch).toBe(1);
    expect(error.firstUnwrittenRecord).toBe(1000);
    expect(error.completed.created).toHaveLength(800);
    expect(error.completed.updated).toHaveLength(200);
    expect(server.requests).toHaveLength(2);
  });
});
