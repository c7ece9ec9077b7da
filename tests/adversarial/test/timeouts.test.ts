import { execFile } from "node:child_process";
import { inspect } from "node:util";
import { sendJson } from "@keyway/test-server";
import { createStackAuthServerClient } from "@keyway/stack-auth";
import { createStackerClient, RequestTimeoutError, searchAll, type StackerClientOptions } from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_ID,
  INTEGRATION_KEY,
  PROJECT_ID,
  SECRET_SERVER_KEY,
  STACK_ID,
  server,
  stallBody,
  until,
} from "./network.js";

const RECORD_PATH = "/api/external/objects/{object_sid}/records/{record_sid}/";
const RECORD_PARAMS = { path: { object_sid: "object.custom.orders", record_sid: "rec1" } };
/** Long enough for a busy machine to get the headers within it: what times out is the body. */
const TIMEOUT_MS = 1_500;
/** Far beyond the timeout: a call that settles within it did not wait for the server. */
const SETTLE_LIMIT_MS = 10_000;

/** How a call ended, and how long it took from its start; a call still pending after SETTLE_LIMIT_MS ends as "pending". */
async function outcomeOf(start: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const call = start();
  const pending = new Promise((resolve) => setTimeout(() => resolve("pending"), SETTLE_LIMIT_MS).unref());
  const error = await Promise.race([
    call.then(
      () => "resolved",
      (e: unknown) => e,
    ),
    pending,
  ]);
  return { error, ms: performance.now() - started };
}

/** The hooks of a client whose one attempt is counted when its response headers arrive. */
function countingHeaders() {
  const seen = { headers: 0 };
  return { seen, hooks: { onResponse: () => void seen.headers++ } };
}

function expectTimedOut({ error, ms }: { error: unknown; ms: number }, url: string, seen: { headers: number }) {
  expect(seen.headers).toBe(1); // the headers arrived: it was the body that timed out
  expect(error).toBeInstanceOf(RequestTimeoutError);
  expect(error).toMatchObject({ timeoutMs: TIMEOUT_MS, attempts: 1, url });
  expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 2); // a timer may fire a millisecond early
  expect(`${String(error)} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`).not.toMatch(/MARKER/);
}

/** A server whose every response stalls after its headers, counting the connections it sees closed. */
async function stallingServer(status = 200) {
  let closed = 0;
  const api = await server((_req, res) => {
    res.on("close", () => closed++);
    stallBody(res, status);
  });
  return { api, closed: () => closed };
}

function stackerAgainst(baseUrl: string, options: Partial<StackerClientOptions> = {}) {
  return createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl,
    timeout: TIMEOUT_MS,
    maxRetries: 0, // a retry would follow only a timeout before the headers, which these tests do not test
    ...options,
  });
}

describe("a body that stalls after its headers fails the call with RequestTimeoutError, and frees its connection", () => {
  it("a record GET", async () => {
    const { api, closed } = await stallingServer();
    const { seen, hooks } = countingHeaders();
    const outcome = await outcomeOf(() =>
      stackerAgainst(api.url, { hooks }).GET(RECORD_PATH, { params: RECORD_PARAMS }),
    );
    expectTimedOut(outcome, `${api.url}/api/external/objects/object.custom.orders/records/rec1/`, seen);
    await until(() => closed() === 1, "the server sees the connection closed");
  });

  it("an error response (a 503 the client does not retry)", async () => {
    const { api } = await stallingServer(503);
    const { seen, hooks } = countingHeaders();
    const stacker = stackerAgainst(api.url, { hooks });
    expectTimedOut(
      await outcomeOf(() => stacker.GET(RECORD_PATH, { params: RECORD_PARAMS })),
      `${api.url}/api/external/objects/object.custom.orders/records/rec1/`,
      seen,
    );
  });

  it("a page of searchAll", async () => {
    const { api } = await stallingServer();
    const { seen, hooks } = countingHeaders();
    const outcome = await outcomeOf(() =>
      searchAll(stackerAgainst(api.url, { hooks }), "object.custom.orders", {}).next(),
    );
    expectTimedOut(outcome, `${api.url}/api/external/objects/object.custom.orders/search/`, seen);
  });

  it("a Stack Auth server call", async () => {
    const { api } = await stallingServer();
    const { seen, hooks } = countingHeaders();
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: api.url,
      timeout: TIMEOUT_MS,
      maxRetries: 0,
      hooks,
    });
    const outcome = await outcomeOf(() => admin.GET("/users/{user_id}", { params: { path: { user_id: "u1" } } }));
    expectTimedOut(outcome, `${api.url}/users/u1`, seen);
  });

  it('but a body read as a stream (parseAs: "stream") is the caller\'s: it outlives the timeout', async () => {
    let finish = () => {};
    const api = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).write('{"records": [');
      finish = () => res.end("]}");
    });
    const { data: body } = await stackerAgainst(api.url).GET(RECORD_PATH, { params: RECORD_PARAMS, parseAs: "stream" });
    // Locked at once, as a reader would: undici cancels the unlocked body of a Response it has collected.
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 500));
    finish();
    const decoder = new TextDecoder();
    let text = "";
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += decoder.decode(read.value);
    expect(JSON.parse(text)).toEqual({ records: [] });
  });
});

/** Runs an ES module script beside this package's dependencies; resolves with what it printed once it exits. */
function runScript(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ["--input-type=module", "-e", script], (error, stdout) => {
      if (child.killed) reject(new Error("the script was still running 30 s after it started"));
      else if (error) reject(error);
      else resolve(stdout);
    });
    setTimeout(() => child.kill(), 30_000).unref(); // a deadline left running would hold the script for 60 s
  });
}

describe("a script exits as soon as its calls are done: no attempt's deadline (60 s by default) is left running", () => {
  it("after a retried 503 and a followed redirect", async () => {
    let requests = 0;
    const api = await server((req, res) => {
      requests++;
      if (requests === 1) return sendJson(res, 503, { detail: "busy" }, { "retry-after-ms": "10" });
      if (requests === 2) return void res.writeHead(307, { location: `${req.url}?moved=1` }).end();
      sendJson(res, 200, { _sid: "rec1" });
    });
    const printed = await runScript(`
      import { createStackerClient } from "@keyway/stacker";
      const stacker = createStackerClient({ integrationKey: "k", accountId: "a", stackId: "s", baseUrl: ${JSON.stringify(api.url)} });
      const { data } = await stacker.GET(${JSON.stringify(RECORD_PATH)}, { params: ${JSON.stringify(RECORD_PARAMS)} });
      console.log(JSON.stringify(data));
    `);
    expect(JSON.parse(printed)).toEqual({ _sid: "rec1" });
    expect(requests).toBe(3);
  });

  it("after a session refresh that failed", async () => {
    const api = await server((req, res) =>
      req.url === "/auth/sessions/current/refresh"
        ? sendJson(
            res,
            401,
            { code: "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", error: "gone" },
            {
              "x-stack-known-error": "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
            },
          )
        : sendJson(
            res,
            401,
            { code: "ACCESS_TOKEN_EXPIRED", error: "expired" },
            {
              "x-stack-known-error": "ACCESS_TOKEN_EXPIRED",
            },
          ),
    );
    const printed = await runScript(`
      import { createStackAuthClient } from "@keyway/stack-auth";
      const stack = createStackAuthClient({
        projectId: ${JSON.stringify(PROJECT_ID)},
        baseUrl: ${JSON.stringify(api.url)},
        session: { accessToken: "eyJ.expired.sig", refreshToken: "r".repeat(45) },
      });
      console.log(await stack.GET("/users/me").then(() => "resolved", (error) => error.name));
    `);
    expect(printed.trim()).toBe("SignedOutError");
    expect(api.requests.map((request) => request.url)).toEqual(["/users/me", "/auth/sessions/current/refresh"]);
  });
});
