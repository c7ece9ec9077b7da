// The clients compared call for call: each task makes the same kind of request (a GET of one
// resource by path parameters) and gets the same JSON body back.
import { openTelemetry } from "@keyway/otel";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createStackAuthClient, createStackAuthServerClient } from "@keyway/stack-auth";
import { createStackerClient, STACKER_BASE_URL } from "@keyway/stacker";
import createClient from "openapi-fetch";
import { CREDENTIALS } from "./fixtures.mjs";

const RECORD_PATH = "/api/external/objects/{object_sid}/records/{record_sid}/";
const RECORD_PARAMS = { params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } } };
const RECORD_URL = "/api/external/objects/object.custom.orders/records/rec7wzphqrc9w7rii7h/";
/** The headers Stacker needs for a record, as a hand-written call sends them. */
export const STACKER_HEADERS = {
  "X-Integration-Key": CREDENTIALS.integrationKey,
  "X-Account-Id": CREDENTIALS.accountId,
  "X-Stack-Id": CREDENTIALS.stackId,
};

/**
 * The record GET as a hand-written fetch call makes it: one `fetch(url, init)`, the status checked, the body parsed.
 * @param {(url: string, init: RequestInit) => Promise<Response>} fetch
 * @param {string} baseUrl
 * @param {RequestInit} init
 */
export async function rawRecordCall(fetch, baseUrl, init) {
  const response = await fetch(`${baseUrl}${RECORD_URL}`, init);
  if (!response.ok) throw new Error(`call failed with status ${response.status}`);
  return response.json();
}

/** Resolves with the parsed body of an openapi-fetch-style result, or throws: no benchmark may time failures. */
function dataOf(result) {
  if (result.data === undefined || !result.response.ok)
    throw new Error(`call failed with status ${result.response.status}`);
  return result.data;
}

/**
 * Runs `send` with a signal that aborts after 60 s, clearing the timer once `send` settles.
 * @template T
 * @param {(signal: AbortSignal) => Promise<T>} send
 */
async function withTimeout(send) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 60_000);
  try {
    return await send(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** A Request class for openapi-fetch that only keeps what one `fetch(url, init)` needs. */
class LightRequest {
  /** @param {string} url @param {RequestInit} init */
  constructor(url, init) {
    this.url = url;
    this.method = init.method;
    this.headers = init.headers;
    this.body = init.body;
  }
}

/** An async session store, as an app that keeps sessions in a database or keychain has. */
function asyncSessionStore(tokens) {
  return { get: async () => tokens, set: async () => {} };
}

/**
 * The record GET through @keyway/stacker with the benchmark's credentials, traced by `instrumentation`
 * when given.
 * @param {{ fetch: typeof globalThis.fetch, baseUrl?: string }} options
 * @param {import("@keyway/stacker").StackerClientOptions["instrumentation"]} [instrumentation]
 */
function stackerRecordCall({ fetch, baseUrl }, instrumentation) {
  const { integrationKey, accountId, stackId } = CREDENTIALS;
  const client = createStackerClient({
    integrationKey,
    accountId,
    stackId,
    fetch,
    ...(instrumentation ? { instrumentation } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  });
  return async () => dataOf(await client.GET(RECORD_PATH, RECORD_PARAMS));
}

/**
 * The tasks, in report order. `build({ fetch, baseUrl })` returns the function timed once per
 * call; `baseUrl` is undefined for in-memory runs (each client then uses its real API host).
 * `target` is the minimum ops/s ratio to bare openapi-fetch the issue sets for the task.
 */
export const CALL_TASKS = [
  {
    name: "raw fetch",
    build:
      ({ fetch, baseUrl = STACKER_BASE_URL }) =>
      () =>
        rawRecordCall(fetch, baseUrl, { headers: STACKER_HEADERS }),
  },
  {
    name: "openapi-fetch (bare)",
    baseline: true,
    // `openapiFetch` is openapi-fetch's `createClient`, given when another module instance of it is to be used.
    build: ({ fetch, baseUrl = STACKER_BASE_URL, openapiFetch = createClient }) => {
      /** @type {import("openapi-fetch").Client<import("@keyway/stacker").paths>} */
      const client = openapiFetch({ baseUrl, fetch });
      return async () => dataOf(await client.GET(RECORD_PATH, RECORD_PARAMS));
    },
  },
  {
    name: "openapi-fetch + naive header middleware",
    build: ({ fetch, baseUrl = STACKER_BASE_URL }) => {
      /** @type {import("openapi-fetch").Client<import("@keyway/stacker").paths>} */
      const client = createClient({ baseUrl, fetch });
      client.use({
        onRequest({ request }) {
          for (const [name, value] of Object.entries(STACKER_HEADERS)) request.headers.set(name, value);
          return request;
        },
      });
      return async () => dataOf(await client.GET(RECORD_PATH, RECORD_PARAMS));
    },
  },
  {
    // What any per-request timeout costs (openai-node's does the same): the floor under keyway's transport.
    name: "openapi-fetch + naive timeout (AbortController + timer)",
    build: ({ fetch, baseUrl = STACKER_BASE_URL }) => {
      /** @type {import("openapi-fetch").Client<import("@keyway/stacker").paths>} */
      const client = createClient({
        baseUrl,
        fetch: (request) => withTimeout((signal) => fetch(request, { signal })),
      });
      return async () => dataOf(await client.GET(RECORD_PATH, RECORD_PARAMS));
    },
  },
  {
    // The least a call whose timeout cancels it can cost: raw fetch with the signal and timer every such call needs.
    name: "raw fetch + timeout (AbortController + timer)",
    build:
      ({ fetch, baseUrl = STACKER_BASE_URL }) =>
      () =>
        withTimeout((signal) => rawRecordCall(fetch, baseUrl, { headers: STACKER_HEADERS, signal })),
  },
  {
    // The sketch of a client faster than bare openapi-fetch, at its least: a light Request class that one
    // `fetch(url, init)` sends, the credentials as fixed client headers, a per-call timeout that cancels.
    name: "openapi-fetch + light Request + timeout (the issue's sketch)",
    build: ({ fetch, baseUrl = STACKER_BASE_URL }) => {
      /** @type {import("openapi-fetch").Client<import("@keyway/stacker").paths>} */
      const client = createClient({
        baseUrl,
        headers: STACKER_HEADERS,
        Request: /** @type {typeof Request} */ (/** @type {unknown} */ (LightRequest)),
        fetch: /** @type {typeof globalThis.fetch} */ (
          /** @type {unknown} */ (
            (/** @type {LightRequest} */ { url, method, headers, body }) =>
              withTimeout((signal) => fetch(url, { method, headers, body, signal, redirect: "manual" }))
          )
        ),
      });
      return async () => dataOf(await client.GET(RECORD_PATH, RECORD_PARAMS));
    },
  },
  {
    name: "@keyway/stacker",
    target: 1.0,
    build: (options) => stackerRecordCall(options),
  },
  {
    // @keyway/otel given, but no OpenTelemetry SDK registered: spans are the API's no-op ones.
    name: "@keyway/stacker + @keyway/otel, no SDK (no-op tracer)",
    // Issue 16's "integration off" target: no measurable cost against the same client without it.
    comparedWith: "@keyway/stacker",
    noMeasurableCost: true,
    build: (options) => stackerRecordCall(options, openTelemetry()),
  },
  {
    // Every span recorded and batched (as NodeSDK does) for an exporter that drops it: the cost of tracing without any export's.
    name: "@keyway/stacker + @keyway/otel, spans recorded",
    comparedWith: "@keyway/stacker", // issue 16: the cost of tracing, reported
    build: (options) => {
      const discard = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
      const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(discard)] });
      return stackerRecordCall(options, openTelemetry({ tracerProvider }));
    },
  },
  {
    name: "@keyway/stack-auth server, static keys",
    target: 1.0,
    build: ({ fetch, baseUrl }) => {
      const { projectId, secretServerKey } = CREDENTIALS;
      const client = createStackAuthServerClient({
        projectId,
        secretServerKey,
        fetch,
        ...(baseUrl ? { baseUrl } : {}),
      });
      return async () => dataOf(await client.GET("/users/{user_id}", { params: { path: { user_id: "3b2f1c9e" } } }));
    },
  },
  {
    name: "@keyway/stack-auth client access, async session store",
    target: 1.0,
    build: ({ fetch, baseUrl }) => {
      const { projectId, publishableClientKey, session } = CREDENTIALS;
      const client = createStackAuthClient({
        projectId,
        publishableClientKey,
        session: asyncSessionStore(session),
        fetch,
        ...(baseUrl ? { baseUrl } : {}),
      });
      return async () => dataOf(await client.GET("/users/me"));
    },
  },
];

/** The task every ratio is taken against. */
export const BASELINE_TASK = /** @type {(typeof CALL_TASKS)[number]} */ (CALL_TASKS.find((task) => task.baseline));
/** The task the loopback target is taken against. */
export const RAW_FETCH_TASK = /** @type {(typeof CALL_TASKS)[number]} */ (CALL_TASKS[0]);

/**
 * The task each task shares its process with and is timed against there: bare openapi-fetch in memory, raw
 * fetch over loopback (see call-worker.mjs).
 * @param {"memory" | "loopback"} mode
 */
export function partnerTask(mode) {
  return mode === "memory" ? BASELINE_TASK : RAW_FETCH_TASK;
}
