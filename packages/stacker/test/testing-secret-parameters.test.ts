import { inspect } from "node:util";
import { ConfigurationError } from "@keyway/runtime";
import { describe, expect, it } from "vitest";
import { createStackerClient, unwrap } from "../src/index.js";
import { createStackerFake } from "../src/testing.js";

// createStackerFake takes the client's secretParameters, so that the fake's recorded calls hide what the client's
// errors hide: a test's output shows no value the app's client treats as a secret.

const RECORD_SID = "rec7wzphqrc9w7rii7h";
const KEY = "ik_live_do_not_print_4b1d";

describe("createStackerFake({ secretParameters })", () => {
  it("hides a parameter the client adds wherever the client hides it: the call's printed URL and params, and the error", async () => {
    const secretParameters = ["record_sid"];
    const fake = createStackerFake({ secretParameters });
    const stacker = createStackerClient({
      integrationKey: KEY,
      accountId: "acc4t8kz2mq7xw9pe3",
      stackId: "app785vwedw46e3bx8",
      fetch: fake.fetch,
      maxRetries: 0,
      secretParameters,
    });
    fake.fail("GET /api/external/objects/{object_sid}/records/{record_sid}/", 404);
    const error = await unwrap(
      stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
        params: { path: { object_sid: "object.custom.orders", record_sid: RECORD_SID } },
      }),
    ).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toContain("/records/REDACTED/");
    const [call] = fake.calls();
    expect(call?.params.path).toEqual({ object_sid: "object.custom.orders", record_sid: RECORD_SID });
    for (const printed of [inspect(call, { depth: 5 }), JSON.stringify(call)]) {
      expect(printed).not.toContain(RECORD_SID);
      expect(printed).not.toContain(KEY);
      expect(printed).toContain("/records/REDACTED/");
      expect(printed).toContain("object.custom.orders");
    }
  });

  it("is a ConfigurationError naming createStackerFake for a rule that is neither form, or a misspelled option", () => {
    expect(() => createStackerFake({ secretParameters: "record_sid" as never })).toThrow(ConfigurationError);
    expect(() => createStackerFake({ secretParameters: "record_sid" as never })).toThrow(
      "createStackerFake: secretParameters must be a list of parameter names, or { add, except } with such lists, got a string",
    );
    expect(() => createStackerFake({ secretParams: ["record_sid"] } as never)).toThrow(
      'createStackerFake has no option "secretParams": did you mean "secretParameters"?',
    );
  });
});
