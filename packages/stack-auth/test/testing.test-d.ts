import { expectTypeOf, test } from "vitest";
import { createStackAuthFake, signWebhook } from "../src/testing.js";

const clientFake = createStackAuthFake();
const serverFake = createStackAuthFake({ access: "server" });

test("only operations of the access type compile", () => {
  serverFake.on("GET /users", () => ({ items: [], is_paginated: true, pagination: { next_cursor: null } }));
  // @ts-expect-error: client access cannot list users
  clientFake.on("GET /users", () => ({}));
  // @ts-expect-error: not an operation
  serverFake.fail("GET /user", 404);
});

test("handlers see typed bodies, and answer typed bodies", () => {
  clientFake.on("POST /auth/password/sign-in", ({ body }) => {
    expectTypeOf(body.email).toEqualTypeOf<string>();
    // @ts-expect-error: the password is a string
    const wrong: number = body.password;
    void wrong;
    return { access_token: "a", refresh_token: "r", user_id: "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10" };
  });
  // @ts-expect-error: a sign-in answers tokens, and user_id is required
  clientFake.on("POST /auth/password/sign-in", () => ({ access_token: "a", refresh_token: "r" }));
});

test("a handler's literal answer keeps its type where the spec declares a const", () => {
  const SEND_CODE = "POST /contact-channels/{user_id}/{contact_channel_id}/send-verification-code";
  serverFake.on(SEND_CODE, () => ({ success: true }));
  serverFake.on(SEND_CODE, async () => ({ success: true }));
  serverFake.on(SEND_CODE, ({ params }) => (params.path.user_id === "me" ? { success: true } : { success: true }));
  // @ts-expect-error: the spec's success is the constant true
  serverFake.on(SEND_CODE, () => ({ success: false }));
});

test("known errors are typed by code and details", () => {
  serverFake.failWith("POST /users", "USER_EMAIL_ALREADY_EXISTS", {
    email: "ada@example.com",
    would_work_if_email_was_verified: false,
  });
  // @ts-expect-error: not a known error code
  serverFake.failWith("POST /users", "USER_EMAIL_TAKEN");
  // @ts-expect-error: the details of USER_EMAIL_ALREADY_EXISTS carry an email string
  serverFake.failWith("POST /users", "USER_EMAIL_ALREADY_EXISTS", { email: 42 });
});

test("webhooks are typed by event", () => {
  signWebhook({ type: "user.created" });
  // @ts-expect-error: not an event type
  signWebhook({ type: "user.renamed" });
});

test("a fake of another fake's project has its own access type's operations, and the project is a fake", () => {
  const backendFake = createStackAuthFake({ access: "server", project: clientFake });
  backendFake.on("GET /users", () => ({ items: [], is_paginated: true, pagination: { next_cursor: null } }));
  // @ts-expect-error: not a fake
  createStackAuthFake({ access: "server", project: { projectId: "test-project" } });
});

test("users seeded for paging are users", () => {
  serverFake.items("GET /users", []);
  // @ts-expect-error: a user, not a user's id
  serverFake.items("GET /users", ["3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10"]);
  // @ts-expect-error: not a user (its display_name is a string or null, and it lacks the fields a user has)
  serverFake.items("GET /users", [{ id: "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10", display_name: 7 }]);
});

test("the fake takes the client's secretParameters, in either form the client takes", () => {
  createStackAuthFake({ secretParameters: ["state"] });
  createStackAuthFake({ access: "server", secretParameters: { add: ["user_id"], except: ["code"] } });
  // @ts-expect-error: a rule is a list of names or { add, except }
  createStackAuthFake({ secretParameters: { exclude: ["code"] } });
});
