import {
  ApiError,
  ConnectionError,
  KeywayError,
  RequestAbortedError,
  ResponseParseError,
  chunk,
  unwrap,
  type FetchResult,
} from "@keyway/runtime";
import type { StackerClient } from "./client.js";
import { apiMeta } from "./generated/stacker.meta.js";
import type { BulkUpsertResult, RecordWrite } from "./types.js";

const BULK = "/api/external/objects/{object_sid}/bulk-records/";
const bulkLimit = apiMeta.operations[`POST ${BULK}`].maxBodyItems;

/** Options of {@link bulkUpsert}. */
export interface BulkUpsertOptions {
  /** Ends the upsert at once, with a `BulkUpsertError` whose cause is a `RequestAbortedError`. */
  readonly signal?: AbortSignal;
}

/**
 * Inserts and updates any number of records of `objectSid`, in requests of at most 1000 (the
 * API's limit), and merges the `created` / `updated` ids. Records with `_sid` are updates. Needs
 * admin rights on the stack (403 otherwise). A function rather than a client method, so a bundle
 * that never writes in bulk leaves it out.
 *
 * @example
 * ```ts
 * import { bulkUpsert, createStackerClient } from "@keyway/stacker";
 *
 * const stacker = createStackerClient({ integrationKey, accountId, stackId });
 * const { created, updated } = await bulkUpsert(stacker, "object.custom.orders", rows);
 * ```
 */
export function bulkUpsert(
  stacker: StackerClient,
  objectSid: string,
  records: readonly RecordWrite[],
  { signal }: BulkUpsertOptions = {},
): Promise<BulkUpsertResult> {
  return bulkUpsertInBatches(records, bulkLimit, (batch) =>
    stacker.POST(BULK, { params: { path: { object_sid: objectSid } }, body: batch, ...(signal ? { signal } : {}) }),
  );
}

/**
 * A bulk upsert stopped part-way. The batches before `failedBatch` were written (their
 * ids are in `completed`); the records of the failed batch are in `outcomeUnknown` when
 * the request may have been applied without its answer arriving (a timeout, a connection
 * cut after sending, an unreadable answer, a 5xx, an abort) and in `notWritten` when it
 * certainly was not (the API refused it with a 4xx, or it never left); every later batch
 * is in `notWritten`. Resume with `notWritten`; check `outcomeUnknown` before resending it,
 * or creates may be duplicated.
 *
 * @example
 * ```ts
 * try {
 *   await bulkUpsert(stacker, "object.custom.orders", rows);
 * } catch (error) {
 *   if (!(error instanceof BulkUpsertError)) throw error;
 *   await reconcile(error.outcomeUnknown);
 *   await bulkUpsert(stacker, "object.custom.orders", error.notWritten);
 * }
 * ```
 */
export class BulkUpsertError extends KeywayError {
  /** What the batches before the failure created and updated. */
  readonly completed: BulkUpsertResult;
  /** Zero-based index of the batch that failed. */
  readonly failedBatch: number;
  /** Index in the input of the first record that was not confirmed written (the failed batch's first). */
  readonly firstUnwrittenRecord: number;
  /** Records of the failed batch when it may have been applied although no answer said so. */
  readonly outcomeUnknown: readonly RecordWrite[];
  /** Records certainly not written: the failed batch when it was refused or never sent, and every later batch. */
  readonly notWritten: readonly RecordWrite[];

  constructor({
    completed,
    batch,
    batchSize,
    records,
    cause,
  }: {
    /** What the batches before the failure created and updated. */
    readonly completed: BulkUpsertResult;
    /** Zero-based index of the batch that failed. */
    readonly batch: number;
    readonly batchSize: number;
    /** Every record of the upsert, in input order. */
    readonly records: readonly RecordWrite[];
    /** Why the batch failed. */
    readonly cause: unknown;
  }) {
    const first = batch * batchSize;
    const failedRecords = records.slice(first, first + batchSize);
    const unknown = outcomeMayBeApplied(cause);
    super(
      `Bulk upsert failed on batch ${batch + 1} (records from index ${first}), ` +
        `${unknown ? "whose outcome is unknown" : "which was not written"}: ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
    this.completed = completed;
    this.failedBatch = batch;
    this.firstUnwrittenRecord = first;
    this.outcomeUnknown = unknown ? failedRecords : [];
    this.notWritten = unknown ? records.slice(first + batchSize) : records.slice(first);
  }
}

/** Whether the failed request may have been applied by the server although the call failed. */
function outcomeMayBeApplied(cause: unknown): boolean {
  if (cause instanceof ConnectionError) return cause.maybeReceived;
  if (cause instanceof ApiError) return cause.status >= 500;
  return cause instanceof RequestAbortedError || cause instanceof ResponseParseError;
}

/** Sends `records` in order, `batchSize` at a time, and merges the results. */
async function bulkUpsertInBatches(
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
      throw new BulkUpsertError({
        completed: withoutEmptyErrors(merged),
        batch: index,
        batchSize,
        records,
        cause: error,
      });
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
