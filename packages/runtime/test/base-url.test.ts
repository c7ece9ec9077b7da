import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkedBaseUrl, ConfigurationError, createApiClient } from "../src/index.js";
import { apiKeyAuth, meta, SECRET, type Paths } from "./harness.js";

const PASSWORD = "pw_MARKER_3d9a";

describe("checkedBaseUrl: the base URL a client is given", () => {
  it("is taken without its trailing slashes", () => {
    expect(checkedBaseUrl("https://api.example.com/v1//")).toBe("https://api.example.com/v1");
    expect(checkedBaseUrl("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080");
  });

  it.each([
    [
      "not a URL",
      "api.example.com",
      'baseUrl must be an http(s) URL such as "https://api.example.com", got "api.example.com"',
    ],
    [
      "another scheme, with a password",
      `ftp://ops:${PASSWORD}@files.example.com`,
      'baseUrl must be an http(s) URL such as "https://api.example.com", got "ftp://files.example.com"',
    ],
    [
      "an http(s) URL with a user name and password",
      `https://ops:${PASSWORD}@api.example.com/v1/`,
      'baseUrl must not hold a user name or password, which fetch refuses: use "https://api.example.com/v1/"',
    ],
    [
      "an http(s) URL with a user name only",
      "https://ops@api.example.com",
      'baseUrl must not hold a user name or password, which fetch refuses: use "https://api.example.com/"',
    ],
    [
      "an http(s) URL with a query holding a key",
      `https://api.example.com/v1/?key=${PASSWORD}`,
      'baseUrl must not hold a query or a fragment, which would come before every call\'s path: use "https://api.example.com/v1" and give query parameters per call',
    ],
    [
      "an http(s) URL with a fragment",
      `https://api.example.com/v1#${PASSWORD}`,
      'baseUrl must not hold a query or a fragment, which would come before every call\'s path: use "https://api.example.com/v1"',
    ],
    [
      "an http(s) URL ending in a bare question mark",
      "https://api.example.com/v1?",
      'baseUrl must not hold a query or a fragment, which would come before every call\'s path: use "https://api.example.com/v1"',
    ],
  ])("is a ConfigurationError when it is %s, which does not quote the password", (_name, baseUrl, message) => {
    const refusal = (() => {
      try {
        checkedBaseUrl(baseUrl);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ConfigurationError);
    expect((refusal as Error).message).toContain(message);
    expect((refusal as Error).message).not.toContain(PASSWORD);
  });

  it("names the option and the example it is given", () => {
    expect(() =>
      checkedBaseUrl("orders.internal", { option: "ORDERS_API_URL", example: "https://orders.example.com" }),
    ).toThrow('ORDERS_API_URL must be an http(s) URL such as "https://orders.example.com", got "orders.internal"');
    // Text that is no attempt at a URL may be a key passed where the base URL goes: never quoted.
    expect(() => checkedBaseUrl("sk_live_4eC39HqLyjWDarjtT1zdp7dc")).toThrow(
      'baseUrl must be an http(s) URL such as "https://api.example.com", got text that is not a URL',
    );
  });

  it("is checked when a client is created, before any request (property-based over user names and passwords)", () => {
    fc.assert(
      fc.property(fc.webSegment(), fc.webSegment(), (user, password) => {
        fc.pre(user.length > 0 || password.length > 0);
        const baseUrl = `https://${user}${password ? `:${password}` : ""}@api.example.com`;
        fc.pre(URL.canParse(baseUrl) && Boolean(new URL(baseUrl).username || new URL(baseUrl).password));
        let sent = 0;
        const fetch = async () => (sent++, new Response("{}"));
        expect(() => createApiClient<Paths>({ meta, baseUrl, auth: apiKeyAuth(), fetch })).toThrow(
          'baseUrl must not hold a user name or password, which fetch refuses: use "https://api.example.com/"',
        );
        expect(sent).toBe(0);
      }),
    );
  });
});

describe("a call's own baseUrl (openapi-fetch's per-call option)", () => {
  const clientOf = () => {
    const sent: { url: string; key: string | null }[] = [];
    const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(url), key: new Headers(init?.headers).get("x-api-key") });
      return Response.json({});
    };
    const { client } = createApiClient<Paths>({
      meta,
      baseUrl: "https://api.example.com/v1",
      auth: apiKeyAuth(),
      fetch,
    });
    return { client, sent };
  };

  it("may name another path on the client's origin, and the call goes there with its credentials", async () => {
    const { client, sent } = clientOf();
    await client.GET("/items/{id}", { params: { path: { id: "a b" } }, baseUrl: "https://api.example.com/v2/" });
    expect(sent).toEqual([{ url: "https://api.example.com/v2/items/a%20b", key: SECRET }]);
  });

  it("on another origin (any scheme, host or port) is a ConfigurationError, and nothing is sent", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.webUrl({ withQueryParameters: false, withFragments: false }),
        fc.constantFrom("GET" as const, "PUT" as const, "DELETE" as const),
        async (other, method) => {
          fc.pre(new URL(other).origin !== "https://api.example.com");
          const { client, sent } = clientOf();
          const init = { params: { path: { id: "1" } }, baseUrl: other };
          const call =
            method === "GET"
              ? client.GET("/items/{id}", init)
              : method === "PUT"
                ? client.PUT("/items/{id}", init)
                : client.DELETE("/items/{id}", init);
          const refusal = await call.catch((error: unknown) => error);
          expect(refusal).toBeInstanceOf(ConfigurationError);
          expect((refusal as Error).message).toBe(
            `${method} /items/{id}: A call's baseUrl must be on the client's origin (https://api.example.com), where its credentials go, not ${new URL(other).origin}: create a client for ${new URL(other).origin}`,
          );
          expect(sent).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("is checked as the client's is: no user name, password, query or fragment", async () => {
    const { client, sent } = clientOf();
    await expect(client.GET("/items", { baseUrl: `https://ops:${PASSWORD}@api.example.com/v1` })).rejects.toThrow(
      `A call's baseUrl must not hold a user name or password, which fetch refuses: use "https://api.example.com/v1"`,
    );
    await expect(client.GET("/items", { baseUrl: `https://api.example.com/v1?key=${PASSWORD}` })).rejects.toThrow(
      ConfigurationError,
    );
    expect(sent).toEqual([]);
  });
});
