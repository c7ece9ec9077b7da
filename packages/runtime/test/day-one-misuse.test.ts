// What a JavaScript caller gets wrong on day one, which TypeScript would have caught: each is a typed error before
// anything is sent.
import fc from "fast-check";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createApiClient, InvalidPathParameterError, type ApiClientOptions } from "../src/index.js";
import { apiKeyAuth, meta, SECRET, type Paths } from "./harness.js";

/** A fetch that records each URL it is asked for and answers `{}`. */
function recordingFetch() {
  const sent: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    sent.push(input instanceof Request ? input.url : String(input));
    return Response.json({});
  };
  return { fetch, sent };
}

type Options = ApiClientOptions<"ApiKey">;

function clientOptions(fetch: Options["fetch"]): Options {
  return { meta, baseUrl: "https://api.example.com/v1", auth: apiKeyAuth(), fetch };
}

describe("a path with parameters called without params.path", () => {
  const calls: [string, unknown][] = [
    ["no init", undefined],
    ["path instead of params.path", { path: { id: "it_1" } }],
    ["the parameter in params", { params: { id: "it_1" } }],
  ];
  it.each(calls)("is an InvalidPathParameterError naming it, nothing sent (%s)", async (_, init) => {
    const { fetch, sent } = recordingFetch();
    const { client } = createApiClient<Paths>(clientOptions(fetch));
    const call = client.GET("/items/{id}", init as never);
    await expect(call).rejects.toThrow(InvalidPathParameterError);
    await expect(call).rejects.toThrow(
      `Path parameter "id" is missing: give it in the call's params: { path: { id: … } }; it must name exactly one path segment`,
    );
    // Only calls of this path: one without parameters goes out as before.
    await client.GET("/items");
    expect(sent).toEqual(["https://api.example.com/v1/items"]);
  });
});

describe("createApiClient's options", () => {
  it("refuses a misspelled option, naming the one it probably meant, before anything is sent", () => {
    const { fetch, sent } = recordingFetch();
    const misspelled = (extra: object) => () => createApiClient({ ...clientOptions(fetch), ...extra } as Options);
    expect(misspelled({ baseURL: "http://127.0.0.1:9" })).toThrow(ConfigurationError);
    expect(misspelled({ baseURL: "http://127.0.0.1:9" })).toThrow(
      'createApiClient has no option "baseURL": did you mean "baseUrl"?',
    );
    expect(misspelled({ retries: 0 })).toThrow('createApiClient has no option "retries": did you mean "maxRetries"?');
    expect(misspelled({ zzzzzzzzz: 1 })).toThrow(
      /^createApiClient has no option "zzzzzzzzz": it takes maxRetries, .*, auth,/,
    );
    expect(sent).toEqual([]);
  });

  it("is a ConfigurationError saying what is required when missing or not an object, never quoting it", () => {
    expect(() => createApiClient(undefined as never)).toThrow(
      new ConfigurationError("createApiClient takes an options object with baseUrl, meta, auth, got nothing"),
    );
    const error = catching(() => createApiClient(SECRET as never));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe("createApiClient takes an options object with baseUrl, meta, auth, got a string");
    for (const text of [String(error), error.stack, inspect(error)]) expect(text).not.toContain(SECRET);
  });

  it("is a ConfigurationError naming a required option left out", () => {
    const { meta: _meta, ...withoutMeta } = clientOptions(undefined);
    expect(() => createApiClient(withoutMeta as never)).toThrow(
      new ConfigurationError("createApiClient: meta is required"),
    );
    const { auth: _auth, ...withoutAuth } = clientOptions(undefined);
    expect(() => createApiClient(withoutAuth as never)).toThrow(
      new ConfigurationError("createApiClient: auth is required"),
    );
  });

  it("never takes a name its options type does not declare, and takes every one it does", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.subarray(API_OPTION_NAMES), (name, declared) => {
        const options = {
          ...Object.fromEntries(declared.map((option) => [option, undefined])),
          ...clientOptions(undefined),
        };
        if (API_OPTION_NAMES.includes(name)) return void createApiClient(options);
        expect(() => createApiClient({ ...options, [name]: undefined })).toThrow(
          `createApiClient has no option ${JSON.stringify(name)}`,
        );
      }),
    );
  });
});

/** What `make` threw: for a test that looks into the error itself. */
function catching(make: () => unknown): Error {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  return expect.fail("nothing was thrown");
}

/** The options ApiClientOptions declares. */
const API_OPTION_NAMES = [
  "meta",
  "baseUrl",
  "auth",
  "fetch",
  "headers",
  "dangerouslyAllowBrowser",
  "instrumentation",
  "userAgent",
  "maxRetries",
  "timeout",
  "retryNonIdempotent",
  "hooks",
  "allowedRedirectOrigins",
  "maxResponseBytes",
  "isRetryableResponse",
  "recover",
  "toError",
  "requestIdHeaders",
  "service",
  "sdk",
  "formBodies",
  "mediaBodies",
];

describe("a URL as baseUrl", () => {
  it("is taken as fetch takes it", async () => {
    const { fetch, sent } = recordingFetch();
    const { client } = createApiClient<Paths>({ ...clientOptions(fetch), baseUrl: new URL("http://127.0.0.1:9/v1/") });
    await client.GET("/items/{id}", { params: { path: { id: "it_1" } } });
    expect(sent).toEqual(["http://127.0.0.1:9/v1/items/it_1"]);
  });

  it("and nothing else but text: a ConfigurationError naming its kind", () => {
    const numbered = () => createApiClient({ ...clientOptions(undefined), baseUrl: 443 as never });
    expect(numbered).toThrow(ConfigurationError);
    expect(numbered).toThrow('baseUrl must be a string or a URL such as "https://api.example.com", got a number');
  });
});

describe("client.request with a method the client does not send", () => {
  it.each(["PROPFIND", "use", "eject", "", 42])(
    "is a ConfigurationError naming it and the methods it takes, nothing sent (%s)",
    async (method) => {
      const { fetch, sent } = recordingFetch();
      const { client } = createApiClient<Paths>(clientOptions(fetch));
      const call = client.request(method as never, "/items");
      await expect(call).rejects.toThrow(ConfigurationError);
      await expect(call).rejects.toThrow(
        `client.request: ${JSON.stringify(method)} is not an HTTP method; give one of get, put, post, delete, options, head, patch, trace`,
      );
      await client.request("get", "/items");
      expect(sent).toEqual(["https://api.example.com/v1/items"]);
    },
  );
});
