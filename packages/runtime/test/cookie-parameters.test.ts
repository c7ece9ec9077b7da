import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  cookieParameters,
  createApiClient,
  InvalidParameterError,
  type ClientMeta,
} from "../src/index.js";
import { apiKeyAuth, SECRET } from "./harness.js";

// An API as specs declare cookie parameters: a session id, a list sent joined (explode: false) or one cookie per value
// (OpenAPI 3.2's `cookie` style), and an object of preferences.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /reports/{id}": {
      id: "getReport",
      security: [["ApiKey"]],
      cookie: {
        session: { style: "form", explode: true },
        regions: { style: "form", explode: false },
        flags: { style: "cookie", explode: true },
        prefs: { style: "form", explode: true },
      },
    },
    "GET /reports": { id: "listReports", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Json = { "application/json": unknown };
interface Paths {
  "/reports/{id}": {
    get: {
      parameters: {
        path: { id: string };
        cookie?: {
          session?: string | number;
          regions?: string[];
          flags?: string[];
          prefs?: Record<string, string | number>;
        };
      };
      responses: { 200: { content: Json } };
    };
  };
  "/reports": { get: { responses: { 200: { content: Json } } } };
}

const servers: TestServer[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function reportsApi(headers?: Record<string, string>) {
  const server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(server);
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: server.url,
    auth: apiKeyAuth(),
    cookieParameters,
    ...(headers ? { headers } : {}),
  });
  return { client, server };
}

const sentCookie = (server: TestServer) => server.requests.at(-1)?.headers.cookie;

describe("cookie parameters go in the Cookie header", () => {
  it("each as name=value, lists and objects as their style writes them, null and undefined left out", async () => {
    const { client, server } = await reportsApi();
    await client.GET("/reports/{id}", {
      params: {
        path: { id: "r1" },
        cookie: { session: "s_1", regions: ["eu", "us"], flags: ["beta", "dark"], prefs: { tz: "UTC", rows: 50 } },
      },
    });
    expect(sentCookie(server)).toBe("session=s_1; regions=eu,us; flags=beta; flags=dark; tz=UTC; rows=50");
    expect(server.requests.at(-1)?.url).toBe("/reports/r1");

    await client.GET("/reports/{id}", { params: { path: { id: "r1" }, cookie: { session: 7, regions: undefined } } });
    expect(sentCookie(server)).toBe("session=7");
    await client.GET("/reports/{id}", { params: { path: { id: "r1" }, cookie: {} } });
    expect(sentCookie(server)).toBeUndefined();
  });

  it("after the cookie the caller's own headers set, whatever their form", async () => {
    const { client, server } = await reportsApi();
    const params = { path: { id: "r1" }, cookie: { session: "s_1" } };
    await client.GET("/reports/{id}", { params, headers: { Cookie: "theme=dark" } });
    expect(sentCookie(server)).toBe("theme=dark; session=s_1");
    await client.GET("/reports/{id}", { params, headers: new Headers({ cookie: "theme=dark" }) });
    expect(sentCookie(server)).toBe("theme=dark; session=s_1");
    await client.GET("/reports/{id}", { params, headers: [["COOKIE", "theme=dark"]] as never });
    expect(sentCookie(server)).toBe("theme=dark; session=s_1");
  });

  it("after the cookie the client's headers option sets, unless the call sets its own", async () => {
    const { client, server } = await reportsApi({ cookie: "affinity=a1" });
    const params = { path: { id: "r1" }, cookie: { session: "s_1" } };
    await client.GET("/reports/{id}", { params });
    expect(sentCookie(server)).toBe("affinity=a1; session=s_1");
    await client.GET("/reports/{id}", { params, headers: { Cookie: "theme=dark" } });
    expect(sentCookie(server)).toBe("theme=dark; session=s_1");
    await client.GET("/reports/{id}", { params: { path: { id: "r1" } } });
    expect(sentCookie(server)).toBe("affinity=a1");
  });

  it("property: any text round-trips through the header, one cookie per parameter", async () => {
    const { client, server } = await reportsApi();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), async (session, tz) => {
        await client.GET("/reports/{id}", { params: { path: { id: "r1" }, cookie: { session, prefs: { tz } } } });
        const pairs = sentCookie(server)!
          .split("; ")
          .map((pair) => pair.split("=").map(decodeURIComponent));
        expect(pairs).toEqual([
          ["session", session],
          ["tz", tz],
        ]);
      }),
      { numRuns: 60 },
    );
  });

  it("a cookie parameter's value is redacted wherever a Cookie header is", async () => {
    const { client, server } = await reportsApi();
    const events: unknown[] = [];
    const { client: hooked } = createApiClient<Paths>({
      meta,
      baseUrl: server.url,
      auth: apiKeyAuth(),
      cookieParameters,
      hooks: { onRequest: (event) => void events.push(event) },
    });
    await hooked.GET("/reports/{id}", { params: { path: { id: "r1" }, cookie: { session: SECRET } } });
    expect(sentCookie(server)).toBe(`session=${SECRET}`);
    expect(events).toMatchObject([{ headers: { cookie: "[REDACTED]" } }]);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    await client.GET("/reports", {});
    expect(sentCookie(server)).toBeUndefined();
  });
});

describe("what a cookie cannot carry fails before anything is sent", () => {
  it("a nested list, NaN or a Map: an InvalidParameterError naming the parameter, never the value", async () => {
    const { client, server } = await reportsApi();
    for (const [cookie, reason] of [
      [{ regions: [["eu"]] }, "holds a list"],
      [{ session: Number.NaN }, "is NaN"],
      [{ prefs: new Map([["tz", SECRET]]) }, "is a Map"],
    ] as const) {
      const error = await client
        .GET("/reports/{id}", { params: { path: { id: "r1" }, cookie: cookie as never } })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidParameterError);
      const parameter = Object.keys(cookie)[0];
      expect(error).toMatchObject({ parameter, reason, message: `Cookie parameter "${parameter}" ${reason}` });
      expect(String(error)).not.toContain(SECRET);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("in a browser, whose fetch drops a Cookie header: a ConfigurationError", async () => {
    const { client, server } = await reportsApi();
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    await expect(
      client.GET("/reports/{id}", { params: { path: { id: "r1" }, cookie: { session: "s_1" } } }),
    ).rejects.toThrow(
      new ConfigurationError(
        "This call has cookie parameters, which a browser's fetch does not send (it drops a Cookie header); make it from a server",
      ),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("an API with cookie parameters needs cookieParameters", () => {
    expect(() => createApiClient<Paths>({ meta, baseUrl: "https://api.example.com", auth: apiKeyAuth() })).toThrow(
      new ConfigurationError(
        'This API takes cookie parameters: pass cookieParameters (from "@keyway/runtime") to createApiClient, as pnpm new-client does',
      ),
    );
  });
});
