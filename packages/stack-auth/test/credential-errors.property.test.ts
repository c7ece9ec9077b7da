// Every option of either access type that is sent as a header (the project id, the access type's key, the session's
// tokens), in either header family, given a value that cannot be sent: the error names the factory called and the
// option as the application wrote it (the header it becomes in parentheses), never the value; a fixed value is refused
// when the client is made, a provider's or a session store's when a call needs it, nothing sent. A valid value is sent
// unchanged.
import fc from "fast-check";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createStackAuthClient,
  createStackAuthServerClient,
  InvalidHeaderValueError,
  type HeaderFamily,
  type SessionStore,
} from "../src/index.js";
import { ACCESS_TOKEN, PROJECT_ID, PUBLISHABLE_KEY, REFRESH_TOKEN, SECRET_SERVER_KEY, server } from "./setup.js";

interface Client {
  GET(path: string): Promise<unknown>;
  POST(path: string): Promise<unknown>;
  withOptions(overrides: object): Client;
}

/** Each factory, its key option, and the header each option it sends as a header becomes (after `X-Stack-`). */
const ACCESSES = [
  {
    factory: "createStackAuthServerClient",
    create: createStackAuthServerClient as unknown as (options: object) => Client,
    key: { option: "secretServerKey", value: SECRET_SERVER_KEY, header: "Secret-Server-Key" },
  },
  {
    factory: "createStackAuthClient",
    create: createStackAuthClient as unknown as (options: object) => Client,
    key: { option: "publishableClientKey", value: PUBLISHABLE_KEY, header: "Publishable-Client-Key" },
  },
] as const;
const SESSION_OPTIONS = [
  { option: "session.accessToken", header: "Access-Token" },
  { option: "session.refreshToken", header: "Refresh-Token" },
] as const;
const CASES = ACCESSES.flatMap((access) =>
  [{ option: "projectId", header: "Project-Id" }, access.key, ...SESSION_OPTIONS].map(({ option, header }) => ({
    ...access,
    option,
    header,
  })),
);
/** The options a provider (a function, or a session store) can set, and a call that needs each. */
const PROVIDED = ACCESSES.flatMap((access) =>
  [access.key, ...SESSION_OPTIONS].map(({ option, header }) => ({
    ...access,
    option,
    header,
    call: (client: Client) =>
      option === "session.refreshToken" ? client.POST("/auth/sessions/current/refresh") : client.GET("/users/me"),
  })),
);

const FAMILIES: HeaderFamily[] = ["stack", "hexclave"];
const headerIn = (family: HeaderFamily, header: string) => `X-${family === "stack" ? "Stack" : "Hexclave"}-${header}`;

/** What no header can carry, marked so that a leak shows: text with a forbidden character, or another type. */
const unsendable: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(
      fc.string(),
      fc.constantFrom("\n", "\r", "\r\n", "\0", "\x1f", "\u0142", "\uFEFF", "🔑"),
      fc.string({ maxLength: 4 }),
    )
    .map(([head, bad, tail]) => `MARKER${head}${bad}${tail}`),
  fc.constantFrom("", " ", "\t", false, Number.NaN, Number.POSITIVE_INFINITY, Symbol.for("MARKER"), /MARKER/),
  fc.constantFrom(["MARKER", 1], { ssk: "MARKER" }, { username: "u", password: "MARKER" }, new Map([["MARKER", 1]])),
  fc.integer({ min: 10_000 }),
  fc.double({ min: 1.5, max: 1e9, noNaN: true }).filter((n) => !Number.isInteger(n)),
  fc.bigInt({ min: 10_000n }),
);

/** A value every header can carry: visible ASCII with spaces inside. */
const sendable = fc.stringMatching(/^[!-~](?:[ -~]{0,30}[!-~])?$/);

/** Valid options with `key`, an access type's, and `option` (a session token's, as `session.accessToken`) `value`. */
function optionsWith(key: { readonly option: string; readonly value: string }, option: string, value: unknown) {
  const session: Record<string, unknown> = { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN };
  const options: Record<string, unknown> = { projectId: PROJECT_ID, [key.option]: key.value, session };
  const [name, field] = option.split(".");
  if (field) session[field] = value;
  else options[name!] = value;
  return options;
}

/** `options` with `option` given by a provider: a function for a key, a store (sync or async) for a session token. */
function providedBy(options: Record<string, unknown>, option: string, async: boolean): Record<string, unknown> {
  const later = <T>(value: T) => (async ? Promise.resolve(value) : value);
  if (!option.startsWith("session.")) return { ...options, [option]: () => later(options[option]) };
  const tokens = options.session;
  const store = { get: () => later(tokens), set: () => {} } as unknown as SessionStore;
  return { ...options, session: store };
}

/** What creating a client with `options` throws (undefined when it throws nothing). */
function creationError(create: (options: never) => unknown, options: object): unknown {
  try {
    create(options as never);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** `error` is a typed refusal whose message starts with `start`, never showing `value`. */
function expectRefusal(error: unknown, start: string, value: unknown) {
  expect(error instanceof InvalidHeaderValueError || error instanceof ConfigurationError, String(error)).toBe(true);
  expect((error as Error).message.slice(0, start.length)).toBe(start);
  const told = `${String(error)} ${JSON.stringify(error)}`;
  expect(`${told} ${inspect(error)} ${(error as Error).stack}`).not.toContain("MARKER");
  // NaN and Infinity are kinds, not values; a finite number, quoted, would show.
  if (typeof value === "bigint" || (typeof value === "number" && Number.isFinite(value)))
    expect(told).not.toContain(String(value));
}

describe("a Stack Auth option sent as a header whose value cannot be sent", () => {
  it.each(CASES)(
    "$factory, $option: refused at creation, naming both and the header, never the value",
    ({ factory, create, option, header, key }) => {
      fc.assert(
        fc.property(unsendable, fc.constantFrom(...FAMILIES), (value, headerFamily) => {
          const error = creationError(create, {
            ...optionsWith(key, option, value),
            headerFamily,
          });
          expectRefusal(error, `${factory}: ${option} `, value);
          // A value HTTP forbids is named by the header of the family the client sends.
          if (error instanceof InvalidHeaderValueError) {
            expect(error.message).toContain(`${option} (sent as the "${headerIn(headerFamily, header)}" header) `);
            expect(error.header).toBe(headerIn(headerFamily, header));
          }
        }),
        { numRuns: 60 },
      );
    },
  );

  it.each(PROVIDED)(
    "$factory, $option's provider: the call's error names both and the header, never the value, nothing sent",
    async ({ factory, create, option, header, call, key }) => {
      await fc.assert(
        fc.asyncProperty(
          // An empty access token in a store is none (a session stored with its refresh token only): it is fetched.
          unsendable.filter((value) => !(option === "session.accessToken" && value === "")),
          fc.boolean(),
          fc.constantFrom(...FAMILIES),
          fc.boolean(),
          async (value, async, headerFamily, copied) => {
            const api = await server();
            const options = optionsWith(key, option, value);
            const made = create({ ...providedBy(options, option, async), headerFamily, baseUrl: api.url });
            // A withOptions copy's providers are still those passed to the factory.
            const client = copied ? made.withOptions({ maxRetries: 0 }) : made;
            const error = await call(client).catch((thrown: unknown) => thrown);
            const named = `${option}'s provider returned a value (for the "${headerIn(headerFamily, header)}" header) that `;
            expectRefusal(error, `${factory}: ${named}`, value);
            expect(api.requests).toEqual([]);
          },
        ),
        { numRuns: 20 },
      );
    },
  );

  it.each(PROVIDED)(
    "$factory, $option: a valid value, fixed or provided, is sent unchanged",
    async ({ create, option, header, call, key }) => {
      await fc.assert(
        fc.asyncProperty(
          sendable,
          fc.constantFrom("fixed", "provided", "async"),
          fc.constantFrom(...FAMILIES),
          async (value, how, headerFamily) => {
            const api = await server();
            const options = optionsWith(key, option, value);
            const given = how === "fixed" ? options : providedBy(options, option, how === "async");
            await call(create({ ...given, headerFamily, baseUrl: api.url }));
            expect(api.requests[0]?.headers[headerIn(headerFamily, header).toLowerCase()]).toBe(value);
          },
        ),
        { numRuns: 10 },
      );
    },
  );

  it("a session that is neither a store nor tokens is refused, naming the factory, never the value", () => {
    for (const { factory, create, key } of ACCESSES)
      for (const session of ["MARKER_refresh_token", 424_242, ["MARKER"], true]) {
        const error = creationError(create, {
          ...optionsWith(key, "projectId", PROJECT_ID),
          session,
        });
        expect(error).toBeInstanceOf(ConfigurationError);
        expectRefusal(error, `${factory}: session is `, session);
      }
  });

  it("a session store returning something else than tokens (the token itself) fails the call naming the factory, never the value", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACCESSES),
        fc.oneof(fc.constantFrom("MARKER_refresh_token", ["MARKER"], true), fc.integer({ min: 10_000 })),
        fc.boolean(),
        async ({ factory, create, key }, held, async) => {
          const api = await server();
          const session = { get: () => (async ? Promise.resolve(held) : held), set: () => {} };
          const client = create({ ...optionsWith(key, "projectId", PROJECT_ID), session, baseUrl: api.url });
          const error = await client.GET("/users/me").catch((thrown: unknown) => thrown);
          expect(error).toBeInstanceOf(ConfigurationError);
          expectRefusal(error, `${factory}: session's store returned `, held);
          expect(api.requests).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("allowAnonymousUsers that is not true or false is refused, naming the factory and its header, never the value", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACCESSES),
        fc.constantFrom(...FAMILIES),
        fc.oneof(fc.constantFrom("false", "MARKER", "", 0, 1, {}, ["MARKER"]), fc.integer({ min: 10_000 })),
        async ({ factory, create, key }, headerFamily, allowAnonymousUsers) => {
          const options = { ...optionsWith(key, "projectId", PROJECT_ID), headerFamily, allowAnonymousUsers };
          const error = creationError(create, options);
          expect(error).toBeInstanceOf(ConfigurationError);
          const header = headerIn(headerFamily, "Allow-Anonymous-User");
          expectRefusal(
            error,
            `${factory}: allowAnonymousUsers (which sends the "${header}" header) is `,
            allowAnonymousUsers,
          );
        },
      ),
      { numRuns: 30 },
    );
    for (const allowAnonymousUsers of [true, false]) {
      const api = await server();
      const session = { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN };
      await createStackAuthClient({ projectId: PROJECT_ID, baseUrl: api.url, session, allowAnonymousUsers }).GET(
        "/users/me",
      );
      expect(api.requests[0]?.headers["x-stack-allow-anonymous-user"]).toBe(allowAnonymousUsers ? "true" : undefined);
    }
  });

  it("a refresh token a store holds alone, fetching the first access token, is named when it cannot be sent", async () => {
    for (const refreshToken of [42_424_242, "MARKER\r\nX-Admin: 1"]) {
      const api = await server();
      const stack = createStackAuthClient({
        projectId: PROJECT_ID,
        baseUrl: api.url,
        session: { get: () => ({ refreshToken }), set: () => {} } as unknown as SessionStore,
      });
      const error = await stack.GET("/users/me").catch((thrown: unknown) => thrown);
      expectRefusal(
        error,
        `createStackAuthClient: session.refreshToken's provider returned a value (for the "X-Stack-Refresh-Token" header) that `,
        refreshToken,
      );
      expect(error).toBeInstanceOf(InvalidHeaderValueError);
      expect(api.requests).toEqual([]);
    }
  });

  it("reads as the message the application needs, the class it catches unchanged", () => {
    expect(creationError(createStackAuthServerClient, { projectId: PROJECT_ID, secretServerKey: 42 })).toMatchObject({
      name: "InvalidHeaderValueError",
      header: "X-Stack-Secret-Server-Key",
      message:
        'createStackAuthServerClient: secretServerKey (sent as the "X-Stack-Secret-Server-Key" header) is a number, not a string',
    });
    expect(
      creationError(createStackAuthClient, {
        projectId: PROJECT_ID,
        session: { accessToken: 42, refreshToken: REFRESH_TOKEN },
        headerFamily: "hexclave",
      }),
    ).toMatchObject({
      name: "InvalidHeaderValueError",
      header: "X-Hexclave-Access-Token",
      reason: "is a number, not a string",
      message:
        'createStackAuthClient: session.accessToken (sent as the "X-Hexclave-Access-Token" header) is a number, not a string',
    });
  });
});
