import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createApiClient, InvalidHeaderValueError, validateHeaderValue } from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

const FORBIDDEN = ["\r", "\n", "\0"];
const visibleAscii = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
});

describe("validateHeaderValue (property-based)", () => {
  it("accepts every non-empty visible-ASCII value, and fetch's Headers accepts it too", () => {
    fc.assert(
      fc.property(visibleAscii, (value) => {
        expect(validateHeaderValue("X-Key", value)).toBe(value);
        expect(new Headers({ "X-Key": value }).get("X-Key")).toBe(value);
      }),
    );
  });

  it("names what a value that is not a string is, never quoting it", () => {
    for (const [value, kind] of [
      [12345, "a number"],
      [{ token: "kw-secret-1" }, "an object"],
      [["kw-secret-2"], "an array"],
      [null, "null"],
      [true, "a boolean"],
      [Number.NaN, "NaN"],
      [Number.NEGATIVE_INFINITY, "-Infinity"],
    ] as const) {
      expect(() => validateHeaderValue("X-Integration-Key", value)).toThrow(
        `Invalid value for header "X-Integration-Key": it is ${kind}, not a string`,
      );
    }
  });

  it("rejects any value containing CR, LF or NUL, naming the header and never the value", () => {
    fc.assert(
      fc.property(visibleAscii, fc.constantFrom(...FORBIDDEN), visibleAscii, (before, bad, after) => {
        const value = `kw-secret-${before}${bad}${after}`;
        let thrown: unknown;
        try {
          validateHeaderValue("X-Integration-Key", value);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(InvalidHeaderValueError);
        const message = (thrown as Error).message;
        expect(message).toContain("X-Integration-Key");
        expect(message).not.toContain("kw-secret-");
        expect(message).not.toContain(`${bad}${after}`);
      }),
    );
  });

  it("rejects empty and whitespace-only values", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(" ", "\t") }), (value) => {
        expect(() => validateHeaderValue("X-Key", value)).toThrow(/is empty/);
      }),
    );
  });

  it("never lets through a value that fetch's Headers would reject", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 12 }), (value) => {
        let accepted = false;
        try {
          validateHeaderValue("X-Key", value);
          accepted = true;
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidHeaderValueError);
        }
        if (accepted) expect(() => new Headers({ "X-Key": value })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe("validateHeaderValues: header names (property-based)", () => {
  it("refuses exactly the names fetch's Headers refuses, as a ConfigurationError naming it, before anything is sent", async () => {
    const sent: string[] = [];
    const fetch = async (url: string) => (sent.push(url), new Response("{}"));
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: "https://api.example.test",
      auth: apiKeyAuth(),
      fetch: fetch as typeof globalThis.fetch,
    });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", minLength: 1, maxLength: 12 }), async (name) => {
        const headersAllow = (() => {
          try {
            return new Headers([[name, "v"]]).has(name);
          } catch {
            return false;
          }
        })();
        const call = client.GET("/items", { headers: { [name]: "v" } });
        if (headersAllow) return void (await call);
        await expect(call).rejects.toThrow(
          new ConfigurationError(
            `GET /items: headers: ${JSON.stringify(name)} is not a header name HTTP allows: letters, digits and !#$%&'*+-.^_\`|~, without spaces`,
          ),
        );
      }),
      { numRuns: 300 },
    );
    expect(() =>
      createApiClient<Paths>({ meta, baseUrl: "https://x.test", auth: apiKeyAuth(), headers: { "Trace Id": "1" } }),
    ).toThrow(ConfigurationError);
    expect(sent.every((url) => url.startsWith("https://api.example.test/items"))).toBe(true);
  });
});

describe("validateHeaderValues: numbers", () => {
  it("sends a finite number as its text and refuses NaN and Infinity, which no header means, before anything is sent", async () => {
    const sent: (string | null)[] = [];
    const fetch = async (_url: string, init: RequestInit) => (
      sent.push(new Headers(init.headers).get("X-Count")), Response.json([])
    );
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: "https://api.example.test",
      auth: apiKeyAuth(),
      fetch: fetch as typeof globalThis.fetch,
    });
    await client.GET("/items", { params: { header: { "X-Count": 3 } } as never });
    for (const count of [Number.NaN, Number.POSITIVE_INFINITY])
      await expect(client.GET("/items", { params: { header: { "X-Count": count } } as never })).rejects.toMatchObject({
        constructor: InvalidHeaderValueError,
        header: "X-Count",
        reason: `is ${count}, not a string`,
        message: `GET /items: params.header["X-Count"] is ${count}, not a string`,
      });
    expect(sent).toEqual(["3"]);
  });
});
