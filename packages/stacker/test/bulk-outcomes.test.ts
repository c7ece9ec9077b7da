import type { ServerResponse } from "node:http";
import { sendJson, startTestServer } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  BulkUpsertError,
  bulkUpsert,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidHeaderValueError,
  InvalidRequestBodyError,
  MissingCredentialError,
  RedirectError,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  type RecordWrite,
  type StackerClientOptions,
} from "../src/index.js";
import { STACK_ID, stackerAgainst } from "./setup.js";

/** 2,500 new records: batches of 1000, 1000 and 500. */
const RECORDS: RecordWrite[] = Array.from({ length: 2500 }, (_, i) => ({ orders__number: i }));
const BATCH_2 = RECORDS.slice(1000, 2000);
const AFTER_BATCH_2 = RECORDS.slice(2000);
/** What the first batch answers, and so what every failure on the second batch reports as `completed`. */
const FIRST_BATCH_RESULT = { created: ["rec_first_batch"], updated: [] };

/** A bulk endpoint whose first batch succeeds and whose second batch is answered by `secondBatch`. */
function failingOnSecondBatch(secondBatch: (res: ServerResponse) => void, options?: Partial<StackerClientOptions>) {
  let batches = 0;
  return stackerAgainst((_req, res) => {
    if (++batches === 2) return secondBatch(res);
    sendJson(res, 200, FIRST_BATCH_RESULT);
  }, options);
}

async function bulkUpsertError(promise: Promise<unknown>): Promise<BulkUpsertError> {
  const error = await promise.then(
    () => expect.fail("expected the bulk upsert to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BulkUpsertError);
  return error as BulkUpsertError;
}

/**
 * Asserts how the second batch failed: with an unknown outcome (it may have been applied, so it is not to be resent),
 * or certainly not written (it is to be resent with every later batch).
 */
function expectSecondBatch(outcome: "unknown" | "not written", error: BulkUpsertError, cause: string) {
  const unknown = outcome === "unknown";
  expect(error.message).toBe(
    `Bulk upsert failed on batch 2 (records from index 1000), ${unknown ? "whose outcome is unknown" : "which was not written"}: ${cause}`,
  );
  expect(error.failedBatch).toBe(1);
  expect(error.firstUnwrittenRecord).toBe(1000);
  expect(error.completed).toEqual(FIRST_BATCH_RESULT);
  expect(error.outcomeUnknown).toEqual(unknown ? BATCH_2 : []);
  expect(error.notWritten).toEqual(unknown ? AFTER_BATCH_2 : RECORDS.slice(1000));
}

const BULK_URL = "/api/external/objects/object.custom.orders/bulk-records/";

describe("a batch answered 2xx without a bulk result stops the upsert, its outcome unknown", () => {
  it.each([
    {
      answer: "204 without a body",
      send: (res: ServerResponse) => res.writeHead(204).end(),
      cause: "the server answered 204 without a bulk result ({ created, updated })",
    },
    {
      answer: "200 null",
      send: (res: ServerResponse) => sendJson(res, 200, null),
      cause: "the server answered 200 with null instead of a bulk result ({ created, updated })",
    },
    {
      answer: "an empty 200",
      send: (res: ServerResponse) => res.writeHead(200, { "content-type": "application/json" }).end(),
      cause:
        "POST /api/external/objects/{object_sid}/bulk-records/ answered 200 with an empty body, where its spec declares one",
    },
    {
      answer: '200 "ok"',
      send: (res: ServerResponse) => sendJson(res, 200, "ok"),
      cause: "the server answered 200 with a string instead of a bulk result ({ created, updated })",
    },
    {
      answer: "200 with a list instead of an object",
      send: (res: ServerResponse) => sendJson(res, 200, ["rec_1"]),
      cause: "the server answered 200 with an array instead of a bulk result ({ created, updated })",
    },
    {
      answer: '200 { created: "x" }',
      send: (res: ServerResponse) => sendJson(res, 200, { created: "x", updated: [] }),
      cause: 'the server answered 200 with a bulk result whose "created" is a string, not an array',
    },
    {
      answer: "201 { updated: {} }",
      send: (res: ServerResponse) => sendJson(res, 201, { created: [], updated: {} }),
      cause: 'the server answered 201 with a bulk result whose "updated" is an object, not an array',
    },
    {
      answer: '200 { formatting_errors: "none" }',
      send: (res: ServerResponse) => sendJson(res, 200, { created: [], updated: [], formatting_errors: "none" }),
      cause: 'the server answered 200 with a bulk result whose "formatting_errors" is a string, not an array',
    },
  ])("batch 2 answers $answer", async ({ send, cause }) => {
    const { stacker, server } = await failingOnSecondBatch(send);
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expectSecondBatch("unknown", error, cause);
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).message).toBe(cause);
    expect(server.requests).toHaveLength(2); // the third batch was never sent
  });

  it("a bulk result without lists, or with formatting_errors: null, is still one", async () => {
    let batches = 0;
    const { stacker } = await stackerAgainst((_req, res) =>
      sendJson(res, 200, ++batches === 1 ? {} : { created: ["rec_2"], updated: [], formatting_errors: null }),
    );
    expect(await bulkUpsert(stacker, "object.custom.orders", RECORDS.slice(0, 1500))).toEqual({
      created: ["rec_2"],
      updated: [],
    });
  });
});

describe("a batch that may have been applied is outcome unknown, whatever the error", () => {
  it("batch 2 answers 502 with a JSON body nested 5000 deep", async () => {
    const nested = `${'{"detail":'.repeat(5000)}"bad gateway"${"}".repeat(5000)}`;
    const { stacker } = await failingOnSecondBatch((res) =>
      res.writeHead(502, { "content-type": "application/json" }).end(nested),
    );
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(InternalServerError);
    expect((error.cause as InternalServerError).status).toBe(502);
    expectSecondBatch("unknown", error, (error.cause as Error).message);
  });

  it("batch 2 answers a 200 larger than maxResponseBytes (ResponseTooLargeError): it may well be applied", async () => {
    const { stacker, server } = await failingOnSecondBatch(
      (res) => sendJson(res, 200, { created: Array.from({ length: 1000 }, (_, i) => `rec_${i}`), updated: [] }),
      { maxResponseBytes: 1024 },
    );
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(ResponseTooLargeError);
    expectSecondBatch(
      "unknown",
      error,
      `POST ${server.url}${BULK_URL}: the response body is larger than maxResponseBytes (1024 bytes)`,
    );
  });

  it("batch 2 answers 303 to another origin (RedirectError): a 303 after a POST means it was processed", async () => {
    const { stacker } = await failingOnSecondBatch((res) =>
      res.writeHead(303, { location: "https://elsewhere.example/done" }).end(),
    );
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(RedirectError);
    expectSecondBatch("unknown", error, (error.cause as Error).message);
  });

  it("batch 2 answers 303 to a job whose GET is refused (405): the refusal is the target's, the batch was processed", async () => {
    let batches = 0;
    const { stacker, server } = await stackerAgainst((req, res) => {
      if (req.method === "GET") return sendJson(res, 405, { detail: 'Method "GET" not allowed.' });
      if (++batches === 2) return res.writeHead(303, { location: "/api/external/jobs/42/" }).end();
      sendJson(res, 200, FIRST_BATCH_RESULT);
    });
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toMatchObject({ status: 405, method: "POST", earlierAttemptMaybeReceived: true });
    expect((error.cause as Error).message).toBe(
      `POST ${server.url}${BULK_URL}, redirected to GET ${server.url}/api/external/jobs/42/, answered 405: {"detail":"Method \\"GET\\" not allowed."}`,
    );
    expectSecondBatch("unknown", error, (error.cause as Error).message);
  });

  it("batch 2 answers 303 to an allowed origin that refuses the connection: it was processed all the same", async () => {
    const gone = await startTestServer();
    await gone.close();
    let batches = 0;
    const { stacker } = await stackerAgainst(
      (_req, res) => {
        if (++batches === 1) return sendJson(res, 200, FIRST_BATCH_RESULT);
        res.writeHead(303, { location: `${gone.url}/jobs/42/` }).end();
      },
      { allowedRedirectOrigins: [gone.url] },
    );
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(error.cause).toMatchObject({ code: "ECONNREFUSED", maybeReceived: true });
    expectSecondBatch("unknown", error, (error.cause as Error).message);
  });

  it("batch 2 answers 303 without a Location (an ApiError, but not a refusal): it was processed", async () => {
    const { stacker } = await failingOnSecondBatch((res) => res.writeHead(303).end());
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(ApiError);
    expect((error.cause as ApiError).status).toBe(303);
    expectSecondBatch("unknown", error, (error.cause as Error).message);
  });
});

describe("a batch whose retry was refused or never arrived is outcome unknown when an earlier attempt may have arrived", () => {
  /** A bulk endpoint whose first batch succeeds, and whose later requests `answer` answers in turn. */
  function answeringBatch2(...answers: ((res: ServerResponse) => void)[]) {
    let requests = 0;
    return stackerAgainst(
      (_req, res) => (++requests === 1 ? sendJson(res, 200, FIRST_BATCH_RESULT) : answers[requests - 2]!(res)),
      { maxRetries: 1, retryNonIdempotent: true, timeout: 1_000 },
    );
  }

  it("batch 2 answers 503, then its retry finds the API gone (connection refused)", async () => {
    const { stacker, server } = await answeringBatch2((res) => {
      res.writeHead(503, { "content-type": "application/json", "retry-after-ms": "0", connection: "close" });
      res.end('{"detail":"partial failure"}');
      void server.close();
    });
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect((error.cause as ConnectionError).maybeReceived).toBe(true);
    expect((error.cause as Error).message).toMatch(/failed after 2 attempts/);
    expectSecondBatch("unknown", error, (error.cause as Error).message);
  });

  it("batch 2's first attempt times out, then its retry is refused with 429", async () => {
    const { stacker } = await answeringBatch2(
      () => {}, // received and held past the timeout: it may have been applied
      (res) => res.writeHead(429, { "retry-after": "0", "content-type": "application/json" }).end('{"detail":"slow"}'),
    );
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(ApiError);
    expect(error.cause).toMatchObject({ status: 429, earlierAttemptMaybeReceived: true });
    expectSecondBatch("unknown", error, (error.cause as Error).message);
  });

  it("batch 2 answered 429 at once is still certainly not written", async () => {
    const { stacker } = await failingOnSecondBatch((res) => sendJson(res, 429, { detail: "slow" }), { maxRetries: 0 });
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toMatchObject({ status: 429, earlierAttemptMaybeReceived: false });
    expectSecondBatch("not written", error, (error.cause as Error).message);
  });
});

describe("a batch certainly not applied is in notWritten, with every later batch", () => {
  it("batch 2 answers 307 (send it elsewhere), and the target refuses it with 400: neither applied it", async () => {
    let batches = 0;
    const { stacker, server } = await stackerAgainst((req, res) => {
      if (req.url?.startsWith("/api/external/v2/")) return sendJson(res, 400, { detail: "bad batch" });
      if (++batches === 2) return res.writeHead(307, { location: "/api/external/v2/bulk-records/" }).end();
      sendJson(res, 200, FIRST_BATCH_RESULT);
    });
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toMatchObject({ status: 400, earlierAttemptMaybeReceived: false });
    expect((error.cause as Error).message).toContain(
      `, redirected to POST ${server.url}/api/external/v2/bulk-records/, answered 400`,
    );
    expectSecondBatch("not written", error, (error.cause as Error).message);
  });

  it("batch 2 holds a record JSON cannot write (a BigInt): never sent, and its record named by its input index", async () => {
    const { stacker, server } = await stackerAgainst((_req, res) => sendJson(res, 200, FIRST_BATCH_RESULT));
    const records: RecordWrite[] = RECORDS.map((record, i) =>
      i === 1003 ? { ...record, orders__total: 10n } : record,
    );
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", records));
    expect(error.cause).toBeInstanceOf(InvalidRequestBodyError);
    expect(error.message).toBe(
      "Bulk upsert failed on batch 2 (records from index 1000), which was not written: The request body cannot be sent as JSON: body[3].orders__total is a BigInt (send it as a string or a number) (record 1003 of the input)",
    );
    expect(error.outcomeUnknown).toEqual([]);
    expect(error.notWritten).toEqual(records.slice(1000));
    expect(server.requests).toHaveLength(1);
  });

  it("batch 2 is refused with 409", async () => {
    const { stacker } = await failingOnSecondBatch((res) => sendJson(res, 409, { detail: "conflict" }));
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(ConflictError);
    expectSecondBatch("not written", error, (error.cause as Error).message);
  });

  it("the API is gone before batch 2 (connection refused): it never reached the server", async () => {
    const { stacker, server } = await stackerAgainst((_req, res) => {
      sendJson(res, 200, FIRST_BATCH_RESULT);
      void server.close();
    });
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect((error.cause as ConnectionError).maybeReceived).toBe(false);
    expectSecondBatch("not written", error, (error.cause as Error).message);
  });

  it.each([
    { provided: "nothing", value: undefined, ErrorClass: MissingCredentialError },
    { provided: "a value with a line break", value: "app\r\nX-Injected: 1", ErrorClass: InvalidHeaderValueError },
  ])("the stack id provider returns $provided for batch 2: refused before sending", async ({ value, ErrorClass }) => {
    let calls = 0;
    const { stacker, server } = await failingOnSecondBatch(() => expect.fail("batch 2 must not be sent"), {
      stackId: () => (++calls === 2 ? value : STACK_ID),
    });
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(ErrorClass);
    expectSecondBatch("not written", error, (error.cause as Error).message);
    expect(server.requests).toHaveLength(1);
  });

  it("batch 2 times out waiting for its credentials: nothing was sent", async () => {
    let calls = 0;
    const { stacker, server } = await failingOnSecondBatch(() => expect.fail("batch 2 must not be sent"), {
      // The timeout bounds batch 1's request too: long enough for a busy machine to send it.
      timeout: 1_000,
      stackId: () => (++calls === 2 ? new Promise<string>(() => {}) : STACK_ID),
    });
    const error = await bulkUpsertError(bulkUpsert(stacker, "object.custom.orders", RECORDS));
    expect(error.cause).toBeInstanceOf(RequestTimeoutError);
    expect((error.cause as RequestTimeoutError).attempts).toBe(0);
    expectSecondBatch("not written", error, (error.cause as Error).message);
    expect(server.requests).toHaveLength(1);
  });

  it("an already-aborted signal: nothing is sent, every record is in notWritten", async () => {
    const { stacker, server } = await stackerAgainst(() => expect.fail("nothing must be sent"));
    const error = await bulkUpsertError(
      bulkUpsert(stacker, "object.custom.orders", RECORDS, { signal: AbortSignal.abort() }),
    );
    expect(error.cause).toBeInstanceOf(RequestAbortedError);
    expect([error.failedBatch, error.outcomeUnknown, error.notWritten]).toEqual([0, [], RECORDS]);
    expect(server.requests).toHaveLength(0);
  });
});
