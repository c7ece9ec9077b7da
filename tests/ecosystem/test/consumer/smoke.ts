// The one smoke program every runtime of the ecosystem matrix runs, as a user's code: it imports
// the published entry points of @keyway/stacker and @keyway/stack-auth (installed from their
// packed tarballs), uploads through a client of @keyway/runtime's own (uploads.ts), and uses fetch, streams and
// crypto.subtle and nothing else of its runtime. Each runtime's entry calls `smoke(baseUrl)` against the test's
// 127.0.0.1 server and prints the report as JSON.
import { createStackAuthClient, unwrap as unwrapStackAuth } from "@keyway/stack-auth";
import { createStackAuthServerClient, listAllUsers } from "@keyway/stack-auth/server";
import { createAccessTokenVerifier } from "@keyway/stack-auth/tokens";
import { verifyWebhook, WebhookSignatureError } from "@keyway/stack-auth/webhooks";
import {
  type ApiError,
  type ConnectionError,
  createStackerClient,
  KeywayError,
  NotFoundError,
  type RequestTimeoutError,
  type StackerClient,
  searchAll,
  unwrap,
} from "@keyway/stacker";
import { createStackerFake } from "@keyway/stacker/testing";
import { type UploadsReport, uploads } from "./uploads.js";
import { hostileWire, type WireOutcome } from "./wire.js";

/** What the server hands the program: one run's names, plus a webhook and a token it signed. */
export interface SmokeFixtures {
  readonly recordSid: string;
  /** This run's record whose body the program cancels. */
  readonly canceledSid: string;
  readonly projectId: string;
  readonly webhook: { readonly secret: string; readonly body: string; readonly headers: Record<string, string> };
  readonly accessToken: string;
  /** A URL on 127.0.0.1 where connecting is refused. */
  readonly refusedUrl: string;
  /** A hostile server on 127.0.0.1 and how many answers it has, one a record (`wire0`, `wire1`, …). */
  readonly wire: { readonly url: string; readonly count: number };
}

/** What the program saw, for the test to compare across runtimes. */
export interface SmokeReport {
  readonly record: { readonly sid: string | undefined; readonly status: string | null | undefined };
  /** The sid of a record whose body came gzipped, without a length. */
  readonly gzipped: string | undefined;
  readonly missing: { readonly error: string; readonly status: number };
  /**
   * The errors of a record whose body is cut mid-way, of one whose body stalls past the timeout, of one answered
   * with a status HTTP does not define (999), of one whose body never ends, and of a gzip bomb (8 MiB in 8 kB, with
   * its compressed length).
   */
  readonly broken: {
    readonly cut: string;
    readonly stalled: string;
    readonly oddStatus: string;
    readonly endless: string;
    readonly gzipBomb: string;
  };
  /** A call to a port where connecting is refused: its error, and whether it says the server may have the request. */
  readonly refused: { readonly error: string; readonly maybeReceived: boolean | undefined };
  readonly searched: readonly (string | undefined)[];
  readonly users: readonly string[];
  readonly project: string | undefined;
  readonly webhook: { readonly type: string; readonly tampered: string };
  readonly token: { readonly sub: string | undefined };
  /**
   * The test kit's fake, in memory: its spec example's message, a dropped connection's error, the error of a call
   * whose handler outlasts the timeout, and the statuses the fake recorded for those two calls.
   */
  readonly fake: {
    readonly hello: string;
    readonly dropped: string;
    readonly slow: string;
    readonly statuses: readonly number[];
  };
  readonly streamed: StreamedReport;
  /**
   * A call's own settings: a call's `timeout` against a handler that never answers (its error, with the timeout it
   * names, and attempts), the sid of the same client's next call without it, to a record that answers later than that
   * timeout, and a call's `maxRetries: 0` to a record always answered 503 (its error and status).
   */
  readonly ownSettings: {
    readonly timedOut: { readonly error: string; readonly timeoutMs?: number; readonly attempts?: number };
    readonly next: string | undefined;
    readonly oneAttempt: { readonly error: string; readonly status?: number };
  };
  readonly uploads: UploadsReport;
  /** What each call to the hostile server ended in. */
  readonly wire: readonly WireOutcome[];
}

/** A body read to its end: how many bytes, and their SHA-256 in hex. */
export interface StreamedBytes {
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Bodies read as streams (`parseAs: "stream"`): a record sent in many chunks read to its end with a default reader and
 * with a BYOB reader (or the error that refused a BYOB reader), the error of a read whose body is cut mid-way and
 * whether it showed the integration key (in its message or any field), and a body the caller cancels once it has its first bytes: what a read gives
 * after, and whether its connection closed.
 */
export interface StreamedReport {
  readonly read: StreamedBytes;
  readonly byob: StreamedBytes | { readonly refused: string };
  readonly cut: { readonly error: string; readonly showedKey: boolean };
  readonly canceled: { readonly readAfter: string; readonly closed: boolean };
}

const ORDERS = "object.custom.orders";
const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";

/** The name of the keyway error a call failed with. */
function failureOf(call: Promise<unknown>): Promise<string> {
  return call.then(() => "none", nameOf);
}

/** A keyway error's name, or what else was thrown. */
function nameOf(error: unknown): string {
  return error instanceof KeywayError ? error.name : String(error);
}

/**
 * Runs every step against `baseUrl` and reports what it got.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(await smoke("http://127.0.0.1:8080")));
 * ```
 */
export async function smoke(baseUrl: string): Promise<SmokeReport> {
  const fixtures = (await (await fetch(`${baseUrl}/smoke/fixtures`)).json()) as SmokeFixtures;

  const stackerCredentials = {
    integrationKey: "ik_smoke_7d2c9e",
    accountId: "acc_8f2d41",
    stackId: "app785vwedw46e3bx8",
  };
  const stacker = createStackerClient({ ...stackerCredentials, baseUrl });
  const recordOf = (record_sid: string, client = stacker, settings?: { timeout?: number; maxRetries?: number }) =>
    client.GET(RECORD, { params: { path: { object_sid: ORDERS, record_sid } }, ...settings });
  // The server answers 503 to the first attempt: the transport retries it.
  const record = await unwrap(recordOf(fixtures.recordSid));
  const missing = await unwrap(recordOf("rec_missing")).then(
    () => ({ error: "none", status: 200 }),
    (error: unknown) => ({
      error: error instanceof NotFoundError ? "NotFoundError" : String(error),
      status: (error as NotFoundError).status,
    }),
  );
  // Neither is retried: the response had arrived.
  const broken = {
    cut: await failureOf(recordOf("rec_cut")),
    // No retry: a busy machine's slow headers would time out the attempt before its body does.
    stalled: await failureOf(recordOf("rec_stalled", stacker.withOptions({ timeout: 1_000, maxRetries: 0 }))),
    oddStatus: await failureOf(recordOf("rec_odd_status", stacker.withOptions({ maxRetries: 0 }))),
    endless: await failureOf(recordOf("rec_endless", stacker.withOptions({ maxResponseBytes: 256 * 1024 }))),
    gzipBomb: await failureOf(recordOf("rec_gzip_bomb", stacker.withOptions({ maxResponseBytes: 256 * 1024 }))),
  };
  const refusedCall = recordOf(
    "rec_refused",
    createStackerClient({ ...stackerCredentials, baseUrl: fixtures.refusedUrl, maxRetries: 0 }),
  );
  const refused = {
    error: await failureOf(refusedCall),
    maybeReceived: await refusedCall.then(
      () => undefined,
      (error: unknown) => (error as ConnectionError).maybeReceived,
    ),
  };
  const gzipped = await unwrap(recordOf("rec_gzipped"));
  const searched: (string | undefined)[] = [];
  for await (const found of searchAll(stacker, ORDERS, { count: 2 })) searched.push(found._sid);

  const admin = createStackAuthServerClient({
    projectId: fixtures.projectId,
    secretServerKey: "ssk_smoke_5m2x",
    baseUrl,
  });
  const users: string[] = [];
  for await (const user of listAllUsers(admin, { limit: 2 })) users.push(user.id);

  const client = createStackAuthClient({
    projectId: fixtures.projectId,
    publishableClientKey: "pck_smoke_3k8q",
    baseUrl,
  });
  const project = await unwrapStackAuth(client.GET("/projects/current"));

  const { secret, body, headers } = fixtures.webhook;
  const event = verifyWebhook(body, headers, secret);
  let tampered = "accepted";
  try {
    verifyWebhook(body.replace("ada@", "eve@"), headers, secret);
  } catch (error) {
    tampered = error instanceof WebhookSignatureError ? "WebhookSignatureError" : String(error);
  }

  const claims = await createAccessTokenVerifier({ projectId: fixtures.projectId, baseUrl })(fixtures.accessToken);

  const streamed = await streamedReport(stacker, baseUrl, fixtures.canceledSid, stackerCredentials.integrationKey);
  const ownSettings = {
    // Its own timeout, and no retry, against a handler that never answers; the client's next call, without them, gets
    // a record that answers later than that timeout.
    timedOut: await recordOf("rec_no_answer", stacker, { timeout: 300, maxRetries: 0 }).then(
      () => ({ error: "none" }),
      (error: unknown) => ({
        error: nameOf(error),
        timeoutMs: (error as RequestTimeoutError).timeoutMs,
        attempts: (error as RequestTimeoutError).attempts,
      }),
    ),
    next: (await unwrap(recordOf("rec_late")))._sid,
    // The client retries a 503, as it did the first record's: not this call.
    oneAttempt: await unwrap(recordOf("rec_unavailable", stacker, { maxRetries: 0 })).then(
      () => ({ error: "none" }),
      (error: unknown) => ({ error: nameOf(error), status: (error as ApiError).status }),
    ),
  };

  return {
    record: { sid: record._sid, status: record.orders__status as string | null | undefined },
    gzipped: gzipped._sid,
    missing,
    broken,
    refused,
    searched,
    users,
    project: project.display_name,
    webhook: { type: event.type, tampered },
    token: { sub: claims.sub },
    streamed,
    ownSettings,
    fake: await fakeReport(),
    uploads: await uploads(baseUrl, fixtures.recordSid),
    wire: await hostileWire(fixtures.wire.url, fixtures.wire.count, stackerCredentials.integrationKey),
  };
}

/** Runs the test kit's fake as a user's test would: an example, a dropped connection, a handler past the timeout. */
async function fakeReport(): Promise<SmokeReport["fake"]> {
  const fake = createStackerFake();
  const stacker = createStackerClient({
    integrationKey: "ik_fake_2c7a",
    accountId: "acc_8f2d41",
    stackId: "app785vwedw46e3bx8",
    fetch: fake.fetch,
    maxRetries: 0,
    timeout: 1_000,
  });
  const objects = "GET /api/external/objects/";
  const hello = await unwrap(stacker.GET("/api/external/hello/"));
  fake.disconnect(objects, { times: 1 });
  const dropped = await failureOf(stacker.GET("/api/external/objects/"));
  // The handler waits for the app to give up, or 10 s: a fake that ignored the timeout would answer then.
  fake.on(objects, ({ request }) => {
    return new Promise((answer) => {
      const late = setTimeout(() => answer([]), 10_000);
      request.signal.addEventListener("abort", () => (clearTimeout(late), answer([])), { once: true });
    });
  });
  const slow = await failureOf(stacker.GET("/api/external/objects/"));
  fake.verify();
  return { hello: String(hello.message), dropped, slow, statuses: fake.calls(objects).map((call) => call.status) };
}

/** Reads records as streams through `stacker`, as {@link StreamedReport} says. */
async function streamedReport(
  stacker: StackerClient,
  baseUrl: string,
  canceledSid: string,
  integrationKey: string,
): Promise<StreamedReport> {
  const streamedRecord = async (record_sid: string) => {
    const { data } = await stacker.GET(RECORD, {
      params: { path: { object_sid: ORDERS, record_sid } },
      parseAs: "stream",
    });
    if (!data) throw new Error(`the streamed record ${record_sid} came without a body`);
    return data;
  };
  const read = await readToEnd(await streamedRecord("rec_streamed"));
  const byob = await readToEndByob(await streamedRecord("rec_streamed"));
  const cut = await streamedRecord("rec_streamed_cut")
    .then(readToEnd)
    .then(
      () => ({ error: "none", showedKey: false }),
      (error: unknown) => ({
        error: nameOf(error),
        showedKey: `${String(error)} ${JSON.stringify(error)}`.includes(integrationKey),
      }),
    );

  const reader = (await streamedRecord(canceledSid)).getReader();
  await reader.read();
  await reader.cancel();
  const readAfter = (await reader.read()).done ? "done" : "more bytes";
  return { read, byob, cut, canceled: { readAfter, closed: await connectionClosed(baseUrl, canceledSid) } };
}

/** Reads `body` to its end with a default reader. */
async function readToEnd(body: ReadableStream<Uint8Array>): Promise<StreamedBytes> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return bytesOf(chunks);
}

/** Reads `body` to its end with a BYOB reader, into buffers of 1,000 bytes; or the error that refused the reader. */
async function readToEndByob(body: ReadableStream<Uint8Array>): Promise<StreamedBytes | { refused: string }> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = body.getReader({ mode: "byob" });
  } catch (error) {
    await body.cancel();
    return { refused: (error as Error).name };
  }
  const chunks: Uint8Array[] = [];
  for (let read = await reader.read(new Uint8Array(1_000)); !read.done; read = await reader.read(new Uint8Array(1_000)))
    chunks.push(read.value);
  return bytesOf(chunks);
}

/** The bytes of `chunks` joined: how many, and their SHA-256. */
async function bytesOf(chunks: readonly Uint8Array[]): Promise<StreamedBytes> {
  const all = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return { bytes: all.length, sha256: Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("") };
}

/** Whether the server saw the connection of the record `sid` close, within some 50 polls (well within its 3 s). */
async function connectionClosed(baseUrl: string, sid: string): Promise<boolean> {
  for (let poll = 0; poll < 50; poll++) {
    const open = (await (await fetch(`${baseUrl}/smoke/open-stream?sid=${sid}`)).json()) as boolean;
    if (!open) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
