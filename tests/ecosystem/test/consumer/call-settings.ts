// Type tests of a call's own settings, as a user's code type-checks them against the installed packages: a call of
// every client takes `timeout`, `maxRetries`, `retryNonIdempotent` and `maxResponseBytes` with their types (a wrong one
// does not compile), and everything else openapi-fetch types stays as it typed it: the same call through openapi-fetch's
// own `Client` gives the same result type. Nothing here runs: the functions are only compiled.
import { createHeaderAuth } from "@keyway/header-auth";
import { type ClientMeta, createApiClient, type KeywayClient } from "@keyway/runtime";
import { createStackAuthClient } from "@keyway/stack-auth";
import { createStackAuthServerClient, listAllUsers } from "@keyway/stack-auth/server";
import { type CallSettings, createStackerClient, type StackerRecord, searchAll } from "@keyway/stacker";
import type { Client } from "openapi-fetch";

/** Whether two types are the same (not merely assignable either way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when `A` and `B` are the same type. */
function same<A, B>(_same: Same<A, B>): void {}

const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";
const params = { path: { object_sid: "object.custom.orders", record_sid: "rec_1" } };

/** A small API of the runtime's own client: a JSON list, a CSV export, and a delete answered 204. */
interface OrdersPaths {
  "/orders": { get: { responses: { 200: { content: { "application/json": { id: string }[] } } } } };
  "/orders/export": { get: { responses: { 200: { content: { "text/csv": string } } } } };
  "/orders/{order_id}": {
    delete: {
      parameters: { path: { order_id: string } };
      responses: { 204: { headers: { [name: string]: unknown }; content?: never } };
    };
  };
}
const ordersMeta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /orders": { id: "listOrders", security: [["ApiKey"]] },
    "GET /orders/export": { id: "exportOrders", security: [["ApiKey"]], successBody: "text" },
    "DELETE /orders/{order_id}": { id: "deleteOrder", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

export async function stackerCallSettings(): Promise<void> {
  const stacker = createStackerClient({ integrationKey: "ik", accountId: "acc", stackId: "app" });
  // Right: each setting with its type, with openapi-fetch's options and fetch's RequestInit extensions beside them.
  await stacker.GET("/api/external/stacks/", { timeout: 5_000, maxRetries: 0 });
  await stacker.GET("/api/external/stacks/", { retryNonIdempotent: true, maxResponseBytes: Number.POSITIVE_INFINITY });
  await stacker.GET("/api/external/stacks/", { timeout: null, maxRetries: undefined }); // null leaves it unset
  await stacker.GET(RECORD, {
    params,
    timeout: 5_000,
    headers: { "X-Trace-Id": "t-1" },
    signal: AbortSignal.timeout(10_000),
    baseUrl: "https://api.go.stackerhq.com",
    fetch: (request: Request) => fetch(request),
    priority: "high",
    dispatcher: {},
  });
  const settings: CallSettings = { timeout: 5_000, maxRetries: 1 };
  await stacker.POST("/api/external/objects/{object_sid}/records/", {
    params: { path: { object_sid: "object.custom.orders" } },
    body: { orders__status: "new" },
    ...settings,
    retryNonIdempotent: true,
  });
  await stacker.request("get", "/api/external/stacks/", { maxRetries: 0 });
  await stacker.withOptions({ timeout: 120_000 }).GET("/api/external/stacks/", { timeout: 1_000 });

  // Wrong: refused before, at run time only; now by the compiler.
  // @ts-expect-error: timeout is a number of milliseconds
  await stacker.GET("/api/external/stacks/", { timeout: "5" });
  // @ts-expect-error: maxRetries is a number, not a bigint
  await stacker.GET("/api/external/stacks/", { maxRetries: -1n });
  // @ts-expect-error: retryNonIdempotent is a boolean
  await stacker.GET("/api/external/stacks/", { retryNonIdempotent: "yes" });
  // @ts-expect-error: maxResponseBytes is a number
  await stacker.GET(RECORD, { params, maxResponseBytes: "64 MiB" });
  // @ts-expect-error: a call's settings are checked in client.request too
  await stacker.request("get", "/api/external/stacks/", { timeout: "5" });
  // @ts-expect-error: and in a copy made with withOptions
  await stacker.withOptions({ maxRetries: 1 }).GET("/api/external/stacks/", { maxRetries: "1" });

  // What openapi-fetch typed stays typed: a missing required parameter, a wrong parseAs, a RequestInit key.
  // @ts-expect-error: the record's path parameters are required
  await stacker.GET(RECORD, { timeout: 5_000 });
  // @ts-expect-error: parseAs is one of openapi-fetch's
  await stacker.GET("/api/external/stacks/", { parseAs: "xml" });
  // @ts-expect-error: cache is RequestInit's, typed as fetch types it
  await stacker.GET("/api/external/stacks/", { cache: "sometimes" });
  // @ts-expect-error: headers are openapi-fetch's HeadersOptions
  await stacker.GET("/api/external/stacks/", { headers: 42 });

  // The paging helpers' options type them too.
  searchAll(stacker, "object.custom.orders", {}, { timeout: 10_000, maxRetries: 0 });
  // @ts-expect-error: each page's timeout is a number
  searchAll(stacker, "object.custom.orders", {}, { timeout: "10s" });
}

export async function stackerResultsUnchanged(plain: Client<import("@keyway/stacker").paths>): Promise<void> {
  const stacker = createStackerClient({ integrationKey: "ik" });
  // The client is still an openapi-fetch Client, for libraries that take one.
  const asOpenapiFetch: Client<import("@keyway/stacker").paths> = stacker;
  void asOpenapiFetch;

  const record = await stacker.GET(RECORD, { params, timeout: 5_000 });
  same<typeof record, Awaited<ReturnType<typeof plain.GET<typeof RECORD, { params: typeof params }>>>>(true);
  same<typeof record.data, StackerRecord | undefined>(true);
  const text = await stacker.GET(RECORD, { params, parseAs: "text", maxRetries: 0 });
  same<typeof text, Awaited<ReturnType<typeof plain.GET<typeof RECORD, { params: typeof params; parseAs: "text" }>>>>(
    true,
  );
  same<typeof text.data, string | undefined>(true);
  const stream = await stacker.GET(RECORD, { params, parseAs: "stream", timeout: 5_000 });
  same<typeof stream.data, Response["body"] | undefined>(true);
  const bytes = await stacker.request("get", RECORD, { params, parseAs: "arrayBuffer", maxResponseBytes: 1_024 });
  same<typeof bytes.data, ArrayBuffer | undefined>(true);
  const deleted = await stacker.DELETE(RECORD, { params, retryNonIdempotent: true });
  same<typeof deleted, Awaited<ReturnType<typeof plain.DELETE<typeof RECORD, { params: typeof params }>>>>(true);
}

export async function runtimeCallSettings(): Promise<void> {
  const client: KeywayClient<OrdersPaths> = createApiClient<OrdersPaths>({
    meta: ordersMeta,
    baseUrl: "https://api.example.com",
    auth: createHeaderAuth({ meta: ordersMeta, credentials: { ApiKey: "key" } }),
  }).client;
  const plain: Client<OrdersPaths> = client;

  const list = await client.GET("/orders", { timeout: 5_000 });
  same<typeof list.data, { id: string }[] | undefined>(true);
  const csv = await client.GET("/orders/export", { parseAs: "text", maxRetries: 0 });
  same<typeof csv, Awaited<ReturnType<typeof plain.GET<"/orders/export", { parseAs: "text" }>>>>(true);
  same<typeof csv.data, string | undefined>(true);
  const path = { path: { order_id: "ord_1" } };
  const deleted = await client.DELETE("/orders/{order_id}", { params: path, timeout: 5_000 });
  same<typeof deleted, Awaited<ReturnType<typeof plain.DELETE<"/orders/{order_id}", { params: typeof path }>>>>(true);
  // An optional init stays optional, a required one required.
  await client.GET("/orders");
  // @ts-expect-error: the order's path parameter is required
  await client.DELETE("/orders/{order_id}");
  // @ts-expect-error: timeout is a number of milliseconds
  await client.GET("/orders", { timeout: "5" });
  // @ts-expect-error: maxResponseBytes is a number
  await client.DELETE("/orders/{order_id}", { params: path, maxResponseBytes: 10n });
}

export async function stackAuthCallSettings(): Promise<void> {
  const stack = createStackAuthClient({ projectId: "p", publishableClientKey: "pck" });
  const admin = createStackAuthServerClient({ projectId: "p", secretServerKey: "ssk" });
  await stack.GET("/users/me", { timeout: 5_000, maxRetries: 0 });
  await admin.GET("/users", { params: { query: { limit: 10 } }, maxResponseBytes: 1_000_000 });
  // @ts-expect-error: maxRetries is a number
  await stack.GET("/users/me", { maxRetries: "0" });
  // @ts-expect-error: timeout is a number of milliseconds
  await admin.GET("/users", { timeout: "5" });
  // @ts-expect-error: and in a copy made with withOptions
  await stack.withOptions({ timeout: 1_000 }).GET("/users/me", { retryNonIdempotent: 1 });

  listAllUsers(admin, { limit: 200 }, { timeout: 10_000, maxRetries: 0 });
  // @ts-expect-error: each page's maxRetries is a number
  listAllUsers(admin, {}, { maxRetries: "2" });
}
