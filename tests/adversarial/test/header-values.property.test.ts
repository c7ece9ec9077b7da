import { inspect } from "node:util";
import { sendJson } from "@keyway/test-server";
import { createStackAuthClient, SessionRefreshError } from "@keyway/stack-auth";
import { createStackerClient, InvalidHeaderValueError, searchAll, type StackerClientOptions } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN, ACCOUNT_ID, INTEGRATION_KEY, PROJECT_ID, REFRESH_TOKEN, STACK_ID, server } from "./network.js";

const RECORD_PATH = "/api/external/objects/{object_sid}/records/{record_sid}/";
const RECORD_PARAMS = { path: { object_sid: "object.custom.orders", record_sid: "rec1" } };

/** A value HTTP forbids (a line break, NUL, another control character, beyond Latin-1), marked so a leak shows. */
const badValue = fc
  .tuple(
    fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
    fc.constantFrom("\r", "\n", "\r\n", "\0", "\x01", "\x1b", "\x7f", "\u0100", "\u2028", "😀"),
    fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
  )
  .map(([before, bad, after]) => `MARKER${before}${bad}${after}`);

/** A value HTTP allows: visible ASCII and Latin-1, inner spaces, no surrounding whitespace. */
const goodValue = fc
  .string({
    unit: fc
      .oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0xa1, max: 0xff }))
      .map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 40,
  })
  .chain((head) =>
    fc.string({ unit: fc.constantFrom(" ", "a", "Z", "é"), maxLength: 5 }).map((middle) => `${head}${middle}${head}`),
  );

/**
 * `error` refuses the value under `header`: an InvalidHeaderValueError naming it, or (a value the server handed out)
 * the answer's own error with that InvalidHeaderValueError as its cause; never quoting the value.
 */
function expectRefused(error: unknown, header: string, answerError?: new (...args: never[]) => Error) {
  if (answerError) expect(error).toBeInstanceOf(answerError);
  const refusal = answerError ? (error as Error).cause : error;
  expect(refusal).toBeInstanceOf(InvalidHeaderValueError);
  expect((refusal as InvalidHeaderValueError).header.toLowerCase()).toBe(header.toLowerCase());
  expect(`${String(error)} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`).not.toContain("MARKER");
}

async function stackerWith(options: Partial<StackerClientOptions>) {
  const api = await server((_req, res) => sendJson(res, 200, { records: [], _sid: "rec1" }));
  const create = () =>
    createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: ACCOUNT_ID,
      stackId: STACK_ID,
      baseUrl: api.url,
      ...options,
    });
  return { api, create };
}

/** Each place a header value can come from, and how a call with a bad value there fails. */
const SOURCES: {
  name: string;
  header: string;
  /** The error of an answer that handed out the value, which refuses it (a value that is not the caller's). */
  answerError?: new (
    ...args: never[]
  ) => Error;
  attempt(value: string): Promise<{ error: unknown; sent: number }>;
}[] = [
  {
    name: "client option (string)",
    header: "X-Integration-Key",
    attempt: (v) => outcome(stackerWith({ integrationKey: v }), (s) => s.GET(RECORD_PATH, { params: RECORD_PARAMS })),
  },
  {
    name: "client option (provider)",
    header: "X-Account-Id",
    attempt: (v) => outcome(stackerWith({ accountId: () => v }), (s) => s.GET(RECORD_PATH, { params: RECORD_PARAMS })),
  },
  {
    name: "client option (async provider)",
    header: "X-Integration-Key",
    attempt: (v) =>
      outcome(stackerWith({ integrationKey: async () => v }), (s) => s.GET(RECORD_PATH, { params: RECORD_PARAMS })),
  },
  {
    name: "client timezone",
    header: "X-Timezone",
    attempt: (v) => outcome(stackerWith({ timezone: v }), (s) => s.GET(RECORD_PATH, { params: RECORD_PARAMS })),
  },
  {
    name: "client headers",
    header: "X-Trace",
    attempt: (v) =>
      outcome(stackerWith({ headers: { "X-Trace": v } }), (s) => s.GET(RECORD_PATH, { params: RECORD_PARAMS })),
  },
  {
    name: "per-call headers",
    header: "X-Integration-Key",
    attempt: (v) =>
      outcome(stackerWith({}), (s) =>
        s.GET(RECORD_PATH, { params: RECORD_PARAMS, headers: { "X-Integration-Key": v } }),
      ),
  },
  {
    name: "per-call params.header",
    header: "X-Timezone",
    attempt: (v) =>
      outcome(stackerWith({}), (s) =>
        s.GET(RECORD_PATH, { params: { ...RECORD_PARAMS, header: { "X-Timezone": v } } }),
      ),
  },
  {
    name: "searchAll timezone",
    header: "X-Timezone",
    attempt: (v) => outcome(stackerWith({}), (s) => searchAll(s, "object.custom.orders", {}, { timezone: v }).next()),
  },
  {
    name: "session store",
    header: "X-Stack-Access-Token",
    attempt: (v) => stackAuthOutcome({ accessToken: v, refreshToken: REFRESH_TOKEN }, false),
  },
  {
    name: "refresh answer",
    header: "X-Stack-Access-Token",
    answerError: SessionRefreshError,
    attempt: (v) => stackAuthOutcome({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN }, v),
  },
];

async function outcome(
  setup: ReturnType<typeof stackerWith>,
  call: (stacker: ReturnType<typeof createStackerClient>) => Promise<unknown>,
) {
  const { api, create } = await setup;
  const error = await (async () => call(create()))().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, sent: api.requests.length };
}

/** A signed-in Stack Auth client; with `refreshAnswer`, the API rejects the token as expired and refreshes to that value. */
async function stackAuthOutcome(session: { accessToken: string; refreshToken: string }, refreshAnswer: string | false) {
  const api = await server((req, res) => {
    if (req.url === "/auth/sessions/current/refresh") return sendJson(res, 200, { access_token: refreshAnswer });
    if (refreshAnswer === false) return sendJson(res, 200, { id: "u1" });
    res
      .writeHead(401, { "content-type": "application/json", "x-stack-known-error": "ACCESS_TOKEN_EXPIRED" })
      .end(JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" }));
  });
  // Tokens given as the session are refused when the client is made; a refresh's answer, when the call needs it.
  const error = await (async () => createStackAuthClient({ projectId: PROJECT_ID, baseUrl: api.url, session }))()
    .then((stack) => stack.GET("/users/me"))
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  const sentWithToken = api.requests.filter(
    (r) => r.url === "/users/me" && r.headers["x-stack-access-token"] !== ACCESS_TOKEN,
  ).length;
  return { error, sent: sentWithToken };
}

describe("one validation for every header value, whatever its source", () => {
  it.each(SOURCES)(
    "$name: a bad value is refused, an InvalidHeaderValueError naming $header, never the value, and nothing is sent",
    async ({ header, answerError, attempt }) => {
      await fc.assert(
        fc.asyncProperty(badValue, async (value) => {
          const { error, sent } = await attempt(value);
          expectRefused(error, header, answerError);
          expect(sent).toBe(0);
        }),
        { numRuns: 40 },
      );
    },
  );

  it("good values from every Stacker source reach the server intact", async () => {
    await fc.assert(
      fc.asyncProperty(goodValue, async (value) => {
        const { api, create } = await stackerWith({
          integrationKey: value,
          accountId: () => value,
          timezone: value,
          headers: { "X-Trace": value },
        });
        await create().GET(RECORD_PATH, {
          params: { ...RECORD_PARAMS, header: { "X-Timezone": value } },
          headers: { "X-Stack-Id": value },
        });
        const received = api.requests[0]!.headers;
        for (const name of ["x-integration-key", "x-account-id", "x-stack-id", "x-timezone", "x-trace"])
          expect(received[name]).toBe(value);
      }),
      { numRuns: 40 },
    );
  });
});
