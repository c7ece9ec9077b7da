import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cookieParameters, createApiClient, REDACTED, type ClientMeta } from "../src/index.js";
import { apiKeyAuth, SECRET } from "./harness.js";
import { shown, whatTheCallShows } from "./what-a-call-shows.js";

// An outside review of the values a call sends for its secret parameters: a server may write one back in any escaping
// its stack uses (a form's `+`, lower-case hex, JSON's `\"`, an HTML page's `&#43;`), in two of them at once, beside
// another secret it overlaps, or the call may send a short one or send it on to another origin. None of it may reach
// what the call shows: its `error`, the thrown error, hook events, or a request to another origin.
const MARK = "S3cr3tMark";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /v1/verify/{code}": {
      id: "verify",
      security: [["ApiKey"]],
      headers: ["X-Webhook-Secret"],
      query: { token: { style: "form", explode: false } },
    },
    "GET /v1/reports": {
      id: "reports",
      security: [["ApiKey"]],
      cookie: { session_token: { style: "form", explode: true }, theme: { style: "form", explode: true } },
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Json = { "application/json": unknown };
interface Paths {
  "/v1/verify/{code}": {
    get: {
      parameters: {
        path: { code: string };
        query?: { token?: string | string[] };
        header?: { "X-Webhook-Secret"?: string | string[] };
      };
      responses: { 200: { content: Json }; default: { content: Json } };
    };
  };
  "/v1/reports": {
    get: {
      parameters: { cookie?: { session_token?: string; theme?: string } };
      responses: { 200: { content: Json }; default: { content: Json } };
    };
  };
}

type Answer = (url: string, init: RequestInit) => Response;

function clientWith(answer: Answer, events: unknown[], allowedRedirectOrigins?: string[]) {
  return createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com/api",
    auth: apiKeyAuth(),
    fetch: (async (url: string, init: RequestInit) => answer(url, init)) as unknown as typeof fetch,
    maxRetries: 0,
    cookieParameters,
    hooks: {
      onRequest: (event) => void events.push(event),
      onResponse: (event) => void events.push(event),
    },
    ...(allowedRedirectOrigins ? { allowedRedirectOrigins } : {}),
  }).client;
}
type Client = ReturnType<typeof clientWith>;

/** The secret parameter in each place a call sends one (the path's `code` is the same in each, and not secret here). */
const sentIn = {
  path: (client: Client, value: string) => client.GET("/v1/verify/{code}", { params: { path: { code: value } } }),
  query: (client: Client, value: string) =>
    client.GET("/v1/verify/{code}", { params: { path: { code: "ab" }, query: { token: value } } }),
  header: (client: Client, value: string) =>
    client.GET("/v1/verify/{code}", { params: { path: { code: "ab" }, header: { "X-Webhook-Secret": value } } }),
} as const;

const hex = (char: string, lower: boolean) =>
  [...new TextEncoder().encode(char)]
    .map((byte) => `%${byte.toString(16).padStart(2, "0")}`[lower ? "toLowerCase" : "toUpperCase"]())
    .join("");

/** The ways a server's stack writes a value back. Each escapes every character that is not a letter or digit. */
const escapings = {
  "percent-encoded, upper-case hex": (value: string) => value.replace(/[^\w]/gu, (char) => hex(char, false)),
  "percent-encoded, lower-case hex": (value: string) => value.replace(/[^\w]/gu, (char) => hex(char, true)),
  "form-encoded, + for a space": (value: string) => new URLSearchParams({ v: value }).toString().slice(2),
  "JSON text, escaped": (value: string) =>
    JSON.stringify(value)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
      .replace(/\//g, "\\/"),
  "HTML, decimal entities": (value: string) => value.replace(/[^\w]/gu, (char) => `&#${char.codePointAt(0)};`),
  "HTML, hex and named entities": (value: string) =>
    value.replace(/[^\w]/gu, (char) =>
      char === "&" ? "&amp;" : char === '"' ? "&quot;" : `&#x${char.codePointAt(0)!.toString(16).toUpperCase()};`,
    ),
  "JSON text of a percent-encoded URL": (value: string) =>
    JSON.stringify(`https://api.example.com/v1/${encodeURIComponent(value)}/`)
      .slice(1, -1)
      .replace(/\//g, "\\/"),
} as const;
const escaping = fc.constantFrom(...Object.values(escapings));
const urlEscapings = [
  escapings["percent-encoded, upper-case hex"],
  escapings["percent-encoded, lower-case hex"],
  escapings["form-encoded, + for a space"],
];

/**
 * How the echo reaches the call: a text body of an error, a response header, a `Location` it follows (written as a URL
 * writes it: a raw `?` or `\` there would end or change the path, which shows the secret cut, see redactText).
 */
const echoedIn = {
  "a text body":
    (text: string): Answer =>
    () =>
      new Response(`invalid: ${text}`, { status: 400 }),
  "a response header":
    (text: string): Answer =>
    () =>
      new Response("{}", { status: 400, headers: { "x-echo": text } }),
  "a redirect's Location":
    (text: string): Answer =>
    (url) =>
      url.includes("/moved/")
        ? new Response("{}", { status: 400 })
        : new Response(null, { status: 307, headers: { location: `/api/moved/${text.replace(/ /g, "%20")}` } }),
};

const SPECIAL = [..." /?#%&=+:@;,.~!$'()*[]{}|\\^`\"<>"];
/** A secret around the marker with URL- and HTML-special characters, and non-ASCII ones but in a header. */
const secretFor = (place: keyof typeof sentIn) =>
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...SPECIAL, ...(place === "header" ? [] : ["é", "€", "😀"])), minLength: 1 }),
      fc.string({ unit: fc.constantFrom(...SPECIAL), minLength: 1 }),
    )
    .map(([before, after]) => `a${before}${MARK}${after}z`);

describe("a secret parameter's value echoed with escapes is hidden in what its call shows (property-based)", () => {
  for (const [place, call] of Object.entries(sentIn)) {
    for (const [where, echo] of Object.entries(echoedIn)) {
      it(`a ${place} parameter, in ${where}`, async () => {
        await fc.assert(
          fc.asyncProperty(
            secretFor(place as keyof typeof sentIn),
            where.includes("Location") ? fc.constantFrom(...urlEscapings) : escaping,
            async (value, escaped) => {
              const events: unknown[] = [];
              const client = clientWith(echo(escaped(value)), events);
              expect((await whatTheCallShows(call(client, value))).text).not.toContain(MARK);
              expect(shown(events)).not.toContain(MARK);
            },
          ),
          { numRuns: 40 },
        );
      });
    }
  }

  it("written with two escapings in one text: each is hidden", async () => {
    await fc.assert(
      fc.asyncProperty(secretFor("header"), escaping, escaping, async (value, first, second) => {
        const client = clientWith(echoedIn["a text body"](`${first(value)} and ${second(value)}`), []);
        expect((await whatTheCallShows(sentIn.header(client, value))).text).not.toContain(MARK);
      }),
      { numRuns: 60 },
    );
  });

  it("the value reads [REDACTED] as the text wrote it, escapes and all, and the rest of the text as written", async () => {
    const client = clientWith(() => new Response("<p>bad token ab&#43;cd&#x2F;ef &lt;x&gt;</p>", { status: 400 }), []);
    const { error } = await sentIn.query(client, "ab+cd/ef");
    expect(error).toBe(`<p>bad token ${REDACTED} &lt;x&gt;</p>`);
  });
});

describe("values that overlap are hidden whole, in whatever order they were sent", () => {
  it("property: a value that is a prefix, a suffix or a part of another leaves nothing of the other shown", async () => {
    const piece = fc.string({ unit: fc.constantFrom(..."abcdXY019-_"), minLength: 4, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        piece,
        piece,
        fc.constantFrom("prefix", "suffix", "inside"),
        fc.boolean(),
        async (short, other, how, shortInPath) => {
          const long =
            how === "prefix"
              ? `${short}${MARK}${other}`
              : how === "suffix"
                ? `${other}${MARK}${short}`
                : `${MARK}${short}${MARK}`;
          const [code, token] = shortInPath ? [short, long] : [long, short];
          const client = clientWith(() => new Response(`given ${code} and ${token}`, { status: 400 }), []);
          const { text } = await whatTheCallShows(
            client.GET("/v1/verify/{code}", { params: { path: { code }, query: { token } } }),
          );
          expect(text).not.toContain(MARK);
          expect(text).not.toMatch(/\[REDACTED\][\w-]|[\w-]\[REDACTED\]/);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a call's value that holds the client's key, or that the key holds, is hidden whole", async () => {
    for (const token of [`${SECRET}${MARK}`, `${MARK}${SECRET}`, SECRET.slice(0, 8)]) {
      const client = clientWith(() => new Response(`token ${token}; key ${SECRET}`, { status: 400 }), []);
      const { error } = await sentIn.query(client, token);
      expect(error).toBe(`token ${REDACTED}; key ${REDACTED}`);
    }
  });
});

describe("a secret header parameter", () => {
  it("reads [REDACTED] in onRequest's headers whatever its length, a 3-character value too", async () => {
    for (const value of ["abc", "a", `x${MARK}`]) {
      const events: { headers?: Record<string, string> }[] = [];
      const client = clientWith(() => Response.json({}), events);
      await sentIn.header(client, value);
      expect(events[0]!.headers!["x-webhook-secret"]).toBe(REDACTED);
    }
  });

  it("sent as a list, each of its values is hidden where the server echoes one alone", async () => {
    const client = clientWith(() => new Response(`second is b-${MARK}-2`, { status: 400 }), []);
    const call = client.GET("/v1/verify/{code}", {
      params: { path: { code: "ab" }, header: { "X-Webhook-Secret": `a-${MARK}-1,b-${MARK}-2` } },
    });
    expect((await whatTheCallShows(call)).text).not.toContain(MARK);
  });

  it("sent twice, each of its values is hidden where the server echoes one alone", async () => {
    const client = clientWith(() => new Response(`first is a-${MARK}-1`, { status: 400 }), []);
    const call = client.GET("/v1/verify/{code}", {
      params: { path: { code: "ab" }, header: { "X-Webhook-Secret": [`a-${MARK}-1`, `b-${MARK}-2`] } },
    });
    expect((await whatTheCallShows(call)).text).not.toContain(MARK);
  });

  it("is not sent to another origin a redirect leads to, allowed or not; the API's origin still gets it", async () => {
    const sent: [string, string | null][] = [];
    const answer: Answer = (url, init) => {
      sent.push([new URL(url).host, new Headers(init.headers).get("x-webhook-secret")]);
      if (url.includes("/here/")) return new Response(null, { status: 302, headers: { location: "/api/there/" } });
      if (url.includes("/there/"))
        return new Response(null, { status: 302, headers: { location: "https://files.example.com/x" } });
      return url.startsWith("https://files")
        ? Response.json({})
        : new Response(null, { status: 302, headers: { location: "/api/here/" } });
    };
    const client = clientWith(answer, [], ["https://files.example.com"]);
    await sentIn.header(client, `w-${MARK}`);
    expect(sent).toEqual([
      ["api.example.com", `w-${MARK}`],
      ["api.example.com", `w-${MARK}`],
      ["api.example.com", `w-${MARK}`],
      ["files.example.com", null],
    ]);
  });
});

describe("a fetch that fails quoting the value", () => {
  it("property: the ConnectionError, its message and cause chain hide it in any escaping", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(sentIn)), escaping, async (place, escaped) => {
        const secret = `a/${MARK}+ z`;
        const fetchFails: Answer = () => {
          const inner = new Error(`socket closed after ${escaped(secret)}`, { cause: { detail: escaped(secret) } });
          throw new TypeError(`fetch failed for ${escaped(secret)}`, { cause: inner });
        };
        const events: unknown[] = [];
        const client = clientWith(fetchFails, events);
        const { text } = await whatTheCallShows(sentIn[place as keyof typeof sentIn](client, secret));
        expect(text).not.toContain(MARK);
        expect(shown(events)).not.toContain(MARK);
      }),
      { numRuns: 40 },
    );
  });
});

describe("a secret cookie parameter", () => {
  it("property: its value, echoed in any escaping, is hidden; another cookie's value shows", async () => {
    await fc.assert(
      fc.asyncProperty(secretFor("path"), escaping, async (value, escaped) => {
        const events: unknown[] = [];
        const client = clientWith(echoedIn["a text body"](`${escaped(value)} theme-dark`), events);
        const call = client.GET("/v1/reports", { params: { cookie: { session_token: value, theme: "theme-dark" } } });
        const { text } = await whatTheCallShows(call);
        expect(text).not.toContain(MARK);
        expect(text).toContain("theme-dark");
        expect(shown(events)).not.toContain(MARK);
      }),
      { numRuns: 40 },
    );
  });
});

describe("a secret query parameter sent as a list joined by commas (explode: false)", () => {
  it("has each of its values hidden where the server echoes one alone", async () => {
    const client = clientWith(() => new Response(`token b/${MARK}-2 revoked`, { status: 400 }), []);
    const call = client.GET("/v1/verify/{code}", {
      params: { path: { code: "ab" }, query: { token: [`a/${MARK}-1`, `b/${MARK}-2`] } },
    });
    expect((await whatTheCallShows(call)).text).not.toContain(MARK);
  });
});
