import { describe, expect, it } from "vitest";
import { createStackerClient, NotFoundError, RateLimitError, searchAll, unwrap } from "../src/index.js";
import { createStackerFake, FakeApiError } from "../src/testing.js";

const RECORD_PATH = "/api/external/objects/{object_sid}/records/{record_sid}/";
const RECORD = `GET ${RECORD_PATH}` as const;
const orderPath = { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" };
const SECRET = "ik_live_do_not_print_4b1d";

function setup(
  options: { accountId?: string; stackId?: string } = {
    accountId: "acc4t8kz2mq7xw9pe3",
    stackId: "app785vwedw46e3bx8",
  },
) {
  const fake = createStackerFake();
  const stacker = createStackerClient({ integrationKey: SECRET, ...options, fetch: fake.fetch, maxRetries: 0 });
  return { fake, stacker };
}

describe("createStackerFake", () => {
  it("answers every operation with its spec example by default", async () => {
    const { fake, stacker } = setup();
    const hello = await unwrap(stacker.GET("/api/external/hello/"));
    expect(hello).toEqual({ message: "hello" });
    const record = await unwrap(stacker.GET(RECORD_PATH, { params: { path: orderPath } }));
    expect(record._sid).toMatch(/^rec/);
    fake.verify();
  });

  it("answers a search in CSV when the call asks for it, as the README shows", async () => {
    const { fake, stacker } = setup();
    const { data: csv, response } = await stacker.POST("/api/external/objects/{object_sid}/search/", {
      params: { path: { object_sid: "object.custom.orders" } },
      body: { search: "acme", start: 0, count: 500 },
      headers: { Accept: "text/csv" },
      parseAs: "text",
    });
    expect(response.headers.get("content-type")).toBe("text/csv");
    expect(csv?.split("\n")[0]).toBe("_sid,orders__order_number,orders__order_date,orders__status,orders__total");
    fake.verify();
  });

  it("answers with the test's handler, typed by the operation", async () => {
    const { fake, stacker } = setup();
    fake.on(RECORD, ({ params }) => ({ _sid: params.path.record_sid, orders__total: 42 }));
    const record = await unwrap(stacker.GET(RECORD_PATH, { params: { path: orderPath } }));
    expect(record).toEqual({ _sid: "rec7wzphqrc9w7rii7h", orders__total: 42 });
  });

  it("fails an operation with a declared status in one call, and typed errors follow", async () => {
    const { fake, stacker } = setup();
    fake.fail(RECORD, 404);
    await expect(unwrap(stacker.GET(RECORD_PATH, { params: { path: orderPath } }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    fake.verify();
  });

  it("throttles a call with the Retry-After the test gives, as the spec's 429 declares it", async () => {
    const { fake, stacker } = setup();
    fake.fail(RECORD, 429, undefined, { times: 1, headers: { "Retry-After": "7" } });
    const error = await unwrap(stacker.GET(RECORD_PATH, { params: { path: orderPath } })).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(7000);
    fake.fail(RECORD, 429, { detail: "Slow down" }, { times: 1, headers: { "retry-after": "1" } });
    const { response, error: body } = await stacker.GET(RECORD_PATH, { params: { path: orderPath } });
    expect([response.status, response.headers.get("retry-after"), body]).toEqual([429, "1", { detail: "Slow down" }]);
    fake.verify();
  });

  it("handlers with `times` answer that many calls, then the previous answer returns", async () => {
    const { fake, stacker } = setup();
    fake.fail(RECORD, 404, undefined, { times: 1 });
    expect((await stacker.GET(RECORD_PATH, { params: { path: orderPath } })).response.status).toBe(404);
    expect((await stacker.GET(RECORD_PATH, { params: { path: orderPath } })).response.status).toBe(200);
  });

  it("records the calls with their parsed parameters, headers and body", async () => {
    const { fake, stacker } = setup();
    await stacker.POST("/api/external/objects/{object_sid}/records/", {
      params: { path: { object_sid: "object.custom.orders" } },
      body: { orders__customer: "rec3vg2gpynfxe34sr3" },
    });
    const [call] = fake.calls("POST /api/external/objects/{object_sid}/records/");
    expect(call?.params.path).toEqual({ object_sid: "object.custom.orders" });
    expect(call?.body).toEqual({ orders__customer: "rec3vg2gpynfxe34sr3" });
    expect(call?.headers.get("x-stack-id")).toBe("app785vwedw46e3bx8");
    expect(fake.calls()).toHaveLength(1);
    expect(fake.calls("GET /api/external/hello/")).toHaveLength(0);
  });

  it("parses JSON query parameters as the spec declares them", async () => {
    const { fake, stacker } = setup();
    await stacker.GET(RECORD_PATH, { params: { path: orderPath, query: { include_fields: ["orders__total"] } } });
    expect(fake.calls(RECORD)[0]?.params.query.include_fields).toEqual(["orders__total"]);
    fake.verify();
  });

  it("a request without the credentials the operation needs breaks the spec, named without the secret", async () => {
    const fake = createStackerFake();
    // Code that builds its own requests (the client refuses to send these without the ids).
    const response = await fake.fetch("https://api.go.stackerhq.com/api/external/objects/", {
      headers: { "X-Integration-Key": SECRET },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("X-Account-Id");
    expect(() => fake.verify()).toThrow(FakeApiError);
    expect(fake.violations).toEqual([
      "GET /api/external/objects/: request credentials: header X-Account-Id, X-Stack-Id is required and missing (this operation takes X-Integration-Key + X-Account-Id + X-Stack-Id)",
    ]);
    expect(fake.violations.join()).not.toContain(SECRET);
  });

  it("a credential the operation does not take breaks the spec", async () => {
    const fake = createStackerFake();
    await fake.fetch("https://api.go.stackerhq.com/api/external/hello/", {
      headers: { "X-Integration-Key": SECRET, "X-Stack-Id": "app1" },
    });
    expect(fake.violations).toEqual([
      "GET /api/external/hello/: request credentials: header X-Stack-Id is not one this operation takes (it takes X-Integration-Key)",
    ]);
  });

  it("a body that breaks its schema is reported by field and rule", async () => {
    const { fake, stacker } = setup();
    // A JavaScript caller (or a cast) can send what the types forbid; the fake still catches it.
    await stacker.POST("/api/external/objects/{object_sid}/search/", {
      params: { path: { object_sid: "object.custom.orders" } },
      body: { count: "100" as unknown as number },
    });
    expect(fake.violations).toHaveLength(1);
    expect(fake.violations[0]).toMatch(
      /^POST \/api\/external\/objects\/\{object_sid\}\/search\/: request body at \/count: expected type "integer", found string "100"$/,
    );
  });

  it("a missing required body and a path that is no operation break the spec", async () => {
    const fake = createStackerFake();
    const headers = { "X-Integration-Key": SECRET, "X-Account-Id": "a", "X-Stack-Id": "s" };
    await fake.fetch("https://api.go.stackerhq.com/api/external/objects/o/records/", { method: "POST", headers });
    await fake.fetch("https://api.go.stackerhq.com/api/external/record/", { headers });
    await fake.fetch("https://api.go.stackerhq.com/api/external/hello/", {
      method: "DELETE",
      headers: { "X-Integration-Key": SECRET },
    });
    expect(fake.violations).toEqual([
      "POST /api/external/objects/{object_sid}/records/: request body: is required and missing",
      "GET /api/external/record/: no operation of the spec has this path",
      "DELETE /api/external/hello/: the spec has no DELETE operation on this path (it has GET)",
    ]);
  });

  it("an unknown query parameter breaks the spec", async () => {
    const fake = createStackerFake();
    await fake.fetch("https://api.go.stackerhq.com/api/external/hello/?verbose=1", {
      headers: { "X-Integration-Key": SECRET },
    });
    expect(fake.violations).toEqual([
      'GET /api/external/hello/: request query parameter "verbose": is not a parameter of this operation',
    ]);
  });

  it("a handler's answer that breaks the response schema is reported", async () => {
    const { fake, stacker } = setup();
    fake.on("GET /api/external/stacks/", () => [{ sid: 42, name: "Order Desk" }] as never);
    const { response } = await stacker.GET("/api/external/stacks/");
    expect(response.status).toBe(400);
    expect(fake.violations[0]).toMatch(
      /^GET \/api\/external\/stacks\/: response 200 from the test's handler: body at \/0\/sid: expected type "string", found number 42$/,
    );
  });

  it("pages over the items a test provides, as searchAll reads them", async () => {
    const { fake, stacker } = setup();
    const records = Array.from({ length: 5 }, (_, i) => ({ _sid: `rec${String(i).padStart(16, "0")}` }));
    fake.items("POST /api/external/objects/{object_sid}/search/", records);
    const seen: string[] = [];
    for await (const record of searchAll(stacker, "object.custom.orders", { count: 2 })) seen.push(String(record._sid));
    expect(seen).toEqual(records.map((record) => record._sid));
    expect(fake.calls("POST /api/external/objects/{object_sid}/search/").map((call) => call.body?.start ?? 0)).toEqual([
      0, 2, 4,
    ]);
    fake.verify();
  });

  it("gives each page of the items its own count of records, not the example's", async () => {
    const { fake, stacker } = setup();
    fake.items(
      "POST /api/external/objects/{object_sid}/search/",
      Array.from({ length: 5 }, (_, i) => ({ _sid: `rec${i}` })),
    );
    const counts = [];
    for (const body of [{ start: 0, count: 2 }, { start: 4, count: 2 }, {}, { start: 10, count: 2 }]) {
      const page = await unwrap(
        stacker.POST("/api/external/objects/{object_sid}/search/", {
          params: { path: { object_sid: "object.custom.orders" } },
          body,
        }),
      );
      counts.push(typeof page === "object" && !Array.isArray(page) ? [page.records.length, page.count] : page);
    }
    expect(counts).toEqual([
      [2, 2],
      [1, 1],
      [5, 5],
      [0, 0],
    ]);
  });

  it("refuses items the API could not answer where the test gives them, naming the field and the rule", async () => {
    const { fake, stacker } = setup();
    // A test whose data came from elsewhere (a fixture file) gets past the types.
    const fixture: unknown = [{ _sid: "rec0000000000000001" }, { _sid: 2 }];
    expect(() => fake.items("POST /api/external/objects/{object_sid}/search/", fixture as never)).toThrow(
      new TypeError(
        'Stacker fake: the items given for POST /api/external/objects/{object_sid}/search/ make a page the spec does not allow: body at /records/1/_sid: expected type "string", found number 2; body: expected type "array", found object',
      ),
    );
    // Nothing was installed: the search answers its spec example.
    const { response } = await stacker.POST("/api/external/objects/{object_sid}/search/", {
      params: { path: { object_sid: "object.custom.orders" } },
      body: {},
    });
    expect(response.status).toBe(200);
    fake.verify();
  });

  it("a handler that returns nothing answers the operation's bodiless success status", async () => {
    const { fake, stacker } = setup();
    fake.on("DELETE /api/external/objects/{object_sid}/records/{record_sid}/", () => {});
    const { response, error } = await stacker.DELETE("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: orderPath },
    });
    expect(response.status).toBe(204);
    expect(error).toBeUndefined();
    fake.verify();
  });

  it("refuses an operation that is not in the spec", () => {
    const fake = createStackerFake();
    // @ts-expect-error: not an operation
    expect(() => fake.on("GET /nope", () => ({}))).toThrow(/"GET \/nope" is not an operation of the spec/);
  });

  it("names the operation a slip of the key meant: a path without its last slash, a method in lower case", () => {
    const fake = createStackerFake();
    expect(() =>
      fake.on("GET /api/external/objects/{object_sid}/records/{record_sid}" as never, (() => ({})) as never),
    ).toThrow(
      new TypeError(
        `Stacker fake: "GET /api/external/objects/{object_sid}/records/{record_sid}" is not an operation of the spec: did you mean "${RECORD}"?`,
      ),
    );
    expect(() => fake.fail("get /api/external/hello/" as never, 500 as never)).toThrow(
      'is not an operation of the spec: did you mean "GET /api/external/hello/"?',
    );
    expect(() => fake.on("DELETE /api/external/everything" as never, (() => ({})) as never)).toThrow(
      `"DELETE /api/external/everything" is not an operation of the spec: write it as "METHOD /path/{param}", as the spec's paths are`,
    );
  });

  it.each(["constructor", "toString", "hasOwnProperty", "__proto__"])(
    "refuses %s, a name every object has, as an operation that is not in the spec",
    (name) => {
      const fake = createStackerFake();
      const message = `"${name}" is not an operation of the spec`;
      // @ts-expect-error: not an operation
      expect(() => fake.on(name, () => ({}))).toThrow(message);
      // @ts-expect-error: not an operation
      expect(() => fake.fail(name, 500)).toThrow(message);
    },
  );

  it("reset forgets handlers, calls and violations", async () => {
    const { fake, stacker } = setup();
    fake.fail(RECORD, 404);
    await stacker.GET(RECORD_PATH, { params: { path: orderPath } });
    fake.reset();
    expect(fake.calls()).toEqual([]);
    expect((await stacker.GET(RECORD_PATH, { params: { path: orderPath } })).response.status).toBe(200);
  });
});
