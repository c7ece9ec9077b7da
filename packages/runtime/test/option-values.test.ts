// Options of createApiClient and of a call whose values keyway refuses in words of their own: an entry of headers, a
// userAgent comment, a client's setting given to a call. tests/adversarial's header-values property gives every option
// of every client package's factory and of a call every kind of value.
import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createApiClient,
  InvalidHeaderValueError,
  secretParameters,
  type Instrumentation,
} from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((_request, response) => sendJson(response, 200, []));
});
afterAll(() => server.close());

describe("an option of createApiClient", () => {
  it("a header default that cannot be sent is named as the headers option's entry, its class and fields kept", () => {
    for (const [value, reason] of [
      [{}, "is an object, not a string"],
      ["", "is empty"],
      ["a\nb", "contains a line break (CR or LF)"],
      ["ü€", "contains a control character or a character outside Latin-1"],
    ] as const) {
      const failure = (() => {
        try {
          createApiClient({ meta, baseUrl: server.url, auth: apiKeyAuth(), headers: { "X-Trace": value as string } });
        } catch (error) {
          return error;
        }
      })();
      expect(failure).toBeInstanceOf(InvalidHeaderValueError);
      expect(failure).toMatchObject({
        header: "X-Trace",
        reason,
        message: `createApiClient: headers["X-Trace"] ${reason}`,
      });
    }
  });

  it("headers given as a Headers, whose entries an object spread drops, is refused", () => {
    expect(() =>
      createApiClient({
        meta,
        baseUrl: server.url,
        auth: apiKeyAuth(),
        headers: new Headers({ "X-Trace": "1" }) as never,
      }),
    ).toThrow(new ConfigurationError("createApiClient: headers is a Headers, not an object of header values"));
  });

  it("headers given as a Map, whose entries an object spread drops too, is refused", () => {
    expect(() =>
      createApiClient({
        meta,
        baseUrl: server.url,
        auth: apiKeyAuth(),
        headers: new Map([["X-Request-Source", "batch-job"]]) as never,
      }),
    ).toThrow(new ConfigurationError("createApiClient: headers is a Map, not an object of header values"));
  });

  it("userAgent with a control character or one beyond Latin-1, even in a comment, is refused", () => {
    for (const userAgent of ["my-app/1.0 (\u0001)", "my-app/1.0 (\u20ac)", "my-app/1.0 (a\tb\r\n)", "my-app\r\n/1.0"])
      expect(() => createApiClient({ meta, baseUrl: server.url, auth: apiKeyAuth(), userAgent })).toThrow(
        /^createApiClient: userAgent must be product tokens/,
      );
    // Latin-1 and a tab in a comment are what HTTP allows there.
    expect(() =>
      createApiClient({ meta, baseUrl: server.url, auth: apiKeyAuth(), userAgent: "my-app/1.0 (caf\u00e9;\tx)" }),
    ).not.toThrow();
  });
});

describe("secretParameters: null", () => {
  it("leaves the rule unset, as every option: the default rule, and no rule handed to an instrumentation", async () => {
    const handed: unknown[] = [];
    const instrumentation: Instrumentation = {
      instrumentClient: ({ secretParameters: rule }) => {
        handed.push(rule);
        return { startCall: () => undefined };
      },
    };
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: server.url,
      auth: apiKeyAuth(),
      secretParameters: null as never,
      instrumentation,
    });
    expect((await client.GET("/items")).response.status).toBe(200);
    expect(handed).toEqual([undefined]);
    expect([secretParameters(null)("client_secret"), secretParameters(null)("user_id")]).toEqual([true, false]);
  });
});

describe("an option of a call", () => {
  it("an option only a client takes, given to a call, says where it goes instead of being passed over", async () => {
    const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth() });
    for (const name of ["hooks", "allowedRedirectOrigins"])
      await expect(client.GET("/items", { [name]: {} })).rejects.toThrow(
        new ConfigurationError(
          `GET /items: ${name} is a client's option, not a call's: use client.withOptions({ ${name} })`,
        ),
      );
  });
});
