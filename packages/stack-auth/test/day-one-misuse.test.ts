// What a JavaScript caller gets wrong on day one, which TypeScript would have caught: each is a typed error before
// anything is sent.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createStackAuthClient } from "../src/index.js";
import { createStackAuthServerClient } from "../src/server.js";
import { clientAgainst, PROJECT_ID, SECRET_SERVER_KEY, serverClientAgainst } from "./setup.js";

/** The option names the README's options table documents (the one that starts with `projectId`). */
function documentedOptions(): string[] {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const rows = readme.slice(readme.indexOf("| `projectId` |")).split("\n\n")[0]!.split("\n");
  return rows.map((row) => /^\| `(\w+)`/.exec(row)![1]!);
}

const FACTORIES = [
  {
    name: "createStackAuthClient",
    create: createStackAuthClient as (options: unknown) => unknown,
    required: { projectId: PROJECT_ID },
    otherAccess: "secretServerKey",
  },
  {
    name: "createStackAuthServerClient",
    create: createStackAuthServerClient as (options: unknown) => unknown,
    required: { projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY },
    otherAccess: "publishableClientKey",
  },
];

describe.each(FACTORIES)("$name's options", ({ name, create, required, otherAccess }) => {
  const given = (extra: object) => () => create({ ...extra, ...required });

  it("refuse a misspelled option, naming the one it probably meant, before anything is sent", async () => {
    const { server } = await clientAgainst();
    expect(given({ baseURL: server.url })).toThrow(ConfigurationError);
    expect(given({ baseURL: server.url })).toThrow(`${name} has no option "baseURL": did you mean "baseUrl"?`);
    expect(server.requests).toEqual([]);
  });

  it("say what is required when given nothing or a key in place of the options, never quoting the key", async () => {
    const requiredNames = Object.keys(required).join(", ");
    expect(() => create(undefined)).toThrow(
      new ConfigurationError(`${name} takes an options object with ${requiredNames}, got nothing`),
    );
    const error = await Promise.resolve(SECRET_SERVER_KEY)
      .then(create)
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toBe(
      `ConfigurationError: ${name} takes an options object with ${requiredNames}, got a string`,
    );
    for (const text of [(error as Error).stack, inspect(error)]) expect(text).not.toContain(SECRET_SERVER_KEY);
  });

  it("take exactly the options the README documents for them", () => {
    const documented = documentedOptions().filter((option) => option !== otherAccess);
    expect(documented).toContain("headerFamily");
    fc.assert(
      fc.property(fc.subarray(documented), fc.string({ minLength: 1 }), (options, option) => {
        expect(given(Object.fromEntries(options.map((unset) => [unset, undefined])))).not.toThrow();
        if (!documented.includes(option))
          expect(given({ [option]: 1 })).toThrow(`${name} has no option ${JSON.stringify(option)}`);
      }),
    );
  });
});

describe("withOptions", () => {
  it("refuses a misspelled setting, on either access", async () => {
    const { stack } = await clientAgainst();
    const { admin } = await serverClientAgainst();
    for (const client of [stack, admin])
      expect(() => client.withOptions({ timout: 5_000 } as never)).toThrow(
        new ConfigurationError('withOptions has no option "timout": did you mean "timeout"?'),
      );
  });
});

describe("signIn given something else than a sign-in call", () => {
  const PASSWORD = "MARKER_correct_horse";
  const wrong: [string, unknown][] = [
    ["the credentials", { email: "ada@example.com", password: PASSWORD }],
    ["a promise of the credentials", Promise.resolve({ email: "ada@example.com", password: PASSWORD })],
    ["nothing", undefined],
  ];
  it.each(wrong)("is a ConfigurationError saying what it takes, never quoting it (%s)", async (_, given) => {
    const { stack, server } = await clientAgainst();
    const error = await stack.signIn(given as never).then(
      () => expect.fail("signIn resolved"),
      (failure: Error) => failure,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      `signIn takes a sign-in call, such as stack.signIn(stack.POST("/auth/password/sign-in", { body: { email, password } })), got ${given === undefined ? "nothing" : "an object"}`,
    );
    for (const text of [String(error), error.stack, inspect(error)]) expect(text).not.toContain(PASSWORD);
    expect(server.requests).toEqual([]);
    expect(await stack.getSession()).toBeDefined();
  });
});
