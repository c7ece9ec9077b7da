import { sendJson, sendText } from "@keyway/test-server";
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  InvalidHeaderValueError,
  MissingCredentialError,
  NotFoundError,
  createStackerClient,
  unwrap,
} from "../src/index.js";
import { INTEGRATION_KEY, stackerAgainst } from "./setup.js";

describe("Stacker header rules", () => {
  it("refuses to create a client without an integration key, before any request", () => {
    expect(() => createStackerClient({ integrationKey: "" })).toThrow(ConfigurationError);
    expect(() => createStackerClient({ integrationKey: undefined as unknown as string })).toThrow(
      /integrationKey is required/,
    );
  });

  it("refuses a base URL that ends with /api/external, which every path already starts with", () => {
    for (const baseUrl of ["https://api.go.stackerhq.com/api/external", "https://proxy.example/stacker/api/external/"])
      expect(() => createStackerClient({ integrationKey: INTEGRATION_KEY, baseUrl })).toThrow(
        new ConfigurationError(
          "createStackerClient: baseUrl ends with /api/external, which every path already starts with: leave it out (https://api.go.stackerhq.com)",
        ),
      );
    expect(() =>
      createStackerClient({ integrationKey: INTEGRATION_KEY, baseUrl: "https://proxy.example/api/" }),
    ).not.toThrow();
  });

  it("refuses a timezone that cannot be sent when the client is made, naming the factory, the option and its header", () => {
    const made = () => createStackerClient({ integrationKey: INTEGRATION_KEY, timezone: 42 as unknown as string });
    expect(made).toThrow(InvalidHeaderValueError);
    expect(made).toThrow('createStackerClient: timezone (sent as the "X-Timezone" header) is a number, not a string');
  });

  it("fails an account-scoped call without accountId with an error naming X-Account-Id, sending nothing", async () => {
    const { stacker, server } = await stackerAgainst(undefined, { accountId: undefined, stackId: undefined });
    await expect(stacker.GET("/api/external/stacks/")).rejects.toThrow(MissingCredentialError);
    await expect(stacker.GET("/api/external/stacks/")).rejects.toThrow(/listStacks needs "X-Account-Id"/);
    expect(server.requests).toHaveLength(0);
  });

  it("does not send X-Account-Id or X-Stack-Id to /hello/ and /accounts/", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, []));
    await stacker.GET("/api/external/hello/");
    await stacker.GET("/api/external/accounts/");
    for (const request of server.requests) {
      expect(request.headers).not.toHaveProperty("x-account-id");
      expect(request.headers).not.toHaveProperty("x-stack-id");
      expect(request.headers["x-integration-key"]).toBe(INTEGRATION_KEY);
    }
  });

  it("asks for JSON, and for CSV when the caller sets Accept, which the search answers as text", async () => {
    // As Django REST framework negotiates: any listed type it renders, whatever its weight (its CSV renderer first).
    const { stacker, server } = await stackerAgainst((req, res) =>
      req.headers.accept?.includes("text/csv")
        ? sendText(res, 200, "_sid,orders__order_number\nrec1,1001\n")
        : sendJson(res, 200, []),
    );
    await stacker.GET("/api/external/hello/");
    const search = "/api/external/objects/{object_sid}/search/" as const;
    const path = { object_sid: "object.custom.orders" };
    const { data: records } = await stacker.POST(search, { params: { path }, body: {} });
    expect(records).toEqual([]);
    const { data: csv } = await stacker.POST(search, {
      params: { path },
      body: {},
      headers: { Accept: "text/csv" },
      parseAs: "text",
    });
    expect(server.requests.map((request) => request.headers.accept)).toEqual([
      "application/json",
      "application/json",
      "text/csv",
    ]);
    expect(csv).toBe("_sid,orders__order_number\nrec1,1001\n");
  });

  it("rejects an integration key containing \\r\\n, naming the header and not the key", () => {
    let error: unknown;
    try {
      createStackerClient({ integrationKey: `${INTEGRATION_KEY}\r\nX-Injected: yes` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidHeaderValueError);
    expect((error as Error).message).toContain("X-Integration-Key");
    expect((error as Error).message).not.toContain(INTEGRATION_KEY);
  });

  it("never shows the key in error messages, thrown objects, inspected clients or console output", async () => {
    const { stacker } = await stackerAgainst((req, res) => {
      // A server that echoes the key back, as some gateways do in their error pages.
      if (req.url.includes("records")) return sendText(res, 401, `invalid key ${req.headers["x-integration-key"]}`);
      sendJson(res, 404, { detail: `No key ${req.headers["x-integration-key"]} here` });
    });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});

    const unauthorized = await unwrap(
      stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
        params: { path: { object_sid: "o", record_sid: "r" } },
      }),
    ).catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    const notFound = await unwrap(stacker.GET("/api/external/objects/")).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(NotFoundError);

    const surfaces = [
      String(unauthorized),
      inspect(unauthorized, { depth: 10, showHidden: true }),
      JSON.stringify(unauthorized),
      inspect(notFound, { depth: 10, showHidden: true }),
      JSON.stringify((notFound as NotFoundError).body),
      JSON.stringify(notFound),
      inspect(stacker, { depth: 10, showHidden: true }),
      JSON.stringify(stacker),
      ...[log, errorLog, warn].flatMap((spy) => spy.mock.calls.map((args) => inspect(args))),
    ];
    for (const surface of surfaces) expect(surface).not.toContain(INTEGRATION_KEY);
    expect(String(unauthorized)).toContain("[REDACTED]");
    vi.restoreAllMocks();
  });
});

describe("X-Timezone goes only where records come back", () => {
  it("a client's time zone is sent to search, get, create and update, and to no other operation", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, {}), { timezone: "Europe/Paris" });
    const object = { path: { object_sid: "object.custom.orders" } };
    const record = { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } };
    await stacker.GET("/api/external/hello/");
    await stacker.GET("/api/external/accounts/");
    await stacker.GET("/api/external/stacks/");
    await stacker.GET("/api/external/objects/");
    await stacker.GET("/api/external/objects/{object_sid}/action-buttons/", { params: object });
    await stacker.GET("/api/external/objects/{object_sid}/fields/", { params: object });
    await stacker.POST("/api/external/objects/{object_sid}/search/", { params: object, body: {} });
    await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", { params: record });
    await stacker.POST("/api/external/objects/{object_sid}/records/", { params: object, body: {} });
    await stacker.PATCH("/api/external/objects/{object_sid}/records/{record_sid}/", { params: record, body: {} });
    await stacker.DELETE("/api/external/objects/{object_sid}/records/{record_sid}/", { params: record });
    await stacker.POST("/api/external/objects/{object_sid}/bulk-records/", { params: object, body: [{}] });
    const withZone = server.requests
      .filter((request) => request.headers["x-timezone"] === "Europe/Paris")
      .map(
        (request) =>
          `${request.method} ${request.url.replace("object.custom.orders", "{o}").replace("rec7wzphqrc9w7rii7h", "{r}")}`,
      );
    expect(withZone).toEqual([
      "POST /api/external/objects/{o}/search/",
      "GET /api/external/objects/{o}/records/{r}/",
      "POST /api/external/objects/{o}/records/",
      "PATCH /api/external/objects/{o}/records/{r}/",
    ]);
    expect(server.requests.filter((request) => "x-timezone" in request.headers)).toHaveLength(4);
  });
});
