import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createApiClient,
  REDACTED,
  RedirectError,
  ResponseParseError,
  type ClientMeta,
  type SecretParameterOption,
} from "../src/index.js";
import { apiKeyAuth } from "./harness.js";
import { shown, whatTheCallShows } from "./what-a-call-shows.js";

// A server may echo the value a call sent for a secret parameter (`400 {"message":"code 492113 expired"}`): what keyway
// shows of that call (its `error`, the thrown error, hook events) must not carry it, in any form the server wrote it.
const MARK = "S3cr3tMark";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /v1/verify/{code}": { id: "verify", security: [["ApiKey"]] },
    "GET /v1/session": { id: "getSession", security: [["ApiKey"]] },
    "GET /v1/webhooks/test": { id: "testWebhook", security: [["ApiKey"]], headers: ["X-Webhook-Secret"] },
    "GET /v1/objects/{key}": { id: "getObject", security: [["ApiKey"]] },
    "GET /v1/users/{user_id}": { id: "getUser", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Json = { "application/json": unknown };
type Op<Parameters> = { parameters: Parameters; responses: { 200: { content: Json }; default: { content: Json } } };
interface Paths {
  "/v1/verify/{code}": { get: Op<{ path: { code: string } }> };
  "/v1/session": { get: Op<{ query: { token: string } }> };
  "/v1/webhooks/test": { get: Op<{ header: { "X-Webhook-Secret": string } }> };
  "/v1/objects/{key}": { get: Op<{ path: { key: string } }> };
  "/v1/users/{user_id}": { get: Op<{ path: { user_id: string } }> };
}
type Client = ReturnType<typeof createApiClient<Paths>>["client"];

/** The secret parameter in each place a call sends one. */
const sentIn = {
  path: (client: Client, value: string) => client.GET("/v1/verify/{code}", { params: { path: { code: value } } }),
  query: (client: Client, value: string) => client.GET("/v1/session", { params: { query: { token: value } } }),
  header: (client: Client, value: string) =>
    client.GET("/v1/webhooks/test", { params: { header: { "X-Webhook-Secret": value } } }),
} as const;

const URL_SPECIAL = [..."/?#%&=+ :@;,.~!$'()*[]{}|\\^`\"<>"];
/** A secret around the marker with URL-special and non-ASCII characters (a header's: printable ASCII only). */
const secretFor = (place: keyof typeof sentIn) =>
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...URL_SPECIAL, ...(place === "header" ? [] : ["é", "€", "😀", "\u00a0"])) }),
      fc.string({ unit: fc.constantFrom(..."abcXYZ019-_") }),
    )
    .map(([special, plain]) => `${special}${MARK}${plain}${special}`.trim());

/** The ways a server writes the value back: in JSON (as it is, or each UTF-16 unit past ASCII and `/` escaped), text. */
const echoes = {
  json: (value: string) => JSON.stringify({ message: `code ${value} expired` }),
  "json, escaped": (value: string) =>
    JSON.stringify({ message: `code ${value} expired` })
      .replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
      .replace(/\//g, "\\/"),
  text: (value: string) => `invalid token ${value}`,
} as const;

/** Headers that echo the value, percent-encoded as a header must write it. */
const echoHeaders = (value: string) => ({
  "x-echo": `token=${encodeURIComponent(value)}`,
  "x-request-id": `req_${encodeURIComponent(value)}`,
});

/** How a call fails: the fetch that answers it (echoing `value`), and the error it throws. */
const failures = {
  "400": {
    answer: (body: string, value: string) => new Response(body, { status: 400, headers: echoHeaders(value) }),
    type: ApiError,
  },
  "503 after retries": {
    answer: (body: string, value: string) =>
      new Response(body, { status: 503, headers: { ...echoHeaders(value), "retry-after-ms": "0" } }),
    type: ApiError,
  },
  "200 that is not JSON": {
    answer: (body: string) =>
      new Response(`{"echo": ${JSON.stringify(body)}`, { headers: { "content-type": "application/json" } }),
    type: ResponseParseError,
  },
  "redirect, then one refused": {
    answer: (_body: string, value: string, url: string) =>
      url.includes("/v2/moved/")
        ? new Response(null, {
            status: 302,
            headers: { location: `https://elsewhere.example/${encodeURIComponent(value)}` },
          })
        : new Response(null, { status: 307, headers: { location: `/api/v2/moved/${encodeURIComponent(value)}` } }),
    type: RedirectError,
  },
} as const;

function clientWith(
  answer: (url: string) => Response,
  events: unknown[],
  secretParameters?: SecretParameterOption,
): Client {
  return createApiClient<Paths>({
    meta,
    baseUrl: "http://127.0.0.1:9/api",
    auth: apiKeyAuth(),
    fetch: (async (url: string) => answer(url)) as unknown as typeof fetch,
    maxRetries: 1,
    hooks: {
      onRequest: (event) => void events.push(event),
      onResponse: (event) => void events.push(event),
      onRetry: (event) => void events.push(event),
    },
    ...(secretParameters ? { secretParameters } : {}),
  }).client;
}

describe("the value a call sends for a secret parameter, echoed by the server, is hidden in what it shows (property-based)", () => {
  for (const [place, call] of Object.entries(sentIn)) {
    for (const [failure, { answer, type }] of Object.entries(failures)) {
      it(`a ${place} parameter, ${failure}`, async () => {
        await fc.assert(
          fc.asyncProperty(
            secretFor(place as keyof typeof sentIn),
            fc.constantFrom(...Object.values(echoes)),
            async (value, echo) => {
              const events: unknown[] = [];
              const client = clientWith((url) => answer(echo(value), value, url), events);
              const { text, thrown } = await whatTheCallShows(call(client, value));
              expect(thrown).toBeInstanceOf(type);
              expect(text).not.toContain(MARK);
              expect(shown(events)).not.toContain(MARK);
            },
          ),
          { numRuns: 25 },
        );
      });
    }
  }

  it("the value reads [REDACTED], and a JSON body stays the JSON the server sent otherwise", async () => {
    const client = clientWith(
      () => Response.json({ message: "code 492113 expired", attempts: 3 }, { status: 400 }),
      [],
    );
    const { error } = await sentIn.path(client, "492113");
    expect(error).toEqual({ message: `code ${REDACTED} expired`, attempts: 3 });
  });

  it("another call's body is left as it is: the value is hidden for the call that sent it only", async () => {
    const body = { message: "code 492113 expired" };
    const client = clientWith(() => Response.json(body, { status: 400 }), []);
    await sentIn.path(client, "492113");
    const { error } = await client.GET("/v1/users/{user_id}", { params: { path: { user_id: "u_1" } } });
    expect(error).toEqual(body);
  });

  it("values of 4 characters or more are hidden (a 4-digit pin); shorter ones, found in any text, are not", async () => {
    const client = clientWith(
      (url) => new Response(`code ${decodeURIComponent(url.split("/").pop()!)} expired`, { status: 400 }),
      [],
    );
    expect((await sentIn.path(client, "4821")).error).toBe(`code ${REDACTED} expired`);
    expect((await sentIn.path(client, "482")).error).toBe("code 482 expired");
  });
});

describe("secretParameters { except }: a parameter named like a secret that is not one shows", () => {
  it("an object's key reads as sent in errors and hook events, and its value stays in the body", async () => {
    const events: unknown[] = [];
    const client = clientWith(() => Response.json({ message: "no object reports-2026.csv" }, { status: 404 }), events, {
      except: ["key"],
    });
    const call = client.GET("/v1/objects/{key}", { params: { path: { key: "reports-2026.csv" } } });
    const { text, thrown } = await whatTheCallShows(call);
    expect((thrown as ApiError).message).toBe(
      'GET http://127.0.0.1:9/api/v1/objects/reports-2026.csv answered 404: {"message":"no object reports-2026.csv"}',
    );
    expect(text).not.toContain("REDACTED");
    expect(shown(events)).toContain("/api/v1/objects/reports-2026.csv");
  });

  it("other names of the rule stay secret, and { add } hides a name of the API's own", async () => {
    const client = clientWith(() => Response.json({ message: "user u_98765 and code 492113" }, { status: 404 }), [], {
      add: ["user_id"],
      except: ["key"],
    });
    const user = await client.GET("/v1/users/{user_id}", { params: { path: { user_id: "u_98765" } } });
    expect(user.error).toEqual({ message: `user ${REDACTED} and code 492113` });
    const code = await whatTheCallShows(sentIn.path(client, "492113"));
    expect((code.thrown as ApiError).url).toBe("http://127.0.0.1:9/api/v1/verify/REDACTED");
    expect(code.text).not.toContain("492113");
  });
});
