import { expectTypeOf, test } from "vitest";
import { createStackerFake } from "../src/testing.js";

const fake = createStackerFake();

test("only the spec's operations compile", () => {
  // @ts-expect-error: not an operation of the spec
  fake.on("GET /api/external/record/", () => ({}));
  // @ts-expect-error: search is a POST
  fake.on("GET /api/external/objects/{object_sid}/search/", () => ({}));
  // @ts-expect-error: not an operation of the spec
  fake.calls("DELETE /api/external/hello/");
});

test("handlers see typed path parameters and bodies", () => {
  fake.on("GET /api/external/objects/{object_sid}/records/{record_sid}/", ({ params, body }) => {
    expectTypeOf(params.path).toEqualTypeOf<{ object_sid: string; record_sid: string }>();
    expectTypeOf(params.query.include_fields).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(body).toEqualTypeOf<undefined>();
    // @ts-expect-error: not a path parameter of this operation
    void params.path.field_sid;
    return { _sid: params.path.record_sid };
  });
  fake.on("POST /api/external/objects/{object_sid}/search/", ({ body }) => {
    // @ts-expect-error: the search body is optional (the spec's `required: false`): a call may send none
    void body.count;
    expectTypeOf(body?.count).toEqualTypeOf<number | undefined>();
    // @ts-expect-error: count is a number, not a string
    const wrong: string = body?.count;
    void wrong;
    return { records: [] };
  });
});

test("a response of the wrong shape does not compile", () => {
  // @ts-expect-error: stacks are a list (or { stacks }), not a string
  fake.on("GET /api/external/stacks/", () => "Order Desk");
  // @ts-expect-error: a stack's sid is a string
  fake.on("GET /api/external/stacks/", () => [{ sid: 42, name: "Order Desk" }]);
  fake.on("GET /api/external/stacks/", ({ reply }) =>
    // @ts-expect-error: 418 is not a status the operation declares
    reply(418, { error: "teapot" }),
  );
  fake.on("GET /api/external/stacks/", ({ reply }) =>
    reply(403, { detail: "You do not have permission to perform this action." }),
  );
});

test("an operation that may answer without a body accepts a handler that returns nothing", () => {
  fake.on("DELETE /api/external/objects/{object_sid}/records/{record_sid}/", () => {});
  // @ts-expect-error: a record read must answer a record
  fake.on("GET /api/external/objects/{object_sid}/records/{record_sid}/", () => {});
});

test("fail takes only the operation's statuses, and bodies of that status", () => {
  fake.fail("GET /api/external/objects/{object_sid}/records/{record_sid}/", 404);
  // @ts-expect-error: 418 is not declared for this operation
  fake.fail("GET /api/external/objects/{object_sid}/records/{record_sid}/", 418);
});

test("recorded calls are typed by their operation", () => {
  const [call] = fake.calls("POST /api/external/objects/{object_sid}/bulk-records/");
  expectTypeOf(call!.params.path).toEqualTypeOf<{ object_sid: string }>();
  expectTypeOf(call!.body).toMatchTypeOf<readonly unknown[]>();
});

test("items of another type than the page's do not compile", () => {
  const SEARCH = "POST /api/external/objects/{object_sid}/search/";
  fake.items(SEARCH, [{ _sid: "rec1", orders__total: 42 }]);
  // @ts-expect-error: a record's _sid is a string
  fake.items(SEARCH, [{ _sid: 5 }]);
  // @ts-expect-error: records are objects
  fake.items(SEARCH, ["rec1"]);
});

test("the fake takes the client's secretParameters, in either form the client takes", () => {
  createStackerFake({ secretParameters: ["record_sid"] });
  createStackerFake({ secretParameters: { add: ["record_sid"], except: ["key"] } });
  // @ts-expect-error: a rule is a list of names or { add, except }
  createStackerFake({ secretParameters: "record_sid" });
  // @ts-expect-error: not an option of the fake
  createStackerFake({ secretParams: ["record_sid"] });
});
