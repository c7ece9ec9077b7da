// An option sent as a header (a credential, or the timezone) given a value that cannot be sent: the error names the
// factory called and the option the application wrote (the header it becomes in parentheses), never the value; a
// provider's bad value, refused at call time, names both too, also through a withOptions copy.
import fc from "fast-check";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createStackerClient, InvalidHeaderValueError } from "../src/index.js";
import { ACCOUNT_ID, INTEGRATION_KEY, STACK_ID, stackerAgainst } from "./setup.js";

const CREDENTIALS = [
  { option: "integrationKey", header: "X-Integration-Key" },
  { option: "accountId", header: "X-Account-Id" },
  { option: "stackId", header: "X-Stack-Id" },
] as const;
/** Every option sent as a header: the credentials and the timezone, a header default. */
const HEADER_OPTIONS = [...CREDENTIALS, { option: "timezone", header: "X-Timezone" }] as const;
/** A call that sends every one of them. */
const GET_RECORD = [
  "/api/external/objects/{object_sid}/records/{record_sid}/",
  { params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } } },
] as const;

/** A value no header can carry, marked so that a leak shows: any other JavaScript type, or hostile text. */
const unsendable: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("MARKER\r\nX-Admin: 1", "\t", {}, 42_424_242),
  fc
    .tuple(fc.string({ maxLength: 6 }), fc.constantFrom("\r", "\n", "\0", "\x07", "\u0100", "€", "😀"), fc.string())
    .map(([before, bad, after]) => `MARKER${before}${bad}${after}`),
  fc.constantFrom("", "  ", true, Number.NaN, Symbol("MARKER"), new Date(0), ["MARKER"], { key: "MARKER" }),
  fc.constantFrom({ username: "MARKER", password: "MARKER" }, { toString: () => "MARKER" }),
  fc.oneof(fc.integer({ min: 10_000 }), fc.bigInt({ min: 10_000n }), fc.double({ min: 1.5, noNaN: true })),
);

/** `error` is a typed refusal whose message starts with `start`, quoting nothing of `value`. */
function expectRefusal(error: unknown, start: string, value: unknown) {
  expect(
    [InvalidHeaderValueError, ConfigurationError].some((type) => error instanceof type),
    String(error),
  ).toBe(true);
  expect((error as Error).message.slice(0, start.length)).toBe(start);
  const told = `${String(error)} ${JSON.stringify(error)}`;
  expect(`${told} ${inspect(error)}`).not.toContain("MARKER");
  // NaN and Infinity are kinds, not values; a finite number, quoted, would show.
  if (typeof value === "bigint" || (typeof value === "number" && Number.isFinite(value)))
    expect(told).not.toContain(String(value));
}

function thrownBy(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}

const VALID = { integrationKey: INTEGRATION_KEY, accountId: ACCOUNT_ID, stackId: STACK_ID };

describe("a credential option whose value cannot be sent", () => {
  it.each(HEADER_OPTIONS)("$option: createStackerClient's error names it, never the value", ({ option, header }) => {
    fc.assert(
      fc.property(unsendable, (value) => {
        const error = thrownBy(() => createStackerClient({ ...VALID, [option]: value as never }));
        const named = value === "" && option === "integrationKey" ? `${option} is required` : `${option} (sent as`;
        expectRefusal(error, `createStackerClient: ${named}`, value);
        if (error instanceof InvalidHeaderValueError) expect(error.header).toBe(header);
      }),
      { numRuns: 80 },
    );
  });

  it.each(HEADER_OPTIONS)(
    "$option's provider: the call's error names it and createStackerClient, never the value, nothing sent",
    async ({ option, header }) => {
      await fc.assert(
        fc.asyncProperty(unsendable, fc.boolean(), fc.boolean(), async (value, async, copied) => {
          const provider = () => (async ? Promise.resolve(value) : value) as string;
          const { stacker: made, server } = await stackerAgainst(undefined, { [option]: provider });
          // A withOptions copy's provider is still the one passed to createStackerClient.
          const stacker = copied ? made.withOptions({ maxRetries: 0 }) : made;
          const error = await stacker.GET(...GET_RECORD).catch((thrown: unknown) => thrown);
          expectRefusal(
            error,
            `createStackerClient: ${option}'s provider returned a value (for the "${header}" header) that `,
            value,
          );
          if (error instanceof InvalidHeaderValueError) expect(error.header).toBe(header);
          expect(server.requests).toEqual([]);
        }),
        { numRuns: 25 },
      );
    },
  );

  it.each(HEADER_OPTIONS)(
    "$option: a valid value, fixed or provided, is sent unchanged",
    async ({ option, header }) => {
      await fc.assert(
        fc.asyncProperty(
          // The timezone is checked as a zone name too; any text a header carries is a valid credential.
          option === "timezone"
            ? fc.constantFrom(...Intl.supportedValuesOf("timeZone"))
            : fc.stringMatching(/^[!-~](?:[ -~]{0,20}[!-~])?$/),
          fc.constantFrom("fixed", "provided", "async"),
          async (valid, how) => {
            const value = how === "fixed" ? valid : how === "provided" ? () => valid : async () => valid;
            const { stacker, server } = await stackerAgainst(undefined, { [option]: value });
            await stacker.GET(...GET_RECORD);
            expect(server.requests[0]?.headers[header.toLowerCase()]).toBe(valid);
          },
        ),
        { numRuns: 15 },
      );
    },
  );

  it("reads as the message the application needs, the class it catches unchanged", () => {
    expect(thrownBy(() => createStackerClient({ integrationKey: 42 as never }))).toMatchObject({
      name: "InvalidHeaderValueError",
      header: "X-Integration-Key",
      reason: "is a number, not a string",
      message: 'createStackerClient: integrationKey (sent as the "X-Integration-Key" header) is a number, not a string',
    });
    expect(() => createStackerClient({ integrationKey: "k", accountId: {} as never })).toThrow(
      'createStackerClient: accountId (sent as the "X-Account-Id" header) is an object, not a string',
    );
    // A client header the runtime refuses while the client is made names the factory too, its class kept.
    expect(thrownBy(() => createStackerClient({ integrationKey: "k", headers: { "X-Trace": "a\rb" } }))).toMatchObject({
      name: "InvalidHeaderValueError",
      header: "X-Trace",
      message: 'createStackerClient: headers["X-Trace"] contains a line break (CR or LF)',
    });
    expect(() => createStackerClient({ integrationKey: "a\nb" })).toThrow(
      'createStackerClient: integrationKey (sent as the "X-Integration-Key" header) contains a line break (CR or LF)',
    );
    expect(thrownBy(() => createStackerClient({ integrationKey: "k", timezone: "" }))).toMatchObject({
      name: "InvalidHeaderValueError",
      header: "X-Timezone",
      reason: "is empty",
      message: 'createStackerClient: timezone (sent as the "X-Timezone" header) is empty',
    });
  });
});
