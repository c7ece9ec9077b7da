import { inspect } from "node:util";
import { ConfigurationError } from "@keyway/runtime";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  WebhookMissingHeaderError,
  WebhookPayloadError,
  WebhookSignatureError,
  WebhookTimestampError,
  WebhookVerificationError,
  verifyWebhook,
} from "../src/webhooks.js";

const SECRET = `whsec_${Buffer.from("keyway-test-signing-secret-0123456789").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("another-endpoint-secret-9876543210ab").toString("base64")}`;
const event = {
  type: "team_membership.created",
  data: { team_id: "7a1d0c2e-0000-4000-8000-000000000002", user_id: "3f0e2b1c-0000-4000-8000-000000000001" },
};

/** Signs like Stack Auth's Svix delivery does, with the maintained library. */
function signed(body: string, { secret = SECRET, at = new Date(), id = "msg_2mXq1ZkY8" } = {}) {
  const signature = new Webhook(secret).sign(id, at, body);
  return { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature };
}

/** Everything a log line could show of an error: message, `String()`, `util.inspect` with its cause. */
function shown(error: unknown): string {
  return `${(error as Error).message} ${String(error)} ${inspect(error, { depth: 5 })}`;
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("an event of a type the spec does not list", () => {
  it("is returned verified, its type and data as sent, for the handler to acknowledge", () => {
    const body = JSON.stringify({ type: "session.created", data: { id: "sess_1", user_id: "user_1" } });
    expect(verifyWebhook(body, signed(body), SECRET)).toEqual({
      type: "session.created",
      data: { id: "sess_1", user_id: "user_1" },
    });
  });
});

describe("verifyWebhook", () => {
  const body = JSON.stringify(event);

  it("accepts a payload signed by the maintained library and returns the typed event", () => {
    const verified = verifyWebhook(body, signed(body), SECRET);
    expect(verified).toEqual(event);
    if (verified.type === "team_membership.created") expect(verified.data.team_id).toBe(event.data.team_id);
  });

  it("accepts Headers objects, byte bodies, and several signatures (secret rotation)", () => {
    const headers = signed(body);
    const rotated = `${signed(body, { secret: OTHER_SECRET })["svix-signature"]} ${headers["svix-signature"]}`;
    expect(
      verifyWebhook(new TextEncoder().encode(body), new Headers({ ...headers, "svix-signature": rotated }), SECRET),
    ).toEqual(event);
  });

  it("allows 5 minutes of clock skew", () => {
    const fourMinutesAgo = new Date(Date.now() - 4 * 60_000);
    expect(verifyWebhook(body, signed(body, { at: fourMinutesAgo }), SECRET)).toEqual(event);
  });

  it("a changed byte fails with WebhookSignatureError", () => {
    const headers = signed(body);
    const tampered = body.replace("000000000001", "000000000003");
    expect(tampered).not.toBe(body);
    expect(tampered.length).toBe(body.length);
    expect(() => verifyWebhook(tampered, headers, SECRET)).toThrow(WebhookSignatureError);
  });

  it("a wrong secret fails with WebhookSignatureError", () => {
    expect(() => verifyWebhook(body, signed(body, { secret: OTHER_SECRET }), SECRET)).toThrow(WebhookSignatureError);
  });

  it("a stale timestamp (6 minutes old) fails with WebhookTimestampError", () => {
    const stale = new Date(Date.now() - 6 * 60_000);
    const error = catchError(() => verifyWebhook(body, signed(body, { at: stale }), SECRET));
    expect(error).toBeInstanceOf(WebhookTimestampError);
    expect((error as Error).message).toBe(
      "The webhook's timestamp is more than 5 minutes from now (message timestamp too old); it may be a replay",
    );
  });

  it("a missing header fails with WebhookMissingHeaderError naming it", () => {
    const { "svix-timestamp": _, ...headers } = signed(body);
    expect(() => verifyWebhook(body, headers, SECRET)).toThrow(WebhookMissingHeaderError);
    expect(() => verifyWebhook(body, headers, SECRET)).toThrow(/"svix-timestamp"/);
  });

  it("each failure has its own class, all of them WebhookVerificationError", () => {
    const failures = [
      () => verifyWebhook(body.replace("team", "tеam"), signed(body), SECRET),
      () => verifyWebhook(body, signed(body, { at: new Date(Date.now() - 3_600_000) }), SECRET),
      () => verifyWebhook(body, {}, SECRET),
    ].map((fn) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      return undefined;
    });
    expect(failures.every((e) => e instanceof WebhookVerificationError)).toBe(true);
    expect(new Set(failures.map((e) => (e as object).constructor)).size).toBe(3);
  });

  it("a signed body that is not an event fails with WebhookPayloadError", () => {
    const notAnEvent = JSON.stringify({ hello: "world" });
    expect(() => verifyWebhook(notAnEvent, signed(notAnEvent), SECRET)).toThrow(WebhookPayloadError);
  });

  it("a signed body that is not JSON fails with WebhookPayloadError, quoting none of it", () => {
    const marker = "tok_MARKER_8d1f0c2b";
    const fragments = Array.from({ length: marker.length - 3 }, (_, at) => marker.slice(at, at + 4));
    // JSON.parse's own message quotes the text around where it fails, wherever that is.
    for (const notJson of [
      marker,
      `{"token": ${marker}}`,
      `{"token": "${marker}"`,
      `${marker}"}`,
      `[1, 2, ${marker}`,
    ]) {
      const error = catchError(() => verifyWebhook(notJson, signed(notJson), SECRET));
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect((error as Error).message).toBe("The webhook body is not valid JSON");
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
      const shown = `${String(error)} ${inspect(error, { depth: 5 })} ${String((error as Error).cause)}`;
      for (const fragment of fragments) expect(shown).not.toContain(fragment);
    }
  });

  it("a missing secret is a configuration error, not a verification failure", () => {
    // An unset environment variable arrives as undefined; the README's handler must answer 500, not blame the sender.
    for (const secret of ["", "   ", "whsec_", undefined, null] as unknown as string[]) {
      const error = catchError(() => verifyWebhook(body, signed(body), secret));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).not.toBeInstanceOf(WebhookVerificationError);
      expect((error as Error).message).toBe("verifyWebhook: the endpoint's signing secret (whsec_…) is required");
    }
  });

  it("a secret that is not a whsec_… secret is a configuration error that does not quote it", () => {
    const marker = "MARKER_secret_4f2a9c";
    for (const secret of [`whsec_${marker} !`, `whsec_${marker}`, `${marker}$`]) {
      const error = catchError(() => verifyWebhook(body, signed(body), secret));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).not.toBeInstanceOf(WebhookVerificationError);
      expect((error as Error).message).toBe(
        "verifyWebhook: the signing secret is not a valid whsec_… secret: what follows whsec_ must be base64",
      );
      expect(shown(error)).not.toContain(marker);
    }
    const notAString = catchError(() => verifyWebhook(body, signed(body), 42 as unknown as string));
    expect(notAString).toBeInstanceOf(ConfigurationError);
    expect((notAString as Error).message).toBe(
      "verifyWebhook: the signing secret must be a string (whsec_…), not a number",
    );
  });

  it("the secret is checked before the request: a bad secret is a configuration error whatever was delivered", () => {
    for (const headers of [{}, { ...signed(body), "svix-timestamp": "yesterday" }]) {
      const error = catchError(() => verifyWebhook(body, headers, ""));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).not.toBeInstanceOf(WebhookVerificationError);
    }
  });

  it("a line break around the secret (from a secrets file) is not part of it", () => {
    expect(verifyWebhook(body, signed(body), `${SECRET}\n`)).toEqual(event);
    expect(verifyWebhook(body, signed(body), `  ${SECRET}\r\n`)).toEqual(event);
  });

  it("a body that is not the raw body (already parsed), or no headers, is a configuration error quoting no body", () => {
    const parsed = { ...event, token: "tok_MARKER_5b7e1d" };
    for (const [rawBody, got] of [
      [parsed, "an object"],
      [undefined, "undefined"],
      [42, "a number"],
    ] as const) {
      const error = catchError(() => verifyWebhook(rawBody as unknown as string, signed(body), SECRET));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).not.toBeInstanceOf(WebhookVerificationError);
      expect((error as Error).message).toBe(
        `verifyWebhook: the body must be the raw request body, a string or bytes exactly as received, not ${got}` +
          " (parsed JSON? with Express, use express.raw() for this route)",
      );
      expect(shown(error)).not.toContain("tok_MARKER");
    }
    const noHeaders = catchError(() => verifyWebhook(body, undefined as never, SECRET));
    expect(noHeaders).toBeInstanceOf(ConfigurationError);
    expect((noHeaders as Error).message).toBe(
      "verifyWebhook: the request's headers are required (a Headers object or req.headers)",
    );
  });

  it("a timestamp that is not a Unix time in seconds fails with WebhookTimestampError saying so", () => {
    const headers = signed(body);
    const now = headers["svix-timestamp"];
    // `${now}abc` and `${now}.5` used to verify: the library reads the number they start with.
    for (const timestamp of ["not-a-number", `${now}abc`, `${now}.5`, `-${now}`, "2026-01-01T00:00:00Z", "0x1F"]) {
      const error = catchError(() => verifyWebhook(body, { ...headers, "svix-timestamp": timestamp }, SECRET));
      expect(error).toBeInstanceOf(WebhookTimestampError);
      expect((error as Error).message).toBe(
        `The webhook's "svix-timestamp" header is not a Unix time in seconds; is this request from Stack Auth (Svix)?`,
      );
      expect(shown(error)).not.toContain(SECRET.slice(6));
    }
    const twin = catchError(() =>
      verifyWebhook(
        body,
        {
          "webhook-id": headers["svix-id"],
          "webhook-timestamp": "soon",
          "webhook-signature": headers["svix-signature"],
        },
        SECRET,
      ),
    );
    expect(twin).toBeInstanceOf(WebhookTimestampError);
    expect((twin as Error).message).toContain(`"webhook-timestamp" header is not a Unix time in seconds`);
  });

  it("an empty header fails with WebhookMissingHeaderError naming it", () => {
    for (const name of ["svix-id", "svix-timestamp", "svix-signature"] as const) {
      for (const headers of [{ ...signed(body), [name]: "" }, new Headers({ ...signed(body), [name]: " " })]) {
        const error = catchError(() => verifyWebhook(body, headers, SECRET));
        expect(error).toBeInstanceOf(WebhookMissingHeaderError);
        expect(error).toMatchObject({ header: name });
        expect((error as Error).message).toBe(
          `The webhook has no "${name}" header, or an empty one; is this request from Stack Auth (Svix)?`,
        );
      }
    }
  });

  it("a signature header with no v1 signature fails with WebhookSignatureError saying so, quoting none of it", () => {
    const headers = signed(body);
    const digest = headers["svix-signature"].slice("v1,".length);
    const marker = "MARKER_sig_0c9d1e";
    for (const signature of [
      digest, // no "v1," prefix
      `v2,${digest}`,
      `v1a,${digest}`,
      "v1,",
      `v1,${marker}`,
      `v1,${digest}${marker}`,
      `${marker}`.repeat(2_000), // 34 kB
    ]) {
      const error = catchError(() => verifyWebhook(body, { ...headers, "svix-signature": signature }, SECRET));
      expect(error).toBeInstanceOf(WebhookSignatureError);
      expect((error as Error).message).toBe(
        `The webhook's "svix-signature" header holds no v1 signature ("v1," and a base64 HMAC-SHA256, space-separated);` +
          " is this request from Stack Auth (Svix)?",
      );
      expect(shown(error)).not.toContain(marker);
      expect(shown(error)).not.toContain(digest);
    }
  });

  it("huge or far-off header values get the most specific class, quoting neither them, the secret nor the body", () => {
    const marker = "MARKER_huge_7a3b5f";
    const withMarker = JSON.stringify({ ...event, token: marker });
    const headers = signed(withMarker);
    const noMatch = "No webhook signature matches: the body was altered or the secret is not this endpoint's";
    const tooNew =
      "The webhook's timestamp is more than 5 minutes from now (message timestamp too new); it may be a replay";
    const noV1 =
      `The webhook's "svix-signature" header holds no v1 signature ("v1," and a base64 HMAC-SHA256, space-separated);` +
      " is this request from Stack Auth (Svix)?";
    const cases = [
      [{ "svix-id": `msg_${marker}`.repeat(5_000) }, WebhookSignatureError, noMatch],
      [{ "svix-timestamp": "9".repeat(100_000) }, WebhookTimestampError, tooNew],
      [{ "svix-timestamp": String(Date.now()) }, WebhookTimestampError, tooNew], // milliseconds
      [{ "svix-signature": `v1,${marker} `.repeat(5_000) }, WebhookSignatureError, noV1],
    ] as const;
    for (const [override, errorClass, message] of cases) {
      const error = catchError(() => verifyWebhook(withMarker, { ...headers, ...override }, SECRET));
      expect(error).toBeInstanceOf(errorClass);
      expect((error as Error).message).toBe(message);
      expect(shown(error)).not.toContain(marker);
      expect(shown(error)).not.toContain(SECRET.slice("whsec_".length));
    }
  });
});
