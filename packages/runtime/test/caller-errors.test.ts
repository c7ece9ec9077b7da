import { gzipSync } from "node:zlib";
import { inspect } from "node:util";
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { ConnectionError, Redactor, ResponseParseError, type Authorizer } from "../src/index.js";
import { clientAgainst, SECRET } from "./harness.js";

/** An error class of the caller's own. */
class AuditError extends Error {}

/** What a caller's code may throw: its own errors, errors of the kinds keyway types, and values that are not errors. */
const THROWN_KINDS: readonly (readonly [kind: string, make: () => unknown])[] = [
  ["its own Error subclass", () => new AuditError("refused by the audit")],
  ["a TypeError", () => new TypeError("terminated")],
  ["a SyntaxError", () => new SyntaxError("Unexpected token 'n', \"not json\" is not valid JSON")],
  ["a string", () => "refused"],
  ["undefined", () => undefined],
];

/** Throws `thrown` at once, or as an async function's rejection. */
function thrower(thrown: unknown, async: boolean): () => never | Promise<never> {
  return async
    ? async () => {
        await Promise.resolve();
        throw thrown;
      }
    : () => {
        throw thrown;
      };
}

/** An `auth` whose credential provider fails with `fail`, as a custom provider of the caller's may. */
function failingAuth(fail: () => unknown): Authorizer {
  return { headers: ["X-Api-Key"], redactor: new Redactor(["X-Api-Key"]), authorize: fail as () => void };
}

type Client = Awaited<ReturnType<typeof clientAgainst>>["client"];

/** Where a caller's code runs inside a call, and the call that runs it with `fail`. */
interface TouchPoint {
  readonly name: string;
  /** How many requests the server sees: the call is never retried. */
  readonly requests: number;
  /** Whether the caller's code may be async there (a serializer may not). */
  readonly async?: false;
  readonly options?: (fail: () => unknown) => Parameters<typeof clientAgainst>[1];
  readonly call: (client: Client, fail: () => unknown) => Promise<unknown>;
}

const use = (client: Client, middleware: Middleware) => (client.use(middleware), client.GET("/items"));

const TOUCH_POINTS: readonly TouchPoint[] = [
  { name: "middleware onRequest", requests: 0, call: (api, fail) => use(api, { onRequest: fail as never }) },
  { name: "middleware onResponse", requests: 1, call: (api, fail) => use(api, { onResponse: fail as never }) },
  {
    name: "middleware onResponse, after reading a clone of the body",
    requests: 1,
    call: (api, fail) =>
      use(api, {
        async onResponse({ response }) {
          await response.clone().json();
          return fail() as never;
        },
      }),
  },
  {
    name: "middleware onResponse, after reading the body itself",
    requests: 1,
    call: (api, fail) =>
      use(api, {
        async onResponse({ response }) {
          await response.text();
          return fail() as never;
        },
      }),
  },
  {
    name: "a call's own middleware onResponse, after reading the body itself",
    requests: 1,
    call: (api, fail) =>
      api.GET("/items", {
        middleware: [
          {
            async onResponse({ response }) {
              await response.arrayBuffer();
              return fail() as never;
            },
          },
        ],
      }),
  },
  {
    name: "middleware onError, after a POST's connection failed",
    requests: 1,
    call: (api, fail) => (api.use({ onError: fail as never }), api.POST("/items", { body: { cut: true } })),
  },
  {
    name: "credential provider",
    requests: 0,
    options: (fail) => ({ auth: failingAuth(fail) }),
    call: (api) => api.GET("/items"),
  },
  {
    name: "session refresh (recover) after a 401",
    requests: 1,
    options: (fail) => ({ recover: fail as never }),
    call: (api) => api.GET("/items/{id}", { params: { path: { id: "401" } } }),
  },
  {
    name: "a call's own bodySerializer",
    requests: 0,
    async: false,
    call: (api, fail) => api.POST("/items/search", { body: {}, bodySerializer: fail as never }),
  },
  {
    name: "a request body stream (a call's own bodySerializer's)",
    requests: 0,
    call: (api, fail) =>
      api.POST("/items/search", {
        body: {},
        bodySerializer: (() => new ReadableStream({ pull: fail as () => Promise<void> })) as never,
      }),
  },
  {
    name: "a call's own querySerializer",
    requests: 0,
    async: false,
    call: (api, fail) => api.GET("/items", { params: { query: { q: "a" } }, querySerializer: fail as never }),
  },
];

/** A server that answers `[1,2]` in the framing asked for, a 401 to `/items/401`, and cuts the connection of a POST. */
async function countingServer(framing: "content-length" | "chunked", touchPoint: TouchPoint, fail: () => unknown) {
  let requests = 0;
  const { client } = await clientAgainst((req, res) => {
    requests++;
    if (req.method === "POST" && req.url === "/items") return void res.socket?.destroy();
    if (req.url === "/items/401") return void res.writeHead(401, { "content-type": "application/json" }).end("{}");
    res.writeHead(200, {
      "content-type": "application/json",
      ...(framing === "chunked" ? {} : { "content-length": 5 }),
    });
    if (framing === "chunked") res.write("[1,");
    res.end(framing === "chunked" ? "2]" : "[1,2]");
  }, touchPoint.options?.(fail));
  return { client, requests: () => requests };
}

describe("what a caller's code throws inside a call", () => {
  for (const touchPoint of TOUCH_POINTS)
    for (const [kind, make] of THROWN_KINDS)
      for (const async of touchPoint.async === false ? [false] : [false, true])
        for (const framing of ["content-length", "chunked"] as const)
          it(`reaches the caller as thrown, once: ${touchPoint.name}, ${kind}, ${async ? "async" : "sync"}, ${framing}`, async () => {
            const thrown = make();
            const fail = thrower(thrown, async);
            const { client, requests } = await countingServer(framing, touchPoint, fail);
            await expect(touchPoint.call(client, fail)).rejects.toBe(thrown);
            expect(requests()).toBe(touchPoint.requests);
          });
});

describe("a body that fails to arrive or to parse, with a middleware that reads it too", () => {
  const readsAClone: Middleware = {
    async onResponse({ response }) {
      await response
        .clone()
        .text()
        .catch(() => undefined);
    },
  };

  it("a body that arrives whole is the call's data, in every framing", async () => {
    for (const headers of [{}, { "content-length": "5" }, { "content-encoding": "gzip" }]) {
      const { client } = await clientAgainst((_req, res) => {
        const gzip = "content-encoding" in headers;
        res.writeHead(200, { "content-type": "application/json", ...headers }).end(gzip ? gzipSync("[1,2]") : "[1,2]");
      });
      client.use(readsAClone);
      await expect(client.GET("/items")).resolves.toMatchObject({ data: [1, 2] });
    }
  });

  it("a connection cut mid-body is a ConnectionError", async () => {
    const { client } = await clientAgainst((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 100 });
      res.write('{"items": [');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    client.use(readsAClone);
    const failure = await client.GET("/items").catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(String(failure)).toContain("the response body could not be read");
  });

  it("a body that is not JSON is a ResponseParseError", async () => {
    for (const length of [true, false]) {
      const { client } = await clientAgainst((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", ...(length ? { "content-length": 9 } : {}) });
        res.end("{not json");
      });
      client.use(readsAClone);
      await expect(client.GET("/items")).rejects.toBeInstanceOf(ResponseParseError);
    }
  });

  it("a body of another media type names it and the parseAs that reads it, never quoting the body", async () => {
    for (const [contentType, body] of [
      ["text/csv; charset=utf-8", `id,key\n1,${SECRET}\n`],
      ["image/png", "\x89PNG\r\n"],
      ["text/event-stream", `data: ${SECRET}\n\n`],
    ] as const) {
      const { client } = await clientAgainst((_req, res) =>
        res.writeHead(200, { "content-type": contentType }).end(body),
      );
      const failure = await client.GET("/items").catch((caught: unknown) => caught);
      const type = contentType.split(";")[0];
      expect(failure).toBeInstanceOf(ResponseParseError);
      expect(failure).toMatchObject({
        contentType,
        message: `GET /items answered ${type}, not JSON: read it with parseAs "text", "blob" or "stream"`,
      });
      expect(inspect(failure, { depth: 5 })).not.toContain(SECRET);
      await expect(client.GET("/items", { parseAs: "text" })).resolves.toMatchObject({ data: body });
    }
  });

  it("a gzip body that does not decompress is a ConnectionError", async () => {
    const { client } = await clientAgainst((_req, res) =>
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end("not gzip at all"),
    );
    client.use(readsAClone);
    await expect(client.GET("/items")).rejects.toMatchObject({ name: "ConnectionError", code: "Z_DATA_ERROR" });
  });
});

describe("a falsy value a credential provider throws", () => {
  it("is seen by an onError middleware as an Error that carries it", async () => {
    const seen: unknown[] = [];
    const { client } = await clientAgainst(() => undefined, { auth: failingAuth(() => Promise.reject(null)) });
    client.use({ onError: ({ error }) => void seen.push(error) });
    await expect(client.GET("/items")).rejects.toBe(null);
    expect(seen).toEqual([expect.objectContaining({ name: "FalsyRejection", value: null })]);
  });
});

describe("what the caller's own fetch throws", () => {
  // A fetch is the network boundary, whichever the caller gives: what it throws is the network's failure, whatever its
  // type (undici's is a TypeError, node-fetch's a FetchError), so it is retried and typed, its text redacted.
  const undiciLike = () =>
    Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error(`read ECONNRESET ${SECRET}`), { code: "ECONNRESET" }),
    });

  for (const [where, options] of [
    ["the client's", (fetch: typeof globalThis.fetch) => ({ client: { fetch }, call: undefined })],
    ["a call's", (fetch: typeof globalThis.fetch) => ({ client: {}, call: { fetch } })],
  ] as const)
    it(`is a ConnectionError after every retry: ${where}`, async () => {
      let attempts = 0;
      const fetch = async () => {
        attempts++;
        throw undiciLike();
      };
      const { client: clientOptions, call } = options(fetch);
      const { client } = await clientAgainst(() => undefined, clientOptions);
      const failure = await client.GET("/items", call).catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(ConnectionError);
      expect(failure).toMatchObject({ attempts: 3, code: "ECONNRESET" });
      expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).not.toContain(SECRET);
      expect(attempts).toBe(3);
    });
});
