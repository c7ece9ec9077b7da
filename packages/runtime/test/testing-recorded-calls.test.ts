import { inspect } from "node:util";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeApi, type FakeCall, type SpecData } from "../src/testing/index.js";
import { serveFake } from "../src/testing/server.js";

// What a test reads of a recorded call: the URL the app sent, and headers that print without a credential's value
// (a failed assertion on `fake.calls()` prints the call) but still give it to `.get()`.

const spec: SpecData = {
  basePath: "/v1",
  securitySchemes: {
    ApiKey: { header: "X-Api-Key", secret: true },
    Tenant: { header: "X-Tenant-Id", secret: false },
  },
  schemas: {},
  responses: {},
  operations: {
    "GET /orders/{order_id}": {
      id: "getOrder",
      security: [["ApiKey", "Tenant"]],
      parameters: [
        { name: "order_id", in: "path", required: true, schema: { type: "string" } },
        { name: "expand", in: "query", schema: { type: "string" } },
      ],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { id: "ord_1" } } },
    },
    "GET /invites/{code}/accept": {
      id: "acceptInvite",
      security: [],
      parameters: [
        { name: "code", in: "path", required: true, schema: { type: "string" } },
        { name: "client_secret", in: "query", schema: { type: "string" } },
        { name: "team", in: "query", schema: { type: "string" } },
      ],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
    },
  },
};
type Paths = { "/orders/{order_id}": { get: { parameters: { path: { order_id: string } }; responses: {} } } };
const fakeOrders = () => createFakeApi<Paths>({ spec, name: "Orders", otherCredentialHeaders: ["X-Admin-Key"] });

const KEY = "kw_live_8c1f55e2a7";
const headers = { "x-api-key": KEY, "x-tenant-id": "tenant_7", accept: "application/json" };

describe("a recorded call's url", () => {
  it("is the whole URL the app sent, percent-encoded, with its query", async () => {
    const fake = fakeOrders();
    await fake.fetch("https://api.example.test/v1/orders/ord%201?expand=lines", { headers });
    expect(fake.calls("GET /orders/{order_id}").map((call) => call.url)).toEqual([
      "https://api.example.test/v1/orders/ord%201?expand=lines",
    ]);
  });

  it("through a served fake, is the server's URL the app sent it to", async () => {
    const fake = fakeOrders();
    const server = await serveFake(fake);
    try {
      await fetch(`${server.url}/orders/ord_1?expand=lines`, { headers });
      expect(fake.calls().map((call) => call.url)).toEqual([`${server.url}/orders/ord_1?expand=lines`]);
    } finally {
      await server.close();
    }
  });
});

describe("a recorded call's headers", () => {
  let fake = fakeOrders();
  afterEach(() => {
    fake = fakeOrders();
  });

  const recorded = async (sent: Record<string, string> = headers): Promise<FakeCall> => {
    await fake.fetch("https://api.example.test/v1/orders/ord_1", { headers: sent });
    return fake.calls()[0]!;
  };

  it("give each value as sent to code, and compare as the Headers they are", async () => {
    const call = await recorded();
    expect(call.headers.get("x-api-key")).toBe(KEY);
    expect(call.headers).toEqual(new Headers(headers));
    expect(call.headers).not.toEqual(new Headers({ ...headers, "x-api-key": "other" }));
    expect(call).toMatchObject({ headers: new Headers(headers) });
  });

  it("print a credential's value as [REDACTED] in console.log, node:test's diff and JSON, and every other header as is", async () => {
    const call = await recorded({ ...headers, authorization: `Bearer ${KEY}`, "x-admin-key": KEY });
    for (const printed of [inspect(call), inspect([call], { depth: 5 }), JSON.stringify(call)]) {
      expect(printed).not.toContain(KEY);
      expect(printed).toContain("[REDACTED]");
      expect(printed).toContain("tenant_7");
      expect(printed).toContain("application/json");
    }
    expect(JSON.parse(JSON.stringify(call.headers))).toEqual({
      accept: "application/json",
      authorization: "[REDACTED]",
      "x-admin-key": "[REDACTED]",
      "x-api-key": "[REDACTED]",
      "x-tenant-id": "tenant_7",
    });
  });

  it("print without a credential's value in Deno's console too, which asks its own symbol first", async () => {
    const call = await recorded();
    // How Deno's console calls an object's own printing: with its inspect function and options.
    const denoPrinted = (value: object) =>
      (value as Record<symbol, (print: typeof inspect, options: object) => string>)[Symbol.for("Deno.customInspect")]!(
        inspect,
        { breakLength: Infinity },
      );
    expect(denoPrinted(call.headers)).toBe(
      "Headers { accept: 'application/json', 'x-api-key': '[REDACTED]', 'x-tenant-id': 'tenant_7' }",
    );
    expect(denoPrinted(call)).not.toContain(KEY);
  });

  it("print no credential in the message of a failed vitest assertion on the calls", async () => {
    const call = await recorded();
    let message = "";
    try {
      // The expected side is the test's own; only the recorded side is the fake's to print.
      expect(call.headers).toEqual(new Headers({ accept: "application/json", "x-tenant-id": "tenant_8" }));
    } catch (error) {
      message = `${(error as Error).message}\n${JSON.stringify((error as { actual?: unknown }).actual)}`;
    }
    expect(message).toContain("to deeply equal");
    expect(message).toContain("tenant_7");
    expect(message).not.toContain(KEY);
  });

  it("never print a value sent in a credential header, whatever it is (property)", async () => {
    // What a call prints with another key: a value found there (`define`, in `undefined`) proves nothing.
    const other = fakeOrders();
    await other.fetch("https://api.example.test/v1/orders/ord_1", { headers: { ...headers, "x-api-key": "\u00a7" } });
    const printedAnyway = `${inspect(other.calls()[0])} ${JSON.stringify(other.calls()[0])}`;
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9._~+/=-]{6,40}$/), async (secret) => {
        fc.pre(!printedAnyway.includes(secret));
        const sent = fakeOrders();
        await sent.fetch("https://api.example.test/v1/orders/ord_1", {
          headers: { ...headers, "x-api-key": secret },
        });
        const [call] = sent.calls();
        expect(call!.headers.get("x-api-key")).toBe(secret);
        expect(inspect(call)).not.toContain(secret);
        expect(JSON.stringify(call)).not.toContain(secret);
      }),
      { numRuns: 50 },
    );
  });
});

describe("a recorded call's secret parameters", () => {
  it("print as [REDACTED], in the URL and the parameters, while code reads them as sent", async () => {
    const fake = fakeOrders();
    const url = "https://api.example.test/v1/invites/inv_7Hq2Lz/accept?client_secret=cs_9fQ2mX&team=red";
    await fake.fetch(url);
    const [call] = fake.calls();
    expect(call).toMatchObject({
      url,
      params: { path: { code: "inv_7Hq2Lz" }, query: { client_secret: "cs_9fQ2mX" } },
    });
    for (const printed of [inspect(call, { depth: 5 }), JSON.stringify(call)]) {
      expect(printed).not.toContain("inv_7Hq2Lz");
      expect(printed).not.toContain("cs_9fQ2mX");
      expect(printed).toContain(
        "https://api.example.test/v1/invites/REDACTED/accept?client_secret=%5BREDACTED%5D&team=red",
      );
      expect(printed).toContain("team");
    }
  });
});
