import { startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  createApiClient,
  KeywayError,
  NotFoundError,
  paginate,
  ResponseParseError,
  unwrap,
  type ClientMeta,
} from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// An empty body reaches a client framed two ways: `Content-Length: 0`, which openapi-fetch answers without reading,
// and a chunked body that ends at once, which it reads. A call sees one answer for both.

const FRAMINGS = ["content-length: 0", "chunked"] as const;
type Framing = (typeof FRAMINGS)[number];

/** The `successesWithBody` of each operation below, as a spec's responses give it; `inherited` takes the API's. */
const DECLARED = { inherited: undefined, created: "200 201", none: "", range: "2XX" } as const;
type Declared = keyof typeof DECLARED;

const op = (id: string, successesWithBody?: string) => ({
  id,
  security: [["ApiKey"]],
  ...(successesWithBody === undefined ? {} : { successesWithBody }),
});

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  successesWithBody: "200",
  operations: {
    ...Object.fromEntries(
      Object.entries(DECLARED).flatMap(([name, declared]) => [
        [`GET /${name}/{id}`, op(`get-${name}`, declared)],
        [`HEAD /${name}/{id}`, op(`head-${name}`, declared)],
      ]),
    ),
    "GET /optional/{id}": { ...op("getOptional", "200"), successMayBeEmpty: true },
    "GET /report.csv": { ...op("exportReport"), successBody: "text" },
    "GET /pages": {
      ...op("listPages"),
      pagination: { style: "offset", in: "query", offset: "offset", limit: "limit", items: "items", pageSize: 2 },
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

/** The same operations in metadata that says nothing of bodies (hand-written, or generated before it did). */
const silentMeta = {
  securitySchemes: meta.securitySchemes,
  operations: Object.fromEntries(
    Object.entries(meta.operations).map(([key, { successesWithBody: _, ...operation }]) => [key, operation]),
  ),
} satisfies ClientMeta<"ApiKey">;

type Json = { "application/json": { id: string } };
/** The test server takes how to answer in the query. */
type Answer = Record<string, string | number>;
type User = {
  parameters: { path: { id: string }; query?: Answer };
  responses: { 200: { content: Json }; 404: { content: Json } };
};
interface Paths {
  "/inherited/{id}": { get: User; head: User };
  "/created/{id}": { get: User; head: User };
  "/none/{id}": { get: User; head: User };
  "/range/{id}": { get: User; head: User };
  "/optional/{id}": {
    get: {
      parameters: User["parameters"];
      responses: User["responses"] & { 204: { content?: never } };
    };
  };
  "/report.csv": { get: { responses: { 200: { content: { "text/csv": string } } } } };
  "/pages": {
    get: {
      parameters: { query?: Answer };
      responses: { 200: { content: { "application/json": { items: { id: string }[] } } } };
    };
  };
}

/** A gzip stream cut short after its first bytes: Node's fetch decodes it to nothing, without an error. */
const GZIP_CUT_SHORT = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0]);

/**
 * Answers `?status=` with an empty body (or `?body=`, or `?gzip=cut` a gzip stream that decodes to nothing) in JSON (or
 * `?type=`), framed as `?framing=` says: with its `Content-Length` (`0` when empty), or chunked.
 */
const emptyAnswers: Handler = (req, res) => {
  const query = new URL(req.url ?? "/", "http://localhost").searchParams;
  const gzipped = query.get("gzip") === "cut";
  const body = gzipped ? GZIP_CUT_SHORT : (query.get("body") ?? "");
  const headers: Record<string, string> = { "content-type": query.get("type") ?? "application/json" };
  if (gzipped) headers["content-encoding"] = "gzip";
  if (query.get("framing") === "content-length: 0") headers["content-length"] = String(Buffer.byteLength(body));
  else headers["transfer-encoding"] = "chunked";
  res.writeHead(Number(query.get("status") ?? 200), headers).end(body);
};

let server: TestServer;
let client: ReturnType<typeof createApiClient<Paths>>["client"];
let silentClient: typeof client;
beforeAll(async () => {
  server = await startTestServer(emptyAnswers);
  // No retries: a 500 answers at once.
  client = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), maxRetries: 0 }).client;
  silentClient = createApiClient<Paths>({ meta: silentMeta, baseUrl: server.url, auth: apiKeyAuth() }).client;
});
afterAll(() => server.close());

/** The init a paging iterator hands each page's call. */
type PageQuery = { params?: { query?: Answer } };

/** What a call answered: its result, or what it threw. */
async function outcome<T>(call: Promise<T>): Promise<{ result: T } | { thrown: unknown }> {
  return call.then(
    (result) => ({ result }),
    (thrown: unknown) => ({ thrown }),
  );
}

const query = (framing: Framing, status = 200, more: Record<string, string> = {}) =>
  ({ framing, status: String(status), ...more }) as Answer;

describe("a success whose operation declares a body, answered with an empty one", () => {
  it.each(FRAMINGS)(
    "fails with a ResponseParseError naming the method, path template and status (%s)",
    async (framing) => {
      const error = await client
        .GET("/inherited/{id}", { params: { path: { id: "u_1" }, query: query(framing) } })
        .then(
          () => expect.fail("an empty 200 where the spec declares a user was taken as a user"),
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ResponseParseError);
      expect(error).toBeInstanceOf(KeywayError);
      const parseError = error as ResponseParseError;
      expect(parseError.message).toBe(
        "GET /inherited/{id} answered 200 with an empty body, where its spec declares one",
      );
      expect(parseError.method).toBe("GET");
      expect(parseError.path).toBe("/inherited/{id}");
      expect(parseError.contentType).toBe("application/json");
      expect(parseError.cause).toBeUndefined();
    },
  );

  it.each(FRAMINGS)(
    "says when the body was empty once decoded from its Content-Encoding, which may be corrupt (%s)",
    async (framing) => {
      const call = client.GET("/inherited/{id}", {
        params: { path: { id: "u_1" }, query: query(framing, 200, { gzip: "cut" }) },
      });
      await expect(call).rejects.toBeInstanceOf(ResponseParseError);
      await expect(call).rejects.toThrow(
        "GET /inherited/{id} answered 200 with an empty body once decoded from its Content-Encoding, gzip (which may be corrupt), where its spec declares one",
      );
    },
  );

  it.each(FRAMINGS)("fails the same for every status its spec declares a body for (%s)", async (framing) => {
    const call = (path: "/created/{id}" | "/range/{id}", status: number) =>
      client.GET(path, { params: { path: { id: "u_1" }, query: query(framing, status) } });
    await expect(call("/created/{id}", 201)).rejects.toThrow(
      new ResponseParseError({
        method: "GET",
        path: "/created/{id}",
        cause: undefined,
        contentType: "application/json",
        emptyBodyStatus: 201,
      }),
    );
    await expect(call("/range/{id}", 202)).rejects.toThrow("GET /range/{id} answered 202 with an empty body");
    // A status the spec does not declare promises nothing: its data is undefined.
    const undeclared = await call("/created/{id}", 202);
    expect(undeclared.response.status).toBe(202);
    expect(undeclared.data).toBeUndefined();
  });

  it("fails the same from unwrap, and from a paging iterator, whose page would otherwise be 'undefined'", async () => {
    for (const framing of FRAMINGS) {
      await expect(
        unwrap(client.GET("/inherited/{id}", { params: { path: { id: "u_1" }, query: query(framing) } })),
      ).rejects.toBeInstanceOf(ResponseParseError);
      const pages = paginate<{ id: string }, PageQuery>(meta.operations["GET /pages"].pagination, (init) =>
        client.GET("/pages", { params: { query: { ...init.params?.query, ...query(framing) } } }),
      );
      await expect(pages.next()).rejects.toThrow(
        "GET /pages answered 200 with an empty body, where its spec declares one",
      );
    }
  });

  it.each(FRAMINGS)("a body of whitespace alone is not valid JSON either, framed any way (%s)", async (framing) => {
    const answer = (body: string) =>
      client.GET("/inherited/{id}", { params: { path: { id: "u_1" }, query: query(framing, 200, { body }) } });
    await expect(answer(" \r\n\t ")).rejects.toThrow(
      "GET /inherited/{id} answered with a body that is not valid JSON: Unexpected end of JSON input",
    );
  });
});

describe("an empty body that the call may have", () => {
  it.each(FRAMINGS)("204, HEAD, and a status declared without a body give data: undefined (%s)", async (framing) => {
    for (const path of ["/inherited/{id}", "/none/{id}"] as const) {
      const noContent = await client.GET(path, { params: { path: { id: "u_1" }, query: query(framing, 204) } });
      expect([noContent.response.status, noContent.data, noContent.error]).toEqual([204, undefined, undefined]);
      const head = await client.HEAD(path, { params: { path: { id: "u_1" }, query: query(framing) } });
      expect([head.response.status, head.data, head.error]).toEqual([200, undefined, undefined]);
    }
    const declaredEmpty = await client.GET("/none/{id}", { params: { path: { id: "u_1" }, query: query(framing) } });
    expect([declaredEmpty.response.status, declaredEmpty.data, declaredEmpty.error]).toEqual([
      200,
      undefined,
      undefined,
    ]);
  });

  it.each(FRAMINGS)(
    "a success of an operation that declares one without a body too (a 204 beside a 200), typed as possibly undefined: data undefined (%s)",
    async (framing) => {
      const get = (more?: Record<string, string>) =>
        client.GET("/optional/{id}", { params: { path: { id: "u_1" }, query: query(framing, 200, more) } });
      const { data, error, response } = await get();
      expect([response.status, data, error]).toEqual([200, undefined, undefined]);
      // What JSON cannot read is still a broken answer: the spec declares a body for 200.
      await expect(get({ body: "{" })).rejects.toBeInstanceOf(ResponseParseError);
    },
  );

  it("a caller's own parseAs reads it as fetch reads an empty body, framed either way; text the spec declares is an empty string", async () => {
    const get = (framing: Framing, parseAs: "text" | "blob" | "arrayBuffer" | "stream") =>
      client.GET("/inherited/{id}", { params: { path: { id: "u_1" }, query: query(framing) }, parseAs });
    expect((await get("content-length: 0", "text")).data).toBe("");
    expect((await get("chunked", "text")).data).toBe("");
    expect(((await get("chunked", "blob")).data as Blob).size).toBe(0);
    expect(((await get("chunked", "arrayBuffer")).data as ArrayBuffer).byteLength).toBe(0);
    expect(await new Response((await get("chunked", "stream")).data).text()).toBe("");
    const csv = (framing: Framing) => client.GET("/report.csv", { params: { query: query(framing) } });
    // Text the spec declares is a string, empty or not, framed either way.
    expect((await csv("content-length: 0")).data).toBe("");
    expect((await csv("chunked")).data).toBe("");
    expect(
      (await client.GET("/report.csv", { params: { query: query("content-length: 0") }, parseAs: "text" })).data,
    ).toBe("");
  });

  it.each(FRAMINGS)("metadata that says nothing of bodies keeps data: undefined (%s)", async (framing) => {
    const { data, error } = await silentClient.GET("/inherited/{id}", {
      params: { path: { id: "u_1" }, query: query(framing) },
    });
    expect([data, error]).toEqual([undefined, undefined]);
    const pages = paginate<{ id: string }, PageQuery>(meta.operations["GET /pages"].pagination, (init) =>
      silentClient.GET("/pages", { params: { query: { ...init.params?.query, ...query(framing) } } }),
    );
    await expect(pages.next()).rejects.toThrow(
      'Expected a page with an array at "items" (or a bare array), got an empty body',
    );
  });
});

describe("a failure with an empty body", () => {
  it("has error: undefined and fails unwrap with an ApiError without a body, framed either way", async () => {
    for (const framing of FRAMINGS) {
      const call = () => client.GET("/inherited/{id}", { params: { path: { id: "u_1" }, query: query(framing, 404) } });
      const { data, error, response } = await call();
      expect([response.status, data, error]).toEqual([404, undefined, undefined]);
      const thrown = await unwrap(call()).then(
        () => expect.fail("a 404 was unwrapped"),
        (e: unknown) => e as ApiError,
      );
      expect(thrown).toBeInstanceOf(NotFoundError);
      expect(thrown.body).toBeUndefined();
      expect(thrown.message).toBe(`GET ${server.url}/inherited/u_1 answered 404`);
    }
  });
});

describe("every empty answer, whatever its framing (property)", () => {
  it("fails exactly when the call reads JSON, not by HEAD, of a non-204 success its operation declares a body for", async () => {
    const parseAsValues = [undefined, "json", "text", "blob", "arrayBuffer", "stream"] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 201, 202, 203, 204, 206, 400, 404, 500),
        fc.constantFrom(...(Object.keys(DECLARED) as Declared[])),
        fc.constantFrom(...parseAsValues),
        fc.constantFrom("GET", "HEAD"),
        async (status, declared, parseAs, method) => {
          const answers = await Promise.all(
            FRAMINGS.map((framing) =>
              outcome(
                client.request(method.toLowerCase() as "get", `/${declared}/{id}` as "/inherited/{id}", {
                  params: { path: { id: "u_1" }, query: query(framing, status) },
                  ...(parseAs ? { parseAs: parseAs as "json" } : {}),
                }),
              ),
            ),
          );
          const statuses = DECLARED[declared] ?? meta.successesWithBody;
          const bodyDeclared = statuses.split(" ").some((each) => each === String(status) || each === "2XX");
          const fails =
            status >= 200 &&
            status < 300 &&
            status !== 204 &&
            method === "GET" &&
            bodyDeclared &&
            (parseAs === undefined || parseAs === "json");
          for (const answer of answers) {
            if (fails) {
              expect(answer).toHaveProperty("thrown");
              const thrown = (answer as { thrown: unknown }).thrown;
              expect(thrown).toBeInstanceOf(ResponseParseError);
              expect((thrown as Error).message).toBe(
                `${method} /${declared}/{id} answered ${status} with an empty body, where its spec declares one`,
              );
              continue;
            }
            expect(answer).toHaveProperty("result");
            const { data, error, response } = (
              answer as { result: { data?: unknown; error?: unknown; response: Response } }
            ).result;
            expect(response.status).toBe(status);
            expect(error).toBeUndefined();
            // A caller's own parseAs other than JSON reads a chunked empty body as openapi-fetch does.
            if (parseAs === undefined || parseAs === "json" || response.ok === false || status === 204)
              expect(data).toBeUndefined();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("a success whose operation declares no body, answered with one JSON cannot read", () => {
  const answeredOk = (framing: Framing) => query(framing, 200, { body: "OK", type: "text/plain" });

  it.each(FRAMINGS)("gives data: undefined, as its type says, not a ResponseParseError (%s)", async (framing) => {
    const result = await client.GET("/none/{id}", { params: { path: { id: "u_1" }, query: answeredOk(framing) } });
    expect(result.data).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.response.status).toBe(200);
  });

  it("is the text read as text when the call asks for it", async () => {
    const result = await client.GET("/none/{id}", {
      params: { path: { id: "u_1" }, query: answeredOk("chunked") },
      parseAs: "text",
    });
    expect(result.data).toBe("OK");
  });

  it("still fails where the spec declares a body, or the metadata does not say", async () => {
    const declared = await outcome(
      client.GET("/inherited/{id}", { params: { path: { id: "u_1" }, query: answeredOk("chunked") } }),
    );
    const silent = await outcome(
      silentClient.GET("/none/{id}", { params: { path: { id: "u_1" }, query: answeredOk("chunked") } }),
    );
    for (const answered of [declared, silent]) {
      expect((answered as { thrown: unknown }).thrown).toEqual(
        new ResponseParseError({
          method: "GET",
          path: answered === declared ? "/inherited/{id}" : "/none/{id}",
          cause: undefined,
          contentType: "text/plain",
        }),
      );
    }
  });
});
