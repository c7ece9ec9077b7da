import { expectTypeOf, test } from "vitest";
import { bulkUpsert, createStackerClient, type StackerRecord } from "../src/index.js";

const stacker = createStackerClient({ integrationKey: "ik" });

test("a wrong path does not compile", () => {
  // @ts-expect-error: /api/external/record/ is not a Stacker path (records live under objects/{object_sid}/)
  void stacker.GET("/api/external/record/");
  // @ts-expect-error: the paths keep their trailing slash
  void stacker.GET("/api/external/hello");
  // @ts-expect-error: search is a POST, not a GET
  void stacker.GET("/api/external/objects/{object_sid}/search/", { params: { path: { object_sid: "o" } } });
});

test("a missing required parameter does not compile", () => {
  void stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
    // @ts-expect-error: record_sid is required
    params: { path: { object_sid: "o" } },
  });
  // @ts-expect-error: the path parameters are required
  void stacker.GET("/api/external/objects/{object_sid}/fields/");
});

test("a wrong body field does not compile", () => {
  void stacker.POST("/api/external/objects/{object_sid}/search/", {
    params: { path: { object_sid: "o" } },
    // @ts-expect-error: count is a number
    body: { count: "100" },
  });
  void stacker.POST("/api/external/objects/{object_sid}/search/", {
    params: { path: { object_sid: "o" } },
    // @ts-expect-error: "equals" is not one of the 25 filter operations
    body: { filters: [{ target: "orders__status", operation: "equals", value: "new" }] },
  });
  void stacker.POST("/api/external/objects/{object_sid}/bulk-records/", {
    params: { path: { object_sid: "o" } },
    // @ts-expect-error: the bulk body is an array of records, not one record
    body: { orders__status: "new" },
  });
});

test("results are typed", async () => {
  const { data } = await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
    params: { path: { object_sid: "o", record_sid: "r" } },
  });
  expectTypeOf(data).not.toBeAny();
  expectTypeOf(data).toExtend<StackerRecord | undefined>();
  expectTypeOf(data?._sid).toEqualTypeOf<string | undefined>();
  expectTypeOf(data?.orders__order_date).toEqualTypeOf<unknown>();
  const { data: bulk } = await stacker.POST("/api/external/objects/{object_sid}/bulk-records/", {
    params: { path: { object_sid: "o" } },
    body: [],
  });
  expectTypeOf(bulk?.created).toEqualTypeOf<string[] | undefined>();
});

test("a delete's data may be undefined: the spec declares a 204 beside its 200", async () => {
  const { data, error } = await stacker.DELETE("/api/external/objects/{object_sid}/records/{record_sid}/", {
    params: { path: { object_sid: "o", record_sid: "r" } },
  });
  if (error === undefined) expectTypeOf(data).toEqualTypeOf<{ [key: string]: unknown } | undefined>();
});

test("bulkUpsert takes the records the bulk endpoint takes: a _sid is a string", () => {
  void bulkUpsert(stacker, "object.custom.orders", [{ _sid: "rec7wzphqrc9w7rii7h", orders__status: "new" }, { a: 1 }]);
  // @ts-expect-error: _sid names a record by its SID, a string
  void bulkUpsert(stacker, "object.custom.orders", [{ _sid: 123, orders__status: "new" }]);
  // @ts-expect-error: null is no SID (leave _sid out to insert)
  void bulkUpsert(stacker, "object.custom.orders", [{ _sid: null }]);
});
