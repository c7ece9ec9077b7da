import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { ACCOUNT_ID, INTEGRATION_KEY, STACK_ID, stackerAgainst } from "./setup.js";

const ORDERS = "object.custom.orders";
const RECORD = "rec7wzphqrc9w7rii7h";
const order = { _sid: RECORD, orders__order_date: "2025-11-03", orders__customer: "rec3vg2gpynfxe34sr3" };

const KEY = { "x-integration-key": INTEGRATION_KEY };
const KEY_ACCOUNT = { ...KEY, "x-account-id": ACCOUNT_ID };
const KEY_ACCOUNT_STACK = { ...KEY_ACCOUNT, "x-stack-id": STACK_ID };
const CONTEXT_HEADERS = ["x-integration-key", "x-account-id", "x-stack-id", "x-timezone"];

/** The auth and context headers a request carried, and nothing else of ours. */
function contextHeaders(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => CONTEXT_HEADERS.includes(name)));
}

describe("every Stacker operation reaches the server exactly as the API expects", () => {
  it("getHello: GET /api/external/hello/ with only the integration key", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, { message: "hello" }));
    const { data } = await stacker.GET("/api/external/hello/");
    expect(data).toEqual({ message: "hello" });
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/api/external/hello/" });
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY);
  });

  it("listAccounts: GET /api/external/accounts/ with only the integration key", async () => {
    const accounts = [{ sid: ACCOUNT_ID, name: "Acme Logistics" }];
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, accounts));
    const { data } = await stacker.GET("/api/external/accounts/");
    expect(data).toEqual(accounts);
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/api/external/accounts/" });
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY);
  });

  it("listStacks: GET /api/external/stacks/ with the key and X-Account-Id, no X-Stack-Id", async () => {
    const stacks = { stacks: [{ sid: STACK_ID, name: "Operations", zone_name: "Acme" }] };
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, stacks));
    const { data } = await stacker.GET("/api/external/stacks/");
    expect(data).toEqual(stacks);
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/api/external/stacks/" });
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY_ACCOUNT);
  });

  it("listObjects: GET /api/external/objects/ with key, account and stack", async () => {
    const objects = [{ sid: ORDERS, name: "Orders" }];
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, objects));
    const { data } = await stacker.GET("/api/external/objects/");
    expect(data).toEqual(objects);
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/api/external/objects/" });
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY_ACCOUNT_STACK);
  });

  it("listActionButtons: GET …/objects/{object_sid}/action-buttons/ with the object sid encoded", async () => {
    const buttons = [{ sid: "btn_1", name: "Mark shipped" }];
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, buttons));
    const { data } = await stacker.GET("/api/external/objects/{object_sid}/action-buttons/", {
      params: { path: { object_sid: "object.custom.rush orders/eu" } },
    });
    expect(data).toEqual(buttons);
    expect(server.requests[0]).toMatchObject({
      method: "GET",
      url: "/api/external/objects/object.custom.rush%20orders%2Feu/action-buttons/",
    });
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY_ACCOUNT_STACK);
  });

  it("listFields: GET …/objects/{object_sid}/fields/", async () => {
    const fields = [{ sid: "fld_1", api_name: "orders__order_date", label: "Order date", type: "date" }];
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, fields));
    const { data } = await stacker.GET("/api/external/objects/{object_sid}/fields/", {
      params: { path: { object_sid: ORDERS } },
    });
    expect(data).toEqual(fields);
    expect(server.requests[0]).toMatchObject({ method: "GET", url: `/api/external/objects/${ORDERS}/fields/` });
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY_ACCOUNT_STACK);
  });

  it("searchRecords: POST …/search/ with the JSON body, the time zone and every context header", async () => {
    const page = { records: [order] };
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, page), {
      timezone: "America/Los_Angeles",
    });
    const body = {
      search: "acme",
      search_fields: ["orders__customer_name"],
      include_fields: ["orders__order_date"],
      order_by: "-orders__order_date",
      start: 0,
      count: 50,
      filters: [
        { target: "orders__order_date", operation: "withinlast" as const, value: 30 },
        { target: "orders__shipped_on", operation: "sameDay" as const, value: "_yesterday" },
        { target: "orders__status", operation: "isnotempty" as const },
      ],
    };
    const { data } = await stacker.POST("/api/external/objects/{object_sid}/search/", {
      params: { path: { object_sid: ORDERS } },
      body,
    });
    expect(data).toEqual(page);
    const sent = server.requests[0]!;
    expect(sent).toMatchObject({ method: "POST", url: `/api/external/objects/${ORDERS}/search/` });
    expect(sent.json()).toEqual(body);
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(contextHeaders(sent.headers)).toEqual({ ...KEY_ACCOUNT_STACK, "x-timezone": "America/Los_Angeles" });
  });

  it("searchRecords as CSV: Accept text/csv returns the text", async () => {
    const csv = "_sid,orders__order_date\nrec7wzphqrc9w7rii7h,2025-11-03\n";
    const { stacker, server } = await stackerAgainst((_, res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.end(csv);
    });
    const { data } = await stacker.POST("/api/external/objects/{object_sid}/search/", {
      params: { path: { object_sid: ORDERS } },
      body: {},
      headers: { Accept: "text/csv" },
      parseAs: "text",
    });
    expect(data).toBe(csv);
    expect(server.requests[0]!.headers.accept).toBe("text/csv");
  });

  it("getRecord: GET …/records/{record_sid}/ with include_fields as a JSON-encoded array", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, order));
    const { data } = await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: {
        path: { object_sid: ORDERS, record_sid: RECORD },
        query: { include_fields: ["orders__order_date", "orders__customer"] },
      },
    });
    expect(data).toEqual(order);
    const sent = server.requests[0]!;
    expect(sent.method).toBe("GET");
    expect(sent.url).toBe(
      `/api/external/objects/${ORDERS}/records/${RECORD}/?include_fields=${encodeURIComponent('["orders__order_date","orders__customer"]')}`,
    );
    expect(new URL(sent.url, "http://x").searchParams.get("include_fields")).toBe(
      '["orders__order_date","orders__customer"]',
    );
    expect(contextHeaders(sent.headers)).toEqual(KEY_ACCOUNT_STACK);
  });

  it("createRecord: POST …/records/ with the field values, accepting 201", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 201, order));
    const body = {
      orders__order_date: "2025-11-03",
      orders__customer: "rec3vg2gpynfxe34sr3",
      include_fields: ["orders__order_date"],
    };
    const { data, response } = await stacker.POST("/api/external/objects/{object_sid}/records/", {
      params: { path: { object_sid: ORDERS } },
      body,
    });
    expect(response.status).toBe(201);
    expect(data).toEqual(order);
    expect(server.requests[0]).toMatchObject({ method: "POST", url: `/api/external/objects/${ORDERS}/records/` });
    expect(server.requests[0]!.json()).toEqual(body);
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY_ACCOUNT_STACK);
  });

  it("updateRecord: PATCH …/records/{record_sid}/ with only the changed fields", async () => {
    const { stacker, server } = await stackerAgainst((_, res) =>
      sendJson(res, 200, { ...order, orders__status: "shipped" }),
    );
    const { data } = await stacker.PATCH("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: ORDERS, record_sid: RECORD } },
      body: { orders__status: "shipped" },
    });
    expect(data).toEqual({ ...order, orders__status: "shipped" });
    expect(server.requests[0]).toMatchObject({
      method: "PATCH",
      url: `/api/external/objects/${ORDERS}/records/${RECORD}/`,
    });
    expect(server.requests[0]!.json()).toEqual({ orders__status: "shipped" });
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY_ACCOUNT_STACK);
  });

  it("deleteRecord: DELETE …/records/{record_sid}/ answered 204", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => {
      res.writeHead(204);
      res.end();
    });
    const { data, error, response } = await stacker.DELETE("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: ORDERS, record_sid: RECORD } },
    });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
    expect(server.requests[0]).toMatchObject({
      method: "DELETE",
      url: `/api/external/objects/${ORDERS}/records/${RECORD}/`,
    });
    expect(server.requests[0]!.body).toHaveLength(0);
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY_ACCOUNT_STACK);
  });

  it.each([
    ["{}", "{}", {}],
    ["an empty body", "", undefined],
  ])("deleteRecord: DELETE …/records/{record_sid}/ answered 200 with %s", async (_, body, expected) => {
    const { stacker } = await stackerAgainst((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    const { data, error, response } = await stacker.DELETE("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: ORDERS, record_sid: RECORD } },
    });
    expect([response.status, data, error]).toEqual([200, expected, undefined]);
  });

  it("bulkUpsertRecords: POST …/bulk-records/ with the array body", async () => {
    const result = { created: ["rec0000000000000001"], updated: [RECORD] };
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, result));
    const body = [{ orders__status: "new" }, { _sid: RECORD, orders__status: "shipped" }];
    const { data } = await stacker.POST("/api/external/objects/{object_sid}/bulk-records/", {
      params: { path: { object_sid: ORDERS } },
      body,
    });
    expect(data).toEqual(result);
    expect(server.requests[0]).toMatchObject({ method: "POST", url: `/api/external/objects/${ORDERS}/bulk-records/` });
    expect(server.requests[0]!.json()).toEqual(body);
    expect(contextHeaders(server.requests[0]!.headers)).toEqual(KEY_ACCOUNT_STACK);
  });
});
