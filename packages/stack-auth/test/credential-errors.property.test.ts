// A credential option of either access type given a value that cannot be sent: the error names the factory called and
// the option (not only the header it becomes, in either header family), never the value; so does a provider's.
import fc from "fast-check";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createStackAuthClient,
  createStackAuthServerClient,
  InvalidHeaderValueError,
  type HeaderFamily,
} from "../src/index.js";
import { PROJECT_ID, PUBLISHABLE_KEY, SECRET_SERVER_KEY, server } from "./setup.js";

/** Every factory and credential option it takes, with a valid set of the others. */
const FACTORIES = [
  { factory: "createStackAuthServerClient", create: createStackAuthServerClient as (options: object) => unknown },
  { factory: "createStackAuthClient", create: createStackAuthClient as (options: object) => unknown },
] as const;
const CASES = [
  { ...FACTORIES[0], option: "secretServerKey", valid: { projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY } },
  { ...FACTORIES[0], option: "projectId", valid: { projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY } },
  {
    ...FACTORIES[1],
    option: "publishableClientKey",
    valid: { projectId: PROJECT_ID, publishableClientKey: PUBLISHABLE_KEY },
  },
  { ...FACTORIES[1], option: "projectId", valid: { projectId: PROJECT_ID, publishableClientKey: PUBLISHABLE_KEY } },
];

/** What no header can carry, marked so that a leak shows: text with a forbidden character, or another type. */
const unsendable: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(
      fc.string(),
      fc.constantFrom("\n", "\r\n", "\0", "\x1f", "\u0142", "\uFEFF", "🔑"),
      fc.string({ maxLength: 4 }),
    )
    .map(([head, bad, tail]) => `MARKER${head}${bad}${tail}`),
  fc.constantFrom(" ", false, Number.POSITIVE_INFINITY, Symbol.for("MARKER"), /MARKER/, ["MARKER", 1], {
    ssk: "MARKER",
  }),
  fc.constantFrom({ username: "u", password: "MARKER" }, new Map([["MARKER", 1]])),
  fc.integer({ min: 10_000 }),
  fc.bigInt({ min: 10_000n }),
);

const FAMILIES: HeaderFamily[] = ["stack", "hexclave"];

/** What creating a client with `options` throws (undefined when it throws nothing). */
async function creationError(create: (options: object) => unknown, options: object): Promise<unknown> {
  return Promise.resolve(options)
    .then(create)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

/** `error` is a typed refusal whose message starts with `start`, never showing `value`. */
function expectRefusal(error: unknown, start: string, value: unknown) {
  expect(error instanceof InvalidHeaderValueError || error instanceof ConfigurationError, String(error)).toBe(true);
  expect((error as Error).message.slice(0, start.length)).toBe(start);
  const told = `${String(error)} ${JSON.stringify(error)}`;
  expect(`${told} ${inspect(error)}`).not.toContain("MARKER");
  // NaN and Infinity are kinds, not values; a finite number, quoted, would show.
  if (typeof value === "bigint" || (typeof value === "number" && Number.isFinite(value)))
    expect(told).not.toContain(String(value));
}

describe("a Stack Auth credential option whose value cannot be sent", () => {
  it.each(CASES)(
    "$factory, $option: the error names both, never the value",
    async ({ factory, create, option, valid }) => {
      await fc.assert(
        fc.asyncProperty(unsendable, fc.constantFrom(...FAMILIES), async (value, headerFamily) => {
          const error = await creationError(create, { ...valid, headerFamily, [option]: value });
          expectRefusal(error, `${factory}: ${option} `, value);
          // A value HTTP forbids is named by the header of the family the client sends.
          if (error instanceof InvalidHeaderValueError)
            expect(error.message).toContain(`(sent as the "X-${headerFamily === "stack" ? "Stack" : "Hexclave"}-`);
        }),
        { numRuns: 80 },
      );
    },
  );

  it.each([
    {
      option: "secretServerKey",
      create: createStackAuthServerClient as (options: object) => { GET(path: string): Promise<unknown> },
    },
    {
      option: "publishableClientKey",
      create: createStackAuthClient as (options: object) => { GET(path: string): Promise<unknown> },
    },
  ])("$option's provider: the call's error names it, never the value, nothing sent", async ({ option, create }) => {
    await fc.assert(
      fc.asyncProperty(unsendable, fc.boolean(), async (value, async) => {
        const api = await server();
        const client = create({
          projectId: PROJECT_ID,
          baseUrl: api.url,
          session: { accessToken: "at", refreshToken: "r".repeat(45) },
          [option]: () => (async ? Promise.resolve(value) : value),
        });
        const error = await client.GET("/users/me").catch((thrown: unknown) => thrown);
        expectRefusal(error, `${option}'s provider returned a value for`, value);
        expect(api.requests).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it("reads as the message the application needs, the class it catches unchanged", async () => {
    expect(await creationError(FACTORIES[0].create, { projectId: PROJECT_ID, secretServerKey: 42 })).toMatchObject({
      name: "InvalidHeaderValueError",
      header: "X-Stack-Secret-Server-Key",
      message:
        'createStackAuthServerClient: secretServerKey (sent as the "X-Stack-Secret-Server-Key" header) is a number, not a string',
    });
  });
});
