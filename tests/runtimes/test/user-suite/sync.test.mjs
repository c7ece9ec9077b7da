// A user's vitest suite of app.mjs, run by this workspace's vitest as it is: what passes when the app is right.
import { PermissionDeniedError } from "@keyway/stacker";
import { FakeApiError } from "@keyway/stacker/testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CUSTOMERS, syncCustomers } from "./app.mjs";
import { RECORDS, STACKER_KEY, STACK_SERVER_KEY, setUp, usersLike, verifyBoth } from "./setup.mjs";

let app;

beforeEach(() => {
  app = setUp();
});
afterEach(() => verifyBoth(app));

it("copies each user with an email into Stacker, page after page", async () => {
  app.stackFake.items("GET /users", await usersLike(["ada@example.com", null, "alan@example.com"]));
  expect(await syncCustomers(app)).toBe(2);
  expect(app.stackFake.calls("GET /users").map((call) => call.params.query)).toEqual([
    { limit: 2 },
    { limit: 2, cursor: expect.any(String) },
  ]);
  expect(app.stackerFake.calls(RECORDS)).toMatchObject([
    {
      url: `https://api.go.stackerhq.com/api/external/objects/${CUSTOMERS}/records/`,
      params: { path: { object_sid: CUSTOMERS } },
      body: { customers__email: "ada@example.com", customers__name: "User 0" },
      status: 200,
    },
    { body: { customers__email: "alan@example.com", customers__name: "User 2" } },
  ]);
});

it("sends each API its own key, and a printed call shows neither", async () => {
  app.stackFake.items("GET /users", await usersLike(["ada@example.com"]));
  await syncCustomers(app);
  const [users] = app.stackFake.calls("GET /users");
  const [record] = app.stackerFake.calls(RECORDS);
  expect(users.headers.get("x-stack-secret-server-key")).toBe(STACK_SERVER_KEY);
  expect(record.headers.get("x-integration-key")).toBe(STACKER_KEY);
  expect(record.headers).toEqual(
    new Headers({ ...Object.fromEntries(record.headers), "x-integration-key": STACKER_KEY }),
  );
  const printed = JSON.stringify([users, record]);
  expect(printed).not.toContain(STACK_SERVER_KEY);
  expect(printed).not.toContain(STACKER_KEY);
  expect(printed).toContain('"x-account-id":"acc_1"');
});

it("stops at a Stacker failure, which the test answers from the spec's example", async () => {
  app.stackFake.items("GET /users", await usersLike(["ada@example.com", "alan@example.com"]));
  app.stackerFake.fail(RECORDS, 403);
  await expect(syncCustomers(app)).rejects.toBeInstanceOf(PermissionDeniedError);
  expect(app.stackerFake.calls(RECORDS)).toHaveLength(1);
});

it("a handler's answer that breaks the spec fails the call and verify(), naming where", async () => {
  const [ada] = await usersLike(["ada@example.com"]);
  app.stackFake.on("GET /users", () => ({ items: [{ ...ada, primary_email: 7 }], is_paginated: false }));
  await expect(syncCustomers(app)).rejects.toThrow();
  expect(() => app.stackFake.verify()).toThrow(
    new FakeApiError({
      violations: [
        'GET /users: response 200 from the test\'s handler: body at /items/0/primary_email: expected type ["string","null"], found number 7',
      ],
    }),
  );
  app.stackFake.reset();
});
