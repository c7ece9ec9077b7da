import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { type ClientMeta, createApiClient, Redactor } from "../src/index.js";
import { createFakeApi, type FakeApi, type SpecData } from "../src/testing/index.js";
import { serveFake } from "../src/testing/server.js";

// An API that lets a call choose its answer's format, language and encoding through header parameters that list the
// values it answers with (rev.ai's captions, EVE Online's ESI, InfluxDB's Telegraf configs). Such a header lists what
// the app takes, and fetch or a keyway client writes one of its own when the call gives none.

const CAPTION_TYPES = ["application/x-subrip", "text/vtt"];
const LANGUAGES = ["de", "en-us", "fr"];

const spec: SpecData = {
  basePath: "",
  securitySchemes: {},
  operations: {
    "GET /captions": {
      id: "getCaptions",
      security: [],
      parameters: [{ name: "Accept", in: "header", schema: { type: "string", enum: CAPTION_TYPES } }],
      responses: {
        "200": {
          contentType: "application/x-subrip",
          schema: { type: "string" },
          example: "1\n00:00:01,210 --> 00:00:04,840\nHello\n",
          alternatives: [{ contentType: "text/vtt", schema: { type: "string" }, example: "WEBVTT\n" }],
        },
      },
    },
    "GET /search": {
      id: "search",
      security: [],
      parameters: [
        { name: "Accept-Language", in: "header", schema: { $ref: "#/components/schemas/Language" } },
        { name: "Accept-Encoding", in: "header", schema: { type: "array", items: { enum: ["gzip", "deflate"] } } },
      ],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
    },
  },
  responses: {},
  schemas: { Language: { type: "string", enum: LANGUAGES } },
};

const meta = {
  securitySchemes: {},
  accept: "application/json",
  operations: {
    "GET /captions": {
      id: "getCaptions",
      security: [],
      headers: ["Accept"],
      accept: "application/problem+json, application/x-subrip;q=0.9, text/vtt;q=0.9",
    },
    "GET /search": { id: "search", security: [], headers: ["Accept-Language", "Accept-Encoding"] },
  },
} as const satisfies ClientMeta<never>;

interface Paths {
  "/captions": {
    get: {
      parameters: { header?: { Accept?: "application/x-subrip" | "text/vtt" } };
      responses: { 200: { content: { "application/x-subrip": string; "text/vtt": string } } };
    };
  };
  "/search": {
    get: {
      parameters: { header?: { "Accept-Language"?: string } };
      responses: { 200: { content: { "application/json": Record<string, never> } } };
    };
  };
}

const fakes: FakeApi<Paths>[] = [];
function fakeApi(): FakeApi<Paths> {
  const fake = createFakeApi<Paths>({ spec, name: "Captions" });
  fakes.push(fake);
  return fake;
}
afterEach(() => {
  for (const fake of fakes.splice(0)) fake.reset();
});

/** A keyway client of the API that sends through `fake`. */
function clientOf(fake: FakeApi<Paths>) {
  const auth = { headers: [], redactor: new Redactor([]), authorize() {} };
  return createApiClient<Paths>({ meta, auth, baseUrl: "https://api.example.test", fetch: fake.fetch }).client;
}

/** The lines of the violations `verify()` reports, none when it passes. */
function violations(fake: FakeApi<Paths>): string[] {
  try {
    fake.verify();
    return [];
  } catch (error) {
    return (error as Error).message.split("\n").slice(1);
  }
}

async function statusOf(path: string, headers: Record<string, string>): Promise<{ status: number; lines: string[] }> {
  const fake = fakeApi();
  const response = await fake.fetch(new Request(`https://api.example.test${path}`, { headers }));
  return { status: response.status, lines: violations(fake) };
}

describe("the fake's negotiation header parameters (Accept, Accept-Language, Accept-Encoding)", () => {
  it("takes the weighted Accept a keyway client writes for an operation that answers in several types", async () => {
    const fake = fakeApi();
    const client = clientOf(fake);

    const { data, response } = await client.GET("/captions", { parseAs: "text" });

    expect(response.status).toBe(200);
    expect(data).toBe("1\n00:00:01,210 --> 00:00:04,840\nHello\n");
    expect(fake.calls("GET /captions")[0]?.headers.get("accept")).toBe(
      "application/problem+json, application/x-subrip;q=0.9, text/vtt;q=0.9",
    );
    expect(violations(fake)).toEqual([]);
  });

  it("takes the value a call chooses, records it among the call's parameters, and answers in that type", async () => {
    const fake = fakeApi();
    const client = clientOf(fake);

    const { data } = await client.GET("/captions", { params: { header: { Accept: "text/vtt" } }, parseAs: "text" });

    expect(data).toBe("WEBVTT\n");
    expect(fake.calls("GET /captions")[0]?.params).toMatchObject({ header: { Accept: "text/vtt" } });
    expect(violations(fake)).toEqual([]);
  });

  it("takes fetch's own Accept-Language: * and Accept-Encoding through a served fake", async () => {
    const fake = fakeApi();
    const server = await serveFake(fake);
    try {
      const response = await fetch(`${server.url}/search`);
      await response.body?.cancel();

      expect(response.status).toBe(200);
      const sent = fake.calls("GET /search")[0]?.headers;
      expect(sent?.get("accept-language")).toBe("*");
      expect(sent?.get("accept-encoding")).toMatch(/\bgzip\b/);
      expect(violations(fake)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("takes a language range that covers a listed tag, and any item the list weighs above 0", async () => {
    expect(await statusOf("/search", { "Accept-Language": "en" })).toEqual({ status: 200, lines: [] });
    expect(await statusOf("/search", { "Accept-Language": "es, fr;q=0.1" })).toEqual({ status: 200, lines: [] });
    expect(await statusOf("/captions", { Accept: "text/*" })).toEqual({ status: 200, lines: [] });
    expect(await statusOf("/captions", { Accept: "*/*" })).toEqual({ status: 200, lines: [] });
  });

  it("refuses a header that takes none of the listed values, naming them", async () => {
    expect(await statusOf("/captions", { Accept: "application/pdf" })).toEqual({
      status: 400,
      lines: [
        '- GET /captions: request header parameter "Accept": expected a list that takes one of ["application/x-subrip","text/vtt"], found string "application/pdf"',
      ],
    });
    expect((await statusOf("/captions", { Accept: "text/vtt;q=0, application/x-subrip;q=0" })).status).toBe(400);
    expect(await statusOf("/search", { "Accept-Language": "es, en-gb" })).toEqual({
      status: 400,
      lines: [
        '- GET /search: request header parameter "Accept-Language": expected a list that takes one of ["de","en-us","fr"], found string "es, en-gb"',
      ],
    });
    expect((await statusOf("/search", { "Accept-Encoding": "br" })).lines).toEqual([
      '- GET /search: request header parameter "Accept-Encoding": expected a list that takes one of ["gzip","deflate"], found string "br"',
    ]);
  });

  it("takes a list exactly when one of its items weighted above 0 is a listed value or covers one (property-based)", async () => {
    const others = fc.constantFrom("br", "zstd", "identity", "compress", "x-gzip", "gzip-2");
    const listed = fc.constantFrom("gzip", "GZIP", "deflate", "*");
    const weight = fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined });
    const item = fc.record({ token: fc.oneof(others, listed), weight });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 5 }), async (items) => {
        const header = items
          .map(({ token, weight }) => (weight === undefined ? token : `${token};q=${(weight / 1000).toFixed(3)}`))
          .join(", ");
        const takes = items.some(
          ({ token, weight }) => ["gzip", "deflate", "*"].includes(token.toLowerCase()) && weight !== 0,
        );
        const { status } = await statusOf("/search", { "Accept-Encoding": header });
        expect(status, header).toBe(takes ? 200 : 400);
      }),
      { numRuns: 200 },
    );
  });
});
