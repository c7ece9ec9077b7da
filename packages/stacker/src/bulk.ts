import {
  ApiError,
  CALL_SETTINGS,
  checkOptions,
  ConfigurationError,
  ConnectionError,
  InsecureTransportError,
  InvalidHeaderValueError,
  InvalidParameterError,
  InvalidRequestBodyError,
  KeywayError,
  kindOf,
  MissingCredentialError,
  RequestTimeoutError,
  chunk,
  unwrap,
  type CallSettings,
  type FetchResult,
  type OptionNames,
} from "@keyway/runtime";
import type { StackerClient } from "./client.js";
import { apiMeta } from "./generated/stacker.meta.js";
import type { BulkRecord, BulkUpsertResult } from "./types.js";

const BULK = "/api/external/objects/{object_sid}/bulk-records/";
const bulkLimit = apiMeta.operations[`POST ${BULK}`].maxBodyItems;

/** Options of {@link bulkUpsert}: a signal, and settings (`timeout`, `maxRetries`, …) of each batch's call. */
export interface BulkUpsertOptions extends CallSettings {
  /** Ends the upsert at once, with a `BulkUpsertError` whose cause is a `RequestAbortedError`. */
  readonly signal?: AbortSignal | undefined;
}

const BULK_UPSERT_OPTIONS: OptionNames<BulkUpsertOptions> = { ...CALL_SETTINGS, signal: "optional" };

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
 * // Each batch's call with 60 s an attempt:
 * await bulkUpsert(stacker, "object.custom.orders", rows, { timeout: 60_000 });
 * ```
 */
export function bulkUpsert(
  stacker: StackerClient,
  objectSid: string,
  records: readonly BulkRecord[],
  options: BulkUpsertOptions = {},
): Promise<BulkUpsertResult> {
  try {
    checkOptions("bulkUpsert", options, BULK_UPSERT_OPTIONS);
  } catch (error) {
    return Promise.reject(error);
  }
  // A Set or a generator has no length, and a lone record no items: either would be "written" without a request.
  if (!Array.isArray(records))
    return Promise.reject(
      new ConfigurationError(`bulkUpsert takes an array of records, got ${describeRecords(records)}`),
    );
  // A hole, null, a text or a list would go out as a record the API refuses (or a null one), a whole batch failing.
  const notARecord = records.findIndex((record) => !isRecord(record));
  if (notARecord !== -1)
    return Promise.reject(
      new ConfigurationError(
        `bulkUpsert: record ${notARecord} of the input is ${kindOf(records[notARecord])}, not an object of fields; nothing was sent`,
      ),
    );
  // Checked above: what is left beside the signal is each batch's call settings.
  const { signal, ...settings } = options;
  const init = { ...settings, ...(signal ? { signal } : {}) };
  return bulkUpsertInBatches(
    records,
    bulkLimit,
    (batch) => stacker.POST(BULK, { params: { path: { object_sid: objectSid } }, body: batch, ...init }),
    signal,
  );
}

/**
 * A bulk upsert stopped part-way. The batches before `failedBatch` were written (their
 * ids are in `completed`); the records of the failed batch are in `notWritten` only when
 * it certainly was not applied: the API refused it with a 4xx, or it never left (a client
 * setting, credential, header or path parameter refused before sending, a record JSON cannot write, whose index in
 * the input the message names, a timeout waiting
 * for its credentials, a signal aborted before the batch, a connection never made).
 * Whatever else failed it is in `outcomeUnknown`, as it may have been applied: a timeout,
 * a connection cut after sending, a 5xx, an abort during the batch, a redirect, an answer too large
 * or unreadable, a 2xx without a bulk result (`{ created, updated }`), or any error not
 * known to come before sending. Every later batch is in `notWritten`. Resume with
 * `notWritten`; check `outcomeUnknown` before resending it, or creates may be duplicated.
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
  override name = "BulkUpsertError";
  /** What the batches before the failure created and updated. */
  readonly completed: BulkUpsertResult;
  /** Zero-based index of the batch that failed. */
  readonly failedBatch: number;
  /** Index in the input of the first record that was not confirmed written (the failed batch's first). */
  readonly firstUnwrittenRecord: number;
  /** Records of the failed batch unless it certainly was not applied (see {@link BulkUpsertError}). */
  readonly outcomeUnknown: readonly BulkRecord[];
  /** Records certainly not written: the failed batch when it was refused with a 4xx or never sent, and every later batch. */
  readonly notWritten: readonly BulkRecord[];

  constructor({
    completed,
    batch,
    batchSize,
    records,
    cause,
    unsent = false,
  }: {
    /** What the batches before the failure created and updated. */
    readonly completed: BulkUpsertResult;
    /** Zero-based index of the batch that failed. */
    readonly batch: number;
    readonly batchSize: number;
    /** Every record of the upsert, in input order. */
    readonly records: readonly BulkRecord[];
    /** Why the batch failed. */
    readonly cause: unknown;
    /** Whether the batch is known never to have been sent, whatever `cause` says (its signal had aborted). */
    readonly unsent?: boolean;
  }) {
    const first = batch * batchSize;
    const failedRecords = records.slice(first, first + batchSize);
    const unknown = !unsent && !certainlyNotApplied(cause);
    super(
      `Bulk upsert failed on batch ${batch + 1} (records from index ${first}), ` +
        `${unknown ? "whose outcome is unknown" : "which was not written"}: ${(cause as Error)?.message ?? cause}` +
        recordNamed(cause, first),
      { cause },
    );
    this.completed = completed;
    this.failedBatch = batch;
    this.firstUnwrittenRecord = first;
    this.outcomeUnknown = unknown ? failedRecords : [];
    this.notWritten = unknown ? records.slice(first + batchSize) : records.slice(first);
  }
}

/** ` (record N of the input)` when `cause` names a place in the batch's body (`body[3].orders__total`), else `""`. */
function recordNamed(cause: unknown, first: number): string {
  const place = cause instanceof InvalidRequestBodyError ? /^body\[(\d+)\]/.exec(cause.at) : null;
  return place ? ` (record ${first + Number(place[1])} of the input)` : "";
}

/** What `records` is, for a message that must not quote it: a Set, a generator, an object, null… */
function isRecord(record: unknown): boolean {
  return typeof record === "object" && record !== null && !Array.isArray(record);
}

function describeRecords(records: unknown): string {
  if (records === null || typeof records !== "object") return records === null ? "null" : `a ${typeof records}`;
  if (Symbol.iterator in records || Symbol.asyncIterator in records) {
    const kind = (records as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
    return `${typeof kind === "string" ? `a ${kind}` : "an iterable"} (collect it into an array first)`;
  }
  return "an object (a single record? pass [record])";
}

/** Errors thrown before a request leaves the process: a batch failing with one of them was never sent. */
const THROWN_BEFORE_SENDING = [
  ConfigurationError,
  InsecureTransportError,
  InvalidHeaderValueError,
  InvalidParameterError,
  InvalidRequestBodyError,
  MissingCredentialError,
  RequestTimeoutError,
];

/**
 * Whether the failed batch certainly was not applied: the API refused it (a 4xx) and no attempt before may have
 * reached the server, or it never reached the server. Any other failure, an error this function does not know
 * included, may have been applied.
 */
function certainlyNotApplied(cause: unknown): boolean {
  if (cause instanceof ApiError) return cause.status >= 400 && cause.status < 500 && !cause.earlierAttemptMaybeReceived;
  // Before ConnectionError, which it extends: one that timed out waiting for its credentials made no attempt.
  if (cause instanceof RequestTimeoutError) return cause.attempts === 0;
  if (cause instanceof ConnectionError) return !cause.maybeReceived;
  return THROWN_BEFORE_SENDING.some((ErrorClass) => cause instanceof ErrorClass);
}

/** Sends `records` in order, `batchSize` at a time, and merges the results. */
async function bulkUpsertInBatches(
  records: readonly BulkRecord[],
  batchSize: number,
  send: (batch: BulkRecord[]) => Promise<FetchResult>,
  signal: AbortSignal | undefined,
): Promise<BulkUpsertResult> {
  const merged: MergedResult = { created: [], updated: [], formatting_errors: [] };
  const batches = chunk(records, batchSize);
  for (const [index, batch] of batches.entries()) {
    let result: Partial<BulkUpsertResult>;
    // A call whose signal has aborted fails before its request is made.
    const unsent = signal?.aborted === true;
    try {
      result = await bulkResultOf(send(batch));
    } catch (error) {
      throw new BulkUpsertError({
        completed: withoutEmptyErrors(merged),
        batch: index,
        batchSize,
        records,
        cause: error,
        unsent,
      });
    }
    append(merged.created, result.created);
    append(merged.updated, result.updated);
    append(merged.formatting_errors, result.formatting_errors);
  }
  return withoutEmptyErrors(merged);
}

/**
 * The bulk result of a batch's answer: throws the answer's `ApiError` for a non-2xx, and an `Error` naming the
 * status and what is missing for a 2xx whose data is not one (no body, `null`, a string, a `created` that is
 * not an array), which must not be taken for "nothing written": the server may well have applied the batch.
 */
async function bulkResultOf(call: Promise<FetchResult>): Promise<Partial<BulkUpsertResult>> {
  const answer = await call;
  const data: unknown = await unwrap(answer);
  const problem = problemWithBulkResult(data);
  if (problem) throw new Error(`the server answered ${answer.response.status} ${problem}`);
  return data as Partial<BulkUpsertResult>;
}

/** What keeps `data` from being a bulk result, or `undefined` when it is one (its lists may be absent). */
function problemWithBulkResult(data: unknown): string | undefined {
  if (data === undefined) return "without a bulk result ({ created, updated })";
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return `with ${kindOf(data)} instead of a bulk result ({ created, updated })`;
  }
  for (const key of ["created", "updated", "formatting_errors"] as const) {
    const list = (data as Record<string, unknown>)[key];
    const allowed = list === undefined || Array.isArray(list) || (list === null && key === "formatting_errors");
    if (!allowed) return `with a bulk result whose "${key}" is ${kindOf(list)}, not an array`;
  }
  return undefined;
}

/** Appends `items` one by one: a spread of a huge list would overflow the stack. */
function append<T>(target: T[], items: readonly T[] | null | undefined): void {
  for (const item of items ?? []) target.push(item);
}

/** A result being merged: every list present (a batch may answer `formatting_errors: null`). */
type MergedResult = { [Key in keyof Required<BulkUpsertResult>]: NonNullable<BulkUpsertResult[Key]> };

function withoutEmptyErrors(result: MergedResult): BulkUpsertResult {
  const { formatting_errors, ...rest } = result;
  return formatting_errors.length ? result : rest;
}
