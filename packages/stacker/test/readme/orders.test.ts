// orders.test.ts
import { afterEach, expect, it } from "vitest";
import { createStackerClient, NotFoundError } from "@keyway/stacker";
import { createStackerFake } from "@keyway/stacker/testing";
import { orderTotal } from "./orders.js";

const RECORD = "GET /api/external/objects/{object_sid}/records/{record_sid}/";
const fake = createStackerFake();
const stacker = createStackerClient({
  integrationKey: "test-key",
  accountId: "acc_test",
  stackId: "app_test",
  fetch: fake.fetch,
});

afterEach(() => {
  try {
    fake.verify(); // fails the test if the code sent a request that breaks the spec
  } finally {
    fake.reset(); // even when verify() throws, so that the next test starts afresh
  }
});

it("reads the order's total", async () => {
  fake.on(RECORD, ({ params }) => ({ _sid: params.path.record_sid, orders__total: 1249.5 }));
  expect(await orderTotal(stacker, "rec7wzphqrc9w7rii7h")).toBe(1249.5);
  expect(fake.calls(RECORD)[0]?.params.path.record_sid).toBe("rec7wzphqrc9w7rii7h");
});

it("lets a missing order throw NotFoundError", async () => {
  fake.fail(RECORD, 404);
  await expect(orderTotal(stacker, "rec0000000000000000")).rejects.toBeInstanceOf(NotFoundError);
});
