import { sendJson } from "@keyway/test-server";
import { createStackAuthClient } from "@keyway/stack-auth";
import {
  BulkUpsertError,
  bulkUpsert,
  createStackerClient,
  RequestAbortedError,
  searchAll,
  unwrap,
  type StackerClientOptions,
} from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import {
  ACCESS_TOKEN,
  ACCOUNT_ID,
  INTEGRATION_KEY,
  PROJECT_ID,
  REFRESH_TOKEN,
  STACK_ID,
  server,
  stallBody,
  until,
} from "./network.js";

const RECORD_PATH = "/api/external/objects/{object_sid}/records/{record_sid}/";
const RECORD_PARAMS = { path: { object_sid: "object.custom.orders", record_sid: "rec1" } };
/** Far beyond any wait here: an abort that settles within it did not wait for the server. */
const SETTLE_LIMIT_MS = 2_000;

/** A server that never answers; its connections are destroyed when the test's servers close. */
const stall = () => {};

async function stackerAgainst(handler: Parameters<typeof server>[0], options: Partial<StackerClientOptions> = {}) {
  const api = await server(handler);
  return {
    api,
    stacker: createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: ACCOUNT_ID,
      stackId: STACK_ID,
      baseUrl: api.url,
      ...options,
    }),
  };
}

/** A Stacker client whose server sends headers and the start of a body, then stalls; `headersArrived` says when the client has the headers. */
async function stackerWithStalledBody(onClose: () => void = () => {}) {
  let responses = 0;
  const { api, stacker } = await stackerAgainst(
    (_req, res) => {
      res.on("close", onClose);
      stallBody(res);
    },
    { hooks: { onResponse: () => responses++ } },
  );
  return { api, stacker, headersArrived: () => responses === 1 };
}

/** Aborts once `ready` holds, and returns the call's error and how long it took to settle after the abort. */
async function abortWhen(call: (signal: AbortSignal) => Promise<unknown>, ready: () => boolean, what: string) {
  const controller = new AbortController();
  const settled = call(controller.signal).then(
    () => undefined,
    (e: unknown) => e,
  );
  await until(ready, what);
  const abortedAt = performance.now();
  controller.abort();
  const error = await settled;
  return { error, settleMs: performance.now() - abortedAt };
}

/** Checks that the call ended soon after its abort, in a RequestAbortedError naming `url` when given. */
function expectAbortedAtOnce({ error, settleMs }: { error: unknown; settleMs: number }, url?: string) {
  expect(error).toBeInstanceOf(RequestAbortedError);
  expect(settleMs).toBeLessThan(SETTLE_LIMIT_MS);
  if (url !== undefined) expect((error as RequestAbortedError).message).toBe(`GET ${url} was aborted by the caller`);
}

/** The record's URL on `api`, as errors name it. */
const recordUrl = (api: { readonly url: string }) =>
  `${api.url}/api/external/objects/object.custom.orders/records/rec1/`;

describe("the caller's signal ends the call at once, at every stage", () => {
  it("waiting to send (an async credential provider that never answers): nothing is sent, and the provider's signal aborts", async () => {
    let asked = false;
    let providerSignal: AbortSignal | undefined;
    const { api, stacker } = await stackerAgainst(stall, {
      integrationKey: ({ signal }) => ((asked = true), (providerSignal = signal), new Promise<string>(() => {})),
    });
    expectAbortedAtOnce(
      await abortWhen(
        (signal) => stacker.GET(RECORD_PATH, { params: RECORD_PARAMS, signal }),
        () => asked,
        "the provider is asked",
      ),
      recordUrl(api),
    );
    expect(api.requests).toHaveLength(0);
    expect(providerSignal?.aborted).toBe(true);
  });

  it("waiting for the response headers", async () => {
    const { api, stacker } = await stackerAgainst(stall);
    expectAbortedAtOnce(
      await abortWhen(
        (signal) => stacker.GET(RECORD_PATH, { params: RECORD_PARAMS, signal }),
        () => api.requests.length === 1,
        "the request arrives",
      ),
      recordUrl(api),
    );
  });

  it("reading a body that stalls after the headers, and the connection is closed", async () => {
    let closed = false;
    const { api, stacker, headersArrived } = await stackerWithStalledBody(() => (closed = true));
    expectAbortedAtOnce(
      await abortWhen(
        (signal) => stacker.GET(RECORD_PATH, { params: RECORD_PARAMS, signal }),
        headersArrived,
        "the response headers arrive",
      ),
      recordUrl(api),
    );
    await until(() => closed, "the server sees the connection closed");
  });

  it("reading the body through unwrap", async () => {
    const { stacker, headersArrived } = await stackerWithStalledBody();
    expectAbortedAtOnce(
      await abortWhen(
        (signal) => unwrap(stacker.GET(RECORD_PATH, { params: RECORD_PARAMS, signal })),
        headersArrived,
        "the response headers arrive",
      ),
    );
  });

  it("reading a page in searchAll, a helper that parses the body", async () => {
    const { stacker, headersArrived } = await stackerWithStalledBody();
    expectAbortedAtOnce(
      await abortWhen(
        (signal) => searchAll(stacker, "object.custom.orders", {}, { signal }).next(),
        headersArrived,
        "the page's headers arrive",
      ),
    );
  });

  it("a bulk upsert: a BulkUpsertError whose cause is the abort, its batch's outcome unknown", async () => {
    const { api, stacker } = await stackerAgainst(stall);
    const records = [{ orders__number: 1 }, { orders__number: 2 }];
    const { error, settleMs } = await abortWhen(
      (signal) => bulkUpsert(stacker, "object.custom.orders", records, { signal }),
      () => api.requests.length === 1,
      "the batch arrives",
    );
    expect(error).toBeInstanceOf(BulkUpsertError);
    expect((error as BulkUpsertError).cause).toBeInstanceOf(RequestAbortedError);
    expect((error as BulkUpsertError).outcomeUnknown).toEqual(records);
    expect(settleMs).toBeLessThan(SETTLE_LIMIT_MS);
  });

  it("backing off before a retry the server asked to delay by 30 s", async () => {
    const retries: number[] = [];
    const { api, stacker } = await stackerAgainst(
      (_req, res) => sendJson(res, 503, { detail: "busy" }, { "retry-after": "30" }),
      {
        hooks: { onRetry: ({ delayMs }) => retries.push(delayMs) },
      },
    );
    expectAbortedAtOnce(
      await abortWhen(
        (signal) => stacker.GET(RECORD_PATH, { params: RECORD_PARAMS, signal }),
        () => retries.length === 1,
        "the backoff starts",
      ),
    );
    expect(retries).toEqual([30_000]);
    expect(api.requests).toHaveLength(1);
  });

  it("following a redirect whose target stalls", async () => {
    const { api, stacker } = await stackerAgainst((req, res) =>
      req.url.startsWith("/moved") ? stall() : res.writeHead(307, { location: "/moved" }).end(),
    );
    expectAbortedAtOnce(
      await abortWhen(
        (signal) => stacker.GET(RECORD_PATH, { params: RECORD_PARAMS, signal }),
        () => api.requests.length === 2,
        "the redirect's target is asked",
      ),
    );
  });

  it("an already-aborted signal sends nothing", async () => {
    const { api, stacker } = await stackerAgainst(stall);
    await expect(
      stacker.GET(RECORD_PATH, { params: RECORD_PARAMS, signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(RequestAbortedError);
    expect(api.requests).toHaveLength(0);
  });

  it("waiting for a refresh another call started: the waiter leaves at once, the refresh goes on for the others", async () => {
    const NEW_TOKEN = "eyJ.refreshed_after_abort.sig";
    let releaseRefresh: (() => void) | undefined;
    const api = await server((req, res) => {
      if (req.url === "/auth/sessions/current/refresh")
        return void (releaseRefresh = () => sendJson(res, 200, { access_token: NEW_TOKEN }));
      if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, { id: "u1" });
      res
        .writeHead(401, { "content-type": "application/json", "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" })
        .end(JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" }));
    });
    const stack = createStackAuthClient({
      projectId: PROJECT_ID,
      baseUrl: api.url,
      session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
    });
    const patient = stack.GET("/users/me");
    const refreshing = () =>
      releaseRefresh !== undefined && api.requests.filter((r) => r.url === "/users/me").length === 2;
    const aborted = await abortWhen(
      (signal) => stack.GET("/users/me", { signal }),
      refreshing,
      "both calls wait for the refresh",
    );
    expectAbortedAtOnce(aborted);
    releaseRefresh!();
    expect((await patient).data).toEqual({ id: "u1" });
    expect(api.requests.filter((r) => r.url === "/auth/sessions/current/refresh")).toHaveLength(1);
    expect((await stack.getSession())?.accessToken).toBe(NEW_TOKEN);
  });
});
