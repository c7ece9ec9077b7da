import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createApiClient,
  headerParameters,
  InvalidHeaderValueError,
  InvalidParameterError,
  type ClientMeta,
} from "../src/index.js";
import { apiKeyAuth, SECRET } from "./harness.js";

// An API as specs declare header parameters that are objects (ReadMe's parameters-style examples, a range, a tenant's
// context): written in OpenAPI's simple style, exploded or not, beside a plain one and a list.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /reports": {
      id: "listReports",
      security: [["ApiKey"]],
      header: {
        "X-Range": { style: "simple", explode: false },
        "X-Context": { style: "simple", explode: true },
        toString: { style: "simple", explode: false },
        "X-Metadata": "json",
      },
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Leaf = string | number | boolean | Date | null | undefined;
interface Paths {
  "/reports": {
    get: {
      parameters: {
        header?: {
          "X-Range"?: Record<string, Leaf> | string;
          "X-Context"?: Record<string, Leaf>;
          "X-Ids"?: number[];
          "X-Metadata"?: { name: string; tags?: string[]; size?: bigint } | string;
        };
      };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function reportsApi() {
  const server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(server);
  const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), headerParameters });
  return { client, server };
}

const sent = (server: TestServer) => server.requests.at(-1)?.headers ?? {};

describe("header parameters that are objects are written in their simple style", () => {
  it("keys and values joined by commas, or key=value pairs when exploded, as the spec's examples show them", async () => {
    const { client, server } = await reportsApi();
    await client.GET("/reports", {
      params: {
        header: {
          "X-Range": { from: "2026-01-01", to: "2026-02-01" },
          "X-Context": { role: "admin", firstName: "Alex", seats: 3, trial: false },
        },
      },
    });
    expect(sent(server)["x-range"]).toBe("from,2026-01-01,to,2026-02-01");
    expect(sent(server)["x-context"]).toBe("role=admin,firstName=Alex,seats=3,trial=false");
  });

  it("text as it is, not percent-encoded (a header is not a URL), a Date as its JSON text", async () => {
    const { client, server } = await reportsApi();
    const since = new Date("2026-12-01T00:00:00.000Z");
    await client.GET("/reports", {
      params: { header: { "X-Context": { path: "/a b/ü", "q%20": "x;y", since } } },
    });
    expect(sent(server)["x-context"]).toBe("path=/a b/ü,q%20=x;y,since=2026-12-01T00:00:00.000Z");
  });

  it("null and undefined properties left out; an object with nothing left sends no header", async () => {
    const { client, server } = await reportsApi();
    await client.GET("/reports", { params: { header: { "X-Range": { from: "a", to: null, until: undefined } } } });
    expect(sent(server)["x-range"]).toBe("from,a");
    await client.GET("/reports", { params: { header: { "X-Range": { to: null }, "X-Context": {} } } });
    expect(sent(server)).not.toHaveProperty("x-range");
    expect(sent(server)).not.toHaveProperty("x-context");
  });

  it("plain values and lists as before, and a parameter named like what every object has", async () => {
    const { client, server } = await reportsApi();
    await client.GET("/reports", { params: { header: { "X-Range": "bytes=0-99", "X-Ids": [3, 4] } } });
    expect(sent(server)["x-range"]).toBe("bytes=0-99");
    expect(sent(server)["x-ids"]).toBe("3,4");
    // Typed, a property named toString would clash with the one every object has: the spec's name, as the app sends it.
    await client.GET("/reports", { params: { header: { toString: { a: 1 } } as never } });
    expect(sent(server)["tostring"]).toBe("a,1");
  });

  it("one the spec sends as JSON (content: application/json) as its JSON text, whatever its value", async () => {
    const { client, server } = await reportsApi();
    await client.GET("/reports", { params: { header: { "X-Metadata": { name: "Q3 é", tags: ["a", "b"] } } } });
    expect(sent(server)["x-metadata"]).toBe('{"name":"Q3 é","tags":["a","b"]}');
    await client.GET("/reports", { params: { header: { "X-Metadata": "draft" } } });
    expect(sent(server)["x-metadata"]).toBe('"draft"');
    const error = await client
      .GET("/reports", { params: { header: { "X-Metadata": { name: "a", size: 1n } } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ parameter: "X-Metadata" });
    expect((error as Error).message).toMatch(
      /^Header parameter "X-Metadata" cannot be sent as JSON: X-Metadata\.size /,
    );
  });

  it("the call's own headers beside them are kept", async () => {
    const { client, server } = await reportsApi();
    await client.GET("/reports", {
      params: { header: { "X-Range": { from: "a" } } },
      headers: { "X-Trace-Id": "t-1" },
    });
    expect(sent(server)).toMatchObject({ "x-range": "from,a", "x-trace-id": "t-1" });
  });
});

describe("what a header cannot carry fails before anything is sent, never quoting the value", () => {
  it("a list, an object or NaN inside: an InvalidParameterError naming the parameter", async () => {
    const { client, server } = await reportsApi();
    for (const [context, reason] of [
      [{ tags: [SECRET] }, "holds a list"],
      [{ owner: { id: SECRET } }, "holds an object"],
      [{ score: Number.NaN }, "holds NaN"],
      [{ key: new Map([["k", SECRET]]) }, "holds a Map"],
    ] as const) {
      const error = await client
        .GET("/reports", { params: { header: { "X-Context": context as never } } })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect(error).toMatchObject({
        parameter: "X-Context",
        reason,
        message: `Header parameter "X-Context" ${reason}`,
      });
      expect(String(error)).not.toContain(SECRET);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("a line break or a character beyond Latin-1: the InvalidHeaderValueError every header value gets", async () => {
    const { client, server } = await reportsApi();
    for (const [range, reason] of [
      [{ from: `a\r\nX-Admin: ${SECRET}` }, "contains a line break (CR or LF)"],
      [{ from: "😀" }, "contains a control character or a character outside Latin-1"],
    ] as const) {
      const error = await client
        .GET("/reports", { params: { header: { "X-Range": range } } })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidHeaderValueError);
      expect(error).toMatchObject({ header: "X-Range", reason });
      expect((error as Error).message).toBe(`GET /reports: params.header["X-Range"] ${reason}`);
      expect(String(error)).not.toContain(SECRET);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("an API with such parameters needs headerParameters", () => {
    expect(() => createApiClient<Paths>({ meta, baseUrl: "https://api.example.com", auth: apiKeyAuth() })).toThrow(
      new ConfigurationError(
        'This API takes header parameters that may be objects: pass headerParameters (from "@keyway/runtime") to createApiClient, as pnpm new-client does',
      ),
    );
  });
});
