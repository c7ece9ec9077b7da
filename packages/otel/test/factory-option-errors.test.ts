// Every client package's factory, with each option the runtime checks given a bad value: the ConfigurationError names
// the function the application called. Here, where the runtime and every client package are dependencies together.
import { ConfigurationError, createApiClient, Redactor, type Authorizer } from "@keyway/runtime";
import { createStackAuthClient } from "@keyway/stack-auth";
import { createStackAuthServerClient } from "@keyway/stack-auth/server";
import { createStackerClient } from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";

const auth: Authorizer = { headers: [], redactor: new Redactor([]), authorize() {} };
const meta = { securitySchemes: {}, operations: {} };

/** Each factory an application calls, making a client with `options` added to the ones it needs. */
const factories: Record<string, (options: object) => unknown> = {
  createApiClient: (options) => createApiClient({ meta, baseUrl: "https://api.example.com", auth, ...options }),
  createStackerClient: (options) => createStackerClient({ integrationKey: "ik_test_1234", ...options }),
  createStackAuthClient: (options) =>
    createStackAuthClient({ projectId: "p_1", publishableClientKey: "pck_1", ...options }),
  createStackAuthServerClient: (options) =>
    createStackAuthServerClient({ projectId: "p_1", secretServerKey: "ssk_1", ...options }),
};

/** The `withOptions` of each client package, which takes the transport settings. */
const withOptions: Record<string, (options: object) => unknown> = {
  "Stacker's withOptions": (options) => createStackerClient({ integrationKey: "ik_test_1234" }).withOptions(options),
  "Stack Auth's withOptions": (options) =>
    createStackAuthClient({ projectId: "p_1", publishableClientKey: "pck_1" }).withOptions(options),
  "Stack Auth server's withOptions": (options) =>
    createStackAuthServerClient({ projectId: "p_1", secretServerKey: "ssk_1" }).withOptions(options),
};

const badTransportOptions: Record<string, object> = {
  maxRetries: { maxRetries: -1 },
  timeout: { timeout: 0 },
  maxResponseBytes: { maxResponseBytes: 0 },
  allowedRedirectOrigins: { allowedRedirectOrigins: ["files.example.com"] },
};

/** Each option the runtime checks for every client with a bad value, and what its error names. */
const badClientOptions: Record<string, [options: object, names: string]> = {
  ...Object.fromEntries(Object.entries(badTransportOptions).map(([name, options]) => [name, [options, name]])),
  baseUrl: [{ baseUrl: 42 }, "baseUrl"],
  headers: [{ headers: { "Bad Header": "x" } }, '"Bad Header" is not a header name'],
  userAgent: [{ userAgent: "my app é" }, "userAgent"],
  "secretParameters, not a list": [{ secretParameters: "invite_id" }, "secretParameters must be"],
  "secretParameters, a list of numbers": [{ secretParameters: [1] }, "secretParameters must be"],
  "secretParameters, an unknown key": [{ secretParameters: { exclude: ["key"] } }, 'got an object with "exclude"'],
  "secretParameters.except, not a list": [{ secretParameters: { except: "key" } }, "got a string as except"],
  "secretParameters, a name both added and excepted": [
    { secretParameters: { add: ["Key"], except: ["key"] } },
    'secretParameters names "Key" both in add and in except',
  ],
  "openTelemetry's secretParameters, a name the client excepts": [
    { secretParameters: { except: ["key"] }, instrumentation: openTelemetry({ secretParameters: ["key"] }) },
    "openTelemetry's secretParameters names a parameter the client's secretParameters except",
  ],
};

function errorOf(make: () => unknown): ConfigurationError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  return expect.fail("expected a ConfigurationError");
}

describe("a bad option's ConfigurationError names the function the application called", () => {
  for (const [factory, make] of Object.entries(factories)) {
    for (const [option, [options, names]] of Object.entries(badClientOptions)) {
      it(`${factory}, ${option}`, () => {
        const { message } = errorOf(() => make(options));
        expect(message.startsWith(`${factory}: `)).toBe(true);
        expect(message).toContain(names);
      });
    }
  }

  for (const [client, make] of Object.entries(withOptions)) {
    for (const [option, options] of Object.entries(badTransportOptions)) {
      it(`${client}, ${option}`, () => {
        expect(errorOf(() => make(options)).message).toMatch(new RegExp(`^withOptions: ${option}\\b`));
      });
    }
  }

  for (const factory of ["createStackAuthClient", "createStackAuthServerClient"])
    it(`${factory}, a headerFamily its API does not know (checked before the runtime's options)`, () => {
      const { message } = errorOf(() => factories[factory]!({ headerFamily: "acme" }));
      expect(message).toBe(
        `${factory}: headerFamily must be "stack" or "hexclave" (in lower case), got another string`,
      );
    });

  it("a client package's factory that passes sdk but not its name: named by none rather than by createApiClient", () => {
    const sdk = { name: "@acme/orders", version: "1.0.0" };
    const make = (options: object) => () =>
      createApiClient({ meta, baseUrl: "https://api.example.com", auth, sdk, ...options });
    expect(errorOf(make({ secretParameters: 7 })).message).toBe(
      "secretParameters must be a list of parameter names, or { add, except } with such lists, got a number",
    );
    expect(errorOf(make({ timeout: 0 })).message).toBe("timeout must be a positive number of milliseconds, got 0");
  });

  it("secretParameters given neither a list nor { add, except } says what it takes, naming no value", () => {
    const { message } = errorOf(() =>
      createStackerClient({ integrationKey: "ik_test_1234", secretParameters: 7 as never }),
    );
    expect(message).toBe(
      "createStackerClient: secretParameters must be a list of parameter names, or { add, except } with such lists, got a number",
    );
  });
});
