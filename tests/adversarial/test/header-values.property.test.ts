import { inspect } from "node:util";
import { sendJson } from "@keyway/test-server";
import { createStackAuthClient, SessionRefreshError } from "@keyway/stack-auth";
import { createStackAuthServerClient } from "@keyway/stack-auth/server";
import {
  ConfigurationError,
  createStackerClient,
  InvalidHeaderValueError,
  MissingCredentialError,
  searchAll,
  type StackerClientOptions,
} from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACCESS_TOKEN,
  ACCOUNT_ID,
  INTEGRATION_KEY,
  PROJECT_ID,
  REFRESH_TOKEN,
  SECRET_SERVER_KEY,
  STACK_ID,
  server,
  shown,
  stackerAt,
} from "./network.js";

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
  /** How the refusal names where the value came from, when it is an option the application set. */
  named?: string;
  /** The error of an answer that handed out the value, which refuses it (a value that is not the caller's). */
  answerError?: new (
    ...args: never[]
  ) => Error;
  attempt(value: string): Promise<{ error: unknown; sent: number }>;
}[] = [
  {
    name: "client option (string)",
    header: "X-Integration-Key",
    named: 'createStackerClient: integrationKey (sent as the "X-Integration-Key" header)',
    attempt: (v) => outcome(stackerWith({ integrationKey: v }), (s) => s.GET(RECORD_PATH, { params: RECORD_PARAMS })),
  },
  {
    name: "client option (provider)",
    header: "X-Account-Id",
    named: "createStackerClient: accountId's provider returned a value",
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
    named: "createStackerClient: timezone",
    attempt: (v) => outcome(stackerWith({ timezone: v }), (s) => s.GET(RECORD_PATH, { params: RECORD_PARAMS })),
  },
  {
    name: "client headers",
    header: "X-Trace",
    named: 'createStackerClient: headers["X-Trace"] ',
    attempt: (v) =>
      outcome(stackerWith({ headers: { "X-Trace": v } }), (s) => s.GET(RECORD_PATH, { params: RECORD_PARAMS })),
  },
  {
    name: "per-call headers",
    header: "X-Integration-Key",
    named: `GET ${RECORD_PATH}: headers["X-Integration-Key"] `,
    attempt: (v) =>
      outcome(stackerWith({}), (s) =>
        s.GET(RECORD_PATH, { params: RECORD_PARAMS, headers: { "X-Integration-Key": v } }),
      ),
  },
  {
    name: "per-call params.header",
    header: "X-Timezone",
    named: `GET ${RECORD_PATH}: params.header["X-Timezone"] `,
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
    async ({ header, named, answerError, attempt }) => {
      await fc.assert(
        fc.asyncProperty(badValue, async (value) => {
          const { error, sent } = await attempt(value);
          expectRefused(error, header, answerError);
          if (named) expect((error as Error).message.startsWith(named), (error as Error).message).toBe(true);
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
          timezone: "Europe/Paris", // an IANA name; the call's own X-Timezone, any value, stands over it
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

/** The kinds of value a JavaScript caller, or a setting read from the environment, passes where another was meant. */
const KINDS = {
  number: 4242,
  string: "x",
  boolean: true,
  object: { a: 1 },
  array: [1],
  function: () => 1,
  null: null,
  NaN: Number.NaN,
  negative: -1,
  Infinity: Number.POSITIVE_INFINITY,
  "empty string": "",
  "a line break": "a\r\nb",
  "a secret": SECRET_SERVER_KEY,
  // Values that no template literal, `String()` or comparison can turn into text or a number without throwing.
  symbol: Symbol("x"),
  bigint: 4242n,
  "an object without prototype": Object.create(null) as object,
  "an object that cannot be a primitive": { toString: false, valueOf: false },
  "an object whose conversion throws": {
    [Symbol.toPrimitive]() {
      throw new Error("MARKER");
    },
  },
} as const;
type Kind = keyof typeof KINDS;
/** Every kind of object: what an option taking an object of entries (headers, query serializer options) accepts. */
const OBJECTS: readonly Kind[] = [
  "object",
  "an object without prototype",
  "an object that cannot be a primitive", // its entries, toString: false and valueOf: false, are headers of "false"
  "an object whose conversion throws",
];
/** The kinds of object without an entry of its own: what an option of named entries (hooks) takes as none. */
const EMPTY_OBJECTS: readonly Kind[] = ["an object without prototype", "an object whose conversion throws"];

/**
 * Which kinds each option every client takes accepts (any other is refused, naming it): `null` leaves an option unset.
 * A credential's provider (a function) is called for each request, and its value refused then, naming its option.
 */
const CLIENT_OPTIONS: Record<string, readonly Kind[]> = {
  baseUrl: ["null"],
  fetch: ["function", "null"],
  headers: [...OBJECTS, "null"],
  dangerouslyAllowBrowser: ["boolean", "null"],
  instrumentation: ["null"],
  userAgent: ["string", "a secret", "null"],
  secretParameters: ["an object whose conversion throws", "null"], // {} but for a symbol key; the other has no prototype
  maxRetries: ["number", "null"],
  timeout: ["number", "null"],
  retryNonIdempotent: ["boolean", "null"],
  hooks: [...EMPTY_OBJECTS, "null"],
  allowedRedirectOrigins: ["null"],
  maxResponseBytes: ["number", "Infinity", "null"],
};
const TRANSPORT_OPTIONS = ["maxRetries", "timeout", "retryNonIdempotent", "hooks", "allowedRedirectOrigins"];
const STACK_AUTH_OPTIONS: Record<string, readonly Kind[]> = {
  ...CLIENT_OPTIONS,
  projectId: ["string", "a secret"],
  session: [...EMPTY_OBJECTS, "null"], // tokens, whose fields are checked: {} (nobody signed in), not { a: 1 }
  allowAnonymousUsers: ["boolean", "null"],
  headerFamily: ["null"],
};

/** An option of `options` and a kind of value to give it. */
function optionAndKind(options: Record<string, readonly Kind[]>) {
  return [fc.constantFrom(...Object.keys(options)), fc.constantFrom(...(Object.keys(KINDS) as Kind[]))] as const;
}

/** What fast-check runs first: every option of `options` with every kind of value, then as many drawn at random. */
function everyPair(options: Record<string, readonly Kind[]>) {
  const examples = Object.keys(options).flatMap((option) =>
    (Object.keys(KINDS) as Kind[]).map((kind) => [option, kind]),
  );
  return { examples: examples as [string, Kind][], numRuns: examples.length + 20 }; // numRuns counts the examples
}

/** Asserts `failure` is keyway's typed refusal of `option`, its message starting with one of `starts`, quoting no secret. */
function expectRefusal(failure: unknown, starts: readonly string[], option: string): void {
  expect(failure instanceof ConfigurationError || failure instanceof InvalidHeaderValueError, String(failure)).toBe(
    true,
  );
  const { message } = failure as Error;
  expect(
    starts.some((start) => message.startsWith(start)),
    message,
  ).toBe(true);
  expect(message, message).toContain(option.split(".")[0]);
  expect(shown(failure)).not.toContain("MARKER");
}

/** Each factory (and withOptions) an application calls, what it takes, and a call each accepted value must send. */
const FACTORIES: {
  readonly name: string;
  readonly named: string;
  readonly options: Record<string, readonly Kind[]>;
  make(baseUrl: string, option: string, value: unknown): { GET(path: string, init?: object): Promise<unknown> };
  readonly path: string;
  readonly init?: object;
}[] = [
  {
    name: "createStackerClient",
    named: "createStackerClient",
    options: {
      ...CLIENT_OPTIONS,
      integrationKey: ["string", "a secret"],
      accountId: ["string", "a secret", "null"],
      stackId: ["string", "a secret", "null"],
      timezone: ["null"], // none of the kinds is an IANA time zone name
    },
    make: (baseUrl, option, value) => stackerAt(baseUrl, { [option]: value }),
    path: RECORD_PATH,
    init: { params: RECORD_PARAMS },
  },
  {
    name: "Stacker's withOptions",
    named: "withOptions",
    options: Object.fromEntries(TRANSPORT_OPTIONS.map((name) => [name, CLIENT_OPTIONS[name]!])),
    make: (baseUrl, option, value) => stackerAt(baseUrl).withOptions({ [option]: value }),
    path: RECORD_PATH,
    init: { params: RECORD_PARAMS },
  },
  ...(["stack", "hexclave"] as const).flatMap((family) => [
    {
      name: `createStackAuthClient (${family})`,
      named: "createStackAuthClient",
      options: { ...STACK_AUTH_OPTIONS, publishableClientKey: ["string", "a secret", "null"] as const },
      make: (baseUrl: string, option: string, value: unknown) =>
        createStackAuthClient({ projectId: PROJECT_ID, baseUrl, headerFamily: family, [option]: value }),
      path: "/projects/current",
    },
    {
      name: `createStackAuthServerClient (${family})`,
      named: "createStackAuthServerClient",
      options: { ...STACK_AUTH_OPTIONS, secretServerKey: ["string", "a secret"] as const },
      make: (baseUrl: string, option: string, value: unknown) =>
        createStackAuthServerClient({
          projectId: PROJECT_ID,
          secretServerKey: SECRET_SERVER_KEY,
          baseUrl,
          headerFamily: family,
          [option]: value,
        }),
      path: "/projects/current",
    },
  ]),
];

describe("every option of every factory, given a value of any kind", () => {
  it.each(FACTORIES)(
    "$name: refused naming the option and the factory, quoting no secret, or valid and sent",
    async ({ named, options, make, path, init }) => {
      const api = await server((_req, res) => sendJson(res, 200, { records: [], _sid: "rec1", id: "p1" }));
      await fc.assert(
        fc.asyncProperty(...optionAndKind(options), async (option, kind) => {
          const value = KINDS[kind];
          const before = api.requests.length;
          // A fetch of the test's own, or the API's real base URL, is never called: creating the client is the test.
          const calls = !(option === "fetch" && value !== null) && !(option === "baseUrl" && value === null);
          const failure = await (async () => {
            const client = make(api.url, option, value);
            if (calls) await client.GET(path, init);
          })().then(
            () => undefined,
            (error: unknown) => error,
          );
          // An optional credential left unset: the call that needs it names the option that sets it.
          if (value === null && failure instanceof MissingCredentialError) {
            expect(failure.options).toContain(option);
            expect(failure.message).toContain(`the ${option} option of ${named}`);
            return;
          }
          if (!options[option]!.includes(kind)) {
            expectRefusal(failure, [`${named}: `], option);
            expect(api.requests.length).toBe(before);
            return;
          }
          expect(failure).toBeUndefined();
          if (calls) expect(api.requests.length).toBe(before + 1);
        }),
        everyPair(options),
      );
    },
  );
});

/**
 * Which kinds each option of a call takes (any other is refused): a client's settings that a call takes too (`timeout`,
 * …) the same kinds as the client's; its hooks and redirect rules none.
 */
const CALL_OPTIONS: Record<string, readonly Kind[]> = {
  headers: [...OBJECTS, "null"],
  "params.header": [...OBJECTS, "null"],
  parseAs: [],
  signal: ["null"],
  baseUrl: [],
  fetch: ["null"],
  bodySerializer: ["function", "null"], // a GET sends no body: never called
  querySerializer: [...OBJECTS, "null"],
  middleware: ["array", "null"], // openapi-fetch passes over what is not a middleware in the list
  maxRetries: CLIENT_OPTIONS.maxRetries!,
  timeout: CLIENT_OPTIONS.timeout!,
  retryNonIdempotent: CLIENT_OPTIONS.retryNonIdempotent!,
  maxResponseBytes: CLIENT_OPTIONS.maxResponseBytes!,
  hooks: [],
  allowedRedirectOrigins: [],
};

describe("every option of a call, given a value of any kind", () => {
  it("is refused naming the option and the call, quoting no secret, nothing sent; or valid and sent", async () => {
    const api = await server((_req, res) => sendJson(res, 200, { records: [], _sid: "rec1" }));
    const stacker = stackerAt(api.url);
    await fc.assert(
      fc.asyncProperty(...optionAndKind(CALL_OPTIONS), async (option, kind) => {
        const value = KINDS[kind];
        const before = api.requests.length;
        const params = option === "params.header" ? { ...RECORD_PARAMS, header: value } : RECORD_PARAMS;
        const init = option === "params.header" ? { params } : { params, [option]: value };
        const failure = await stacker.GET(RECORD_PATH, init as never).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (!CALL_OPTIONS[option]!.includes(kind)) {
          // What a call's own serializer or fetch returned is refused when it returns it, in words of its own.
          expectRefusal(failure, [`GET ${RECORD_PATH}: `, `The call's ${option} `, `GET ${api.url}/`], option);
          expect(api.requests.length).toBe(before);
          return;
        }
        expect(failure).toBeUndefined();
        expect(api.requests.length).toBe(before + 1);
        if (option.includes("header") && kind === "object") expect(api.requests.at(-1)!.headers.a).toBe("1");
      }),
      everyPair(CALL_OPTIONS),
    );
  });
});
