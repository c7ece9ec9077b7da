import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  InsecureTransportError,
  InvalidHeaderValueError,
  MissingCredentialError,
  createHeaderAuth,
} from "../src/index.js";
import { catchError, meta, recordingClient } from "./fixtures.js";

const SECRET = "sk_live_MARKER_7f3a9c";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("createHeaderAuth: which headers are sent", () => {
  it("sends only the headers the operation's security requirement names", async () => {
    const { client, sent } = recordingClient({ credentials: { ApiKey: SECRET, AccountId: "acc_1" } });
    await client.GET("/hello");
    await client.GET("/scoped");
    await client.GET("/public");
    expect(sent[0]!.headers.get("x-api-key")).toBe(SECRET);
    expect(sent[0]!.headers.has("x-account-id")).toBe(false);
    expect(sent[1]!.headers.get("x-api-key")).toBe(SECRET);
    expect(sent[1]!.headers.get("x-account-id")).toBe("acc_1");
    expect(sent[2]!.headers.has("x-api-key")).toBe(false);
  });

  it("prefers the first security alternative whose credentials are all available", async () => {
    let token: string | undefined = "user-token-1";
    const { client, sent } = recordingClient({ credentials: { ApiKey: SECRET, UserToken: () => token } });
    await client.GET("/me");
    token = undefined;
    await client.GET("/me");
    expect(sent[0]!.headers.get("x-user-token")).toBe("user-token-1");
    expect(sent[1]!.headers.has("x-user-token")).toBe(false);
    expect(sent[1]!.headers.get("x-api-key")).toBe(SECRET);
  });

  it("sends a configured credential to an operation open to anonymous calls, whatever the alternatives' order", async () => {
    let key: string | undefined = SECRET;
    const { client, sent } = recordingClient({ credentials: { ApiKey: () => key } });
    await client.GET("/optional");
    key = undefined; // not available now: the call goes out anonymous, without another scheme's header
    await client.GET("/optional", { headers: { "X-Account-Id": "leaked" } });
    expect(sent[0]!.headers.get("x-api-key")).toBe(SECRET);
    expect([...sent[1]!.headers.keys()].filter((name) => name.startsWith("x-"))).toEqual([]);
  });

  it("removes headers of schemes the chosen alternative does not name, even if the caller set them", async () => {
    const { client, sent } = recordingClient({ credentials: { ApiKey: SECRET } });
    await client.GET("/hello", { headers: { "X-Account-Id": "leaked", "X-User-Token": "leaked" } });
    expect(sent[0]!.headers.has("x-account-id")).toBe(false);
    expect(sent[0]!.headers.has("x-user-token")).toBe(false);
  });

  it("keeps a scheme's header that the operation takes as a parameter, and removes the others", async () => {
    const { client, sent } = recordingClient({ credentials: { ApiKey: SECRET, AccountId: "acc_1" } });
    await client.GET("/accounts", {
      params: { header: { "X-Account-Id": "acc_2" } },
      headers: { "X-User-Token": "leaked" },
    });
    expect(sent[0]!.headers.get("x-account-id")).toBe("acc_2");
    expect(sent[0]!.headers.has("x-user-token")).toBe(false);
    expect(sent[0]!.headers.get("x-api-key")).toBe(SECRET);
  });

  it("lets a call override a context header for that call only", async () => {
    const { client, sent } = recordingClient({ credentials: { ApiKey: SECRET, AccountId: "acc_1" } });
    await client.GET("/scoped", { headers: { "X-Account-Id": "acc_2" } });
    await client.GET("/scoped");
    expect(sent.map((r) => r.headers.get("x-account-id"))).toEqual(["acc_2", "acc_1"]);
  });

  it("resolves sync and async providers for every request, so rotated keys are used", async () => {
    const keys = ["key-one", "key-two"];
    let calls = 0;
    const { client, sent } = recordingClient({
      credentials: { ApiKey: async () => keys[calls++ % 2], AccountId: () => "acc_1" },
    });
    await client.GET("/scoped");
    await client.GET("/scoped");
    expect(sent.map((r) => r.headers.get("x-api-key"))).toEqual(["key-one", "key-two"]);
  });

  it("tells providers the call's signal, so a provider's own wait ends with the call", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const { client } = recordingClient({
      credentials: { ApiKey: ({ signal }) => (signals.push(signal), SECRET), AccountId: "acc_1" },
      headerDefaults: { "X-Timezone": ({ signal }) => (signals.push(signal), "Europe/Paris") },
    });
    const controller = new AbortController();
    await client.GET("/scoped", { signal: controller.signal });
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal instanceof AbortSignal && !signal.aborted)).toBe(true);
    controller.abort();
    expect(signals.every((signal) => signal?.aborted)).toBe(true);
  });

  it("fills declared header parameters from client defaults, without overriding the call's own value", async () => {
    const { client, sent } = recordingClient({
      credentials: { ApiKey: SECRET, AccountId: "acc_1" },
      headerDefaults: { "X-Timezone": "Europe/Paris" },
    });
    await client.GET("/scoped");
    await client.GET("/scoped", { params: { header: { "X-Timezone": "Asia/Tokyo" } } });
    await client.GET("/hello");
    expect(sent.map((r) => r.headers.get("x-timezone"))).toEqual(["Europe/Paris", "Asia/Tokyo", null]);
  });

  it("sends bearer schemes in Authorization with their prefix", async () => {
    const { client, sent } = recordingClient({ credentials: { Bearer: "tok_abc" } });
    await client.GET("/bearer");
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer tok_abc");
  });
});

describe("createHeaderAuth: refusals", () => {
  it("throws MissingCredentialError naming the header before any request is sent", async () => {
    const { client, sent } = recordingClient({ credentials: { ApiKey: SECRET } });
    const failure = client.GET("/scoped");
    await expect(failure).rejects.toThrow(MissingCredentialError);
    await expect(failure).rejects.toThrow(/getScoped needs "X-Api-Key", "X-Account-Id"|getScoped needs "X-Account-Id"/);
    expect(sent).toHaveLength(0);
  });

  it("treats a provider returning nothing as missing", async () => {
    const { client, sent } = recordingClient({ credentials: { ApiKey: async () => undefined } });
    await expect(client.GET("/hello")).rejects.toThrow(/getHello needs "X-Api-Key"/);
    expect(sent).toHaveLength(0);
  });

  it("rejects a key containing CR LF at creation, naming the header and not the value", () => {
    const error = catchError(() => createHeaderAuth({ meta, credentials: { ApiKey: `${SECRET}\r\nX-Evil: 1` } }));
    expect(error).toBeInstanceOf(InvalidHeaderValueError);
    expect(error.message).toContain("X-Api-Key");
    expect(error.message).toContain("line break");
    expect(error.message).not.toContain(SECRET);
  });

  it("rejects an invalid value returned by a provider, before the request is sent", async () => {
    const { client, sent } = recordingClient({ credentials: { ApiKey: () => `${SECRET}\n` } });
    const error = await client.GET("/hello").then(
      () => new Error("expected a rejection"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(InvalidHeaderValueError);
    expect(error.message).not.toContain(SECRET);
    expect(sent).toHaveLength(0);
  });

  it("rejects an empty value", () => {
    expect(() => createHeaderAuth({ meta, credentials: { AccountId: "" } })).toThrow(/"X-Account-Id": it is empty/);
  });

  it("refuses to send a secret over plain http to a non-loopback host", async () => {
    const { client, sent } = recordingClient({ credentials: { ApiKey: SECRET } }, "http://api.example.test");
    const error = await client.GET("/hello").then(
      () => new Error("expected a rejection"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(InsecureTransportError);
    expect(error.message).toContain('"X-Api-Key"');
    expect(error.message).toContain("api.example.test");
    expect(error.message).not.toContain(SECRET);
    expect(sent).toHaveLength(0);
  });

  it("allows plain http to loopback hosts, and non-secret headers anywhere", async () => {
    for (const host of ["http://127.0.0.1:8080", "http://localhost:3000", "http://[::1]:9000"]) {
      const { client, sent } = recordingClient({ credentials: { ApiKey: SECRET } }, host);
      await client.GET("/hello");
      expect(sent).toHaveLength(1);
    }
    const { client, sent } = recordingClient({ credentials: {} }, "http://api.example.test");
    await client.GET("/public");
    expect(sent).toHaveLength(1);
  });

  it("refuses a non-browser-safe secret in a browser unless dangerouslyAllowBrowser is set", () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    const error = catchError(() => createHeaderAuth({ meta, credentials: { ApiKey: SECRET } }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain("dangerouslyAllowBrowser");
    expect(error.message).not.toContain(SECRET);
    expect(() =>
      createHeaderAuth({ meta, credentials: { ApiKey: SECRET }, dangerouslyAllowBrowser: true }),
    ).not.toThrow();
    expect(() => createHeaderAuth({ meta, credentials: { AccountId: "acc", UserToken: "user-token" } })).not.toThrow();
  });

  it("rejects credentials for schemes the API does not have", () => {
    expect(() => createHeaderAuth({ meta, credentials: { Nope: "x" } as never })).toThrow(
      /Unknown security scheme "Nope"/,
    );
  });

  it("rejects operations missing from the generated metadata", async () => {
    const { client } = recordingClient({ credentials: { ApiKey: SECRET } });
    await expect(client.GET("/unknown")).rejects.toThrow(/No operation GET \/unknown/);
  });
});

describe("createHeaderAuth: redaction", () => {
  it("hides a fixed key whatever number of other secrets the client sends after it (a token per user)", async () => {
    let user = 0;
    const { client, auth } = recordingClient({
      credentials: { ApiKey: SECRET, UserToken: () => `user-token-${++user}` },
    });
    for (let call = 0; call < 100; call++) await client.GET("/me");
    expect(auth.redactor.redactText(`bad key ${SECRET} for user-token-100`)).toBe("bad key [REDACTED] for [REDACTED]");
  });

  it("hides a provider's value sent again lately, though more than 32 others were sent since it first was", async () => {
    let call = 0;
    // The key goes with the 1st and the 22nd call, a new token with each of the other 40.
    const keyOrToken = () => (call++ % 21 === 0 ? SECRET : `sk_rotated_${call}`);
    const { client, auth } = recordingClient({ credentials: { ApiKey: keyOrToken } });
    for (let sent = 0; sent < 42; sent++) await client.GET("/hello");
    expect(auth.redactor.redactText(`bad key ${SECRET}`)).toBe("bad key [REDACTED]");
    expect(auth.redactor.redactText("old key sk_rotated_2")).toBe("old key sk_rotated_2"); // not sent for long: let go
  });

  it("keeps secrets out of util.inspect and JSON.stringify of the middleware and client", async () => {
    const { client, auth } = recordingClient({ credentials: { ApiKey: SECRET, AccountId: "acc_1" } });
    await client.GET("/hello");
    for (const value of [auth, client, auth.redactor]) {
      expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(SECRET);
      expect(JSON.stringify(value) ?? "").not.toContain(SECRET);
    }
  });

  it("redacts remembered secret values and secret headers", async () => {
    const { client, auth } = recordingClient({ credentials: { ApiKey: async () => SECRET } });
    await client.GET("/hello");
    expect(auth.redactor.redactText(`the key ${SECRET} was rejected`)).toBe("the key [REDACTED] was rejected");
    expect(auth.redactor.redactHeaders(new Headers({ "X-Api-Key": "anything", "X-Other": `echo ${SECRET}` }))).toEqual({
      "x-api-key": "[REDACTED]",
      "x-other": "echo [REDACTED]",
    });
  });
});
