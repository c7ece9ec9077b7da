import { KeywayError } from "@keyway/header-auth";
import { chunk, unwrap, type FetchResult } from "@keyway/runtime";
import type { BulkUpsertResult, RecordWrite } from "./types.js";

/**
 * A bulk upsert stopped part-way: the batches before `failedBatch` were written and
 * are in `completed`; the failed batch and those after it were not sent or not applied.
 *
 * @example
 * ```ts
 * try {
 *   await stacker.bulkUpsert("object.custom.orders", rows);
 * } catch (error) {
 *   if (error instanceof BulkUpsertError) retryFrom(error.failedBatch * 1000, error.completed);
 * }
 * ```
 */
export class BulkUpsertError extends KeywayError {
  /** What the batches before the failure created and updated. */
  readonly completed: BulkUpsertResult;
  /** Zero-based index of the batch that failed. */
  readonly failedBatch: number;
  /** Index in the input of the first record that was not written. */
  readonly firstUnwrittenRecord: number;

  constructor(completed: BulkUpsertResult, failedBatch: number, batchSize: number, cause: unknown) {
    super(`Bulk upsert failed on batch ${failedBatch + 1} (records from index ${failedBatch * batchSize}): ${(cause as Error)?.message ?? cause}`, { cause });
    this.completed = completed;
    this.failedBatch = failedBatch;
    this.firstUnwrittenRecord = failedBatch * batchSize;
  }
}

/** Sends `records` in order, `batchSize` at a time, and merges the results. */
export async function bulkUpsertInBatches(
  records: readonly RecordWrite[],
  batchSize: number,
  send: (batch: RecordWrite[]) => Promise<FetchResult>,
): Promise<BulkUpsertResult> {
  const merged: MergedResult = { created: [], updated: [], formatting_errors: [] };
  const batches = chunk(records, batchSize);
  for (const [index, batch] of batches.entries()) {
    let result: BulkUpsertResult;
    try {
      result = (await unwrap(send(batch))) as BulkUpsertResult;
    } catch (error) {
      throw new BulkUpsertError(withoutEmptyErrors(merged), index, batchSize, error);
    }
    merged.created.push(...(result.created ?? []));
    merged.updated.push(...(result.updated ?? []));
    merged.formatting_errors.push(...(result.formatting_errors ?? []));
  }
  return withoutEmptyErrors(merged);
}

/** A result being merged: every list present (a batch may answer `formatting_errors: null`). */
type MergedResult = { [Key in keyof Required<BulkUpsertResult>]: NonNullable<BulkUpsertResult[Key]> };

function withoutEmptyErrors(result: MergedResult): BulkUpsertResult {
  const { formatting_errors, ...rest } = result;
  return formatting_errors.length ? result : rest;
}
