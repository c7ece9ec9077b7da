import { describe, expect, it } from "vitest";
import { createStackerClient, searchAll } from "../src/index.js";
import { createStackerFake } from "../src/testing.js";

// A handler that passes a call through (to count it, or to fail only the nth call, as the README shows) answers as
// the fake would have with no handler: its pages of `items`, not the spec's example records.
const SEARCH = "POST /api/external/objects/{object_sid}/search/";
const records = Array.from({ length: 5 }, (_, index) => ({ _sid: `rec${index}` }));

function setup() {
  const fake = createStackerFake();
  const stacker = createStackerClient({
    integrationKey: "ik_fallback_test_0001",
    accountId: "acc4t8kz2mq7xw9pe3",
    stackId: "app785vwedw46e3bx8",
    fetch: fake.fetch,
    maxRetries: 0,
  });
  return { fake, stacker };
}

const sidsOf = async (stacker: ReturnType<typeof setup>["stacker"]) => {
  const sids: string[] = [];
  for await (const record of searchAll(stacker, "object.custom.orders", { count: 2 }))
    sids.push(record._sid ?? "(no _sid)");
  return sids;
};

describe("a handler's fallback()", () => {
  it("answers with the pages of fake.items, whichever was installed first", async () => {
    const { fake, stacker } = setup();
    let seen = 0;
    fake.on(SEARCH, ({ fallback }) => (seen++, fallback()));
    fake.items(SEARCH, records);
    expect(await sidsOf(stacker)).toEqual(["rec0", "rec1", "rec2", "rec3", "rec4"]);
    expect(seen).toBe(3);
    fake.verify();
  });

  it("lets the README's recipe fail only the nth page of the items", async () => {
    const { fake, stacker } = setup();
    fake.items(SEARCH, records);
    fake.fail(SEARCH, 500, undefined, { times: 1 }).on(SEARCH, ({ fallback }) => fallback(), { times: 1 });
    const sids: string[] = [];
    const failed = await (async () => {
      for await (const record of searchAll(stacker, "object.custom.orders", { count: 2 }))
        sids.push(record._sid ?? "(no _sid)");
    })().catch((error: unknown) => error);
    expect(sids).toEqual(["rec0", "rec1"]);
    expect(failed).toMatchObject({ name: "InternalServerError", status: 500 });
    expect(await sidsOf(stacker)).toEqual(["rec0", "rec1", "rec2", "rec3", "rec4"]);
  });

  it("gives the spec's example without items, and the items stop at reset()", async () => {
    const { fake, stacker } = setup();
    fake.items(SEARCH, records);
    fake.reset();
    fake.on(SEARCH, ({ fallback }) => fallback());
    expect(await sidsOf(stacker)).toEqual(["rec7wzphqrc9w7rii7h", "rec9k2m4xq8tz1vb6nd"]);
  });
});
