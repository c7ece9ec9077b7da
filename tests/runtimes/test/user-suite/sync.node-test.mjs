// A user's node:test suite of app.mjs. Run by user-suite.test.ts, which asserts what node:test prints: the tests
// marked "fails on purpose" must fail, and say why in words a user understands, without a key.
import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";
import { syncCustomers } from "./app.mjs";
import { RECORDS, STACKER_KEY, setUp, usersLike, verifyBoth } from "./setup.mjs";

let app;
beforeEach(() => {
  app = setUp();
});
afterEach(() => verifyBoth(app));

test("passes: copies each user with an email", async () => {
  const users = await usersLike(["ada@example.com", null, "alan@example.com"]);
  app.stackFake.items("GET /users", users);
  assert.equal(await syncCustomers(app), 2);
  const calls = app.stackerFake.calls(RECORDS);
  assert.deepEqual(
    calls.map((call) => call.body.customers__email),
    ["ada@example.com", "alan@example.com"],
  );
  assert.equal(calls[0].url, "https://api.go.stackerhq.com/api/external/objects/object.custom.customers/records/");
  assert.equal(calls[0].headers.get("x-integration-key"), STACKER_KEY);
});

test("fails on purpose: an assertion on a recorded call prints it, without the key", async () => {
  app.stackFake.items("GET /users", await usersLike(["ada@example.com"]));
  await syncCustomers(app);
  const [call] = app.stackerFake.calls(RECORDS);
  console.log("logged call:", call);
  assert.deepStrictEqual(call, { ...call, status: 201 });
});

test("fails on purpose: the handler's users break the spec deep inside", async () => {
  const [ada, alan] = await usersLike(["ada@example.com", "alan@example.com"]);
  app.stackFake.on("GET /users", () => ({
    items: [ada, { ...alan, primary_email: 7, signed_up_at_millis: undefined, is_anonymous: "no" }],
    pagination: { next_cursor: null },
  }));
  await assert.rejects(syncCustomers(app));
});

test("fails on purpose: the app sends a body of the wrong type", async () => {
  await app.stacker.POST("/api/external/objects/{object_sid}/search/", {
    params: { path: { object_sid: "object.custom.customers" } },
    body: { count: "ten", filters: [{ target: "customers__email", operation: "equals" }] },
  });
});

test("fails on purpose: the app sends a credential header the operation does not take", async () => {
  await app.stackerFake.fetch("https://api.go.stackerhq.com/api/external/hello/", {
    headers: { "x-integration-key": STACKER_KEY, authorization: `Bearer ${STACKER_KEY}` },
  });
});

test("fails on purpose: a handler throws", async () => {
  app.stackFake.on("GET /users", () => {
    throw new Error("fixture file users.json is missing");
  });
  await assert.rejects(syncCustomers(app));
});

test("fails on purpose: a handler answers a status the operation does not declare", async () => {
  app.stackerFake.on("GET /api/external/hello/", ({ reply }) => reply(418, { detail: "teapot" }));
  await app.stacker.GET("/api/external/hello/");
});

test("fails on purpose: the app calls an operation the test gave no handler, with requireHandlers() on", async () => {
  app.stackerFake.requireHandlers();
  await app.stacker.GET("/api/external/stacks/");
});
