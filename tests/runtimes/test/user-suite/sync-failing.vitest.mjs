// A user's vitest suite whose tests fail on purpose; user-suite.test.ts runs it with vitest.fixture.config.mjs and
// asserts what vitest prints.
import { afterEach, beforeEach, expect, it } from "vitest";
import { syncCustomers } from "./app.mjs";
import { RECORDS, setUp, usersLike, verifyBoth } from "./setup.mjs";

let app;

beforeEach(() => {
  app = setUp();
});
afterEach(() => verifyBoth(app));

it("fails on purpose: an assertion on the recorded calls", async () => {
  app.stackFake.items("GET /users", await usersLike(["ada@example.com"]));
  await syncCustomers(app);
  expect(app.stackerFake.calls(RECORDS)).toEqual([{ body: { customers__email: "grace@example.com" } }]);
});

it("fails on purpose: the app sends a search the spec does not allow", async () => {
  await app.stacker.POST("/api/external/objects/{object_sid}/search/", {
    params: { path: { object_sid: "object.custom.customers" } },
    body: { count: -1, order_by: 3 },
  });
});

it("fails on purpose: a handler that returns nothing", async () => {
  app.stackFake.on("GET /users", () => undefined);
  await syncCustomers(app).catch(() => {});
});
