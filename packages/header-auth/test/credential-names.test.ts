// A client that tells header-auth which of its options sets each credential (`credentialNames`) and header default
// (`headerDefaultNames`), and which of its functions the application called (`factory`), gets errors about such a
// value that name that option, or its provider, and the factory, never the value: whatever the value is, at creation
// for a fixed value and at call time for a provider's.
import fc from "fast-check";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, InvalidHeaderValueError, createHeaderAuth, type Credential } from "../src/index.js";
import { catchError, meta, recordingClient } from "./fixtures.js";

/** Each scheme of the fixture's API, the option a client would fill it from, and the header it is sent in. */
const NAMED = [
  { scheme: "ApiKey", option: "apiKey", header: "X-Api-Key" },
  { scheme: "AccountId", option: "accountId", header: "X-Account-Id" },
  { scheme: "Bearer", option: "accessToken", header: "Authorization" },
  { scheme: "Basic", option: "login", header: "Authorization" },
] as const;
const CREDENTIAL_NAMES = Object.fromEntries(NAMED.map(({ scheme, option }) => [scheme, option]));
const PATHS = { ApiKey: "/hello", AccountId: "/scoped", Bearer: "/bearer", Basic: "/basic" } as const;

/** Text holding what HTTP forbids in a header value (CR, LF, NUL, another control character, beyond Latin-1). */
const hostileText = fc
  .tuple(
    fc.string({ unit: "grapheme-ascii", maxLength: 8 }),
    fc.constantFrom("\r", "\n", "\r\n", "\0", "\x01", "\x1b", "\x7f", "\u0100", "\u2028", "€", "😀"),
    fc.string({ unit: "grapheme-ascii", maxLength: 8 }),
  )
  .map(([before, bad, after]) => `MARKER${before}${bad}${after}`);

/** A value no credential can be sent as: every other JavaScript type, hostile text, empty text. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom("", " ", "\t \t"),
  fc.integer().filter((n) => Math.abs(n) > 999), // long enough that a quoted number would show
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.bigInt({ min: 10_000n }),
  fc.constant(Symbol("MARKER")),
  fc.record({ secret: hostileText }),
  fc.array(hostileText, { minLength: 1, maxLength: 2 }),
  fc.constant(new Date(0)),
  fc.constant({ toString: () => "MARKER", valueOf: () => "MARKER" }),
);

/** A credential value that cannot be sent for `scheme`: a bad value, or a basic pair with one bad field. */
function badCredential(scheme: (typeof NAMED)[number]["scheme"]): fc.Arbitrary<unknown> {
  if (scheme !== "Basic") return fc.oneof(badValue, fc.record({ username: fc.constant("u"), password: hostileText }));
  return fc.oneof(
    badValue,
    fc.string().map((text) => `user:MARKER${text}`), // user:password text, where { username, password } is meant
    fc.record({ username: badValue, password: fc.constant("pw") }),
    fc.record({ username: fc.constant("u"), password: badValue.filter((value) => value !== "") }),
    fc.string().map((text) => ({ username: `MARKER:${text}`, password: "pw" })), // a colon HTTP basic cannot carry
  );
}

/** What the value shows as, when it could be quoted: an error must never contain it. */
function traces(value: unknown): string[] {
  if (typeof value === "string") return value.includes("MARKER") ? ["MARKER"] : [];
  if (typeof value === "number") return Number.isFinite(value) ? [String(value)] : []; // NaN and Infinity are kinds
  if (typeof value === "bigint") return [String(value)];
  return ["MARKER"];
}

function expectNamed(error: unknown, start: RegExp, value: unknown) {
  expect([InvalidHeaderValueError, ConfigurationError].some((type) => error instanceof type)).toBe(true);
  expect((error as Error).message).toMatch(start);
  const told = `${String(error)} ${JSON.stringify(error)}`;
  // The stack's line numbers could match a number by chance: it is searched for the marked text only.
  const everything = `${told} ${(error as Error).stack} ${inspect(error, { depth: 5 })}`;
  for (const trace of traces(value)) expect(trace === "MARKER" ? everything : told).not.toContain(trace);
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The factory a client package names (or none, for createHeaderAuth used on its own), and how a message starts. */
const factories = fc.constantFrom(undefined, "createOrdersClient");
const opening = (factory: string | undefined) => (factory ? `${factory}: ` : "");

describe("credentialNames", () => {
  it.each(NAMED)(
    "$scheme: a fixed value that cannot be sent names $option and its header, never the value, at creation",
    ({ scheme, option, header }) => {
      fc.assert(
        fc.property(badCredential(scheme), factories, (value, factory) => {
          const error = catchError(() =>
            createHeaderAuth({
              meta,
              credentials: { [scheme]: value as Credential },
              credentialNames: CREDENTIAL_NAMES,
              factory,
            }),
          );
          const field = "(\\.username|\\.password)?";
          expectNamed(
            error,
            new RegExp(`^${opening(factory)}${option}${field} \\(sent (as|in) the "${escaped(header)}" header\\) `),
            value,
          );
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each(NAMED)(
    "$scheme: a value its provider returns that cannot be sent names $option's provider, never the value, for the call",
    async ({ scheme, option, header }) => {
      await fc.assert(
        fc.asyncProperty(badCredential(scheme), fc.boolean(), factories, async (value, async, factory) => {
          const provider = () => (async ? Promise.resolve(value) : value) as never;
          const { client, sent } = recordingClient({
            credentials: { ApiKey: "key_1", AccountId: "acc_1", [scheme]: provider },
            credentialNames: CREDENTIAL_NAMES,
            factory,
          });
          const error = await client.GET(PATHS[scheme]).catch((e: unknown) => e);
          const returned = "returned a (value|username|password)";
          const start = `^${opening(factory)}${option}'s provider ${returned} \\(for the "${escaped(header)}" header\\) that `;
          expectNamed(error, new RegExp(start), value);
          expect(sent).toEqual([]);
        }),
        { numRuns: 60 },
      );
    },
  );

  it("keeps the class, header and reason code catching an invalid value reads", () => {
    const error = catchError(() =>
      createHeaderAuth({ meta, credentials: { ApiKey: 42 as never }, credentialNames: { ApiKey: "apiKey" } }),
    );
    expect(error).toBeInstanceOf(InvalidHeaderValueError);
    expect(error).toMatchObject({
      name: "InvalidHeaderValueError",
      header: "X-Api-Key",
      reason: "is a number, not a string",
    });
    expect(error.message).toBe('apiKey (sent as the "X-Api-Key" header) is a number, not a string');
    const basic = catchError(() =>
      createHeaderAuth({
        meta,
        credentials: { Basic: { username: "u", password: "a\nb" } },
        credentialNames: { Basic: "login" },
      }),
    );
    expect(basic).toBeInstanceOf(InvalidHeaderValueError);
    expect(basic.message).toBe('login.password (sent in the "Authorization" header) contains a line break (CR or LF)');
  });

  it("leaves a scheme it does not name, and a value the caller set as a header of the call, in the header's words", async () => {
    expect(() =>
      createHeaderAuth({
        meta,
        credentials: { ApiKey: "", AccountId: "acc" },
        credentialNames: { AccountId: "accountId" },
      }),
    ).toThrow(new InvalidHeaderValueError({ header: "X-Api-Key", reason: "is empty" }));
    const { client } = recordingClient({
      credentials: { Basic: { username: "u", password: "pw" } },
      credentialNames: { Basic: "login" },
    });
    const error = await client.GET("/basic", { headers: { Authorization: "Basic u:pw" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe('"Authorization" is text with ":", not { username, password }');
  });
});

describe("headerDefaultNames and factory", () => {
  const CREDENTIALS = { ApiKey: "key_1", AccountId: "acc_1" };

  it("a fixed header default that cannot be sent names its option and the factory, never the value, at creation", () => {
    fc.assert(
      fc.property(badValue, factories, (value, factory) => {
        const error = catchError(() =>
          createHeaderAuth({
            meta,
            credentials: CREDENTIALS,
            headerDefaults: { "X-Timezone": value as Credential },
            headerDefaultNames: { "X-Timezone": "timezone" },
            factory,
          }),
        );
        expectNamed(error, new RegExp(`^${opening(factory)}timezone \\(sent as the "X-Timezone" header\\) `), value);
        expect(error).toMatchObject({ header: "X-Timezone" });
      }),
      { numRuns: 150 },
    );
  });

  it("a header default's provider returning what cannot be sent names its option and the factory, for the call", async () => {
    await fc.assert(
      fc.asyncProperty(badValue, fc.boolean(), factories, async (value, async, factory) => {
        const { client, sent } = recordingClient({
          credentials: CREDENTIALS,
          headerDefaults: { "X-Timezone": () => (async ? Promise.resolve(value) : value) as never },
          headerDefaultNames: { "X-Timezone": "timezone" },
          factory,
        });
        const error = await client.GET("/scoped").catch((e: unknown) => e);
        const start = `^${opening(factory)}timezone's provider returned a value \\(for the "X-Timezone" header\\) that `;
        expectNamed(error, new RegExp(start), value);
        expect(error).toMatchObject({ header: "X-Timezone" });
        expect(sent).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("sends a valid default, fixed or provided, unchanged; the class and fields of a refusal are the ones code catches", async () => {
    for (const fallback of ["Europe/Paris", () => "Europe/Paris", async () => "Europe/Paris"]) {
      const { client, sent } = recordingClient({
        credentials: CREDENTIALS,
        headerDefaults: { "X-Timezone": fallback },
        headerDefaultNames: { "X-Timezone": "timezone" },
        factory: "createOrdersClient",
      });
      await client.GET("/scoped");
      expect(sent[0]?.headers.get("X-Timezone")).toBe("Europe/Paris");
    }
    const error = catchError(() =>
      createHeaderAuth({
        meta,
        credentials: CREDENTIALS,
        headerDefaults: { "X-Timezone": 42 as never },
        headerDefaultNames: { "X-Timezone": "timezone" },
        factory: "createOrdersClient",
      }),
    );
    expect(error).toBeInstanceOf(InvalidHeaderValueError);
    expect(error).toMatchObject({ header: "X-Timezone", reason: "is a number, not a string" });
    expect(error.message).toBe(
      'createOrdersClient: timezone (sent as the "X-Timezone" header) is a number, not a string',
    );
    const { client } = recordingClient({
      credentials: { ApiKey: () => "a\nb" },
      credentialNames: { ApiKey: "apiKey" },
      factory: "createOrdersClient",
    });
    expect(await client.GET("/hello").catch((e: unknown) => e)).toMatchObject({
      name: "InvalidHeaderValueError",
      header: "X-Api-Key",
      reason: "contains a line break (CR or LF)",
      message:
        'createOrdersClient: apiKey\'s provider returned a value (for the "X-Api-Key" header) that contains a line break (CR or LF)',
    });
  });
});

describe("a credential the call needs and no option gave", () => {
  it("names the option that sets it and the factory, besides its header, the error's fields kept", async () => {
    const { client, sent } = recordingClient({
      credentials: { ApiKey: "k_1" },
      credentialNames: CREDENTIAL_NAMES,
      factory: "createOrdersClient",
    });
    const failure = await client.GET("/scoped").catch((error: unknown) => error);
    expect(failure).toMatchObject({
      name: "MissingCredentialError",
      operation: "getScoped",
      headers: ["X-Account-Id"],
      options: ["accountId"],
      factory: "createOrdersClient",
      message:
        'getScoped needs "X-Account-Id" (the accountId option of createOrdersClient), but no value is configured (set it when creating the client, or return one from its credential provider)',
    });
    expect(sent).toEqual([]);
    // A client that does not name its options gets the header's words alone, as before.
    const unnamed = await recordingClient({ credentials: {} })
      .client.GET("/hello")
      .catch((error: unknown) => error);
    expect(unnamed).toMatchObject({ headers: ["X-Api-Key"], options: [undefined], factory: undefined });
    expect((unnamed as Error).message).toMatch(/^getHello needs "X-Api-Key", but no value is configured/);
  });
});

describe("a createHeaderAuth option of the wrong kind", () => {
  it('dangerouslyAllowBrowser that is not true or false ("false" from the environment) is refused', () => {
    for (const value of ["false", 0, 1, {}])
      expect(() => createHeaderAuth({ meta, credentials: {}, dangerouslyAllowBrowser: value as never })).toThrow(
        new ConfigurationError(
          `createHeaderAuth: dangerouslyAllowBrowser must be true or false, not a value of type ${typeof value}`,
        ),
      );
  });
});

describe("a createHeaderAuth map that is not an object", () => {
  it.each(["credentials", "credentialNames", "headerDefaults", "headerDefaultNames"] as const)(
    "%s given as text, a list, a number or a function is refused by name, not read letter by letter",
    (name) => {
      for (const [value, kind] of [
        ["abc", "a string"],
        [["ApiKey"], "an array"],
        [42, "a number"],
        [() => "k", "a function"],
      ] as const)
        expect(() => createHeaderAuth({ meta, credentials: {}, [name]: value as never })).toThrow(
          new ConfigurationError(`createHeaderAuth: ${name} must be an object, not ${kind}`),
        );
    },
  );

  it("credentials, which every client gives, is refused when null; the other maps are then unset", () => {
    expect(() => createHeaderAuth({ meta, credentials: null as never })).toThrow(
      "createHeaderAuth: credentials must be an object, not null",
    );
    expect(() => createHeaderAuth({ meta, credentials: {}, headerDefaults: null as never })).not.toThrow();
  });
});

describe("the browser refusal of a secret credential", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("names the option that set it and the factory, with its header, never the value; an unnamed one by its header", () => {
    vi.stubGlobal("process", undefined);
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    const refusal = (options: Omit<Parameters<typeof createHeaderAuth>[0], "meta">) =>
      catchError(() => createHeaderAuth({ meta, ...options }));
    const named = refusal({
      credentials: { ApiKey: "sk_live_MARKER_7f3a9c" },
      credentialNames: { ApiKey: "apiKey" },
      factory: "createOrdersClient",
    });
    expect(named).toBeInstanceOf(ConfigurationError);
    expect(named.message).toMatch(
      /^createOrdersClient: Refusing to use apiKey \(the "X-Api-Key" header\) in a browser, where every visitor can read it\. .*dangerouslyAllowBrowser: true/,
    );
    expect(named.message).not.toContain("MARKER");
    const provided = refusal({ credentials: { ApiKey: () => "MARKER" }, credentialNames: { ApiKey: "apiKey" } });
    expect(provided.message).toMatch(/^Refusing to use apiKey \(the "X-Api-Key" header\) in a browser/);
    const unnamed = refusal({ credentials: { ApiKey: "sk_live_MARKER_7f3a9c" } });
    expect(unnamed.message).toMatch(/^Refusing to use the secret "X-Api-Key" in a browser/);
  });
});
