// What a JavaScript caller gets wrong on day one, which TypeScript would have caught: each is a typed error before
// anything is sent.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createStackerClient, InvalidPathParameterError } from "../src/index.js";
import { INTEGRATION_KEY, stackerAgainst } from "./setup.js";

/** The option names the README's Options table documents, in its first column. */
const DOCUMENTED = readFileSync(new URL("../README.md", import.meta.url), "utf8")
  .split("\n## Options\n")[1]!
  .split("\n\n")[0]!
  .split("\n")
  .slice(2)
  .flatMap((row) => [...row.split("|")[1]!.matchAll(/`(\w+)`/g)].map((match) => match[1]!));

const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";

describe("a call of a path with parameters without params.path", () => {
  const inits: [string, unknown][] = [
    ["no init", undefined],
    ["path instead of params.path", { path: { object_sid: "object.custom.orders", record_sid: "rec7w" } }],
    ["the parameters in params", { params: { object_sid: "object.custom.orders", record_sid: "rec7w" } }],
  ];
  it.each(inits)("is an InvalidPathParameterError naming the first, nothing sent (%s)", async (_, init) => {
    const { stacker, server } = await stackerAgainst();
    const call = stacker.GET(RECORD, init as never);
    await expect(call).rejects.toThrow(InvalidPathParameterError);
    await expect(call).rejects.toThrow('Path parameter "object_sid" is missing');
    expect(server.requests).toEqual([]);
  });
});

describe("createStackerClient's options", () => {
  const withKey = (extra: object) => () => createStackerClient({ ...extra, integrationKey: INTEGRATION_KEY });

  it("refuses a misspelled option, naming the one it probably meant, so the key never goes to the real API", async () => {
    const { server } = await stackerAgainst();
    expect(withKey({ baseURL: server.url })).toThrow(ConfigurationError);
    expect(withKey({ baseURL: server.url })).toThrow(
      'createStackerClient has no option "baseURL": did you mean "baseUrl"?',
    );
    expect(withKey({ retries: 0 })).toThrow('createStackerClient has no option "retries": did you mean "maxRetries"?');
    expect(server.requests).toEqual([]);
  });

  it("refuses a misspelled withOptions setting, and a client option, which withOptions does not take", async () => {
    const { stacker } = await stackerAgainst();
    expect(() => stacker.withOptions({ timout: 5_000 } as never)).toThrow(ConfigurationError);
    expect(() => stacker.withOptions({ timout: 5_000 } as never)).toThrow(
      'withOptions has no option "timout": did you mean "timeout"?',
    );
    expect(() => stacker.withOptions({ baseUrl: "http://127.0.0.1:9" } as never)).toThrow(
      /^withOptions has no option "baseUrl": it takes maxRetries, timeout, /,
    );
  });

  it("says what is required when given nothing or a key in place of the options, never quoting the key", async () => {
    expect(() => (createStackerClient as () => unknown)()).toThrow(
      new ConfigurationError("createStackerClient takes an options object with integrationKey, got nothing"),
    );
    const error = await Promise.resolve(INTEGRATION_KEY as never)
      .then(createStackerClient)
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toBe(
      "ConfigurationError: createStackerClient takes an options object with integrationKey, got a string",
    );
    for (const text of [(error as Error).stack, inspect(error)]) expect(text).not.toContain(INTEGRATION_KEY);
  });

  it("takes exactly the options its README documents", () => {
    expect(DOCUMENTED).toContain("maxResponseBytes");
    fc.assert(
      fc.property(fc.subarray(DOCUMENTED), fc.string({ minLength: 1 }), (documented, name) => {
        const unset = Object.fromEntries(documented.map((option) => [option, undefined]));
        expect(withKey(unset)).not.toThrow();
        if (!DOCUMENTED.includes(name))
          expect(withKey({ [name]: 1 })).toThrow(`createStackerClient has no option ${JSON.stringify(name)}`);
      }),
    );
  });
});

describe("a URL as baseUrl", () => {
  it("is taken as fetch takes it", async () => {
    const { server } = await stackerAgainst((_req, res) => res.end("{}"));
    const stacker = createStackerClient({ integrationKey: INTEGRATION_KEY, baseUrl: new URL(`${server.url}/`) });
    const { response } = await stacker.GET("/api/external/hello/");
    expect(response.status).toBe(200);
    expect(server.requests.map((request) => request.url)).toEqual(["/api/external/hello/"]);
  });
});
