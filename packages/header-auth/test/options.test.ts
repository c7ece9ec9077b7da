// What a JavaScript caller gets wrong on day one, which TypeScript would have caught: a typed error when the
// middleware is made.
import fc from "fast-check";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createHeaderAuth, InvalidHeaderValueError, Redactor } from "../src/index.js";
import { meta } from "./fixtures.js";

const KEY = "sk_MARKER_header_auth_5e1d";

/** Every option HeaderAuthOptions declares. */
const OPTIONS = ["meta", "credentials", "headerDefaults", "dangerouslyAllowBrowser", "redactor"];

describe("createHeaderAuth's options", () => {
  const given = (extra: object) => () => createHeaderAuth({ ...extra, meta, credentials: { ApiKey: KEY } });

  it("refuse a fixed header default that cannot be sent when the middleware is made, not at every call", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.constant("Europe/Paris\r\nX-Admin: 1")),
        (value) => {
          const made = given({ headerDefaults: { "X-Timezone": value } });
          expect(made).toThrow(InvalidHeaderValueError);
          expect(made).toThrow(/Invalid value for header "X-Timezone"/);
        },
      ),
      { numRuns: 40 },
    );
    expect(
      given({ headerDefaults: { "X-Timezone": "Europe/Paris", "X-Trace": () => 42, "X-Other": undefined } }),
    ).not.toThrow();
  });

  it("refuse a misspelled option, naming the one it probably meant", () => {
    const misspelled = () => createHeaderAuth({ meta, credential: { ApiKey: KEY } } as never);
    expect(misspelled).toThrow(ConfigurationError);
    expect(misspelled).toThrow('createHeaderAuth has no option "credential": did you mean "credentials"?');
  });

  it("say what is required when given nothing or a key in place of the options, never quoting the key", async () => {
    expect(() => (createHeaderAuth as () => unknown)()).toThrow(
      new ConfigurationError("createHeaderAuth takes an options object with meta, credentials, got nothing"),
    );
    const error = await Promise.resolve(KEY as never)
      .then(createHeaderAuth)
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toBe(
      "ConfigurationError: createHeaderAuth takes an options object with meta, credentials, got a string",
    );
    for (const text of [(error as Error).stack, inspect(error)]) expect(text).not.toContain(KEY);
  });

  it("take exactly the options they declare", () => {
    expect(given({ headerDefaults: {}, dangerouslyAllowBrowser: false, redactor: new Redactor([]) })).not.toThrow();
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (name) => {
        if (!OPTIONS.includes(name))
          expect(given({ [name]: 1 })).toThrow(`createHeaderAuth has no option ${JSON.stringify(name)}`);
      }),
    );
  });
});
