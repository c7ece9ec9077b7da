// Schemes beyond one apiKey header each: several schemes sharing the Authorization header, and HTTP basic.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigurationError, InvalidHeaderValueError, createHeaderAuth, encodeBasicCredentials } from "../src/index.js";
import { catchError, meta, recordingClient } from "./fixtures.js";

const USER_TOKEN = "user_tok_MARKER_1a2b";
const ADMIN_TOKEN = "admin_tok_MARKER_3c4d";
const PASSWORD = "pw_MARKER_5e6f";

describe("schemes sharing one header", () => {
  it("sends each operation its own scheme's credential, never removing the header the chosen scheme set", async () => {
    const { client, sent } = recordingClient({ credentials: { Bearer: USER_TOKEN, AdminKey: ADMIN_TOKEN } });
    await client.GET("/bearer");
    await client.GET("/admin");
    await client.GET("/either");
    expect(sent.map((request) => request.headers.get("authorization"))).toEqual([
      `Bearer ${USER_TOKEN}`,
      `Bearer ${ADMIN_TOKEN}`,
      `Bearer ${ADMIN_TOKEN}`,
    ]);
  });

  it("falls back to the next alternative on the same header when the first has no credential", async () => {
    let admin: string | undefined;
    const { client, sent } = recordingClient({ credentials: { Bearer: USER_TOKEN, AdminKey: () => admin } });
    await client.GET("/either");
    admin = ADMIN_TOKEN;
    await client.GET("/either");
    expect(sent.map((request) => request.headers.get("authorization"))).toEqual([
      `Bearer ${USER_TOKEN}`,
      `Bearer ${ADMIN_TOKEN}`,
    ]);
  });

  it("still removes a shared header from operations that need none of its schemes", async () => {
    const { client, sent } = recordingClient({
      credentials: { Bearer: USER_TOKEN, AdminKey: ADMIN_TOKEN, ApiKey: "key_1234" },
    });
    await client.GET("/hello", { headers: { Authorization: "Bearer leaked" } });
    expect(sent[0]!.headers.has("authorization")).toBe(false);
    expect(sent[0]!.headers.get("x-api-key")).toBe("key_1234");
  });
});

describe("a caller's own value for a header schemes share", () => {
  it("is sent as the scheme its prefix names, whichever alternative comes first", async () => {
    const { client, sent } = recordingClient({ credentials: { Basic: { username: "u", password: PASSWORD } } });
    await client.GET("/basic-or-bearer", { headers: { Authorization: `Bearer ${USER_TOKEN}` } });
    await client.GET("/basic-or-bearer", { headers: { Authorization: `bearer ${USER_TOKEN}` } });
    const basic = `Basic ${btoa(`caller:${PASSWORD}`)}`;
    await client.GET("/basic-or-bearer", { headers: { Authorization: basic } });
    expect(sent.map((request) => request.headers.get("authorization"))).toEqual([
      `Bearer ${USER_TOKEN}`,
      `Bearer ${USER_TOKEN}`,
      basic,
    ]);
  });

  it("without a prefix, is the first alternative's, with that scheme's prefix", async () => {
    const { client, sent } = recordingClient({ credentials: {} });
    await client.GET("/either", { headers: { Authorization: USER_TOKEN } });
    expect(sent[0]!.headers.get("authorization")).toBe(`Bearer ${USER_TOKEN}`);
  });
});

describe("HTTP basic schemes", () => {
  it("send Basic base64(username:password) from a { username, password } credential", async () => {
    const { client, sent } = recordingClient({
      credentials: { Basic: { username: "AC_account", password: PASSWORD } },
    });
    await client.GET("/basic");
    expect(sent[0]!.headers.get("authorization")).toBe(`Basic ${btoa(`AC_account:${PASSWORD}`)}`);
  });

  it("take the pair from a (sync or async) provider, for every request", async () => {
    const passwords = ["first-pass", "second-pass"];
    let calls = 0;
    const { client, sent } = recordingClient({
      credentials: { Basic: async () => ({ username: "u", password: passwords[calls++]! }) },
    });
    await client.GET("/basic");
    await client.GET("/basic");
    expect(sent.map((request) => atob(request.headers.get("authorization")!.slice("Basic ".length)))).toEqual([
      "u:first-pass",
      "u:second-pass",
    ]);
  });

  it("redact the password and the encoded value", async () => {
    const { client, auth } = recordingClient({ credentials: { Basic: { username: "u", password: PASSWORD } } });
    await client.GET("/basic");
    const encoded = btoa(`u:${PASSWORD}`);
    expect(auth.redactor.redactText(`rejected ${PASSWORD} (${encoded})`)).toBe("rejected [REDACTED] ([REDACTED])");
  });

  it("refuse 'user:password' text, a username with a colon, and a pair for a non-basic scheme, naming no value", () => {
    expect(() => createHeaderAuth({ meta, credentials: { Basic: `u:${PASSWORD}` } })).toThrow(ConfigurationError);
    const colon = catchError(() =>
      createHeaderAuth({ meta, credentials: { Basic: { username: "a:b", password: PASSWORD } } }),
    );
    expect(colon).toBeInstanceOf(ConfigurationError);
    expect(colon.message).not.toContain(PASSWORD);
    expect(() => createHeaderAuth({ meta, credentials: { ApiKey: { username: "u", password: PASSWORD } } })).toThrow(
      '"X-Api-Key" is { username, password }, not a string',
    );
    const broken = catchError(() =>
      createHeaderAuth({ meta, credentials: { Basic: { username: "u", password: `${PASSWORD}\r\n` } } }),
    );
    expect(broken).toBeInstanceOf(InvalidHeaderValueError);
    expect(broken.message).not.toContain(PASSWORD);
  });

  it("encode any user name and password as RFC 7617 does (UTF-8, then base64)", () => {
    const text = fc
      .string({ unit: "grapheme", minLength: 1 })
      .filter((s) => s.trim() !== "" && !/[\u0000-\u001f\u007f]/.test(s));
    fc.assert(
      fc.property(
        text.filter((s) => !s.includes(":")),
        fc.oneof(fc.constant(""), text),
        (username, password) => {
          let encoded: string;
          try {
            encoded = encodeBasicCredentials("Authorization", { username, password });
          } catch (error) {
            // Characters HTTP forbids in a header value are refused by name, never sent.
            expect(error).toBeInstanceOf(InvalidHeaderValueError);
            return;
          }
          const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
          expect(new TextDecoder().decode(bytes)).toBe(`${username}:${password}`);
        },
      ),
    );
  });
});
