import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createApiClient } from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

// An outside review: a base URL from an environment variable may hold a token (`https://user:token@host`,
// `host?api_key=…`), and one that is not an http(s) URL at all (no scheme, `//` alone, a typo in the scheme, a space
// in the host) is refused with a message that quotes it. The token must not be in that message, however the URL is
// broken.
const token = fc.stringMatching(/^[A-Za-z0-9_-]{8,24}$/).map((text) => `tok${text}`);
const host = fc.constantFrom("api.example.com", "127.0.0.1:8080", "exa mple.com", "[::1]");
const scheme = fc.constantFrom("", "//", "https//", "https:", "htps://", "ftp://", "ws://", "https:/ /", "user:");
const holding = fc.constantFrom(
  (key: string, at: string) => `${key}@${at}`,
  (key: string, at: string) => `user:${key}@${at}`,
  (key: string, at: string) => `${key}:x-oauth-basic@${at}`,
  (key: string, at: string) => `user:pa/ss${key}@${at}`,
  (key: string, at: string) => `${at}/v1?api_key=${key}`,
  (key: string, at: string) => `${at}?${key}`,
  (key: string, at: string) => `${at}/v1#${key}`,
);

describe("a base URL that is not an http(s) URL", () => {
  it("is refused without quoting a token it holds", () => {
    fc.assert(
      fc.property(token, host, scheme, holding, (key, at, prefix, hold) => {
        const baseUrl = `${prefix}${hold(key, at)}`;
        let thrown: unknown;
        try {
          createApiClient<Paths>({ meta, baseUrl, auth: apiKeyAuth() });
        } catch (error) {
          thrown = error;
        }
        // Some of these are http(s) URLs after all (`https:user:token@host`): refused for their credentials or query.
        expect(thrown).toBeInstanceOf(ConfigurationError);
        expect((thrown as Error).message).not.toContain(key);
      }),
      { numRuns: 400 },
    );
  });

  it("is still named in the message, without its query and credentials", () => {
    const refused = (baseUrl: string) => () => createApiClient<Paths>({ meta, baseUrl, auth: apiKeyAuth() });
    expect(refused("api.example.com/v1?api_key=k3y")).toThrow('got "api.example.com/v1"');
    expect(refused("//user:k3y@api.example.com/v1")).toThrow('got "…@api.example.com/v1"');
    expect(refused("ftp://user:k3y@files.example.com/")).toThrow('got "ftp://files.example.com/"');
  });
});
