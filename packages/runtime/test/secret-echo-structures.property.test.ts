import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createApiClient,
  InvalidHeaderValueError,
  REDACTED,
  ResponseParseError,
  validateHeaderValue,
  type ClientMeta,
} from "../src/index.js";
import { apiKeyAuth, SECRET } from "./harness.js";
import { shown, whatTheCallShows } from "./what-a-call-shows.js";

// An outside review of where an echoed secret hid from redaction: a value a server writes back as a JSON number, one
// that spans a JSON body's values, a response's Content-Type and Content-Encoding quoted by a ResponseParseError, and a
// failed response a middleware put a new Response in place of.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /v1/verify/{code}": {
      id: "verify",
      security: [["ApiKey"]],
      query: { pin: { style: "form", explode: false } },
      successesWithBody: "200",
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Json = { "application/json": unknown };
interface Paths {
  "/v1/verify/{code}": {
    get: {
      parameters: { path: { code: string }; query?: { pin?: string } };
      responses: { 200: { content: Json }; default: { content: Json } };
    };
  };
}

type Answer = () => Response;

function clientWith(answer: Answer, key = SECRET) {
  return createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com/api",
    auth: apiKeyAuth(key),
    fetch: (async () => answer()) as unknown as typeof fetch,
    maxRetries: 0,
    secretParameters: ["pin"],
  }).client;
}

const verify = (client: ReturnType<typeof clientWith>, pin = "none") =>
  client.GET("/v1/verify/{code}", { params: { path: { code: "c1" }, query: { pin } } });

/** A JSON value holding `inner` at some depth, in objects and lists. */
const nestedAround = (inner: unknown) =>
  fc
    .array(fc.constantFrom("object", "list"), { maxLength: 4 })
    .map((levels) =>
      levels.reduce<unknown>((value, level) => (level === "list" ? [1, value] : { a: 1, echo: value }), inner),
    );

describe("a secret written back as a JSON number is hidden (property-based)", () => {
  it("a numeric secret parameter's value, echoed as a number at any depth of an error body", async () => {
    const digits = fc.stringMatching(/^[1-9]\d{3,14}$/);
    await fc.assert(
      fc.asyncProperty(
        digits.chain((pin) => fc.tuple(fc.constant(pin), nestedAround(Number(pin)))),
        async ([pin, body]) => {
          const client = clientWith(() => Response.json({ detail: "bad pin", body }, { status: 400 }));
          const { text } = await whatTheCallShows(verify(client, pin));
          expect(text).not.toContain(pin);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("the body stays the JSON it was, the number reading [REDACTED]", async () => {
    const client = clientWith(() => Response.json({ detail: "bad pin", pin: 492113, tries: 3 }, { status: 400 }));
    const { error } = await verify(client, "492113");
    expect(error).toEqual({ detail: "bad pin", pin: REDACTED, tries: 3 });
  });
});

describe("a secret that spans a JSON body's values is hidden", () => {
  it("a key holding a quote, written back unescaped into JSON text", async () => {
    const key = 'Xk9q","v":"Q7wz';
    const client = clientWith(
      () =>
        new Response(`{"error":"bad key ${key}"}`, { status: 401, headers: { "content-type": "application/json" } }),
      key,
    );
    const { text } = await whatTheCallShows(verify(client));
    expect(text).not.toContain("Q7wz");
    expect(text).not.toContain("Xk9q");
  });
});

describe("a ResponseParseError does not quote a secret its response's headers echo", () => {
  const answers: Record<string, Answer> = {
    "a Content-Type that is not JSON": () => new Response("a,b", { headers: { "content-type": `text/${SECRET}` } }),
    "a JSON Content-Type's parameter": () =>
      new Response("{not json", { headers: { "content-type": `application/json; x=${SECRET}` } }),
    "a Content-Encoding": () =>
      new Response("{not json", { headers: { "content-type": "application/json", "content-encoding": SECRET } }),
    "the Content-Type of an empty body where the spec declares one": () =>
      new Response("", { headers: { "content-type": `application/json; x=${SECRET}` } }),
  };
  for (const [what, answer] of Object.entries(answers)) {
    it(what, async () => {
      const thrown = await verify(clientWith(answer)).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(ResponseParseError);
      expect(shown(thrown)).not.toContain(SECRET);
      expect(shown(thrown)).toContain(REDACTED);
    });
  }
});

describe("a failed response a middleware put a new Response in place of", () => {
  const echoing = () =>
    Response.json({ detail: `invalid key ${SECRET}` }, { status: 401, headers: { "x-echo": SECRET } });
  const retagged = {
    onResponse: ({ response }: { response: Response }) => {
      const headers = new Headers(response.headers);
      headers.set("x-seen-by", "my-app");
      return new Response(response.body, { status: response.status, headers });
    },
  };

  it("is redacted as the original would have been, in the call's error and the error unwrap throws", async () => {
    const client = clientWith(echoing);
    client.use(retagged);
    const { text, thrown } = await whatTheCallShows(verify(client));
    expect(text).not.toContain(SECRET);
    expect((thrown as Error).message).toBe(
      `GET https://api.example.com/api/v1/verify/${REDACTED.slice(1, -1)} answered 401: {"detail":"invalid key ${REDACTED}"}`,
    );
    expect((thrown as { headers: Record<string, string> }).headers).toMatchObject({
      "x-echo": REDACTED,
      "x-seen-by": "my-app",
    });
  });

  it("a success the middleware turned into a failure: the error names the request, redacted, and the service's type", async () => {
    const client = clientWith(() => Response.json({ ok: true }, { headers: { "x-request-id": "req_7" } }));
    const pin = "pin-9f8e7d6c5b"; // a secret parameter of this call alone
    client.use({
      onResponse: ({ response }: { response: Response }) =>
        Response.json({ detail: `maintenance, key ${SECRET}, pin ${pin}` }, { status: 503, headers: response.headers }),
    });
    const { text, thrown } = await whatTheCallShows(verify(client, pin));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(pin);
    expect(thrown).toMatchObject({ name: "InternalServerError", status: 503, requestId: "req_7" });
    expect((thrown as Error).message).toBe(
      `GET https://api.example.com/api/v1/verify/${REDACTED.slice(1, -1)} answered 503 (request id req_7): {"detail":"maintenance, key ${REDACTED}, pin ${REDACTED}"}`,
    );
  });

  it("keeps what the middleware made of a success", async () => {
    const client = clientWith(() => Response.json({ ok: true }));
    client.use(retagged);
    const { data, response } = await verify(client);
    expect(data).toEqual({ ok: true });
    expect(response.headers.get("x-seen-by")).toBe("my-app");
  });
});

describe("validateHeaderValue refuses C1 control characters, and takes Latin-1's letters and signs (property-based)", () => {
  it("a value holding U+0080–U+009F is an InvalidHeaderValueError that never quotes it", () => {
    const c1 = fc.integer({ min: 0x80, max: 0x9f }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), c1, (before, control) => {
        const value = `kw-secret-${before.replace(/[^\x21-\x7e]/g, "a")}${control}x`;
        const thrown = (() => {
          try {
            validateHeaderValue("X-Account-Id", value);
          } catch (error) {
            return error;
          }
        })();
        expect(thrown).toBeInstanceOf(InvalidHeaderValueError);
        expect((thrown as Error).message).not.toContain("kw-secret-");
      }),
    );
  });

  it("a value of Latin-1 letters and signs (U+00A0–U+00FF) passes as it is", () => {
    const latin1 = fc.integer({ min: 0xa1, max: 0xff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ unit: latin1, minLength: 1 }), (value) => {
        expect(validateHeaderValue("X-Account-Id", `M${value}`)).toBe(`M${value}`);
      }),
    );
  });
});
