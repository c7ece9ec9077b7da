import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, createApiClient } from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A client whose requests are captured at the network boundary; resolves with the User-Agent of its first request. */
async function sentUserAgent(
  options: {
    sdk?: { name: string; version: string };
    userAgent?: string;
    headers?: Record<string, string>;
    dangerouslyAllowBrowser?: boolean;
  } = {},
) {
  const sent: Request[] = [];
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: apiKeyAuth(),
    fetch: async (input, init) => {
      sent.push(new Request(input, init));
      return Response.json([]);
    },
    ...options,
  });
  await client.GET("/items");
  return sent[0]!.headers.get("user-agent");
}

describe("User-Agent", () => {
  it("names the keyway package and version, then the runtime and its version", async () => {
    expect(await sentUserAgent()).toBe(`keyway-runtime/0.0.0-dev node/${process.versions.node}`);
    expect(await sentUserAgent({ sdk: { name: "@keyway/stacker", version: "1.2.3" } })).toBe(
      `keyway-stacker/1.2.3 node/${process.versions.node}`,
    );
  });

  it("ends with the application's product tokens", async () => {
    expect(
      await sentUserAgent({
        sdk: { name: "@keyway/stacker", version: "1.2.3" },
        userAgent: "my-app/1.4.0 (+https://example.com/bot)",
      }),
    ).toBe(`keyway-stacker/1.2.3 node/${process.versions.node} my-app/1.4.0 (+https://example.com/bot)`);
  });

  it("gives way to a User-Agent set in headers, whatever its case", async () => {
    expect(await sentUserAgent({ headers: { "user-agent": "custom/1" } })).toBe("custom/1");
  });

  it.each(["", "my-app/", "café/1.0", "my-app/1.0\r\nX-Injected: 1", "a//b", "(unclosed"])(
    "refuses %j as product tokens, naming the option",
    (userAgent) => {
      expect(() =>
        createApiClient({ meta, baseUrl: "https://api.example.com", auth: apiKeyAuth(), userAgent }),
      ).toThrow(ConfigurationError);
      expect(() =>
        createApiClient({ meta, baseUrl: "https://api.example.com", auth: apiKeyAuth(), userAgent }),
      ).toThrow(/userAgent must be product tokens/);
    },
  );

  it("is not set in a browser, which sends its own and would preflight a custom one", async () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    expect(await sentUserAgent({ userAgent: "my-app/1.4.0", dangerouslyAllowBrowser: true })).toBeNull();
  });
});
